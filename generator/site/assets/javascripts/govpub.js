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

/* govpub: the documents catalog on /documents/ — filter every published document by year,
 * 文种, 机构 and 主题. The page holds the filters only; the documents come from
 * documents/catalog/<year>.json, fetched newest year first and only for the years that can
 * match (documents/catalog/index.json lists which 文种, 机构 and 主题 each year has). Filters are
 * kept in the address (?type=通知&year=2025), so a filtered list can be linked to.
 * All text from the catalog is inserted with textContent. */
(function () {
  "use strict";
  var PAGE = 50;
  var FIELDS = ["year", "type", "dept", "topic"];

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function Catalog(root) {
    this.root = root;
    this.base = new URL(root.getAttribute("data-catalog"), document.baseURI);
    this.form = root.querySelector("form");
    this.status = root.querySelector(".gp-catalog__status");
    this.list = root.querySelector(".gp-catalog__results");
    this.more = root.querySelector(".gp-catalog__more");
    this.shards = {};
    this.index = null;
    this.seq = 0;
    this.shown = PAGE;
    var self = this;
    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (name) {
      var sel = self.form.elements[name];
      var want = params.get(name);
      if (sel && want) {
        sel.value = want;
        if (sel.value !== want) { sel.value = ""; }
      }
      if (sel) { sel.addEventListener("change", function () { self.shown = PAGE; self.run(true); }); }
    });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); self.shown = PAGE; self.run(true); });
    this.more.addEventListener("click", function () { self.shown += PAGE; self.render(); });
    this.run(false);
  }

  Catalog.prototype.json = function (rel) {
    var url = new URL(rel, this.base).href;
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error(rel + ": HTTP " + r.status); }
      return r.json();
    });
  };

  Catalog.prototype.filters = function () {
    var f = {};
    var form = this.form;
    FIELDS.forEach(function (name) { f[name] = form.elements[name] ? form.elements[name].value : ""; });
    return f;
  };

  Catalog.prototype.keepInUrl = function (f) {
    var url = new URL(window.location.href);
    FIELDS.forEach(function (name) {
      if (f[name]) { url.searchParams.set(name, f[name]); } else { url.searchParams.delete(name); }
    });
    if (url.href !== window.location.href) { window.history.replaceState(window.history.state, "", url.href); }
  };

  Catalog.prototype.run = async function (fromUser) {
    var seq = ++this.seq;
    var f = this.filters();
    if (fromUser) { this.keepInUrl(f); }
    this.root.setAttribute("aria-busy", "true");
    this.status.textContent = "正在筛选…";
    try {
      if (!this.index) { this.index = await this.json("index.json"); }
      var idx = this.index;
      var t = f.type ? idx.types.indexOf(f.type) : null;
      var d = f.dept ? idx.departments.indexOf(f.dept) : null;
      var o = f.topic ? idx.topics.indexOf(f.topic) : null;
      var years = idx.years.filter(function (y) {
        return (!f.year || String(y.year) === f.year) &&
          (t === null || y.types.indexOf(t) !== -1) &&
          (d === null || y.departments.indexOf(d) !== -1) &&
          (o === null || y.topics.indexOf(o) !== -1);
      });
      this.matches = [];
      this.pending = years.length;
      this.render();
      for (var i = 0; i < years.length; i++) {
        var year = years[i].year;
        var shard = this.shards[year];
        if (!shard) { shard = this.shards[year] = this.json(year + ".json"); }
        var data = await shard;
        if (seq !== this.seq) { return; }
        var self = this;
        data.docs.forEach(function (row) {
          if ((t === null || row[3] === t) && (d === null || row[4] === d) &&
              (o === null || row[5].indexOf(o) !== -1)) {
            self.matches.push({ year: data.year, row: row });
          }
        });
        this.pending -= 1;
        this.render();
      }
    } catch (err) {
      if (seq !== this.seq) { return; }
      this.status.textContent = "筛选暂时不可用，请按年份浏览。";
      this.root.removeAttribute("aria-busy");
      if (window.console) { console.error(err); }
    }
  };

  Catalog.prototype.render = function () {
    var idx = this.index;
    var list = this.list;
    var site = this.base;
    while (list.firstChild) { list.removeChild(list.firstChild); }
    this.matches.slice(0, this.shown).forEach(function (m) {
      var row = m.row;
      var li = el("li", "gp-catalog__item");
      var a = el("a", "gp-catalog__title", row[2]);
      a.href = new URL("../" + m.year + "/" + encodeURIComponent(row[0]) + "/", site).href;
      li.appendChild(a);
      var meta = [row[1], idx.types[row[3]], m.year + "年" + parseInt(row[6].slice(0, 2), 10) + "月" +
        parseInt(row[6].slice(2), 10) + "日"];
      if (row[4] >= 0) { meta.push(idx.departments[row[4]]); }
      if (idx.statuses[row[7]] !== "有效") { meta.push(idx.statuses[row[7]]); }
      li.appendChild(el("div", "gp-catalog__meta", meta.join(" · ")));
      list.appendChild(li);
    });
    var n = this.matches.length;
    var done = this.pending === 0;
    if (done) {
      this.status.textContent = n ? "共 " + n + " 件" + (n > this.shown ? "，显示前 " + this.shown + " 件" : "") :
        "没有符合条件的公文。";
      this.root.removeAttribute("aria-busy");
      this.root.setAttribute("data-state", "done");
    } else {
      this.status.textContent = "已找到 " + n + " 件，正在载入更早的年份…";
      this.root.setAttribute("data-state", n ? "partial" : "loading");
    }
    this.more.hidden = n <= this.shown;
  };

  function setup() {
    var root = document.getElementById("gp-catalog");
    if (root && !root.getAttribute("data-ready")) {
      root.setAttribute("data-ready", "1");
      root.govpubCatalog = new Catalog(root);
    }
  }

  /* Tables that scroll sideways (wide attachments) can be reached and scrolled with the keyboard. */
  function scrollables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        if (!box.hasAttribute("tabindex")) {
          box.setAttribute("tabindex", "0");
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", "表格（可左右滚动）");
        }
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  function init() { setup(); scrollables(); }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  window.addEventListener("resize", scrollables);
})();
