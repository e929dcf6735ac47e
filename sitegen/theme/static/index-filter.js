// A filter box over an index of names (people, tags, sections, authors). Without JavaScript the index is a
// plain list by letter; with it, typing hides the names that do not contain what was typed, and the letters
// left empty. Case and accents are ignored: "jose" finds José.
const plain = (text) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase();

for (const list of document.querySelectorAll("[data-filter-list]")) {
  const label = document.createElement("label");
  label.className = "index-filter";
  label.textContent = `Filter ${list.dataset.filterList.toLocaleLowerCase()} `;
  const input = document.createElement("input");
  input.type = "search";
  input.autocomplete = "off";
  label.append(input);
  const status = document.createElement("p");
  status.className = "index-filter-status";
  status.setAttribute("role", "status");
  list.before(label, status);
  const names = [...list.querySelectorAll("li")].map((item) => [item, plain(item.querySelector("a").textContent)]);
  input.addEventListener("input", () => {
    const wanted = plain(input.value.trim());
    let shown = 0;
    for (const [item, name] of names) {
      item.hidden = wanted !== "" && !name.includes(wanted);
      shown += item.hidden ? 0 : 1;
    }
    for (const section of list.querySelectorAll("section")) {
      section.hidden = !section.querySelector("li:not([hidden])");
    }
    status.textContent = wanted ? `${shown} of ${names.length} shown` : "";
  });
}
