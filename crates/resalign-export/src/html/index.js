// Sorts and filters the pairs of the batch index. The page reads fully without this script: the
// filter bar stays hidden, and the table keeps its natural order. Sort keys and the text a filter
// searches are read once; a sort moves the rows while the table body is out of the page, so ten
// thousand rows stay quick.
(function () {
  "use strict";
  var form = document.getElementById("index-filter");
  var table = document.getElementById("pairs");
  if (!form || !table) {
    return;
  }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var statusFilter = document.getElementById("status-filter");
  var codeFilter = document.getElementById("code-filter");
  var textFilter = document.getElementById("text-filter");
  var shown = document.getElementById("shown-count");
  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  var searchText = rows.map(function (row) {
    return row.textContent.toLowerCase();
  });
  var codes = rows.map(function (row) {
    return " " + row.getAttribute("data-codes") + " ";
  });
  var keys = {};
  var sorted = { column: 0, descending: false };

  form.hidden = false;
  document.body.classList.add("filtering");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });

  var matchesStatus = function (status, wanted) {
    if (wanted === "") {
      return true;
    }
    if (wanted === "findings") {
      return status === "errors" || status === "warnings" || status === "info";
    }
    return status === wanted;
  };

  var filter = function () {
    var status = statusFilter.value;
    var code = codeFilter.value === "" ? "" : " " + codeFilter.value + " ";
    var text = textFilter.value.trim().toLowerCase();
    var count = 0;
    for (var index = 0; index < rows.length; index += 1) {
      var row = rows[index];
      var visible =
        matchesStatus(row.getAttribute("data-status"), status) &&
        (code === "" || codes[index].indexOf(code) !== -1) &&
        (text === "" || searchText[index].indexOf(text) !== -1);
      if (row.hidden === visible) {
        row.hidden = !visible;
      }
      if (visible) {
        count += 1;
      }
    }
    shown.textContent = count + " of " + rows.length + " pairs shown";
  };

  // The sort key of every row for a column: a number, or text compared by the collator.
  var columnKeys = function (column, kind) {
    if (keys[column]) {
      return keys[column];
    }
    keys[column] = rows.map(function (row) {
      var cell = row.cells[column];
      if (kind === "key") {
        return Number(cell.getAttribute("data-key"));
      }
      if (kind === "number") {
        return cell.textContent === "" ? -1 : Number(cell.textContent);
      }
      return cell.textContent;
    });
    return keys[column];
  };

  var sortBy = function (button) {
    var column = Number(button.getAttribute("data-column"));
    var kind = button.getAttribute("data-sort");
    var descending = sorted.column === column ? !sorted.descending : kind === "number";
    var values = columnKeys(column, kind);
    var order = rows.map(function (_, index) {
      return index;
    });
    order.sort(function (a, b) {
      var left = values[a];
      var right = values[b];
      var by = typeof left === "number" ? left - right : collator.compare(left, right);
      if (by === 0) {
        return a - b;
      }
      return descending ? -by : by;
    });
    // Out of the document while the rows move, so that the page is laid out once.
    table.removeChild(body);
    order.forEach(function (index) {
      body.appendChild(rows[index]);
    });
    table.appendChild(body);
    sorted = { column: column, descending: descending };
    table.querySelectorAll("thead th").forEach(function (heading, index) {
      if (index === column) {
        heading.setAttribute("aria-sort", descending ? "descending" : "ascending");
      } else {
        heading.removeAttribute("aria-sort");
      }
    });
  };

  table.querySelectorAll("button.sort").forEach(function (button) {
    button.addEventListener("click", function () {
      sortBy(button);
    });
  });
  statusFilter.addEventListener("change", filter);
  codeFilter.addEventListener("change", filter);
  textFilter.addEventListener("input", filter);
  document.querySelectorAll("a.code-link").forEach(function (link) {
    link.addEventListener("click", function () {
      codeFilter.value = link.getAttribute("data-code");
      filter();
    });
  });
  filter();
})();
