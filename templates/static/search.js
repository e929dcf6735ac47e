// The search page: Pagefind's UI over the archive, showing each result's date and summary.
// The index comes in one bundle a year: the newest is loaded and the others are merged into it.
// A query given in the address (?q=, as the header's search box sends it) is searched at once.
window.addEventListener("DOMContentLoaded", () => {
  const container = document.getElementById("search");
  const escapeHtml = (text) =>
    text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
  const ui = new PagefindUI({
    element: "#search",
    bundlePath: container.dataset.bundle,
    mergeIndex: container.dataset.merge.split(" ").filter(Boolean).map((bundlePath) => ({ bundlePath })),
    baseUrl: container.dataset.baseUrl,
    showSubResults: false,
    showImages: false,
    resetStyles: false,
    openFilters: ["person", "tag", "year", "category"],
    processResult: (result) => {
      const date = result.meta.date
        ? `<span class="result-date">${escapeHtml(result.meta.date)}</span> · `
        : "";
      const summary = result.meta.summary ? escapeHtml(result.meta.summary) : result.excerpt;
      result.excerpt = date + summary;
      // Shown in the excerpt above; without this the UI would repeat them as "key: value" chips.
      delete result.meta.date;
      delete result.meta.summary;
      return result;
    },
  });
  // Pagefind's input has only a title; a name of its own lets every screen reader announce it.
  const input = container.querySelector(".pagefind-ui__search-input");
  if (input) {
    input.setAttribute("aria-label", "Search the archive");
  }
  const query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
});
