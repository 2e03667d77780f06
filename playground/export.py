"""Take-home exports of lecture mode, as pure functions (the page wires them to download buttons).

* :func:`figure_html` — a chart as one standalone HTML file (plotly.js inlined, works offline);
* :func:`animate` — several figures of a stepped view (e.g. AdaBoost's rounds) as one figure with
  plotly animation frames, a play button and a slider, so the rounds play with no server;
* :func:`settings_json` / :func:`parse_settings_json` / :func:`settings_link` — the view's settings
  as JSON and as a link; parsing is strict (``json.loads`` only, never eval or unpickle; unknown
  keys, wrong types and out-of-range values are rejected with a sentence naming the problem);
* :func:`data_csv` — a data set as CSV text.

PNG: every chart's modebar camera button saves a PNG in the browser (the page sets its scale and
file name). A server-side PNG would need kaleido plus a Chrome build, which the app does not
download at run time, so there is none.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from typing import Any, Mapping, Sequence
from urllib.parse import urlencode

import numpy as np
import plotly.graph_objects as go

from playground import settings

PAGE = "lec"  # the settings exported are those ``settings.SETTINGS`` declares for this page

MAX_JSON_BYTES = 10_000
MAX_JSON_DEPTH = 4  # {"format", "settings": {name: value}} needs 2; a value is never a container
FORMAT = "ensemble-playground/lecture"
# one format per settings document: the lecture's, and the settings every page shares (with a
# drawn set's points, saved from the drawing pad)
FORMATS = {PAGE: FORMAT, settings.GLOBAL: "ensemble-playground/settings"}


# ---- charts -----------------------------------------------------------------------------------

def figure_html(fig: go.Figure, *, title: str = "Ensemble Playground") -> str:
    """A standalone, offline HTML page showing ``fig`` (and playing its frames, if any)."""
    html = fig.to_html(include_plotlyjs=True, full_html=True, auto_play=False,
                       config={"displaylogo": False, "responsive": True})
    return html.replace("<head>", f"<head><title>{_escape(title)}</title>", 1)


def _escape(text: str) -> str:
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def animate(figures: Sequence[go.Figure], labels: Sequence[str], *, duration: int = 900,
            play: str = "Play", pause: str = "Pause", prefix: str = "") -> go.Figure:
    """One figure whose frames are ``figures`` (same traces in the same order), with a play /
    pause button and a slider labelled ``labels``. Each frame also carries its figure's title,
    shapes and annotations, so stepped lines and captions change with the frame."""
    if not figures:
        raise ValueError("animate needs at least one figure")
    if len(labels) != len(figures):
        raise ValueError(f"{len(figures)} figures but {len(labels)} labels")
    n = len(figures[0].data)
    for i, f in enumerate(figures):
        if len(f.data) != n:
            raise ValueError(f"frame {i + 1} has {len(f.data)} traces, the first has {n}: "
                             "frames must draw the same traces")
    out = go.Figure(data=copy.deepcopy(figures[0].data), layout=copy.deepcopy(figures[0].layout))
    frames = []
    for f, label in zip(figures, labels):
        lay = {"shapes": f.layout.shapes or [], "annotations": f.layout.annotations or []}
        if f.layout.title and f.layout.title.text:
            lay["title"] = {"text": f.layout.title.text}
        frames.append(go.Frame(data=copy.deepcopy(f.data), layout=lay, name=str(label)))
    out.frames = frames
    anim = {"frame": {"duration": duration, "redraw": True}, "mode": "immediate",
            "transition": {"duration": 0}, "fromcurrent": True}
    top = out.layout.margin.t if out.layout.margin and out.layout.margin.t is not None else 40
    bottom = out.layout.margin.b if out.layout.margin and out.layout.margin.b is not None else 40
    height = (out.layout.height or 450) + 90
    out.update_layout(
        height=height, margin={"t": top, "b": bottom + 90},
        updatemenus=[{"type": "buttons", "direction": "left", "showactive": False,
                      "x": 0.0, "xanchor": "left", "y": 0.0, "yanchor": "top", "pad": {"t": 50},
                      "buttons": [{"label": "▶ " + play, "method": "animate",
                                   "args": [None, anim]},
                                  {"label": "❚❚ " + pause, "method": "animate",
                                   "args": [[None], {"frame": {"duration": 0, "redraw": False},
                                                     "mode": "immediate"}]}]}],
        sliders=[{"active": 0, "x": 0.2, "len": 0.8, "y": 0.0, "yanchor": "top",
                  "pad": {"t": 40}, "currentvalue": {"prefix": prefix},
                  "steps": [{"label": str(label), "method": "animate",
                             "args": [[str(label)], {"frame": {"duration": 0, "redraw": True},
                                                     "mode": "immediate",
                                                     "transition": {"duration": 0}}]}
                            for label in labels]}])
    return out


# ---- settings -----------------------------------------------------------------------------------

def settings_json(values: Mapping[str, Any], page: str = PAGE) -> str:
    """The view's settings as a small JSON document (every setting, defaults included): the
    lecture's, or (``page=settings.GLOBAL``) those every page shares, a drawn set among them."""
    body = {name: values[name] for name in settings.page_defaults(page)}
    for name, v in body.items():
        settings.check_json(page, name, v)
    return json.dumps({"format": FORMATS[page], "settings": body}, indent=2, ensure_ascii=False)


