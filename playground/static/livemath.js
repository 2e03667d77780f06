// Round t's numbers as MathML (playground/livemath.py): one element per slot, kept across
// Streamlit reruns; a new round replaces the lines' nodes and nothing else on the page.
// Every leaf is set as text (textContent), never parsed as markup.
const NS = "http://www.w3.org/1998/Math/MathML";
const TOKENS = {i: "mi", n: "mn", o: "mo", t: "mtext"};
const LAYOUTS = {sub: "msub", sup: "msup", frac: "mfrac"};

function el(tag, children) {
  const node = document.createElementNS(NS, tag);
  for (const c of children) node.appendChild(c);
  return node;
}

// One expression: an array is a row (<mrow>), an array whose first item is a kind name is a node.
function build(expr) {
  const [kind, ...args] = expr;
  if (typeof kind !== "string") return el("mrow", expr.map(build));
  if (TOKENS[kind]) {
    const node = document.createElementNS(NS, TOKENS[kind]);
    node.textContent = String(args[0]);
    if (kind === "o" && "()".includes(args[0])) node.setAttribute("stretchy", "false");
    return node;
  }
  if (LAYOUTS[kind]) return el(LAYOUTS[kind], args.map(build));
  if (kind === "sp") {
    const node = document.createElementNS(NS, "mspace");
    node.setAttribute("width", "2em");
    return node;
  }
  throw new Error("unknown expression " + kind);
}

export function render(component) {
  const { parentElement } = component;
  const raw = component.data instanceof Uint8Array || component.data instanceof ArrayBuffer
    ? new TextDecoder().decode(component.data) : JSON.stringify(component.data);
  let box = parentElement.querySelector(":scope > .ep-math");
  if (!box) {
    box = document.createElement("div");
    box.className = "ep-math";
    parentElement.appendChild(box);
  }
  if (box.__epRaw === raw) return;  // the same round again (a rerun that changed nothing here)
  box.__epRaw = raw;
  const lines = JSON.parse(raw).lines.map((line) => {
    const math = el("math", [build(line)]);
    math.setAttribute("display", "block");
    return math;
  });
  box.replaceChildren(...lines);
}
