// Search boxes on Pagefind's JavaScript API. The page holds the form, the filter button, a
// status line (announced to screen readers) and the result list; this script fills them.
// Pagefind loads its index when a box is first used (or at once, on the search page), and
// the filters' value lists only when a reader opens the filters: a query costs the index
// chunks and result excerpts it needs, nothing more. Works for whatever filters the pages
// declare (data-pagefind-filter) and shows any metadata they give (data-pagefind-meta).
"use strict";

(function () {
  var PAGE_SIZE = 5; // results shown at first, and added by "More results"
  var DEBOUNCE_MS = 300;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Pagefind's excerpts are text with <mark> around the matched words: rebuilt here from
  // text nodes and marks only, so nothing else a page held can become markup.
  function excerpt(html, className) {
    var parsed = document.createElement("template");
    parsed.innerHTML = html;
    var out = element("p", className);
    parsed.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") out.appendChild(element("mark", null, node.textContent));
      else out.appendChild(document.createTextNode(node.textContent));
    });
    return out;
  }

  function label(name) {
    return name.charAt(0).toUpperCase() + name.slice(1).replace(/[-_]/g, " ");
  }

  function SearchBox(root) {
    this.root = root;
    this.form = root.querySelector("form");
    this.input = root.querySelector("input[type=search]");
    this.status = root.querySelector("[role=status]");
    this.list = root.querySelector(".search-results");
    this.more = root.querySelector(".search-more");
    this.toggle = root.querySelector(".search-filters-toggle");
    this.panel = root.querySelector(".search-filters-panel");
    this.bundle = root.dataset.bundlePath;
    this.site = "siteSearch" in root.dataset;
    this.chosen = {}; // filter name -> [values]
    this.results = [];
    this.shown = 0;
    this.ready = null;
    this.serial = 0;
  }

  SearchBox.prototype.start = function () {
    var box = this;
    this.form.hidden = false;
    if (this.toggle) this.toggle.parentNode.hidden = false;
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      box.search(0);
    });
    this.input.addEventListener("input", function () { box.search(DEBOUNCE_MS); });
    this.input.addEventListener("focus", function () { box.pagefind(); }, { once: true });
    this.more.addEventListener("click", function () { box.showMore(true); });
    if (this.toggle) this.toggle.addEventListener("click", function () { box.toggleFilters(); });
    if (this.site) {
      var query = new URLSearchParams(window.location.search).get("q");
      if (query) {
        this.input.value = query;
        this.search(0);
      } else {
        this.input.focus();
      }
    }
  };

  SearchBox.prototype.pagefind = function () {
    if (!this.ready) {
      var bundle = this.bundle;
      this.ready = import(bundle + "pagefind.js").then(function (pagefind) {
        return pagefind.init().then(function () { return pagefind; });
      });
    }
    return this.ready;
  };

  SearchBox.prototype.filters = function () {
    var chosen = {};
    var box = this;
    Object.keys(this.chosen).forEach(function (name) {
      if (box.chosen[name].length) chosen[name] = { any: box.chosen[name] };
    });
    return chosen;
  };

  SearchBox.prototype.search = function (delay) {
    var box = this;
    var serial = ++this.serial;
    var query = this.input.value.trim();
    var filters = this.filters();
    var filtered = Object.keys(filters).length > 0;
    if (this.site) {
      var address = new URL(window.location.href);
      if (query) address.searchParams.set("q", query); else address.searchParams.delete("q");
      window.history.replaceState(null, "", address);
    }
    if (!query && !filtered) {
      this.status.textContent = "";
      this.list.replaceChildren();
      this.more.hidden = true;
      return;
    }
    this.pagefind().then(function (pagefind) {
      return delay ? pagefind.debouncedSearch(query || null, { filters: filters }, delay)
                   : pagefind.search(query || null, { filters: filters });
    }).then(function (found) {
      if (!found || serial !== box.serial) return; // a newer search has started
      box.results = found.results;
      box.shown = 0;
      box.list.replaceChildren();
      var count = found.results.length;
      var what = query ? " for " + query : " with these filters";
      box.status.textContent = count ? count + (count === 1 ? " result" : " results") + what : "No results" + what;
      if (found.filters) box.updateCounts(found.filters);
      return box.showMore(false);
    }).catch(function () {
      box.status.textContent = "Search is not available right now.";
    });
  };

  SearchBox.prototype.showMore = function (moveFocus) {
    var box = this;
    var batch = this.results.slice(this.shown, this.shown + PAGE_SIZE);
    var first = this.shown;
    this.shown += batch.length;
    this.more.hidden = this.shown >= this.results.length;
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
      pages.forEach(function (page) { box.list.appendChild(box.render(page)); });
      if (moveFocus && box.list.children[first]) box.list.children[first].querySelector("a").focus();
    });
  };

  SearchBox.prototype.render = function (page) {
    var item = element("li", "search-result");
    var link = element("a", "search-result-link", page.meta.title || page.url);
    link.href = page.url;
    item.appendChild(link);
    Object.keys(page.meta).forEach(function (key) {
      if (key === "title" || key === "image" || key === "image_alt") return;
      var meta = element("p", "search-result-meta", label(key) + ": " + page.meta[key]);
      meta.dataset.meta = key;
      item.appendChild(meta);
    });
    item.appendChild(excerpt(page.excerpt, "search-result-excerpt"));
    var sections = (page.sub_results || []).filter(function (sub) { return sub.url !== page.url; }).slice(0, 2);
    if (sections.length) {
      var list = element("ul", "search-result-sections");
      sections.forEach(function (sub) {
        var entry = element("li");
        var anchor = element("a", null, sub.title);
        anchor.href = sub.url;
        entry.appendChild(anchor);
        entry.appendChild(excerpt(sub.excerpt, "search-result-excerpt"));
        list.appendChild(entry);
      });
      item.appendChild(list);
    }
    return item;
  };

  // -- filters: their values are loaded when the reader first opens them ------------------
  SearchBox.prototype.toggleFilters = function () {
    var box = this;
    var open = this.toggle.getAttribute("aria-expanded") !== "true";
    this.toggle.setAttribute("aria-expanded", String(open));
    this.panel.hidden = !open;
    if (open && !this.panel.dataset.loaded) {
      this.panel.dataset.loaded = "true";
      this.panel.replaceChildren(element("p", null, "Loading filters…"));
      this.pagefind().then(function (pagefind) { return pagefind.filters(); }).then(function (all) {
        box.renderFilters(all);
        if (box.input.value.trim()) box.search(0); // counts for the current results
      });
    }
  };

  SearchBox.prototype.renderFilters = function (all) {
    var box = this;
    var id = this.root.id;
    this.panel.replaceChildren();
    Object.keys(all).sort().forEach(function (name, group) {
      var values = Object.keys(all[name]).sort(function (a, b) { return a.localeCompare(b); });
      var fieldset = element("fieldset", "search-filter");
      fieldset.appendChild(element("legend", null, label(name)));
      var list = element("ul", values.length > 10 ? "search-filter-values long" : "search-filter-values");
      values.forEach(function (value, index) {
        var entry = element("li");
        var checkbox = element("input");
        checkbox.type = "checkbox";
        checkbox.name = name;
        checkbox.value = value;
        checkbox.id = id + "-filter-" + group + "-" + index;
        checkbox.addEventListener("change", function () {
          box.chosen[name] = Array.from(fieldset.querySelectorAll("input:checked"), function (c) { return c.value; });
          box.search(0);
        });
        var text = element("label", null, value + " ");
        text.htmlFor = checkbox.id;
        text.appendChild(element("span", "count", "(" + all[name][value] + ")"));
        entry.appendChild(checkbox);
        entry.appendChild(text);
        list.appendChild(entry);
      });
      fieldset.appendChild(list);
      box.panel.appendChild(fieldset);
    });
  };

  // The number of current results with each value, where Pagefind has the filter loaded.
  SearchBox.prototype.updateCounts = function (counts) {
    if (!this.panel) return;
    this.panel.querySelectorAll("input[type=checkbox]").forEach(function (checkbox) {
      if (!counts[checkbox.name]) return;
      var count = counts[checkbox.name][checkbox.value] || 0;
      checkbox.nextElementSibling.querySelector(".count").textContent = "(" + count + ")";
    });
  };

  window.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-bundle-path]").forEach(function (root) {
      var box = new SearchBox(root);
      box.start();
      if (box.site) box.pagefind(); // the search page is for searching: start loading at once
    });
  });
})();
