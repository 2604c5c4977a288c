// Pagefind's UI in each element that names a search bundle. The site search (data-site-search)
// starts with the query from the header form (?q=...) and takes the focus.
window.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-bundle-path]").forEach(function (element) {
    var site = "siteSearch" in element.dataset;
    var ui = new PagefindUI({
      element: "#" + element.id,
      bundlePath: element.dataset.bundlePath,
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      openFilters: ["verdict"],
    });
    var query = site ? new URLSearchParams(window.location.search).get("q") : null;
    if (query) {
      ui.triggerSearch(query);
    }
    var input = element.querySelector("input");
    if (input && site && !query) {
      input.focus();
    }
  });
});
