// The live charts of Ensemble Playground (playground/livechart.py): one plotly graph div per chart
// slot, kept across Streamlit reruns, redrawn with the cheapest plotly call that shows the new
// figure. Loaded as an ES module by the component's two-line loader; served from
// playground/static/ (Streamlit's static file serving) next to the plotly.js copy it loads.
function loadPlotly(src) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.__epPlotly) {
    window.__epPlotly = new Promise((ok, fail) => {
      const s = document.createElement("script");
      s.src = src;
      s.onload = () => ok(window.Plotly);
      s.onerror = () => { window.__epPlotly = null; fail(new Error("could not load " + src)); };
      document.head.appendChild(s);
    });
  }
  return window.__epPlotly;
}

const TYPED = {f8: Float64Array, f4: Float32Array, i4: Int32Array, u4: Uint32Array,
               i2: Int16Array, u2: Uint16Array, i1: Int8Array, u1: Uint8Array};

// plotly's JSON sends numpy arrays as {dtype, bdata (base64), shape}; decoding them here, once per
// changed trace, lets an unchanged trace keep its very arrays, so Plotly.react skips it.
function decode(v) {
  if (Array.isArray(v)) return v.map(decode);
  if (v === null || typeof v !== "object") return v;
  if (typeof v.bdata === "string" && TYPED[v.dtype]) {
    const bin = atob(v.bdata);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const flat = new TYPED[v.dtype](bytes.buffer);
    if (!v.shape) return flat;
    const dims = String(v.shape).split(",").map(Number);
    if (dims.length !== 2) return flat;
    const rows = [];
    for (let r = 0; r < dims[0]; r++) rows.push(flat.subarray(r * dims[1], (r + 1) * dims[1]));
    return rows;
  }
  for (const k of Object.keys(v)) v[k] = decode(v[k]);
  return v;
}

let webgl = null;
function hasWebGL() {
  if (webgl === null) {
    try { webgl = !!document.createElement("canvas").getContext("webgl"); } catch (e) { webgl = false; }
  }
  return webgl;
}

// scattergl needs WebGL (a projector's PC may have none): the same points in SVG then.
function parseTrace(text) {
  const t = decode(JSON.parse(text));
  if (t.type === "scattergl" && !hasWebGL()) t.type = "scatter";
  return t;
}

// The chart's width, as last measured by its ResizeObserver (measuring on every draw would force a
// layout of the whole page each time).
function fitWidth(gd, layout) {
  if (gd.__epWidth > 50) layout.width = gd.__epWidth;
}

// Flat plotly attribute paths ("images[0].source") whose values differ between two layouts, or
// null when the structure differs (then the caller redraws the whole chart).
function layoutChanges(a, b, path, out) {
  if (a === b) return out;
  const isObj = (v) => v !== null && typeof v === "object";
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length || a.some((x) => !isObj(x))) {
      if (JSON.stringify(a) === JSON.stringify(b)) return out;
      if (out) out[path] = b;
      return out;
    }
    for (let i = 0; i < a.length && out; i++) out = layoutChanges(a[i], b[i], `${path}[${i}]`, out);
    return out;
  }
  if (isObj(a) && isObj(b) && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      if (!out) return out;
      if (!(k in b)) return null;
      out = layoutChanges(a[k], b[k], path ? `${path}.${k}` : k, out);
    }
    return out;
  }
  if (out) out[path] = b;
  return out;
}

// The cheapest plotly call that turns the chart on screen into the new figure:
// * "same": nothing changed;
// * "relayout": only layout attributes changed (a surface image, a round band): just those;
// * "react": anything else (Plotly.react still skips traces whose arrays are the same objects).
async function update(Plotly, gd, prev, want) {
  const sameTraces = want.traces.length === prev.traces.length;
  const changed = [];
  if (sameTraces) want.traces.forEach((t, i) => { if (t !== prev.traces[i]) changed.push(i); });
  const layoutJson = want.layout === prev.layout ? prev.layoutJson : JSON.parse(want.layout);
  const relayout = want.layout === prev.layout ? {} : layoutChanges(prev.layoutJson, layoutJson, "", {});
  if (!sameTraces || !relayout || "width" in relayout || "height" in relayout) return null;
  if (changed.length) return null;  // a trace changed: Plotly.react (it skips unchanged traces)
  if (Object.keys(relayout).length) await Plotly.relayout(gd, relayout);
  gd.__epPrev = {traces: want.traces, objs: prev.objs, layout: want.layout, layoutJson};
  return Object.keys(relayout).length ? "relayout" : "same";
}

// A chart's first draw (Plotly.newPlot's work: 100-800 ms on a slow machine) is the page's heaviest
// task. When a page opens with several charts, their first draws take turns, one per frame, so the
// first chart is on screen while the others are still being drawn, rather than all five appearing
// together after the last. (The timeout covers a background tab, which gets no frames.)
let openings = Promise.resolve();
function nextFrame() {
  return new Promise((ok) => { requestAnimationFrame(() => setTimeout(ok, 0)); setTimeout(ok, 200); });
}
function takeTurn() {
  const mine = openings;
  let done;
  openings = new Promise((ok) => { done = ok; });
  return mine.then(() => () => nextFrame().then(done));
}

