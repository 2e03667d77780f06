// A fitted tree as a node-link diagram beside its own region of the plane (playground/treeview.py).
// Everything the diagram needs arrives once per tree (the flat arrays of tree_ and each node's box);
// hovering or choosing a node, or moving over the plane, changes a few SVG attributes here and
// never asks the server. Text is set with textContent (never parsed as markup).
const SVG = "http://www.w3.org/2000/svg";
const PLANE = 240;        // the plane's square, px
const BOX = {w: 124, h: 58, gap: 10, row: 84};   // a node drawn with its numbers
const DOT = {w: 16, h: 16, gap: 6, row: 46};     // a node drawn as a dot (many leaves)

function el(tag, attrs, parent) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

function fmt(v) {
  if (!Number.isFinite(v)) return "—";
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e4) ? v.toExponential(2) : String(+v.toPrecision(3));
}

function mix(hex, white) {
  const n = parseInt(hex.slice(1), 16);
  const c = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((x) => Math.round(x + (255 - x) * white));
  return `rgb(${c.join(",")})`;
}

// Which nodes are drawn: the root, and a node's children while the node is shallower than the
// depth shown (or than that depth below an unfolded ancestor).
function visibleNodes(t, show, unfolded) {
  const m = t.l.length, vis = new Uint8Array(m), limit = new Int32Array(m);
  vis[0] = 1;
  limit[0] = unfolded.has(0) ? show : show;
  for (let i = 0; i < m; i++) {   // nodes are numbered parents first
    if (!vis[i] || t.l[i] < 0) continue;
    const lim = unfolded.has(i) ? Math.max(limit[i], t.d[i] + show) : limit[i];
    if (t.d[i] < lim) {
      for (const c of [t.l[i], t.r[i]]) { vis[c] = 1; limit[c] = lim; }
    }
  }
  return vis;
}

// x of every drawn node: drawn leaves (and folded nodes) in order, parents centred above.
function layout(t, vis, size) {
  const x = new Float64Array(t.l.length);
  let slot = 0;
  const place = (i) => {
    const open = t.l[i] >= 0 && vis[t.l[i]];
    if (!open) { x[i] = slot++ * (size.w + size.gap) + size.w / 2; return; }
    place(t.l[i]); place(t.r[i]);
    x[i] = (x[t.l[i]] + x[t.r[i]]) / 2;
  };
  place(0);
  return {x, slots: slot};
}

function describe(t, i, tx) {
  const parts = [`${tx.node} ${i}`, `${tx.depth} ${t.d[i]}`];
  if (t.l[i] >= 0) parts.push(`${t.features[t.f[i]]} ≤ ${fmt(t.thr[i])} ?`);
  else parts.push(tx.leaf);
  parts.push(`${tx.samples} ${t.n[i]}` + (t.w[i] !== t.n[i] ? ` (${tx.weight} ${fmt(t.w[i])})` : ""));
  parts.push(`${tx.impurity} ${fmt(t.imp[i])}`);
  if (t.kind === "class") {
    parts.push(t.val[i].map((p, c) => `${t.classes[c]}: ${(100 * p).toFixed(0)}%`).join(" · "));
  } else if (t.l[i] < 0) parts.push(`${tx.value} ${fmt(t.val[i][0])}`);  // a leaf's output
  return parts.join(" · ");
}

function nodeFill(t, i) {
  if (t.kind === "class") {
    const v = t.val[i];
    let best = 0;
    for (let c = 1; c < v.length; c++) if (v[c] > v[best]) best = c;
    const purity = (v[best] - 1 / v.length) / (1 - 1 / v.length || 1);
    return mix(t.colors[best % t.colors.length], 0.85 - 0.55 * purity);
  }
  if (t.l[i] >= 0) return "#f4f4f4";   // a regression tree's inner node has no output of its own
  const v = t.val[i][0], top = t.vmax || 1;
  return mix(t.colors[v >= 0 ? 1 : 0], 0.9 - 0.6 * Math.min(1, Math.abs(v) / top));
}

