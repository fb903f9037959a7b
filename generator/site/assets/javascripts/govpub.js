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
    this.more.addEventListener("click", function () { self.showMore(); });
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

  /* How many documents of a year have a facet value (index.json lists [value, count] pairs). */
  function countOf(pairs, value) {
    for (var i = 0; i < pairs.length; i++) { if (pairs[i][0] === value) { return pairs[i][1]; } }
    return 0;
  }

  Catalog.prototype.run = async function (fromUser) {
    var seq = ++this.seq;
    var f = this.filters();
    if (fromUser) { this.keepInUrl(f); }
    this.root.setAttribute("aria-busy", "true");
    this.status.textContent = "正在筛选…";
    try {
      if (!this.index) { this.index = await this.json("index.json"); }
      if (seq !== this.seq) { return; }
      var idx = this.index;
      var want = {
        type: f.type ? idx.types.indexOf(f.type) : null,
        dept: f.dept ? idx.departments.indexOf(f.dept) : null,
        topic: f.topic ? idx.topics.indexOf(f.topic) : null
      };
      var facets = [["types", want.type], ["departments", want.dept], ["topics", want.topic]].filter(function (x) {
        return x[1] !== null;
      });
      this.want = want;
      this.years = idx.years.filter(function (y) {
        return (!f.year || String(y.year) === f.year) && facets.every(function (x) { return countOf(y[x[0]], x[1]) > 0; });
      });
      // the total is known from the index unless two facets are combined
      this.total = facets.length > 1 ? null : this.years.reduce(function (sum, y) {
        return sum + (facets.length ? countOf(y[facets[0][0]], facets[0][1]) : y.count);
      }, 0);
      this.next = 0;
      this.matches = [];
      await this.fill(seq);
    } catch (err) {
      if (seq !== this.seq) { return; }
      this.status.textContent = "筛选暂时不可用，请按年份浏览。";
      this.root.removeAttribute("aria-busy");
      if (window.console) { console.error(err); }
    }
  };

  /* Fetch years (newest first) until the page is full or no year is left. */
  Catalog.prototype.fill = async function (seq) {
    var want = this.want;
    this.loading = true;
    this.render();
    while (this.next < this.years.length && this.matches.length < this.shown) {
      var year = this.years[this.next].year;
      var shard = this.shards[year];
      if (!shard) { shard = this.shards[year] = this.json(year + ".json"); }
      var data = await shard;
      if (seq !== this.seq) { return; }
      var self = this;
      data.docs.forEach(function (row) {
        if ((want.type === null || row[3] === want.type) && (want.dept === null || row[4] === want.dept) &&
            (want.topic === null || row[5].indexOf(want.topic) !== -1)) {
          self.matches.push({ year: data.year, row: row });
        }
      });
      this.next += 1;
      this.render();
    }
    this.loading = false;
    this.render();
  };

  Catalog.prototype.showMore = async function () {
    this.shown += PAGE;
    this.root.setAttribute("aria-busy", "true");
    await this.fill(this.seq);
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
    var shown = Math.min(n, this.shown);
    var more = n > this.shown || this.next < this.years.length;
    if (this.loading) {
      this.status.textContent = n ? "已找到 " + n + " 件，正在载入…" : "正在筛选…";
      this.root.setAttribute("data-state", n ? "partial" : "loading");
    } else {
      var total = this.total !== null ? this.total : (more ? null : n);
      if (total === 0) {
        this.status.textContent = "没有符合条件的公文。";
      } else if (total === null) {
        this.status.textContent = "已显示 " + shown + " 件，更早的年份可能还有";
      } else {
        this.status.textContent = "共 " + total + " 件" + (total > shown ? "，显示前 " + shown + " 件" : "");
      }
      this.root.removeAttribute("aria-busy");
      this.root.setAttribute("data-state", "done");
    }
    this.more.hidden = !more;
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
