// The drawing pad of Ensemble Playground (playground/drawpad.py). Click to add a point of the
// chosen class, drag to paint a stroke of points; the eraser (or, drawing, Shift+click or a right
// click) deletes the points it touches; a tool marks test points; undo and clear. Mouse, pen and
// touch alike (pointer events). A plain click always adds, even on top of other points: an
// outlier goes exactly where it is wanted, inside the other class's crowd.
//
// The set travels in the format of playground/drawn.py (base64url: version, n, a byte per
// coordinate, a half byte per point for its class and test mark). Each finished gesture sends the
// whole set to the server as the trigger value "edit" = {pts, rev}; the server refits and sends
// the set back with the newest rev it took. A set from the server whose rev is older than the
// pad's own (an answer to an earlier gesture) is not shown: the pad never jumps back.
const VERSION = 1;
const STEPS = 255;
const TEST = 8;
const MAX_UNDO = 100;

// ---- the format of playground/drawn.py ------------------------------------------------------------
function fromBase64url(text) {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function toBase64url(bytes) {
  let bin = "";
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decode(text) {
  if (!text) return [];
  const raw = fromBase64url(text);
  if (raw.length < 3 || raw[0] !== VERSION) return [];
  const n = raw[1] | (raw[2] << 8);
  if (raw.length !== 3 + 2 * n + ((n + 1) >> 1)) return [];
  const pts = [];
  for (let i = 0; i < n; i++) {
    const nib = (raw[3 + 2 * n + (i >> 1)] >> (4 * (i & 1))) & 15;
    pts.push({x: raw[3 + 2 * i], y: raw[4 + 2 * i], c: nib & 7, t: (nib & TEST) > 0});
  }
  return pts;
}

// Classes renumbered 0, 1, ... in order of those present (as playground/drawn.py's canonical
// form): the pad's colours then match the charts', which colour the classes present in order.
function compact(pts) {
  const present = [...new Set(pts.map((p) => p.c))].sort((a, b) => a - b);
  const to = new Map(present.map((c, i) => [c, i]));
  return pts.map((p) => (to.get(p.c) === p.c ? p : {...p, c: to.get(p.c)}));
}

export function encode(pts) {
  const n = pts.length;
  const raw = new Uint8Array(3 + 2 * n + ((n + 1) >> 1));
  raw[0] = VERSION;
  raw[1] = n & 255;
  raw[2] = n >> 8;
  pts.forEach((p, i) => {
    raw[3 + 2 * i] = p.x;
    raw[4 + 2 * i] = p.y;
    raw[3 + 2 * n + (i >> 1)] |= ((p.c & 7) | (p.t ? TEST : 0)) << (4 * (i & 1));
  });
  return toBase64url(raw);
}

// ---- drawing ----------------------------------------------------------------------------------
const SVG = "http://www.w3.org/2000/svg";

function shapePath(ctx, symbol, x, y, r) {
  ctx.beginPath();
  if (symbol === "square") ctx.rect(x - r * 0.85, y - r * 0.85, 1.7 * r, 1.7 * r);
  else if (symbol === "diamond") {
    ctx.moveTo(x, y - 1.2 * r); ctx.lineTo(x + 1.2 * r, y); ctx.lineTo(x, y + 1.2 * r);
    ctx.lineTo(x - 1.2 * r, y); ctx.closePath();
  } else if (symbol === "triangle-up") {
    ctx.moveTo(x, y - 1.25 * r); ctx.lineTo(x + 1.15 * r, y + 0.8 * r);
    ctx.lineTo(x - 1.15 * r, y + 0.8 * r); ctx.closePath();
  } else if (symbol === "x") {
    const a = 0.45 * r, b = 1.1 * r;  // plotly's "x": a thick cross
    ctx.moveTo(x - b, y - b + a); ctx.lineTo(x - a, y); ctx.lineTo(x - b, y + b - a);
    ctx.lineTo(x - b + a, y + b); ctx.lineTo(x, y + a); ctx.lineTo(x + b - a, y + b);
    ctx.lineTo(x + b, y + b - a); ctx.lineTo(x + a, y); ctx.lineTo(x + b, y - b + a);
    ctx.lineTo(x + b - a, y - b); ctx.lineTo(x, y - a); ctx.lineTo(x - b + a, y - b);
    ctx.closePath();
  } else ctx.arc(x, y, r, 0, 2 * Math.PI);
}

function swatch(color, symbol) {
  const s = document.createElementNS(SVG, "svg");
  s.setAttribute("viewBox", "-10 -10 20 20");
  s.setAttribute("width", "16");
  s.setAttribute("height", "16");
  const shapes = {
    circle: ["circle", {r: 6.5}],
    square: ["rect", {x: -5.5, y: -5.5, width: 11, height: 11}],
    diamond: ["polygon", {points: "0,-7.5 7.5,0 0,7.5 -7.5,0"}],
    "triangle-up": ["polygon", {points: "0,-7.5 7,5 -7,5"}],
    x: ["polygon", {points: "-7,-4 -4,-7 0,-3 4,-7 7,-4 3,0 7,4 4,7 0,3 -4,7 -7,4 -3,0"}],
  };
  const [tag, attrs] = shapes[symbol] || shapes.circle;
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.setAttribute("fill", color);
  s.appendChild(el);
  return s;
}

function button(label, title) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "ep-pad-btn";
  b.textContent = label;
  if (title) b.title = title;
  return b;
}

// ---- the pad ----------------------------------------------------------------------------------
function build(root) {
  const pad = {
    pts: [], text: "", rev: -1, undo: [], cls: 0, tool: "add", gesture: null, hover: null,
    send: null, data: null, radius: 4, full: false,
  };
  const box = document.createElement("div");
  box.className = "ep-pad";
  const classes = document.createElement("div");
  classes.className = "ep-pad-row ep-pad-classes";
  const tools = document.createElement("div");
  tools.className = "ep-pad-row ep-pad-tools";
  const canvas = document.createElement("canvas");
  canvas.className = "ep-pad-canvas";
  canvas.setAttribute("role", "img");
  const foot = document.createElement("div");
  foot.className = "ep-pad-row";
  const undoBtn = button("↶");
  const clearBtn = button("✕");
  const status = document.createElement("span");
  status.className = "ep-pad-status";
  status.setAttribute("aria-live", "polite");
  foot.append(undoBtn, clearBtn, status);
  box.append(classes, tools, canvas, foot);
  root.appendChild(box);
  Object.assign(pad, {box, classes, tools, canvas, undoBtn, clearBtn, status});

  const toolButtons = {};
  for (const tool of ["add", "erase", "test"]) {
    const b = button("");
    b.dataset.tool = tool;
    b.addEventListener("click", () => { pad.tool = tool; refresh(pad); });
    tools.appendChild(b);
    toolButtons[tool] = b;
  }
  pad.toolButtons = toolButtons;
  undoBtn.addEventListener("click", () => undoLast(pad));
  clearBtn.addEventListener("click", () => {
    if (!pad.pts.length) return;
    commit(pad, pad.pts.slice(), []);
  });
  box.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "z") {
      e.preventDefault();
      undoLast(pad);
    }
  });

  new ResizeObserver(() => paint(pad)).observe(canvas);
  canvas.addEventListener("pointerdown", (e) => down(pad, e));
  canvas.addEventListener("pointermove", (e) => move(pad, e));
  canvas.addEventListener("pointerup", (e) => up(pad, e, true));
  canvas.addEventListener("pointercancel", (e) => up(pad, e, false));
  canvas.addEventListener("pointerleave", () => { if (!pad.gesture) { pad.hover = null; paint(pad); } });
  canvas.addEventListener("contextmenu", (e) => e.preventDefault());  // a right click erases
  return pad;
}

