// The search page: Pagefind's UI over the archive, showing each result's date and summary.
//
// The index comes in one bundle a year (or per run of months), merged by pagefind.js beside this file. What
// is searched (the query, the sort and the ticked filters) is kept in the address, as
// ?q=...&sort=newest&tag=..., so a search can be shared or bookmarked, and going back to the page shows it again.
const SORTS = { newest: { date: "desc" }, oldest: { date: "asc" } };
const FILTERS = ["person", "tag", "year", "category"];

const escapeHtml = (text) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

function showDateAndSummary(result) {
  const date = result.meta.date ? `<span class="result-date">${escapeHtml(result.meta.date)}</span> · ` : "";
  const summary = result.meta.summary ? escapeHtml(result.meta.summary) : result.excerpt;
  result.excerpt = date + summary;
  // Shown in the excerpt above; without this the UI would repeat them as "key: value" chips.
  delete result.meta.date;
  delete result.meta.summary;
  return result;
}

function stateFromAddress() {
  const params = new URLSearchParams(window.location.search);
  const filters = {};
  for (const name of FILTERS) {
    const values = params.getAll(name);
    if (values.length) {
      filters[name] = values;
    }
  }
  const sort = params.get("sort");
  return { term: params.get("q") ?? "", sort: sort in SORTS ? sort : "", filters };
}

function addressFor(state) {
  const params = new URLSearchParams();
  if (state.term) {
    params.set("q", state.term);
  }
  if (state.sort) {
    params.set("sort", state.sort);
  }
  for (const [name, values] of Object.entries(state.filters)) {
    values.forEach((value) => params.append(name, value));
  }
  const query = params.toString();
  return window.location.pathname + (query ? `?${query}` : "");
}

function tickedFilters(container) {
  const filters = {};
  for (const box of container.querySelectorAll(".pagefind-ui__filter-checkbox:checked")) {
    (filters[box.name] ??= []).push(box.value);
  }
  return filters;
}

window.addEventListener("DOMContentLoaded", () => {
  const container = document.getElementById("search");
  const sortChoice = document.getElementById("search-sort");
  let state = stateFromAddress();
  let ui = null;

  const remember = () => window.history.replaceState(null, "", addressFor(state));

  const start = () => {
    ui?.destroy();
    ui = new PagefindUI({
      element: "#search",
      bundlePath: container.dataset.bundle,
      mergeIndex: container.dataset.merge.split(" ").filter(Boolean).map((bundlePath) => ({ bundlePath })),
      baseUrl: container.dataset.baseUrl,
      showSubResults: false,
      showImages: false,
      resetStyles: false,
      openFilters: FILTERS,
      sort: SORTS[state.sort] ?? null,
      processResult: showDateAndSummary,
      processTerm: (term) => {
        state.term = term;
        remember();
        return term;
      },
    });
    // Pagefind's input has only a title; a name of its own lets every screen reader announce it.
    container.querySelector(".pagefind-ui__search-input")?.setAttribute("aria-label", "Search the archive");
    sortChoice.value = state.sort;
    if (Object.keys(state.filters).length) {
      ui.triggerFilters(state.filters);
    }
    if (state.term) {
      ui.triggerSearch(state.term);
    }
  };

  container.addEventListener("change", (event) => {
    if (event.target.matches(".pagefind-ui__filter-checkbox")) {
      state.filters = tickedFilters(container);
      remember();
    }
  });
  container.addEventListener("input", (event) => {
    if (event.target.matches(".pagefind-ui__search-input") && !event.target.value) {
      state.term = ""; // a cleared box runs no search, so processTerm never hears of it
      remember();
    }
  });
  sortChoice.addEventListener("change", () => {
    state.sort = sortChoice.value;
    remember();
    start();
  });
  sortChoice.closest("form").hidden = false;
  start();
});