def _no_constants(name: str):
    raise ValueError(f"{name} is not allowed in settings")


def parse_settings_json(text: str | bytes, page: str = PAGE) -> dict[str, Any]:
    """Settings from JSON, strictly: a dict of every setting (missing ones get their default).

    Accepts the document written by :func:`settings_json` or a bare object of settings. Raises
    ``ValueError`` with a sentence naming the first problem: not JSON, too large, not an object,
    an unknown key, a value of the wrong type or out of range.
    """
    if isinstance(text, (bytes, bytearray)):
        if len(text) > MAX_JSON_BYTES:
            raise ValueError(f"the settings file is {len(text):,} bytes; the limit is "
                             f"{MAX_JSON_BYTES:,}")
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError:
            raise ValueError("the settings file is not UTF-8 text") from None
    if len(text.encode("utf-8")) > MAX_JSON_BYTES:
        raise ValueError(f"the settings text is longer than {MAX_JSON_BYTES:,} bytes")
    text = text.removeprefix("\ufeff")  # a UTF-8 byte-order mark, as some editors save
    if not text.strip():
        raise ValueError("the settings text is empty")
    depth = _nesting(text)
    if depth > MAX_JSON_DEPTH:
        raise ValueError(f"the settings are nested {depth} levels deep; a settings file has at "
                         f"most {MAX_JSON_DEPTH} ({{\"settings\": {{name: value}}}})")
    try:
        doc = json.loads(text, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") \
            from None
    if not isinstance(doc, dict):
        raise ValueError("the settings must be a JSON object {…}")
    if "settings" in doc or "format" in doc:
        extra = set(doc) - {"format", "settings"}
        if extra:
            raise ValueError(f"unknown key “{sorted(extra)[0]}” (expected only “format” and "
                             "“settings”)")
        if doc.get("format", FORMATS[page]) != FORMATS[page]:
            raise ValueError(f"“format” must be “{FORMATS[page]}”, got {doc.get('format')!r}")
        doc = doc.get("settings")
        if not isinstance(doc, dict):
            raise ValueError("“settings” must be a JSON object {…}")
    values = settings.page_defaults(page)
    for name, value in doc.items():
        values[name] = settings.check_json(page, name, value)
    return values


def _nesting(text: str) -> int:
    """How deep ``[`` and ``{`` nest in a JSON text, outside strings (checked before parsing: a
    document nested thousands deep would exhaust the parser's recursion)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def settings_link(base_url: str, values: Mapping[str, Any]) -> str:
    """A link that opens this exact view (``base_url`` is the lecture page's address)."""
    return base_url.rstrip("?") + "?" + urlencode(settings.url_params(PAGE, dict(values),
                                                                    shared=False))


# ---- data ---------------------------------------------------------------------------------------

def data_csv(columns: Mapping[str, Sequence]) -> str:
    """Columns of equal length as CSV text (header = the keys; floats with full precision)."""
    names = list(columns)
    if not names:
        raise ValueError("no columns to write")
    cols = [np.asarray(columns[k]) for k in names]
    n = len(cols[0])
    if any(len(c) != n for c in cols):
        raise ValueError("columns of different lengths: " +
                         ", ".join(f"{k}={len(c)}" for k, c in zip(names, cols)))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(names)
    for row in zip(*cols):
        w.writerow([_cell(v) for v in row])
    return buf.getvalue()


def _cell(v) -> str:
    if isinstance(v, (float, np.floating)):
        return repr(float(v)) if not float(v).is_integer() else str(int(v)) if abs(v) < 1e15 \
            else repr(float(v))
    if isinstance(v, (np.integer,)):
        return str(int(v))
    return str(v)
