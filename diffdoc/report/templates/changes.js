(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var tables = Array.prototype.slice.call(document.querySelectorAll("table.changes tbody"));
  function value(id) { return document.getElementById(id).value; }
  function apply() {
    var since = value("since"), until = value("until");
    var least = parseInt(value("least"), 10) || 0, order = value("order");
    tables.forEach(function (body) {
      var rows = Array.prototype.slice.call(body.rows), shown = 0;
      rows.forEach(function (row) {
        var date = row.dataset.date, size = parseInt(row.dataset.size, 10);
        var hide = (since && date < since) || (until && date > until) || size < least;
        row.hidden = Boolean(hide);
        if (!hide) { shown += 1; }
      });
      rows.sort(function (a, b) {
        var byDate = a.dataset.date < b.dataset.date ? -1 : (a.dataset.date > b.dataset.date ? 1 : 0);
        var bySize = parseInt(a.dataset.size, 10) - parseInt(b.dataset.size, 10);
        var byRank = parseInt(a.dataset.rank, 10) - parseInt(b.dataset.rank, 10);
        if (order === "oldest") { return byDate || -byRank; }
        if (order === "largest") { return -bySize || byRank; }
        if (order === "smallest") { return bySize || byRank; }
        return byRank;
      });
      rows.forEach(function (row) { body.appendChild(row); });
      var count = document.getElementById(body.dataset.count);
      if (count) { count.textContent = String(shown); }
    });
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
}());