function undoLast(pad) {
  if (!pad.undo.length) return;
  const before = pad.undo.pop();
  pad.pts = before;
  send(pad);
  refresh(pad);
}

// A finished change: the set before it goes on the undo stack, the new one to the server.
function commit(pad, before, after) {
  pad.undo.push(before);
  if (pad.undo.length > MAX_UNDO) pad.undo.shift();
  pad.pts = after;
  send(pad);
  refresh(pad);
}

function send(pad) {
  pad.pts = compact(pad.pts);
  pad.text = encode(pad.pts);
  pad.rev += 1;
  const log = (window.__epPadEdits = window.__epPadEdits || []);  // read by bench_browser.py
  if (log.length < 1000) log.push(performance.now());
  if (pad.send) pad.send("edit", {pts: pad.text, rev: pad.rev});
}

// Pixel <-> grid position (0..255 on each axis, y upwards).
function toPixel(pad, p) {
  const w = pad.canvas.clientWidth, h = pad.canvas.clientHeight;
  return [(p.x / STEPS) * w, (1 - p.y / STEPS) * h];
}

function where(pad, e) {
  const r = pad.canvas.getBoundingClientRect();
  return [e.clientX - r.left, e.clientY - r.top];
}

function toGrid(pad, px, py) {
  const w = pad.canvas.clientWidth, h = pad.canvas.clientHeight;
  const clamp = (v) => Math.max(0, Math.min(STEPS, Math.round(v)));
  return {x: clamp((px / w) * STEPS), y: clamp((1 - py / h) * STEPS)};
}

// The index of the point under (px, py), the nearest within reach (a finger reaches further).
function hit(pad, px, py, reach) {
  let best = -1, bestD = reach * reach;
  pad.pts.forEach((p, i) => {
    const [x, y] = toPixel(pad, p);
    const d = (x - px) ** 2 + (y - py) ** 2;
    if (d <= bestD) { best = i; bestD = d; }
  });
  return best;
}