function drawPlane(host, data, state) {
  const p = data.plane, t = data.tree;
  const svg = el("svg", {width: PLANE, height: PLANE, class: "ep-plane",
                         viewBox: `0 0 ${PLANE} ${PLANE}`}, host);
  const sx = (v) => ((v - p.x0) / (p.x1 - p.x0)) * PLANE;
  const sy = (v) => PLANE - ((v - p.y0) / (p.y1 - p.y0)) * PLANE;
  el("rect", {x: 0, y: 0, width: PLANE, height: PLANE, fill: "#fafafa", stroke: "#bbb"}, svg);
  if (p.src) el("image", {href: p.src, x: 0, y: 0, width: PLANE, height: PLANE,
                          preserveAspectRatio: "none", style: "image-rendering: pixelated"}, svg);
  if (p.steps) {   // 1-D: the tree's output on each leaf's interval
    for (const [a, b, v] of p.steps) {
      el("line", {x1: sx(a), x2: sx(b), y1: sy(v), y2: sy(v), stroke: "#e0245e",
                  "stroke-width": 2.5}, svg);
    }
  }
  const dots = el("g", {}, svg);
  for (let i = 0; i < p.px.length; i++) {
    el("circle", {cx: sx(p.px[i]), cy: sy(p.py[i]), r: 2.2,
                  fill: p.color || t.colors[p.pc[i] % t.colors.length],
                  stroke: "rgba(0,0,0,0.6)", "stroke-width": 0.6}, dots);
  }
  const region = el("rect", {class: "ep-region", x: 0, y: 0, width: 0, height: 0,
                             fill: "rgba(224,36,94,0.18)", stroke: "#e0245e", "stroke-width": 2,
                             visibility: "hidden"}, svg);
  if (p.pin) {
    el("circle", {cx: sx(p.pin[0]), cy: sy(p.pin[1]), r: 7, fill: "none", stroke: "white",
                  "stroke-width": 4}, svg);
    el("circle", {class: "ep-pin", cx: sx(p.pin[0]), cy: sy(p.pin[1]), r: 7, fill: "none",
                  stroke: "#111", "stroke-width": 2}, svg);
  }
  state.light = (i) => {
    if (i === null || i === undefined) { region.setAttribute("visibility", "hidden"); region.removeAttribute("data-node"); return; }
    const clip = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    const x0 = sx(clip(t.lo[i][0], p.x0, p.x1)), x1 = sx(clip(t.hi[i][0], p.x0, p.x1));
    const oneD = t.lo[i].length < 2;
    const y0 = oneD ? PLANE : sy(clip(t.lo[i][1], p.y0, p.y1));
    const y1 = oneD ? 0 : sy(clip(t.hi[i][1], p.y0, p.y1));
    region.setAttribute("x", Math.min(x0, x1)); region.setAttribute("width", Math.abs(x1 - x0));
    region.setAttribute("y", Math.min(y0, y1)); region.setAttribute("height", Math.abs(y1 - y0));
    region.setAttribute("data-node", i);
    region.setAttribute("visibility", "visible");
  };
  // the plane -> the tree: the leaf whose box holds the pointer, and its path
  svg.addEventListener("mousemove", (e) => {
    const r = svg.getBoundingClientRect();
    const x = p.x0 + ((e.clientX - r.left) / PLANE) * (p.x1 - p.x0);
    const y = p.y0 + (1 - (e.clientY - r.top) / PLANE) * (p.y1 - p.y0);
    let leaf = 0;
    for (let i = 0; i < t.l.length; i++) {
      if (t.l[i] >= 0) continue;
      if (x > t.lo[i][0] && x <= t.hi[i][0] && (t.lo[i].length < 2 || (y > t.lo[i][1] && y <= t.hi[i][1]))) { leaf = i; break; }
    }
    state.hover(leaf, true);
  });
  svg.addEventListener("mouseleave", () => state.hover(null, true));
}