async function draw(gd) {
  gd.__epBusy = true;
  let release = null;
  try {
    const Plotly = await loadPlotly(gd.__epWant.src);
    if (!gd.__epPrev) release = await takeTurn();
    while (gd.__epWant) {
      const want = gd.__epWant;
      gd.__epWant = null;
      const prev = gd.__epPrev;
      const t0 = performance.now();
      let how = prev ? await update(Plotly, gd, prev, want) : null;
      if (how === null) {
        how = "react";
        const objs = want.traces.map((t, i) =>
          prev && t === prev.traces[i] ? prev.objs[i] : parseTrace(t));
        const layout = decode(JSON.parse(want.layout));
        fitWidth(gd, layout);
        await Plotly.react(gd, objs, layout, want.config);
        gd.__epPrev = {traces: want.traces, objs, layout: want.layout,
                       layoutJson: JSON.parse(want.layout)};
      }
      // draw times per slot, read by benchmarks/bench_browser.py (bounded)
      const log = (window.__epDraws = window.__epDraws || []);
      if (log.length < 5000) log.push([want.slot, performance.now() - t0, how, performance.now()]);
      gd.__epDrawn = (gd.__epDrawn || 0) + 1;
      if (gd.__epSend) hookClicks(gd);
      if (release) { release(); release = null; }
    }
  } catch (err) {
    gd.__epPrev = null;
    gd.textContent = "chart error: " + err.message;
    console.error(err);
  } finally {
    if (release) release();
    gd.__epBusy = false;
  }
}

// Clicks on a chart that asked for them (livechart.show(..., on_click=...)): the clicked point's
// trace, index and customdata go back to Python as the component's "click" trigger value. Only
// numbers, strings and arrays of them travel (customdata is the figure's own data).
function hookClicks(gd) {
  if (gd.__epClicks || typeof gd.on !== "function") return;
  gd.__epClicks = true;
  const plain = (v) => (typeof v === "number" || typeof v === "string" || Array.isArray(v)) ? v : null;
  gd.on("plotly_click", (ev) => {
    const p = ev && ev.points && ev.points[0];
    if (!p || !gd.__epSend) return;
    gd.__epSend("click", {curve: p.curveNumber, index: p.pointIndex ?? p.pointNumber ?? null,
                          customdata: plain(p.customdata), x: plain(p.x), y: plain(p.y)});
  });
}

// A chart's message (playground/livechart.py, pack): lines of JSON: a header, the layout, then
// one line per trace. The trace lines are compared as strings, so only changed ones are parsed.
function unpack(bytes) {
  const [header, layout, ...traces] = new TextDecoder().decode(bytes).split("\n");
  return {...JSON.parse(header), layout, traces};
}

// The chart's title (plain text, never HTML: it may name an uploaded file's columns).
function titleAbove(parent, gd, title) {
  let head = parent.querySelector(":scope > .ep-title");
  if (!title) {
    if (head) head.remove();
    return;
  }
  if (!head) {
    head = document.createElement("div");
    head.className = "ep-title";
    parent.insertBefore(head, gd);
  }
  if (head.textContent !== title) head.textContent = title;
}

// A chart that answers clicks (livechart.show(..., on_pick=...)): a click on a plot area (no drag)
// is sent to Python as its data coordinates and subplot, e.g. {x: 0.3, y: -0.1, subplot: "xy"}.
function listenForPicks(gd) {
  gd.addEventListener("click", (e) => {
    const box = e.target.closest && e.target.closest(".nsewdrag");
    const send = gd.__epPick;
    if (!box || !send || !gd._fullLayout) return;
    const subplot = box.getAttribute("data-subplot") || "xy";
    const sp = gd._fullLayout._plots && gd._fullLayout._plots[subplot];
    if (!sp) return;
    const r = box.getBoundingClientRect();
    const x = sp.xaxis.p2d(e.clientX - r.left), y = sp.yaxis.p2d(e.clientY - r.top);
    window.__epPicked = performance.now();  // read by benchmarks/bench_browser.py
    send("pick", {x, y, subplot});
  });
}

export function render(component) {
  const { parentElement } = component;
  const data = component.data instanceof Uint8Array || component.data instanceof ArrayBuffer
    ? unpack(component.data) : component.data;
  if (data.preload) {  // livechart.preload(): fetch and compile plotly.js before any chart needs it
    loadPlotly(data.src).catch((err) => console.error(err));
    return;
  }
  let gd = parentElement.querySelector(":scope > .ep-chart");
  if (!gd) {
    gd = document.createElement("div");
    gd.className = "ep-chart";
    gd.dataset.slot = data.slot || "";  // the chart's key: tests and benchmarks find it by name
    gd.style.width = "100%";
    gd.style.minHeight = data.height + "px";
    parentElement.appendChild(gd);
    // the layout width (clientWidth), not the drawn one: in presentation mode the page is scaled
    // by a CSS transform, and a chart sized to its scaled box would be scaled down twice
    gd.__epWidth = Math.floor(parentElement.clientWidth ||
                              parentElement.getBoundingClientRect?.().width || 0);
    new ResizeObserver((entries) => {
      const w = Math.floor(entries[entries.length - 1].contentRect.width);
      if (w > 50 && Math.abs(w - (gd.__epWidth || 0)) > 2) {
        gd.__epWidth = w;
        if (window.Plotly && gd.layout) window.Plotly.relayout(gd, {width: w});
      }
    }).observe(gd);
  }
  if (data.pick) {
    if (!gd.__epPick) listenForPicks(gd);
    gd.__epPick = component.setTriggerValue;
    gd.style.cursor = "pointer";
  }
  titleAbove(parentElement, gd, data.title);
  gd.__epSend = data.clicks ? component.setTriggerValue : null;
  gd.__epWant = data;  // only the newest figure is drawn
  if (!gd.__epBusy) draw(gd);
}
