"""See every member at once (issue 16 §4): the ensemble as one picture, TensorFlow Playground style.

A strip of every member's own small surface f₁ … fₜ, each linked to the big picture H by a line
as wide as its weight in the vote (αₜ for AdaBoost, 1/T for bagging, η αₜ for gradient boosting,
the final learner's weight for stacking). Hovering a member makes it the big picture in the
browser (``static/members.js``); a click switches it off or on (setting ``<page>_off``, in the
URL) and H is added up again from the members' recorded surfaces (``run.inspect.vote``): nothing
is refitted. A one-click "New sample" redraws the data with the next seed (:func:`new_sample`).
"""

from __future__ import annotations

import json

import numpy as np
import streamlit as st

from playground import livechart, plots, settings, state
from playground.i18n import tr
from playground.text import sub

MODULE_JS = "members.js"
_CSS = """
.ep-members { position: relative; }
.ep-members .ep-hint { font-size: 0.8rem; color: #555; margin: 0 0 8px 0; }
.ep-members .ep-members-row { display: flex; gap: 72px; align-items: flex-start;
  position: relative; z-index: 1; }
.ep-members .ep-links { position: absolute; left: 0; top: 0; z-index: 0; pointer-events: none; }
.ep-members .ep-grid { display: flex; flex-wrap: wrap; gap: 6px 12px; flex: 0 1 auto;
  max-width: calc(100% - 320px);
  min-width: 0; max-height: 470px; overflow-y: auto; padding: 2px; }
.ep-members .ep-cell { position: relative; width: 42px; cursor: pointer; text-align: center; }
.ep-members .ep-cell img { width: 42px; height: 42px; image-rendering: pixelated; display: block;
  border: 1px solid #999; border-radius: 3px; background: white; }
.ep-members .ep-cell:hover img, .ep-members .ep-cell:focus img { outline: 2px solid #e0245e; }
.ep-members .ep-off img { opacity: 0.25; filter: grayscale(1); }
.ep-members .ep-off .ep-name { text-decoration: line-through; color: #999; }
.ep-members .ep-name { font-size: 10px; line-height: 1.2; color: #333; white-space: nowrap; }
.ep-members .ep-wide { width: 84px; }
.ep-members .ep-wide img { width: 64px; height: 64px; margin: 0 auto; }
.ep-members .ep-wide .ep-name { white-space: normal; font-size: 11px; }
.ep-members .ep-open { position: absolute; top: -6px; right: -8px; display: none; padding: 0 2px;
  font-size: 11px; line-height: 16px; border: 1px solid #999; border-radius: 8px;
  background: white; cursor: pointer; }
.ep-members .ep-cell:hover .ep-open { display: block; }
.ep-members .ep-big { flex: 0 0 240px; }
.ep-members .ep-big-img { width: 240px; height: 240px; image-rendering: pixelated;
  border: 2px solid #333; border-radius: 4px; display: block; }
.ep-members .ep-big-label { font-weight: 600; font-size: 0.85rem; margin-bottom: 4px;
  min-height: 2.4em; }
.ep-members .ep-big-note { font-size: 0.8rem; color: #444; margin-top: 4px; }
"""
_COMPONENT = None


def _component():
    global _COMPONENT
    if _COMPONENT is None:
        js = livechart.loader(MODULE_JS, livechart.module_version(MODULE_JS))
        _COMPONENT = st.components.v2.component("ensemble_playground.members", js=js, css=_CSS,
                                                isolate_styles=False)
    return _COMPONENT


def off_set(page: str) -> set[int]:
    """The members switched off (1-based), from the setting ``<page>_off``."""
    raw = state.get(f"{page}_off")
    return {int(v) for v in raw.split(",") if v.strip().isdigit()} if raw else set()


def _toggle(page: str, k: int) -> None:
    off = off_set(page) ^ {int(k)}
    state.put(f"{page}_off", ",".join(map(str, sorted(off))))


def _picked(page: str, event: str):
    value = st.session_state.get(f"members.{page}")
    got = value.get(event) if hasattr(value, "get") else None
    return int(got) if isinstance(got, (int, float)) else None


