"""The "Draw" data set of every 2-D page: a drawing pad in the sidebar, in the page itself.

The pad is a small ``st.components.v2`` element (``static/drawpad.js``, loaded like the live
charts' module): the browser adds, paints, erases and marks points with no server round trip,
and each finished gesture sends the whole set as the trigger value ``edit`` = ``{pts, rev}``.
:func:`_edited` (the trigger's callback, run before the page) reads it as untrusted text through
:func:`playground.drawn.canonical` and puts it in the setting ``pts``; the page then refits on it
like on any other data set (:class:`playground.compute.DataKey` ``"draw"``). ``rev`` numbers the
pad's edits: an answer to an older edit never overwrites a newer one, in the server or the pad.

Around the pad: where to start from (any preset's points, or an empty pad), how the test points
are chosen (marked by hand, else drawn from the same points with the seed), and the settings with
the drawn set as JSON.
"""

from __future__ import annotations

import os
from typing import Callable

import numpy as np
import streamlit as st

from playground import compute, datasets, drawn, export, limits, livechart, settings, state
from playground.i18n import lang, tr
from playground.plots import CLASS_COLORS, CLASS_SYMBOLS
from playground.text import plain

MODULE_JS = "drawpad.js"
_MODULE_VERSION = livechart.module_version(MODULE_JS)
PAD = "draw.pad"  # the element's key; its trigger value "edit" is the pad's newest set
REV = "draw.rev"  # the newest edit the server took (the pad's own numbering)
FROM = "draw.from"  # the preset the pad starts from (the 2-D set shown before "Draw")
NOTE = "draw.note"  # what starting from a preset left out, said once
BAD = "draw.bad"  # a set from the pad that could not be read, said once
LAST = "draw.last"  # the last drawn key that could be fit
DEFAULT_FROM = "moons"
# A preset starts the pad with at most half the cap: room left to draw (and a set a hand can edit)
START_POINTS = limits.MAX_DRAWN_POINTS // 2

_CSS = """
.ep-pad { display: flex; flex-direction: column; gap: 0.35rem; user-select: none; }
.ep-pad-row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem; }
.ep-pad-label { font-size: 0.8rem; margin-right: 0.15rem; }
.ep-pad-btn { font: inherit; font-size: 0.8rem; line-height: 1.2; padding: 0.2rem 0.45rem;
  border: 1px solid rgba(49, 51, 63, 0.25); border-radius: 0.4rem; background: #fff;
  color: rgb(49, 51, 63); cursor: pointer; display: inline-flex; align-items: center;
  gap: 0.2rem; }
.ep-pad-btn[aria-pressed="true"] { border-color: #f59322; background: #fff3e6;
  box-shadow: inset 0 0 0 1px #f59322; }
.ep-pad-btn:disabled { opacity: 0.45; cursor: default; }
.ep-pad-btn:focus-visible { outline: 2px solid #f59322; outline-offset: 1px; }
.ep-pad-canvas { width: 100%; aspect-ratio: 1 / 1; touch-action: none; cursor: crosshair;
  display: block; border-radius: 0.25rem; }
.ep-pad-status { font-size: 0.78rem; color: rgba(49, 51, 63, 0.75); margin-left: auto; }
.ep-pad-status.ep-pad-warn { color: #b3261e; font-weight: 600; }
"""

_COMPONENT = None


def _component():
    global _COMPONENT
    if _COMPONENT is None:
        if livechart.enabled():
            js = livechart.loader(MODULE_JS, _MODULE_VERSION)
        else:  # no static file serving: the module itself travels with the element
            with open(os.path.join(livechart.STATIC, MODULE_JS), encoding="utf-8") as fh:
                js = fh.read() + "\nexport default function (c) { return render(c); }\n"
        _COMPONENT = st.components.v2.component("ensemble_playground.drawpad", js=js, css=_CSS,
                                                isolate_styles=False)
    return _COMPONENT


# ---- the pad's edits ------------------------------------------------------------------------------

def _edited() -> None:
    """Trigger callback: the pad's newest set becomes the setting ``pts`` (if it is newer than
    the last one taken and reads as a drawn set)."""
    event = (st.session_state.get(PAD) or {}).get("edit")
    if not isinstance(event, dict):
        return
    rev, pts = event.get("rev"), event.get("pts")
    if isinstance(rev, bool) or not isinstance(rev, int) or rev <= st.session_state.get(REV, 0):
        return  # an older edit, arriving after a newer one
    try:
        value = drawn.canonical(pts)
    except ValueError as exc:
        st.session_state[BAD] = str(exc)
        return
    st.session_state[REV] = rev
    state.put("pts", value)


def _changed_here(value: str) -> None:
    """A set the server chose (a preset, a file): numbered after every edit of the pad."""
    st.session_state[REV] = st.session_state.get(REV, 0) + 1
    state.put("pts", value)


def presets() -> list[str]:
    """What the pad can start from: the 2-D generators, our silhouettes, and an empty pad."""
    return list(datasets.names("2d")) + list(datasets.names("image")) + [""]


