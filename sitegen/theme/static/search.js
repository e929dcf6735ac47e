// The search page: Pagefind's JavaScript API behind the site's own results and filters.
//
// The index comes in bundles, one per run of years or of months, newest first (data-bundles). The first holds
// Pagefind's runtime, which is loaded once; every other bundle is merged into it, so a search fetches one
// script and one WebAssembly module whatever the number of bundles. Each bundle is also given a filter of
// its own name ("bundle"), so that a search sorted by date can go through the bundles in time order:
// Pagefind ranks a sorted search within each bundle, and merging the bundles by score would interleave them.
//
// What is searched lives in the address (?q=...&sort=newest&year=2019&person=...), and how many results were
// shown and where the page was scrolled live in the history entry, so Back brings the reader to where they were.
const FACETS = ["year", "section", "person", "tag"];
const STEP = 10; // results shown at a time
const LONG_FACET = 30; // values listed before a facet's filter box must narrow them
const SORTS = { newest: "desc", oldest: "asc" };

const root = document.getElementById("search");
const box = document.getElementById("site-search");
const bundles = root.dataset.bundles.split(" ").filter(Boolean);
const bundleNames = bundles.map((path) => path.replace(/\/$/, "").split("/").pop());
const years = [...root.querySelectorAll("select[name=from] option")].map((option) => option.value);
const $ = (selector) => root.querySelector(selector);

let engine = null;
function pagefind() {
  engine ??= (async () => {
    const api = await import(`${bundles[0]}pagefind.js`);
    await api.options({ basePath: bundles[0], baseUrl: root.dataset.baseUrl, mergeFilter: { bundle: bundleNames[0] } });
    await api.init();
    await Promise.all(bundles.slice(1).map((path, i) => api.mergeIndex(path, { mergeFilter: { bundle: bundleNames[i + 1] } })));
    return api;
  })();
  return engine;
}

let filtersLoaded = null; // every bundle's filter values, fetched when the reader first opens a facet
const loadFilters = async () => (filtersLoaded ??= (await pagefind()).filters());

function stateFromAddress() {
  const params = new URLSearchParams(window.location.search);
  const filters = Object.fromEntries(FACETS.map((facet) => [facet, params.getAll(facet)]));
  const sort = params.get("sort") ?? "";
  return { term: (params.get("q") ?? "").trim(), sort: sort in SORTS ? sort : "", filters };
}

function address(state) {
  const params = new URLSearchParams();
  if (state.term) params.set("q", state.term);
  if (state.sort) params.set("sort", state.sort);
  for (const facet of FACETS) state.filters[facet].forEach((value) => params.append(facet, value));
  const query = params.toString();
  return window.location.pathname + (query ? `?${query}` : "");
}

const chosen = (state) => FACETS.filter((facet) => state.filters[facet].length);

// Values within a facet are alternatives (any of them); facets narrow one another.
const pagefindFilters = (state) =>
  Object.fromEntries(chosen(state).map((facet) => [facet, { any: state.filters[facet] }]));

// One search: its results in the order to show them, fetched a bundle at a time when sorted by date.
class Search {
  constructor(api, state) {
    this.api = api;
    this.term = state.term || null; // null: every article the filters let through
    this.filters = pagefindFilters(state);
    this.direction = SORTS[state.sort] ?? (this.term ? null : "desc");
    this.results = [];
    this.nextBundle = 0;
  }

  async start(state) {
    const found = await this.api.search(this.term, { filters: this.filters });
    this.total = found.results.length;
    // A facet's values are alternatives, so each chosen facet counts its values as if it were not chosen.
    this.counts = { ...found.filters };
    for (const facet of chosen(state)) {
      const others = pagefindFilters({ filters: { ...state.filters, [facet]: [] } });
      this.counts[facet] = (await this.api.search(this.term, { filters: others })).filters[facet];
    }
    if (!this.direction) {
      this.results = found.results;
      this.nextBundle = bundleNames.length;
    }
    return this;
  }

  async upTo(count) {
    const order = this.direction === "asc" ? [...bundleNames].reverse() : bundleNames;
    while (this.results.length < count && this.nextBundle < order.length) {
      const filters = { ...this.filters, bundle: order[this.nextBundle++] };
      const found = await this.api.search(this.term, { filters, sort: { date: this.direction } });
      this.results.push(...found.results);
    }
    return this.results.slice(0, count);
  }
}

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

