// Shows the "findings only" control and toggles the page class it stands for. The page reads
// fully without this script: the control stays hidden and every row stays shown.
(function () {
  "use strict";
  var control = document.getElementById("filter");
  var box = document.getElementById("findings-only");
  if (!control || !box) {
    return;
  }
  control.hidden = false;
  var apply = function () {
    document.body.classList.toggle("findings-only", box.checked);
  };
  box.addEventListener("change", apply);
  apply();
})();
