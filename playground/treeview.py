"""Open any tree (issue 16 §3): a fitted tree as a node-link diagram beside its region of the plane.

The diagram is drawn in the browser (``static/treeview.js``, an ``st.components.v2`` element like
the live charts) from the tree's own flat arrays (:mod:`playground.compute.nodes`): each node's
question ("x₁ ≤ 0.37 ?"), samples, impurity and class shares or value. Hovering or choosing a node
lights its region (the box its questions cut, root to node) on the tree's own surface; moving over
that surface lights the leaf under the pointer; a pinned example's path from the root is drawn
bold. None of that asks the server: the data is already in the browser.
"""

from __future__ import annotations

import json

import numpy as np
import streamlit as st

from playground import inspector, livechart, plots, state
from playground.i18n import tr

MODULE_JS = "treeview.js"
FULL_DEPTH = 8  # deeper trees open folded at the depth chosen (setting tree_depth, default 8)
MAX_POINTS = 250  # training points drawn on the tree's small plane (every k-th beyond)
_CSS = """
.ep-tree .ep-row { display: flex; gap: 14px; align-items: flex-start; }
.ep-tree .ep-plane-host { flex: 0 0 auto; }
.ep-tree .ep-diagram-host { flex: 1 1 auto; min-width: 0; overflow-x: auto; overflow-y: hidden;
  padding-bottom: 6px; }
.ep-tree .ep-info { font-size: 0.8rem; color: #333; min-height: 2.6em; margin: 0 0 6px 0; }
.ep-tree .ep-node { cursor: pointer; }
.ep-tree .ep-node:focus { outline: none; }
.ep-tree .ep-lit .ep-box { stroke: #e0245e; stroke-width: 3; }
.ep-tree .ep-chosen .ep-box { stroke: #e0245e; stroke-width: 3; stroke-dasharray: 5 2; }
.ep-tree .ep-fold { cursor: pointer; }
.ep-tree text { font-family: Inter, Helvetica, Arial, sans-serif; pointer-events: none; }
"""
_COMPONENT = None


def _component():
    global _COMPONENT
    if _COMPONENT is None:
        js = livechart.loader(MODULE_JS, livechart.module_version(MODULE_JS))
        _COMPONENT = st.components.v2.component("ensemble_playground.treeview", js=js, css=_CSS,
                                                isolate_styles=False)
    return _COMPONENT


def _round(a, digits: int = 4) -> list:
    """Numbers for the browser: finite, a few significant digits (the diagram shows three)."""
    a = np.asarray(a, float)
    out = np.where(np.isfinite(a), a, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        mag = np.where(out != 0, np.floor(np.log10(np.abs(out))), 0)
    scale = 10.0 ** (digits - 1 - mag)
    return (np.round(out * scale) / scale).tolist()


def texts() -> dict:
    keys = ("node", "depth", "leaf", "samples", "weight", "impurity", "imp_short", "value",
            "cls", "yes", "no", "hint")
    return {k: tr(f"tv.{k}") for k in keys}


def _plane(ins, background, K, points, pin, y_range=None, steps=None) -> dict:
    """The tree's own plane: its surface (a code picture) or 1-D steps, the points, the pin."""
    lo, hi = ins.extent[0], ins.extent[1]
    px, py, pc = points
    every = max(1, int(np.ceil(len(px) / MAX_POINTS)))
    plane = {"x0": float(lo[0]), "x1": float(hi[0]),
             "y0": float(y_range[0] if y_range is not None else lo[1]),
             "y1": float(y_range[1] if y_range is not None else hi[1]),
             "px": _round(px[::every], 3), "py": _round(py[::every], 3),
             "pc": np.asarray(pc[::every], int).tolist(),
             "src": plots.small_image_source(background, K) if background is not None else None,
             "pin": None if pin is None else [float(pin[0]), float(pin[1])]}
    if steps is not None:  # 1-D: the points are (x, pseudo-residual), the steps f_t
        plane["steps"] = steps
        plane["color"] = plots.OKABE_ITO[2]
    return plane


def show(page: str, run, k: int, *, title: str, token, background=None, K: int = 2,
         points=None, y_range=None, pin_xy=None, container=None, controls=None) -> bool:
    """Draw member k's (1-based) tree; False (and nothing drawn) when member k is not a tree.

    ``background``: the member's own surface codes (uint8, the run's grid) or None; ``points``:
    (x, y, class index) drawn on the plane (default: the training examples); ``y_range`` and
    ``pin_xy`` for a 1-D tree, whose plane is (x, pseudo-residual); ``controls``: where the
    depth control of a deep tree goes (default: above the diagram)."""
    ins = run.inspect
    if not livechart.enabled():  # the diagram's code is a static module (like the live charts)
        return True
    n = inspector.pinned(page, run)
    point = ins.point(n) if n else None
    nodes = ins.tree(k, point)
    if nodes is None:
        return False
    box = controls or container or st
    if nodes.max_depth > FULL_DEPTH:
        box.number_input(tr("tv.show_depth", d=nodes.max_depth), min_value=1, max_value=40,
                         step=1, key=state.wkey("tree_depth"), on_change=state.from_widget,
                         args=("tree_depth",), width=220)
    if points is None:
        points = (ins.X[:, 0], ins.X[:, 1], np.searchsorted(ins.classes, ins.y))
    lo, hi = nodes.lo, nodes.hi
    leaves = np.flatnonzero(nodes.left < 0)
    steps = None
    if lo.shape[1] == 1:  # a 1-D tree: its output on every leaf's interval
        steps = [[float(lo[i, 0]), float(hi[i, 0]), float(nodes.value[i, 0])] for i in leaves]
    tree = {"f": np.maximum(nodes.feature, 0).tolist(), "thr": _round(nodes.threshold),
            "l": nodes.left.tolist(), "r": nodes.right.tolist(), "d": nodes.depth.tolist(),
            "n": nodes.samples.tolist(), "w": _round(nodes.weight), "imp": _round(nodes.impurity),
            "val": [_round(v, 3) for v in nodes.value], "lo": _round(lo), "hi": _round(hi),
            "kind": nodes.kind, "classes": [str(c) for c in ins.classes],
            "colors": list(plots.CLASS_COLORS),
            "vmax": float(np.abs(nodes.value[leaves]).max()) if len(leaves) else 1.0,
            "features": [f"x{_sub(j + 1)}" for j in range(lo.shape[1])]}
    pin = pin_xy if pin_xy is not None else point
    data = {"id": f"{page}:{k}:{hash(token)}", "title": title, "tree": tree,
            "show": int(state.get("tree_depth")) if nodes.max_depth > FULL_DEPTH else FULL_DEPTH,
            "path": nodes.path.tolist(), "texts": texts(),
            "plane": _plane(ins, background, K, points, pin, y_range, steps)}
    with container or st.container():
        _component()(key=f"tree.{page}", data=json.dumps(data, separators=(",", ":")).encode(),
                     height="content")
    return True


def _sub(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
