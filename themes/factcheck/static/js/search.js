// Search page: Pagefind's UI, started with the query from the header form (?q=...).
window.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("search");
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: element.dataset.bundlePath,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    openFilters: ["verdict"],
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
  var input = element.querySelector("input");
  if (input && !query) {
    input.focus();
  }
});