function resultItem(data) {
  const item = document.createElement("li");
  item.dataset.result = "";
  const meta = [data.meta.section, data.meta.date].filter(Boolean).map(escapeHtml).join(" · ");
  // Pagefind's excerpt is the page's text, escaped, with the matched words in <mark>.
  const excerpt = data.excerpt || escapeHtml(data.meta.summary ?? "");
  // The article's smallest photograph, where it has one; its alt text, as written, and a fixed box, so that
  // results do not move as thumbnails arrive.
  const image = data.meta.image
    ? `<img class="result-image" src="${escapeHtml(data.meta.image)}" alt="${escapeHtml(data.meta.image_alt ?? "")}"` +
      ` width="96" height="64" loading="lazy" decoding="async">`
    : "";
  if (image) item.classList.add("with-image");
  item.innerHTML =
    image +
    `<h2><a href="${escapeHtml(data.url)}">${escapeHtml(data.meta.title ?? data.url)}</a></h2>` +
    (meta ? `<p class="result-meta">${meta}</p>` : "") +
    `<p class="result-excerpt">${excerpt}</p>`;
  return item;
}

// A facet's list, with a count beside each value and the values with none left out. The list the reader just
// ticked a value in keeps its items and their order (only their counts change), so the focus stays put.
function showFacets(state, counts, ticked = null) {
  for (const details of root.querySelectorAll(".facet")) {
    const facet = details.dataset.facet;
    const picked = new Set(state.filters[facet]);
    const list = details.querySelector(".facet-values");
    if (facet === ticked) {
      for (const input of list.querySelectorAll("input")) {
        const count = counts?.[facet]?.[input.value] ?? 0;
        input.closest("label").querySelector(".facet-count").textContent = count;
        input.closest("li").hidden = count === 0 && !input.checked;
      }
    } else {
      list.replaceChildren(...facetItems(details, facet, picked, counts?.[facet] ?? {}));
    }
    const summary = details.querySelector("summary");
    summary.textContent = summary.textContent.replace(/ \(.*\)$/, "") + (picked.size ? ` (${picked.size} chosen)` : "");
  }
}

function facetItems(details, facet, picked, counts) {
  const values = Object.entries(counts)
    .filter(([value, count]) => count > 0 || picked.has(value))
    .sort(([a, x], [b, y]) => (facet === "year" ? b.localeCompare(a) : y - x || a.localeCompare(b)));
  const needle = details.querySelector(".facet-filter")?.value.trim().toLowerCase() ?? "";
  const listed = values.filter(([value]) => !needle || value.toLowerCase().includes(needle));
  const items = listed.slice(0, LONG_FACET).map(([value, count]) => {
    const item = document.createElement("li");
    item.innerHTML = `<label><input type="checkbox"> <span></span> <span class="facet-count">${count}</span></label>`;
    Object.assign(item.querySelector("input"), { name: facet, value, checked: picked.has(value) });
    item.querySelector("span").textContent = value;
    return item;
  });
  if (listed.length > LONG_FACET) {
    const more = document.createElement("li");
    more.className = "facet-more";
    more.textContent = `${listed.length - LONG_FACET} more: type to find them`;
    items.push(more);
  }
  return items;
}

function showChips(state) {
  const chips = $(".search-chips");
  chips.replaceChildren(
    ...chosen(state).flatMap((facet) =>
      state.filters[facet].map((value) => {
        const item = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        Object.assign(button.dataset, { facet, value });
        button.textContent = `${value} ✕`;
        button.setAttribute("aria-label", `Remove the filter ${facet} ${value}`);
        item.append(button);
        return item;
      }),
    ),
  );
}

// The name closest to a term that found nothing, among the archive's people, tags and sections.
function suggestion(term, filterValues) {
  const names = ["person", "tag", "section"].flatMap((facet) => Object.keys(filterValues?.[facet] ?? {}));
  let best = null;
  let bestDistance = Math.max(2, Math.floor(term.length / 4)) + 1;
  for (const name of names) {
    for (const candidate of [name, ...name.split(/\s+/)]) {
      const distance = editDistance(term.toLowerCase(), candidate.toLowerCase());
      if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
    }
  }
  return best;
}

function editDistance(a, b) {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}

function statusText(state, total) {
  const count = `${total.toLocaleString("en")} ${state.term ? "result" : "article"}${total === 1 ? "" : "s"}`;
  return state.term ? `${count} for “${state.term}”` : count;
}

let state = stateFromAddress();
let current = null; // the Search whose results are on the page
let generation = 0; // a later search makes an earlier one's answers stale

function remember(extra = {}) {
  const entry = { shown: $(".search-results").children.length, scroll: window.scrollY, ...extra };
  window.history.replaceState(entry, "", address(state));
}

