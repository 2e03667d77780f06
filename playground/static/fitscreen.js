// Presentation mode (playground/fitscreen.py): a lecture step is one slide. The page's main
// block is laid out wider and scaled down (a CSS transform, which plotly's charts do not notice,
// unlike zoom) until the whole step fits the window, whatever its size: a laptop or a 1280 x 720
// projector. Re-fits when the window or the content changes size.
//
// A smaller scale lays the block out wider, and wider text wraps onto fewer lines: the block gets
// shorter and would fit at a larger scale, where it wraps again and is too tall (a step whose
// title wraps at the edge flickered between the two, 5 times a second). So a scale may grow once
// per rerun or window resize, and shrink whenever the content needs it.
const MIN_SCALE = 0.4;
let mayGrow = true;

function fit(margin) {
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  if (!main) return;
  const scale = parseFloat(main.dataset.epScale || "1");
  const natural = main.offsetHeight;  // layout height: a transform does not change it
  const room = window.innerHeight - margin;
  let want = Math.max(MIN_SCALE, Math.min(1, room / Math.max(natural, 1)));
  if (Math.abs(want - scale) < 0.005) return;
  if (want > scale) {
    if (!mayGrow) return;
    mayGrow = false;
  }
  main.dataset.epScale = String(want);
  main.style.transformOrigin = "top left";
  main.style.transform = want < 1 ? `scale(${want})` : "";
  main.style.width = want < 1 ? `${100 / want}%` : "";
  // the parent centres its child (align-items: center): a block wider than it would stick out
  // on both sides, and the left part of the slide would be cut off. Start it at the left edge:
  // scaled from its top-left corner it then covers the window's width exactly.
  main.style.alignSelf = want < 1 ? "flex-start" : "";
  if (want < 1) main.style.setProperty("max-width", "none", "important");
  else main.style.removeProperty("max-width");
  // the layout keeps the unscaled height: give back what the scale took, so nothing scrolls
  main.style.marginBottom = want < 1 ? `${-(1 - want) * natural}px` : "";
}

export function render(component) {
  const margin = Number((component.data || {}).margin || 8);
  const again = () => window.requestAnimationFrame(() => fit(margin));
  mayGrow = true;  // a rerun: new content
  again();
  if (!window.__epFit) {  // one observer per page, whatever the number of reruns
    window.__epFit = new ResizeObserver(again);
    const main = document.querySelector('[data-testid="stMainBlockContainer"]');
    if (main) window.__epFit.observe(main);
    window.addEventListener("resize", () => { mayGrow = true; again(); });
  }
}
