/* govpub: filter the document tables by 文种 and 机构 (no data leaves the page). */
(function () {
  "use strict";
  function setup() {
    document.querySelectorAll(".gp-filter").forEach(function (box) {
      var holder = document.getElementById(box.getAttribute("data-table"));
      var table = holder && holder.querySelector("table");
      if (!table) { return; }
      var selects = box.querySelectorAll("select[data-column]");
      function apply() {
        var rows = table.querySelectorAll("tbody tr");
        rows.forEach(function (row) {
          var show = true;
          selects.forEach(function (sel) {
            var want = sel.value;
            var cell = row.children[parseInt(sel.getAttribute("data-column"), 10)];
            if (want && (!cell || cell.textContent.trim() !== want)) { show = false; }
          });
          row.hidden = !show;
        });
      }
      selects.forEach(function (sel) { sel.addEventListener("change", apply); });
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