function reachOf(pad, e) {
  return Math.max(pad.radius + 3, e.pointerType === "touch" ? 14 : 8);
}

function add(pad, px, py, test) {
  if (pad.pts.length >= pad.data.cap) { pad.full = true; return false; }
  pad.pts.push({...toGrid(pad, px, py), c: pad.cls, t: test});
  pad.gesture.changed = true;
  return true;
}

// Every point within ``reach`` of (px, py): removed (eraser) or marked as test points.
function brush(pad, px, py, reach, how) {
  const r2 = reach * reach;
  const keep = [];
  for (const p of pad.pts) {
    const [x, y] = toPixel(pad, p);
    const near = (x - px) ** 2 + (y - py) ** 2 <= r2;
    if (near && how === "erase") { pad.gesture.changed = true; continue; }
    if (near && how === "test" && !p.t) { keep.push({...p, t: true}); pad.gesture.changed = true; continue; }
    keep.push(p);
  }
  pad.pts = keep;
}

// What a gesture does: the tool's action, except that Shift or a right click erases.
function action(pad, e) {
  if (pad.tool === "erase" || e.shiftKey || e.button === 2) return "erase";
  return pad.tool;
}

function down(pad, e) {
  if (!pad.data || (e.pointerType === "mouse" && e.button !== 0 && e.button !== 2)) return;
  e.preventDefault();
  pad.canvas.setPointerCapture?.(e.pointerId);
  const [px, py] = where(pad, e);
  const reach = reachOf(pad, e);
  pad.full = false;
  pad.gesture = {id: e.pointerId, x0: px, y0: py, last: [px, py], moved: false, changed: false,
                 before: pad.pts.slice(), hit: hit(pad, px, py, reach), reach,
                 slop: e.pointerType === "touch" ? 10 : 5, does: action(pad, e)};
  const g = pad.gesture;
  if (g.does === "erase") {  // a click deletes the point under it; a drag, all it passes over
    if (g.hit >= 0) {
      pad.pts.splice(g.hit, 1);
      g.changed = true;
    }
  } else if (g.does === "add" || g.hit < 0) add(pad, px, py, g.does === "test");
  refresh(pad);
}

function move(pad, e) {
  const [px, py] = where(pad, e);
  const g = pad.gesture;
  if (!g || g.id !== e.pointerId) {
    pad.hover = [px, py];
    paint(pad);
    return;
  }
  pad.hover = [px, py];
  if (!g.moved && Math.hypot(px - g.x0, py - g.y0) < g.slop) return;
  g.moved = true;
  const spacing = Math.max(7, pad.canvas.clientWidth / 32);
  const [lx, ly] = g.last;
  const d = Math.hypot(px - lx, py - ly);
  if (g.does === "add") {
    if (d < spacing) return;  // a stroke: a point every ``spacing`` pixels, slightly scattered
    const k = Math.floor(d / spacing);
    for (let i = 1; i <= k; i++) {
      const f = (i * spacing) / d;
      const jx = (Math.random() - 0.5) * 0.6 * spacing, jy = (Math.random() - 0.5) * 0.6 * spacing;
      if (!add(pad, lx + f * (px - lx) + jx, ly + f * (py - ly) + jy, false)) break;
    }
    g.last = [lx + (k * spacing / d) * (px - lx), ly + (k * spacing / d) * (py - ly)];
  } else {  // the eraser or the test marker, along the path (a fast move skips no point)
    const reach = g.does === "erase" ? Math.max(g.reach, 12) : Math.max(g.reach, 10);
    const k = Math.max(1, Math.ceil(d / (reach / 2)));
    for (let i = 1; i <= k; i++) brush(pad, lx + (i / k) * (px - lx), ly + (i / k) * (py - ly), reach, g.does);
    g.last = [px, py];
  }
  refresh(pad);
}

function up(pad, e, finished) {
  const g = pad.gesture;
  if (!g || g.id !== e.pointerId) return;
  pad.gesture = null;
  if (finished && !g.moved && g.hit >= 0 && g.does === "test") {
    const p = pad.pts[g.hit];  // a click on a point with the test tool: flip its mark
    pad.pts[g.hit] = {...p, t: !p.t};
    g.changed = true;
  }
  if (g.changed) {
    pad.undo.push(g.before);
    if (pad.undo.length > MAX_UNDO) pad.undo.shift();
    send(pad);
  }
  refresh(pad);
}