async function run({ shown = STEP, scroll = null, ticked = null } = {}) {
  const mine = ++generation;
  remember({ shown: 0, scroll: 0 });
  showChips(state);
  const anything = state.term || chosen(state).length;
  $(".search-controls").hidden = !anything;
  if (!anything) {
    $(".search-results").replaceChildren();
    $(".search-more").hidden = true;
    $(".search-facets").hidden = false;
    current = null;
    return;
  }
  $(".search-status").textContent = "Searching…";
  const api = await pagefind();
  if (chosen(state).length || root.querySelector(".facet[open]")) await loadFilters();
  const search = await new Search(api, state).start(state);
  if (mine !== generation) return;
  current = search;
  showFacets(state, search.counts, ticked);
  $(".search-results").replaceChildren();
  await showUpTo(shown, mine);
  if (mine !== generation) return;
  $(".search-status").textContent = statusText(state, search.total); // once the results it counts are shown
  $(".search-facets").hidden = false; // below the results on a phone: shown once they are, not to push them
  if (search.total === 0 && state.term) await offerSuggestion(mine);
  if (scroll !== null) window.scrollTo(0, scroll);
}

async function showUpTo(count, mine) {
  const results = await current.upTo(count);
  const list = $(".search-results");
  const data = await Promise.all(results.slice(list.children.length).map((result) => result.data()));
  if (mine !== generation) return;
  list.append(...data.map(resultItem));
  $(".search-more").hidden = list.children.length >= current.total;
  remember();
}

// The words of the text closest to those of a term that found nothing: Pagefind finds the words that start with
// a shorter and shorter beginning of each word ("goverment": "gover" finds "government"), and the closest of
// the words it marks in the first results' excerpts stands in for it.
async function wordSuggestion(term) {
  const api = await pagefind();
  const words = term.split(/\s+/);
  let changed = false;
  for (const [index, word] of words.entries()) {
    for (let length = word.length - 1; length >= 3; length--) {
      const found = await api.search(word.slice(0, length));
      if (!found.results.length) continue;
      const excerpts = await Promise.all(found.results.slice(0, 5).map(async (result) => (await result.data()).excerpt));
      const marked = excerpts.flatMap((excerpt) => [...excerpt.matchAll(/<mark>([^<]+)<\/mark>/g)].map((m) => m[1]));
      const distances = marked.map((m) => [m.toLowerCase(), editDistance(word.toLowerCase(), m.toLowerCase())]);
      const closest = distances.sort((a, b) => a[1] - b[1])[0];
      if (closest && closest[1] <= Math.max(2, Math.floor(word.length / 3)) && closest[0] !== word.toLowerCase()) {
        [words[index], changed] = [closest[0], true];
      }
      break;
    }
  }
  return changed ? words.join(" ") : null;
}

async function offerSuggestion(mine) {
  const name = suggestion(state.term, await loadFilters()) ?? (await wordSuggestion(state.term));
  if (!name || mine !== generation) return;
  const link = document.createElement("a");
  link.href = address({ ...state, term: name });
  link.textContent = name;
  const status = $(".search-status");
  status.append(" Did you mean ", link, "?");
}

function choose(facet, values, ticked = null) {
  state.filters[facet] = [...new Set(values)];
  run({ ticked });
}

let typing = null;
box.value = state.term;
box.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => {
    state.term = box.value.trim();
    run();
  }, 250);
});
box.form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(typing);
  state.term = box.value.trim();
  run();
});
$("select[name=sort]").value = state.sort;
$("select[name=sort]").addEventListener("change", (event) => {
  state.sort = event.target.value;
  run();
});
$(".search-more button").addEventListener("click", () => showUpTo($(".search-results").children.length + STEP, generation));
$(".search-chips").addEventListener("click", (event) => {
  const { facet, value } = event.target.closest("button")?.dataset ?? {};
  if (facet) choose(facet, state.filters[facet].filter((each) => each !== value));
});
$(".search-facets").addEventListener("change", (event) => {
  const input = event.target;
  if (input.type === "checkbox") {
    const others = state.filters[input.name].filter((value) => value !== input.value);
    choose(input.name, input.checked ? [...others, input.value] : others, input.name);
  } else if (input.name === "from" || input.name === "to") {
    const from = $("select[name=from]").value;
    const to = $("select[name=to]").value;
    const [low, high] = from <= to ? [from, to] : [to, from];
    const span = years.filter((year) => year >= low && year <= high);
    choose("year", span.length === years.length ? [] : span);
  }
});
$(".search-facets").addEventListener("input", (event) => {
  if (event.target.matches(".facet-filter") && current) showFacets(state, current.counts);
});
for (const details of root.querySelectorAll(".facet")) {
  details.addEventListener("toggle", async () => {
    if (details.open && !filtersLoaded && current) run({ shown: $(".search-results").children.length });
  });
}
window.addEventListener("pagehide", () => remember());
for (const link of ["click", "auxclick"]) document.addEventListener(link, () => remember());
window.history.scrollRestoration = "manual";
run({ shown: window.history.state?.shown || STEP, scroll: window.history.state?.scroll ?? null });
