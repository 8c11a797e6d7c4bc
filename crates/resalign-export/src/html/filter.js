// Shows the filter bar and makes it work: "findings only", the severities and the code shown,
// and the keys j/n and k/p (next and previous finding) and f (findings only). The page reads
// fully without this script: the bar stays hidden and every row and finding stays shown.
(function () {
  "use strict";
  var control = document.getElementById("filter");
  var box = document.getElementById("findings-only");
  if (!control || !box) {
    return;
  }
  control.hidden = false;
  var codeFilter = document.getElementById("code-filter");
  var position = document.getElementById("finding-position");
  var severityBoxes = Array.prototype.slice.call(
    control.querySelectorAll("input[data-severity]")
  );
  // Places with findings, in page order: the verdict banner, the documents, the rows.
  var stops = Array.prototype.slice.call(document.querySelectorAll("[data-findings]"));
  var stopFindings = stops.map(function (stop) {
    return stop.getAttribute("data-findings").split(" ").map(function (token) {
      var parts = token.split(":");
      return { severity: parts[0], code: parts[1] };
    });
  });
  // Everything that shows one finding or a group of one code: notes and list entries.
  var items = Array.prototype.slice.call(document.querySelectorAll("li[data-code]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.part"));
  var current = -1;

  var wanted = function (severity, code) {
    var codeWanted = codeFilter.value === "" || codeFilter.value === code;
    return codeWanted && severityBoxes.some(function (input) {
      return input.checked && input.getAttribute("data-severity") === severity;
    });
  };

  var passes = function (index) {
    return stopFindings[index].some(function (finding) {
      return wanted(finding.severity, finding.code);
    });
  };

  var apply = function () {
    document.body.classList.toggle("findings-only", box.checked);
    items.forEach(function (item) {
      var code = item.getAttribute("data-code");
      var shown = item.getAttribute("data-severity").split(" ").some(function (severity) {
        return wanted(severity, code);
      });
      item.hidden = !shown;
    });
    stops.forEach(function (stop, index) {
      stop.classList.toggle("filtered-out", !passes(index));
    });
    sections.forEach(function (section) {
      var matched = section.querySelector("[data-findings]:not(.filtered-out)") !== null;
      section.classList.toggle("no-match", !matched);
    });
    showPosition();
  };

  var showPosition = function () {
    var shown = stops.filter(function (_, index) {
      return passes(index);
    });
    var at = current >= 0 ? shown.indexOf(stops[current]) : -1;
    position.textContent =
      shown.length === 0
        ? "no finding shown"
        : (at >= 0 ? "place " + (at + 1) + " of " : "") + shown.length + " places with findings";
  };

  // Moves to the next (step 1) or previous (step -1) place whose findings pass the filters.
  var go = function (step) {
    for (var index = current + step; index >= 0 && index < stops.length; index += step) {
      if (passes(index)) {
        select(index);
        return;
      }
    }
  };

  var select = function (index) {
    if (current >= 0) {
      stops[current].classList.remove("current");
    }
    current = index;
    var stop = stops[current];
    stop.classList.add("current");
    if (!stop.hasAttribute("tabindex")) {
      stop.setAttribute("tabindex", "-1");
    }
    stop.focus({ preventScroll: true });
    stop.scrollIntoView({ block: "center" });
    showPosition();
  };

  // Keys typed into a text box or a list are not commands.
  var typing = function (target) {
    var name = target && target.tagName;
    var textBox = name === "INPUT" && target.type !== "checkbox";
    return textBox || name === "SELECT" || name === "TEXTAREA" || target.isContentEditable;
  };

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
      return;
    }
    switch (event.key) {
      case "j":
      case "n":
        go(1);
        break;
      case "k":
      case "p":
        go(-1);
        break;
      case "f":
        box.checked = !box.checked;
        apply();
        break;
      default:
        return;
    }
    event.preventDefault();
  });
  box.addEventListener("change", apply);
  codeFilter.addEventListener("change", apply);
  severityBoxes.forEach(function (input) {
    input.addEventListener("change", apply);
  });
  apply();
})();
