"""Charts that follow the round t: one plotly chart per slot, redrawn in place.

``st.plotly_chart`` hashes the figure into the element's identity, so every new round mounts a new
chart: the browser throws the old one away and lays out every axis, point and bar again
(``Plotly.newPlot``, ~100-250 ms per surface chart with a thousand points in a software-rendered
browser). Playing at 5 rounds per second with four charts following t cannot fit in that.

Here a chart slot is a small ``st.components.v2`` component whose identity is its key alone. The
browser keeps one plotly graph div per slot and hands each new figure to ``Plotly.react``, which
diffs it against the one on screen. Figures that arrive while the previous one is still being
drawn are dropped, except the newest: a slow machine shows fewer rounds, never a backlog.

plotly.js itself is the copy shipped inside the ``plotly`` Python package, served by Streamlit's
static file serving (``server.enableStaticServing``) from ``playground/static/``; nothing is
downloaded. The figure travels as plotly's own JSON (numpy arrays as base64 typed arrays).
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import shutil
import tempfile

import numpy as np
import plotly
import streamlit as st
from _plotly_utils.utils import is_skipped_key

STATIC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "static")
PLOTLY_JS = "plotly.min.js"
MODULE_JS = "livechart.js"
CONFIG = {"displaylogo": False, "responsive": False,
          "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"]}


def _plotly_source() -> str:
    return os.path.join(os.path.dirname(plotly.__file__), "package_data", PLOTLY_JS)


def ensure_static() -> str:
    """Copy the installed plotly.js next to the app for static serving (once per version).

    Returns the file's version tag (its size and the plotly package version), used in the URL so
    a browser never keeps a stale copy after an upgrade. The copy goes through a temporary file and
    an atomic rename: several replicas may start at once.
    """
    src = _plotly_source()
    dst = os.path.join(STATIC, PLOTLY_JS)
    size = os.path.getsize(src)
    if not os.path.exists(dst) or os.path.getsize(dst) != size:
        os.makedirs(STATIC, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=STATIC, suffix=".tmp")
        os.close(fd)
        shutil.copyfile(src, tmp)
        os.replace(tmp, dst)
    return f"{plotly.__version__}-{size}"


_VERSION = ensure_static()

# A live component's own code is a two-line loader: the real module (static/livechart.js,
# static/livemath.js) is fetched once and cached by the browser, instead of travelling inside
# every element's message. (An absolute URL: the loader itself runs from a blob: URL, which cannot
# resolve "/app/...".)
_LOADER_JS = """export default function (component) {
  import(new URL(%s, window.location.href).href)
    .then((m) => m.render(component), (err) => console.error(%s, err));
}
"""

# Surfaces are layout images scaled up by the browser: keep their cells sharp, as a heatmap's.
_CSS = (".ep-chart .imagelayer image { image-rendering: pixelated; }\n"
        ".ep-title { font-weight: 600; line-height: 1.6; margin: 0 0 0.25rem 0; }")

_COMPONENT = None


def _component():
    global _COMPONENT
    if _COMPONENT is None:
        _COMPONENT = st.components.v2.component(
            "ensemble_playground.livechart", js=loader(MODULE_JS, _MODULE_VERSION), css=_CSS,
            isolate_styles=False)
    return _COMPONENT


def module_version(name: str) -> str:
    """A static module's content tag, in its URL: a browser never runs a stale copy."""
    with open(os.path.join(STATIC, name), "rb") as fh:
        return hashlib.sha1(fh.read()).hexdigest()[:10]


_MODULE_VERSION = module_version(MODULE_JS)


def loader(name: str, version: str) -> str:
    """The component code that imports static module ``name`` and hands it each element."""
    return _LOADER_JS % (json.dumps(static_url(name, version)), json.dumps(f"{name}:"))


def static_url(name: str, version: str) -> str:
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    prefix = f"/{base}" if base else ""
    return f"{prefix}/app/static/{name}?v={version}"


_SHORT = {"float64": "f8", "float32": "f4", "int32": "i4", "uint32": "u4", "int16": "i2",
          "uint16": "u2", "int8": "i1", "uint8": "u1"}


def typed_array(a: np.ndarray):
    """plotly.js's typed-array spec of a numeric array (as ``plotly.io.to_json`` writes it):
    ``{"dtype": "f4", "bdata": <base64>, "shape": "30, 40"}``. int64 shrinks to the smallest
    integer type that holds it (JavaScript has no int64 arrays); anything else goes as a list.
    """
    if a.size == 0:
        return _finite(a.tolist())
    if a.dtype == np.int64:
        lo, hi = int(a.min()), int(a.max())
        for t in (np.int8, np.int16, np.int32):
            if np.iinfo(t).min <= lo and hi <= np.iinfo(t).max:
                a = a.astype(t)
                break
        else:
            return _finite(a.tolist())
    short = _SHORT.get(str(a.dtype))
    if short is None:
        return _finite(a.tolist())
    spec = {"dtype": short, "bdata": base64.b64encode(np.ascontiguousarray(a)).decode("ascii")}
    if a.ndim > 1:
        spec["shape"] = str(a.shape)[1:-1]
    return spec


def _typed(obj, key: str = ""):
    """numpy arrays inside a figure's properties -> typed arrays, exactly where plotly's own
    JSON puts them (not under keys such as ``range``, which plotly.js wants as plain lists)."""
    if isinstance(obj, dict):
        return {k: _typed(v, k) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_typed(v, key) for v in obj]
    if isinstance(obj, np.ndarray):
        return _finite(obj.tolist()) if is_skipped_key(key) else typed_array(obj)
    if isinstance(obj, (float, np.floating)):
        return float(obj) if math.isfinite(obj) else None  # JSON has no NaN: plotly sends null
    return obj


