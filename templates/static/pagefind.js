// The search index as Pagefind's UI sees it: one Pagefind instance per bundle (a year, or some months of a
// large one), merged here.
//
// The UI loads `pagefind.js` from its bundlePath, so the search page points it at this module instead of a
// bundle. It offers the same functions as Pagefind's own module. Pagefind's built-in mergeIndex orders merged
// results by score, and under a sort a result's score is only its rank within its own bundle, which would
// interleave the years. Here a sorted search lists the bundles' results one bundle after another instead: the
// bundles are given newest first and each holds one span of time, so that is the order of the whole archive.

// Each bundle's own pagefind.js, loaded as a module of its own: instances made from one module would share
// its search worker, and Pagefind only keeps the bundles apart when it merges them itself. The UI merges the
// bundles one after another; each is only started here, so that they load side by side (a bundle's loading
// is mostly its worker's, and the browser runs the workers on every core), and is awaited where it is used.
const loading = new Map();
let settings = {};

const instances = () => Promise.all(loading.values());

export async function options(newSettings) {
  settings = { ...settings, ...newSettings };
  await Promise.all((await instances()).map((instance) => instance.options(settings)));
}

export async function mergeIndex(bundlePath) {
  if (!loading.has(bundlePath)) {
    // The UI is created again when the sort changes; the bundles loaded are kept.
    loading.set(bundlePath, load(bundlePath));
  }
}

async function load(bundlePath) {
  const instance = await import(`${bundlePath}pagefind.js`);
  await instance.options(settings);
  // A bundle still loading would answer a first search with no results or no filter counts.
  await instance.init();
  await instance.filters();
  return instance;
}

export async function init() {
  await instances();
}

export async function destroy() {
  // Kept loaded for the next UI on this page; the browser frees them when the page goes.
}

export async function preload(term, searchOptions = {}) {
  await Promise.all((await instances()).map((instance) => instance.preload(term, searchOptions)));
}

export async function filters() {
  return mergeCounts(await Promise.all((await instances()).map((instance) => instance.filters())));
}

export async function search(term, searchOptions = {}) {
  const found = await Promise.all((await instances()).map((instance) => instance.search(term, searchOptions)));
  return {
    results: ordered(found, searchOptions.sort),
    unfilteredResultCount: found.reduce((sum, each) => sum + each.unfilteredResultCount, 0),
    filters: mergeCounts(found.map((each) => each.filters)),
    totalFilters: mergeCounts(found.map((each) => each.totalFilters)),
    timings: found.map((each) => each.timings),
  };
}

let latestSearch = 0;

export async function debouncedSearch(term, searchOptions, timeoutMs = 300) {
  const thisSearch = ++latestSearch;
  await new Promise((resolve) => setTimeout(resolve, timeoutMs));
  if (thisSearch !== latestSearch) {
    return null; // a later search came in while waiting, as with Pagefind's own
  }
  const found = await search(term, searchOptions);
  return thisSearch === latestSearch ? found : null;
}

function ordered(found, sort) {
  const direction = sort ? Object.values(sort)[0] : null;
  if (direction === "desc") {
    return found.flatMap((each) => each.results);
  }
  if (direction === "asc") {
    return [...found].reverse().flatMap((each) => each.results);
  }
  return found.flatMap((each) => each.results).sort((a, b) => b.score - a.score);
}

function mergeCounts(countsPerBundle) {
  const merged = {};
  for (const counts of countsPerBundle) {
    for (const [name, values] of Object.entries(counts ?? {})) {
      merged[name] ??= {};
      for (const [value, count] of Object.entries(values)) {
        merged[name][value] = (merged[name][value] ?? 0) + count;
      }
    }
  }
  return merged;
}
