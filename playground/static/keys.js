// The player's keyboard (playground/keys.py): Space play / pause, ← / → one round, Home / End the
// first / last round, on the whole page, with the keys shown in a hint. One listener per window,
// speaking for the page's newest keys element (an element of a page left behind says nothing).
//
// Focus is never trapped: whatever widget was clicked last, the keys still drive the player,
// except where a key already means something to the focused widget: typing in a text field, a
// number or a select box (nothing here fires), the arrows, Home and End on a slider (which moves
// the slider itself: on the round slider that is the same step), Space on a checkbox or a toggle
// (which flips it). Space on a focused button plays or pauses rather than clicking that button
// again.
const KEYS = {" ": "space", Spacebar: "space", ArrowLeft: "left", ArrowRight: "right",
              Home: "home", End: "end"};
const NOT_TEXT = new Set(["range", "checkbox", "radio", "button", "submit", "reset", "color",
                          "file", "image"]);
// (Segmented controls, such as the player's speed, are radio buttons: the keys still drive the
// player there, so that a click on "fast" does not turn → into "next speed".)
const OWN_ARROWS = new Set(["slider", "spinbutton", "tab", "option", "listbox", "combobox",
                            "menuitem", "menuitemradio", "grid", "gridcell"]);

function element(el) {
  return el && el.nodeType === 1 ? el : null;
}

// Does the focused widget (anywhere on the event's path) take this key for itself?
function taken(path, key) {
  for (const node of path) {
    const el = element(node);
    if (!el) continue;
    const tag = el.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable) return true;
    if (tag === "INPUT") {
      const type = (el.getAttribute("type") || "text").toLowerCase();
      if (!NOT_TEXT.has(type)) return true;  // typing
      if (type === "range") return key !== "space";
      if (type === "checkbox" || type === "radio") return key === "space" || type === "radio";
      return false;
    }
    if (key !== "space" && OWN_ARROWS.has(el.getAttribute("role"))) return true;
  }
  return false;
}

function listen() {
  const keys = window.__epKeys;
  document.addEventListener("keydown", (e) => {
    const k = KEYS[e.key];
    const el = keys.el;
    if (!k || !el || !el.isConnected || !keys.send) return;
    if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || e.isComposing) return;
    const path = e.composedPath ? e.composedPath() : [e.target];
    if (taken(path, k)) return;
    e.preventDefault();  // no page scroll, no click of a focused button
    if (k === "space") keys.spaceDown = true;
    if (e.repeat && k === "space") return;
    keys.n += 1;
    const log = (window.__epKeyLog = window.__epKeyLog || []);  // read by the browser tests
    if (log.length < 1000) log.push([k, performance.now()]);
    keys.send("key", {k, n: keys.n});
  }, true);
  document.addEventListener("keyup", (e) => {
    if (KEYS[e.key] === "space" && keys.spaceDown) {  // a focused button clicks on Space's keyup
      keys.spaceDown = false;
      e.preventDefault();
    }
  }, true);
}

function hint(parent, data) {
  let box = parent.querySelector(":scope > .ep-keys");
  if (box && box.dataset.text === JSON.stringify(data.hint)) return;
  if (!box) {
    box = document.createElement("div");
    box.className = "ep-keys";
    parent.appendChild(box);
  }
  box.dataset.text = JSON.stringify(data.hint);
  box.textContent = "";
  const label = document.createElement("span");
  label.textContent = data.label;
  box.appendChild(label);
  for (const [keysText, what] of data.hint) {
    const item = document.createElement("span");
    item.className = "ep-keys-item";
    for (const name of keysText.split(" ")) {
      const kbd = document.createElement("kbd");
      kbd.textContent = name;
      item.appendChild(kbd);
    }
    item.appendChild(document.createTextNode(" " + what));
    box.appendChild(item);
  }
}

export function render(component) {
  const {parentElement, data, setTriggerValue} = component;
  if (!window.__epKeys) {
    window.__epKeys = {n: 0, el: null, send: null, spaceDown: false};
    listen();
  }
  window.__epKeys.el = parentElement;
  window.__epKeys.send = setTriggerValue;
  hint(parentElement, data);
}