function drawTree(host, data, state) {
  const t = data.tree, tx = data.texts;
  const vis = visibleNodes(t, data.show, state.unfolded);
  let shown = 0;
  for (let i = 0; i < vis.length; i++) shown += vis[i];
  const probe = layout(t, vis, BOX);
  // nodes with their numbers while they fit the width (a little scrolling allowed), else dots
  // that tell their numbers on hover
  const room = Math.max(host.clientWidth || 600, 300);
  const size = probe.slots * (BOX.w + BOX.gap) <= 1.5 * room ? BOX : DOT;
  const {x} = size === BOX ? probe : layout(t, vis, size);
  let maxD = 0;
  for (let i = 0; i < vis.length; i++) if (vis[i]) maxD = Math.max(maxD, t.d[i]);
  const W = Math.max(probe.slots * (size.w + size.gap), 200), H = (maxD + 1) * size.row + 8;
  host.textContent = "";
  const svg = el("svg", {width: W + 8, height: H, class: "ep-diagram", "data-drawn": shown}, host);
  const g = el("g", {transform: "translate(4,4)"}, svg);
  const onPath = new Set(data.path);
  const y = (i) => t.d[i] * size.row;
  const edges = el("g", {}, g), nodes = el("g", {}, g);
  const nodeEls = {};
  for (let i = 0; i < vis.length; i++) {
    if (!vis[i] || t.l[i] < 0 || !vis[t.l[i]]) continue;
    for (const [c, yes] of [[t.l[i], true], [t.r[i], false]]) {
      const hot = onPath.has(i) && onPath.has(c);
      const y0 = y(i) + size.h, y1 = y(c), ym = (y0 + y1) / 2;
      el("path", {d: `M${x[i]},${y0} C${x[i]},${ym} ${x[c]},${ym} ${x[c]},${y1}`, fill: "none",
                  stroke: hot ? "#111" : "#bbb", "stroke-width": hot ? 3 : 1.2,
                  class: hot ? "ep-edge ep-hot" : "ep-edge"}, edges);
      if (size === BOX) {
        const lab = el("text", {x: (x[i] + x[c]) / 2 + (yes ? -4 : 4), y: ym + 4, "font-size": 10,
                                fill: "#666", "text-anchor": yes ? "end" : "start"}, edges);
        lab.textContent = yes ? tx.yes : tx.no;
      }
    }
  }
  for (let i = 0; i < vis.length; i++) {
    if (!vis[i]) continue;
    const node = el("g", {class: "ep-node" + (onPath.has(i) ? " ep-on-path" : ""), "data-node": i,
                          transform: `translate(${x[i] - size.w / 2},${y(i)})`, tabindex: 0}, nodes);
    nodeEls[i] = node;
    const leaf = t.l[i] < 0;
    el("rect", {width: size.w, height: size.h, rx: size === BOX ? 7 : 8, fill: nodeFill(t, i),
                stroke: onPath.has(i) ? "#111" : "#777", "stroke-width": onPath.has(i) ? 2.5 : 1,
                class: "ep-box"}, node);
    if (size === BOX) {
      const line = (txt, yy, bold) => {
        const e = el("text", {x: size.w / 2, y: yy, "text-anchor": "middle", "font-size": 11,
                              "font-weight": bold ? 600 : 400, fill: "#222"}, node);
        e.textContent = txt;
      };
      if (!leaf) line(`${t.features[t.f[i]]} ≤ ${fmt(t.thr[i])} ?`, 16, true);
      else if (t.kind === "class") {
        const v = t.val[i];
        let best = 0;
        for (let c = 1; c < v.length; c++) if (v[c] > v[best]) best = c;
        line(`${tx.cls} ${t.classes[best]} (${(100 * v[best]).toFixed(0)}%)`, 16, true);
      } else line(`${tx.value} ${fmt(t.val[i][0])}`, 16, true);
      line(`${tx.samples} ${t.n[i]} · ${tx.imp_short} ${fmt(t.imp[i])}`, 31, false);
      if (t.kind === "class") {   // class shares as a bar
        let at = 8;
        t.val[i].forEach((p, c) => {
          const w = (size.w - 16) * p;
          if (w > 0) el("rect", {x: at, y: 40, width: w, height: 8, fill: t.colors[c % t.colors.length]}, node);
          at += w;
        });
      }
    }
    const folded = !leaf && !vis[t.l[i]];
    if (folded || state.unfolded.has(i)) {
      const badge = el("g", {class: "ep-fold", "data-node": i,
                             transform: `translate(${size.w - 2},${size.h - 2})`}, node);
      el("circle", {r: 8, fill: "#fff", stroke: "#333"}, badge);
      const s = el("text", {"text-anchor": "middle", y: 4, "font-size": 12, "font-weight": 700}, badge);
      s.textContent = folded ? "+" : "−";
      badge.addEventListener("click", (e) => {
        e.stopPropagation();
        if (state.unfolded.has(i)) state.unfolded.delete(i); else state.unfolded.add(i);
        drawTree(host, data, state);
      });
    }
    node.addEventListener("mouseenter", () => state.hover(i, false));
    node.addEventListener("mouseleave", () => state.hover(null, false));
    node.addEventListener("click", () => state.choose(i));
    node.addEventListener("focus", () => state.hover(i, false));   // the keyboard: Tab to a node,
    node.addEventListener("blur", () => state.hover(null, false));  // Enter / Space chooses it
    node.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); state.choose(i); }
    });
  }
  state.nodeEls = nodeEls;
  state.mark();
  // a wide diagram opens scrolled to the pinned example's leaf (else the root)
  const focus = data.path.length ? data.path[data.path.length - 1] : 0;
  if (W > host.clientWidth && vis[focus]) host.scrollLeft = Math.max(0, x[focus] - host.clientWidth / 2);
}