def start_from(name: str) -> None:
    """Put a preset's points on the pad (at the page's noise and seed settings, and its size up to
    :data:`START_POINTS`)."""
    if not name:
        _changed_here(drawn.encode(np.zeros((0, 2), np.uint8), np.zeros(0, np.uint8)))
        st.session_state[NOTE] = None
        return
    params = dict(compute.DataKey.of(name, state.cfg()).params)
    params["n"] = min(int(params.get("n", START_POINTS)), START_POINTS)
    X, y = datasets.load(name, **params)
    loaded = drawn.from_points(X, y, cap=limits.MAX_DRAWN_POINTS, seed=int(params.get("seed", 0)))
    _changed_here(loaded.pts)
    st.session_state[NOTE] = (name, loaded.n, loaded.outside, loaded.over_cap)


def _start_button() -> None:
    start_from(st.session_state.get("draw.start_from", DEFAULT_FROM))


# ---- JSON: the shared settings, the drawn set among them -----------------------------------------

def _open_json() -> None:
    up = st.session_state.get("draw.json_file")
    if up is None:
        return
    try:
        values = export.parse_settings_json(up.getvalue(), page=settings.GLOBAL)
    except ValueError as exc:
        st.session_state["draw.json_error"] = str(exc)
        return
    st.session_state["draw.json_error"] = ""
    for name, value in values.items():
        if name != "pts":
            state.set_widget(name, value)
    _changed_here(values["pts"])


def _json_box() -> None:
    with st.sidebar.expander(tr("dr.json"), icon=":material/data_object:"):
        st.download_button(tr("dr.json_save"), export.settings_json(state.cfg(), settings.GLOBAL),
                           file_name="drawn-set.json", mime="application/json",
                           key="draw.json_save", on_click="ignore", icon=":material/download:")
        st.file_uploader(tr("dr.json_open"), type=["json"], key="draw.json_file",
                         on_change=_open_json)
        err = st.session_state.get("draw.json_error")
        if err:
            st.error(tr("dr.json_bad", err=plain(err, 300)), icon=":material/error:")


# ---- the sidebar section ----------------------------------------------------------------------------

def pad_data() -> dict:
    """What the pad is sent: the set, its edit number, the cap, the classes' look and texts."""
    keys = ("cls", "pick", "add", "add_help", "erase", "erase_help", "test", "test_help", "undo",
            "clear", "count", "marked", "full", "canvas")
    return {"pts": state.get("pts"), "rev": int(st.session_state.get(REV, 0)),
            "cap": limits.MAX_DRAWN_POINTS, "box": [drawn.LO, drawn.HI],
            "colors": list(CLASS_COLORS), "symbols": list(CLASS_SYMBOLS), "lang": lang(),
            "text": {k: tr(f"dr.{k}") for k in keys}}


def remember_preset(name: str) -> None:
    """The 2-D set a page shows: "Draw" starts from its points."""
    if name in datasets.REGISTRY:
        st.session_state[FROM] = name


def data_key(slider: Callable, dataset_label: Callable[[str], str]) -> compute.DataKey:
    """The pad and its controls in the sidebar; the key of the drawn set (or, while it cannot be
    fit, of the last one that could, saying why). ``slider`` and ``dataset_label`` are
    :mod:`playground.controls`' (which calls this)."""
    def _label(name: str) -> str:
        return dataset_label(name) if name else tr("dr.empty")

    if not state.get("pts"):  # the first visit: the points of the set shown before
        start_from(st.session_state.get(FROM, DEFAULT_FROM))
    sb = st.sidebar
    sb.caption(tr("dr.how"))
    with sb:
        _component()(key=PAD, data=pad_data(), on_edit_change=_edited, height="content")
    bad = st.session_state.pop(BAD, None)
    if bad:
        sb.warning(tr("dr.bad_edit", why=plain(bad, 200)), icon=":material/warning:")
    note = st.session_state.pop(NOTE, None)
    if note:
        name, n, outside, over = note
        sb.caption(" ".join([tr("dr.started", name=_label(name), n=f"{n:,}")]
                            + ([tr("dr.outside", k=f"{outside:,}")] if outside else [])
                            + ([tr("dr.over_cap", k=f"{over:,}",
                                   cap=f"{limits.MAX_DRAWN_POINTS:,}")] if over else [])))
    options = presets()
    if st.session_state.get("draw.start_from") not in options:
        st.session_state["draw.start_from"] = st.session_state.get(FROM, DEFAULT_FROM)
    left, right = sb.columns([5, 3], vertical_alignment="bottom")
    left.selectbox(tr("dr.start"), options, format_func=_label, key="draw.start_from")
    right.button(tr("dr.start_btn"), on_click=_start_button, key="draw.start",
                 icon=":material/restart_alt:", width="stretch")
    key = compute.DataKey.of(drawn.NAME, state.cfg())
    marked = int(drawn.decode(key.param("pts")).test.sum())
    if not marked:
        slider("test", "sb.test", step=0.05)
    slider("seed", "sb.seed")
    key = compute.DataKey.of(drawn.NAME, state.cfg())
    try:
        d = compute.dataset(key)
    except ValueError as exc:
        last = st.session_state.get(LAST)
        why = plain(exc, 200)
        if last is not None:
            st.warning(tr("dr.unusable", why=why), icon=":material/draw:")
            key = last
        else:
            name = st.session_state.get(FROM, DEFAULT_FROM)
            st.warning(tr("dr.unusable_preset", why=why, name=_label(name)),
                       icon=":material/draw:")
            key = compute.DataKey.of(name, state.cfg())
        _json_box()
        return key
    st.session_state[LAST] = key
    k = len(d["y_te"])
    sb.caption(tr(f"dr.split_{d['split']}", k=f"{k:,}"))
    _json_box()
    return key