function paint(pad) {
  const {canvas, data} = pad;
  if (!data) return;
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth, h = canvas.clientHeight;
  if (w < 10) return;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const ctx = canvas.getContext("2d");
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, w, h);
  const [lo, hi] = data.box;  // grid lines at every half unit, the axes darker
  for (let v = Math.ceil(lo * 2) / 2; v <= hi; v += 0.5) {
    const f = (v - lo) / (hi - lo);
    ctx.strokeStyle = v === 0 ? "#bbb" : "#eee";
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(f * w, 0); ctx.lineTo(f * w, h);
    ctx.moveTo(0, (1 - f) * h); ctx.lineTo(w, (1 - f) * h);
    ctx.stroke();
  }
  pad.radius = Math.max(3, Math.min(6, w / 70));
  const r = pad.radius;
  for (const p of pad.pts) {
    const [x, y] = toPixel(pad, p);
    const color = data.colors[p.c % data.colors.length];
    shapePath(ctx, data.symbols[p.c % data.symbols.length], x, y, r);
    ctx.fillStyle = p.t ? "#fff" : color;
    ctx.fill();
    ctx.lineWidth = p.t ? 1.6 : 0.8;
    ctx.strokeStyle = p.t ? color : "#fff";
    ctx.stroke();
  }
  if (pad.hover && !pad.gesture && pad.tool !== "add") {  // what a click would do here
    const [hx, hy] = pad.hover;
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = "rgba(0,0,0,0.55)";
    const i = hit(pad, hx, hy, Math.max(pad.radius + 3, 8));
    if (i >= 0) {
      const [x, y] = toPixel(pad, pad.pts[i]);
      ctx.beginPath(); ctx.arc(x, y, r + 4, 0, 2 * Math.PI); ctx.stroke();
    }
  }
  ctx.strokeStyle = "#999";
  ctx.lineWidth = 1;
  ctx.strokeRect(0.5, 0.5, w - 1, h - 1);
}

// Texts, buttons and the status line, then the canvas.
function refresh(pad) {
  const {data} = pad;
  const t = data.text;
  const present = new Set(pad.pts.map((p) => p.c)).size;
  const offered = Math.min(data.colors.length, present + 1);  // the classes drawn, and one more
  if (pad.cls >= offered) pad.cls = offered - 1;
  if (pad.classes.querySelectorAll("button").length !== offered ||
      pad.classes.dataset.lang !== data.lang) {
    pad.classes.textContent = "";
    pad.classes.dataset.lang = data.lang;
    const label = document.createElement("span");
    label.className = "ep-pad-label";
    label.textContent = t.cls;
    pad.classes.appendChild(label);
    for (let c = 0; c < offered; c++) {
      const b = button("", t.pick.replace("{c}", c));
      b.dataset.cls = String(c);
      b.append(swatch(data.colors[c], data.symbols[c]), document.createTextNode(String(c)));
      b.addEventListener("click", () => { pad.cls = c; refresh(pad); });
      pad.classes.appendChild(b);
    }
  }
  for (const b of pad.classes.querySelectorAll("button")) {
    b.setAttribute("aria-pressed", String(Number(b.dataset.cls) === pad.cls));
  }
  for (const [tool, b] of Object.entries(pad.toolButtons)) {
    b.textContent = t[tool];
    b.title = t[tool + "_help"];
    b.setAttribute("aria-pressed", String(pad.tool === tool));
  }
  pad.undoBtn.textContent = "↶ " + t.undo;
  pad.undoBtn.disabled = !pad.undo.length;
  pad.clearBtn.textContent = "✕ " + t.clear;
  pad.clearBtn.disabled = !pad.pts.length;
  pad.canvas.setAttribute("aria-label", t.canvas);
  pad.canvas.title = t[pad.tool + "_help"];
  const marked = pad.pts.filter((p) => p.t).length;
  const num = (v) => v.toLocaleString("en-US");
  let line = t.count.replace("{n}", num(pad.pts.length)).replace("{cap}", num(data.cap));
  if (marked) line += " · " + t.marked.replace("{k}", num(marked));
  pad.status.textContent = pad.full ? t.full.replace("{cap}", num(data.cap)) : line;
  pad.status.classList.toggle("ep-pad-warn", pad.full);
  paint(pad);
}

export function render(component) {
  const {parentElement, data} = component;
  let pad = parentElement.__epPad;
  if (!pad) pad = parentElement.__epPad = build(parentElement);
  pad.send = component.setTriggerValue;
  pad.data = data;
  // The server's set, unless the pad already shows a newer one (a gesture the server has not
  // answered yet). A set the server changed by itself (a preset loaded) can be undone.
  if (data.rev >= pad.rev && data.pts !== pad.text && !pad.gesture) {
    if (pad.rev >= 0 && data.rev > pad.rev) pad.undo.push(pad.pts);
    pad.pts = decode(data.pts);
    pad.text = data.pts;
  }
  if (!pad.gesture) pad.rev = Math.max(pad.rev, data.rev);
  refresh(pad);
}