export function render(component) {
  const { parentElement } = component;
  const raw = new TextDecoder().decode(component.data);
  let root = parentElement.querySelector(":scope > .ep-tree");
  if (!root) {
    root = document.createElement("div");
    root.className = "ep-tree";
    parentElement.appendChild(root);
  }
  if (root.__raw === raw) return;   // the same tree, pin and texts: nothing to redraw
  root.__raw = raw;
  const data = JSON.parse(raw);
  // one diagram per tree: a new round or a new pin redraws it; the chosen node and the folds stay
  // while the tree is the same
  const keep = root.__ep && root.__ep.id === data.id ? root.__ep : null;
  root.textContent = "";
  const title = document.createElement("div");
  title.className = "ep-title";
  title.textContent = data.title;
  root.appendChild(title);
  const info = document.createElement("div");
  info.className = "ep-info";
  root.appendChild(info);
  const row = document.createElement("div");
  row.className = "ep-row";
  root.appendChild(row);
  const planeHost = document.createElement("div");
  planeHost.className = "ep-plane-host";
  const treeHost = document.createElement("div");
  treeHost.className = "ep-diagram-host";
  row.appendChild(planeHost);
  row.appendChild(treeHost);
  const state = {id: data.id, unfolded: keep ? keep.unfolded : new Set(),
                 chosen: keep ? keep.chosen : null, hovered: null, leafHover: null};
  root.__ep = state;
  const say = (i) => {
    info.textContent = i === null || i === undefined ? data.texts.hint : describe(data.tree, i, data.texts);
  };
  state.mark = () => {   // hover, chosen and the pointer's leaf: outline + region + info line
    const lit = state.hovered ?? state.leafHover ?? state.chosen;
    for (const [i, node] of Object.entries(state.nodeEls || {})) {
      const n = Number(i);
      node.classList.toggle("ep-lit", n === lit);
      node.classList.toggle("ep-chosen", n === state.chosen);
    }
    if (state.light) state.light(lit);
    say(lit);
    window.__epTreeLit = performance.now();  // read by benchmarks/bench_browser.py
  };
  state.hover = (i, fromPlane) => {
    if (fromPlane) state.leafHover = i; else state.hovered = i;
    state.mark();
  };
  state.choose = (i) => { state.chosen = state.chosen === i ? null : i; state.mark(); };
  drawPlane(planeHost, data, state);
  drawTree(treeHost, data, state);
}