def _thumb_png(ins, i: int, K: int) -> str:
    """Member i's small surface as a PNG data URI, kept with the fit (drawn once)."""
    memo = ins.drawn.setdefault(("thumb", K), {})
    if i not in memo:
        memo[i] = plots.small_image_source(ins.thumb(i), K)
    return memo[i]


def strip(page: str, run, *, labels: list[str], alone: list[str], weight_name: str, K: int,
          open_member=None, title: str | None = None, wide: bool = False,
          hint: str | None = None) -> None:
    """Every member of ``run``: their small surfaces, links as wide as ``run.inspect.weights``,
    and the big picture H of those switched on. ``labels[i]``: member i's short name (f₁);
    ``alone[i]``: what it is shown as when hovered ("f₇ alone · α₇ = 0.42"). ``open_member(k)``:
    opens member k's tree (None: no tree button).

    The strip is its own fragment, outside the player's: a round of the player sends nothing of
    it again, and switching a member off reruns the strip alone. Opening a tree changes what the
    rest of the page shows, so it reruns the page."""
    ins = run.inspect
    if ins is None or not ins.can_vote or not livechart.enabled():  # a static module draws it
        return

    def members_fragment():
        _draw(page, ins, labels, alone, weight_name, K, open_member, title, wide, hint)
        if st.session_state.pop(f"members.{page}.opened", False):
            st.rerun()  # the whole page: the tree opened (and round t) are drawn outside
        if not state.playing(page):  # as the player's own fragment: no history entry per round
            state.write_url(page)

    members_fragment.__qualname__ = f"{page}.members"
    st.fragment(members_fragment)()


def _draw(page, ins, labels, alone, weight_name, K, open_member, title, wide, hint) -> None:
    T = ins.n_members
    off = off_set(page)
    on = np.array([k + 1 not in off for k in range(T)], bool)
    vote = ins.vote(on)
    full = vote if on.all() else ins.vote(np.ones(T, bool))
    note = [tr("mb.err", train=_pct(vote.train_err), all=_pct(full.train_err))]
    if np.isfinite(full.test_err):
        note.append(tr("mb.err_test", test=_pct(vote.test_err), all=_pct(full.test_err)))
    data = {"id": page, "title": title or tr("mb.title", t=sub(T)), "wide": wide,
            "thumbs": [_thumb_png(ins, i, K) for i in range(T)],
            "labels": labels[:T], "alone": alone[:T],
            "weights": [float(w) for w in ins.weights[:T]], "on": on.tolist(),
            "big": plots.small_image_source(vote.code, K),
            "bigLabel": tr("mb.big", n=vote.n_on, t=T), "bigNote": " · ".join(note),
            "openable": open_member is not None,
            "texts": {"hint": hint or tr("mb.hint", w=weight_name), "open": tr("mb.open"),
                      "is_on": tr("mb.is_on"), "is_off": tr("mb.is_off")}}
    events = {"on_toggle_change": lambda: _on_toggle(page)}
    if open_member is not None:
        events["on_open_change"] = lambda: _on_open(page, open_member)
    _component()(key=f"members.{page}", data=json.dumps(data, separators=(",", ":")).encode(),
                 height="content", **events)


def _on_toggle(page: str) -> None:
    k = _picked(page, "toggle")
    if k is not None:
        _toggle(page, k)


def _on_open(page: str, open_member) -> None:
    k = _picked(page, "open")
    if k is not None:
        open_member(k)
        st.session_state[f"members.{page}.opened"] = True


def _pct(v: float) -> str:
    return "—" if not np.isfinite(v) else f"{v:.1%}"


def new_sample_button(data: str, container=None) -> None:
    """'New sample': the same data set drawn again with the next seed (next to the data set);
    not for the lecture's fixed ten points."""
    if data in ("adaboost_toy",):
        return
    (container or st.sidebar).button(tr("mb.new_sample"), key="new_sample", on_click=new_sample,
                                      icon=":material/casino:", help=tr("mb.new_sample_help"))


def new_sample() -> None:
    """The next seed (0..9999, round the clock); pins and switched-off members start afresh."""
    lo, hi = settings.bounds(settings.BY_NAME["seed"])
    seed = int(state.get("seed")) + 1
    state.set_widget("seed", int(lo) if seed > hi else seed)
    for page in settings.INSPECTED:
        state.set_widget(f"{page}_pin", 0)
        state.put(f"{page}_off", "")