def _finite(values: list) -> list:
    return [None if isinstance(v, float) and not math.isfinite(v) else v for v in values]


def _numpy(obj):
    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return _finite(obj.tolist())
    raise TypeError(f"cannot send {type(obj).__name__} to a chart")


def _fast(obj):
    """json.dumps hook for the common case: numpy arrays as typed arrays, except pairs (an axis
    range is a pair, and plotly.js wants it as a plain list)."""
    if isinstance(obj, np.ndarray):
        return _finite(obj.tolist()) if obj.ndim == 1 and obj.size <= 2 else typed_array(obj)
    return _numpy(obj)


def _encode(props: dict) -> str:
    """One trace's or the layout's JSON. The C encoder with a hook for numpy handles nearly every
    figure (a layout with its template is a large nest of small dicts: walking it in Python cost
    ~2 ms per chart and round); a figure with NaN in plain lists (a missing test curve) takes the
    exact walk (:func:`_typed`, NaN as null, exactly as plotly's own JSON)."""
    try:
        return json.dumps(props, default=_fast, separators=(",", ":"), allow_nan=False)
    except ValueError:
        return json.dumps(_typed(props), default=_numpy, separators=(",", ":"), allow_nan=False)


def spec(fig) -> dict:
    """The figure as plotly JSON, one string per trace and one for the layout; the browser
    re-parses only the strings that changed. Read straight from the figure's validated properties
    (``_props``): no deep copy, no second validation (~0.1 ms per trace).
    """
    return {"traces": [_encode(t._props) for t in fig.data],  # noqa: SLF001
            "layout": _encode(fig.layout._props)}  # noqa: SLF001


def pack(header: dict, figure: dict) -> bytes:
    """One chart's message: lines of ASCII JSON (the header, the layout, then one per trace).

    Bytes travel to the browser as they are. A dict would be JSON-encoded by Streamlit twice more
    (once for the message, once for the element's identity) and probed for dataframes, about a
    third of a round's server time on the forest page. JSON from ``json.dumps`` never contains a
    raw newline, so the lines split back exactly (:func:`unpack`, and the browser's
    ``livechart.js``).
    """
    lines = [json.dumps(header, separators=(",", ":")), figure["layout"], *figure["traces"]]
    return "\n".join(lines).encode("ascii")


def unpack(message: bytes) -> dict:
    """The inverse of :func:`pack`: the header's fields plus ``layout`` and ``traces``."""
    header, layout, *traces = bytes(message).decode("ascii").split("\n")
    return {**json.loads(header), "layout": layout, "traces": traces}


def enabled() -> bool:
    """Live charts need Streamlit's static file serving (``.streamlit/config.toml`` sets it; a
    server started elsewhere without that config falls back to ``st.plotly_chart``)."""
    return bool(st.get_option("server.enableStaticServing"))


def preload(container=None) -> None:
    """Start loading plotly.js in the browser now (call it early in every run): the first chart of
    a page then does not wait for the 4.8 MB script to arrive and compile."""
    if not enabled():
        return
    box = container if container is not None else st.sidebar
    with box:
        _component()(key="live.preload",
                     data={"preload": True, "src": static_url(PLOTLY_JS, _VERSION)},
                     height="content")


def show(fig, *, key: str, container=None, title: str | None = None, on_click=None,
         on_pick=None, config: dict | None = None) -> None:
    """Draw ``fig`` in slot ``key``; the same key next time redraws that chart in place.

    ``title`` (plain text, bold above the chart) is drawn by the chart's own component: a
    markdown element per title cost the browser ~70 ms each when a page opens (the AdaBoost page
    has five), and the chart's first frame waited for all of them.

    ``on_click(point)``, if given, is called (as a widget callback, before the rerun it causes)
    when a point of the chart is clicked, with ``{"curve", "index", "customdata", "x", "y"}``
    (customdata as the figure sent it). ``on_pick(where)``: a click on the chart's plot area (not
    a drag) calls it, before the rerun it causes, with ``{"x", "y", "subplot"}`` in data
    coordinates (:func:`picked`). Without static serving there are no clicks. ``config``: plotly
    config entries added to :data:`CONFIG` (e.g. the lecture's PNG download name)."""
    if not enabled():  # same figure, redrawn from scratch by Streamlit's own chart element
        if title:
            (container or st).markdown(f"**{title}**")
        (container or st).plotly_chart(fig, width="stretch", key=key)
        return
    height = int(fig.layout.height or 400)
    if container is None:
        mount = _component()
    else:
        def mount(**kw):
            with container:
                return _component()(**kw)
    header = {"src": static_url(PLOTLY_JS, _VERSION), "config": {**CONFIG, **(config or {})},
              "height": height,
              "slot": key}
    if title:
        header["title"] = title
    events = {}
    if on_click is not None:
        header["clicks"] = True
        slot = f"live.{key}"

        def clicked():
            point = (st.session_state.get(slot) or {}).get("click")
            if isinstance(point, dict):
                on_click(point)
        events["on_click_change"] = clicked
    if on_pick is not None:
        header["pick"] = True
        events["on_pick_change"] = lambda: on_pick(picked(key))
    # a title may wrap onto two lines in a narrow column: the element then takes its content's
    # height (the chart's own height is reserved by livechart.js either way)
    mount(key=f"live.{key}", data=pack(header, spec(fig)), height="content" if title else height,
          **events)


def picked(key: str) -> dict | None:
    """The last click on chart ``key`` (see :func:`show`'s ``on_pick``), or None."""
    value = st.session_state.get(f"live.{key}")
    where = value.get("pick") if hasattr(value, "get") else None
    return where if isinstance(where, dict) else None
