// Keyboard shortcuts for a page's buttons (playground/keys.py). A key press clicks the first of
// its buttons that is on the page and enabled, exactly as a mouse click would (the button's own
// callback runs on the server). Keys pressed in a field (a text box, a slider, a select box, a
// focused button) belong to that field and are left alone.
let bindings = {};

function button(keys) {
  for (const key of keys) {
    const el = document.querySelector(`.st-key-${key} button`);
    if (el && !el.disabled) return el;
  }
  return null;
}

function onKey(event) {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
  const keys = bindings[event.code];
  if (!keys) return;
  const field = event.target && event.target.closest && event.target.closest(
    "input, textarea, select, button, [role='slider'], [role='combobox'], [contenteditable='true']");
  if (field) return;
  const el = button(keys);
  if (!el) return;
  event.preventDefault();
  el.click();
}

export function render(component) {
  const data = component.data instanceof Uint8Array || component.data instanceof ArrayBuffer
    ? JSON.parse(new TextDecoder().decode(component.data)) : component.data;
  bindings = data.bindings || {};
  if (!window.__epKeys) {
    window.__epKeys = true;
    document.addEventListener("keydown", onKey);
  }
}
