// Every member of an ensemble at once (playground/members.py): small surfaces f_1 ... f_t, each
// linked to the big picture H by a line as wide as its weight. Hovering a member shows it as the
// big picture (its picture is already here: no server round trip); a click switches it off or on
// (the server adds the members that are on up again: a new H arrives); the small tree button
// opens that member's tree. Text is set with textContent, never parsed as markup.
const SVG = "http://www.w3.org/2000/svg";
// a small node-link tree: the "open its tree" button
const TREE_ICON = '<svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">' +
  '<path d="M6 2.5 L2.5 9.5 M6 2.5 L9.5 9.5" stroke="#333" stroke-width="1.2" fill="none"/>' +
  '<circle cx="6" cy="2.5" r="2" fill="#333"/><circle cx="2.5" cy="9.5" r="2" fill="#E69F00"/>' +
  '<circle cx="9.5" cy="9.5" r="2" fill="#0072B2"/></svg>';

function div(cls, parent) {
  const d = document.createElement("div");
  if (cls) d.className = cls;
  if (parent) parent.appendChild(d);
  return d;
}

function drawLinks(root, st) {
  const links = st.links, box = root.getBoundingClientRect(), big = st.bigImg.getBoundingClientRect();
  links.setAttribute("width", box.width);
  links.setAttribute("height", box.height);
  links.textContent = "";
  st.linkEls = {};
  const tx = big.left - box.left, ty = big.top - box.top + big.height / 2;
  const top = Math.max(...st.data.weights.map(Math.abs), 1e-12);
  const view = st.grid.getBoundingClientRect();   // the grid scrolls: only members in sight
  st.cells.forEach((cell, i) => {
    const r = cell.getBoundingClientRect();
    if (!st.on[i] || r.width === 0) return;
    const mid = r.top + r.height / 2;
    if (mid < view.top || mid > view.bottom) return;
    const x0 = r.right - box.left, y0 = r.top - box.top + r.height / 2;
    const w = st.data.weights[i];
    const p = document.createElementNS(SVG, "path");
    const mx = (x0 + tx) / 2;
    p.setAttribute("d", `M${x0},${y0} C${mx},${y0} ${mx},${ty} ${tx},${ty}`);
    p.setAttribute("fill", "none");
    p.setAttribute("stroke", w >= 0 ? "#555" : "#D55E00");
    p.setAttribute("stroke-opacity", st.hover === i ? 0.95 : 0.45);
    p.setAttribute("stroke-width", (0.6 + 6 * Math.abs(w) / top).toFixed(2));
    if (w < 0) p.setAttribute("stroke-dasharray", "4 3");
    p.setAttribute("class", "ep-link");
    p.setAttribute("data-member", i + 1);
    links.appendChild(p);
    st.linkEls[i] = p;
  });
}

// Hovering changes one link's emphasis, not the drawing (the links are redrawn on a switch, a
// scroll or a resize only).
function emphasize(st, i) {
  if (st.hover !== null && st.linkEls[st.hover]) st.linkEls[st.hover].setAttribute("stroke-opacity", 0.45);
  st.hover = i;
  if (i !== null && st.linkEls[i]) st.linkEls[i].setAttribute("stroke-opacity", 0.95);
}

function showBig(st, i) {
  const d = st.data;
  if (i === null) {
    st.bigImg.src = d.big;
    st.bigLabel.textContent = d.bigLabel;
    st.bigNote.textContent = d.bigNote;
  } else {
    st.bigImg.src = d.thumbs[i];
    st.bigLabel.textContent = d.alone[i];
    st.bigNote.textContent = st.on[i] ? d.texts.is_on : d.texts.is_off;
  }
  st.bigImg.setAttribute("data-showing", i === null ? "H" : String(i + 1));
  window.__epMemberShown = performance.now();  // read by benchmarks/bench_browser.py
}

export function render(component) {
  const { parentElement, setTriggerValue } = component;
  const raw = new TextDecoder().decode(component.data);
  let root = parentElement.querySelector(":scope > .ep-members");
  if (!root) {
    root = div("ep-members", parentElement);
    new ResizeObserver(() => root.__ep && drawLinks(root, root.__ep)).observe(root);
  }
  if (root.__raw === raw) return;
  root.__raw = raw;
  const d = JSON.parse(raw);
  root.textContent = "";
  const title = div("ep-title", root);
  title.textContent = d.title;
  const hint = div("ep-hint", root);
  hint.textContent = d.texts.hint;
  const row = div("ep-members-row", root);
  const links = document.createElementNS(SVG, "svg");
  links.setAttribute("class", "ep-links");
  root.appendChild(links);
  const grid = div("ep-grid", row);
  const bigBox = div("ep-big", row);
  const bigLabel = div("ep-big-label", bigBox);
  const bigImg = document.createElement("img");
  bigImg.className = "ep-big-img";
  bigBox.appendChild(bigImg);
  const bigNote = div("ep-big-note", bigBox);
  const st = {data: d, on: d.on.slice(), cells: [], links, bigImg, bigLabel, bigNote, hover: null,
              grid, linkEls: {}};
  grid.addEventListener("scroll", () => drawLinks(root, st), {passive: true});
  root.__ep = st;
  d.thumbs.forEach((src, i) => {
    const cell = div("ep-cell" + (d.wide ? " ep-wide" : "") + (st.on[i] ? "" : " ep-off"), grid);
    cell.setAttribute("data-member", i + 1);
    cell.setAttribute("role", "button");
    cell.setAttribute("tabindex", "0");
    cell.title = d.alone[i];
    const img = document.createElement("img");
    img.src = src;
    img.alt = d.labels[i];
    cell.appendChild(img);
    const name = div("ep-name", cell);
    name.textContent = d.labels[i];
    if (d.openable) {
      const open = document.createElement("button");
      open.className = "ep-open";
      open.title = d.texts.open;
      open.innerHTML = TREE_ICON;  // a constant of this file, never data
      open.setAttribute("aria-label", `${d.texts.open} ${d.labels[i]}`);
      open.addEventListener("click", (e) => { e.stopPropagation(); setTriggerValue("open", i + 1); });
      cell.appendChild(open);
    }
    const toggle = () => {
      st.on[i] = !st.on[i];
      cell.classList.toggle("ep-off", !st.on[i]);
      drawLinks(root, st);
      window.__epToggled = performance.now();  // read by benchmarks/bench_browser.py
      setTriggerValue("toggle", i + 1);
    };
    cell.addEventListener("click", toggle);
    cell.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(); } });
    cell.addEventListener("mouseenter", () => { emphasize(st, i); showBig(st, i); });
    cell.addEventListener("mouseleave", () => { emphasize(st, null); showBig(st, null); });
    st.cells.push(cell);
  });
  showBig(st, null);
  requestAnimationFrame(() => drawLinks(root, st));
}
