"""Lecture mode (issue 5): the lecture's experiments as a track of steps, in docs/lecture.md's order.

Every number on a step comes from the engine's recorded histories (``playground.lecture.fits``).
``/lecture?step=6`` opens a step; ``&present=1`` is presentation mode (large type, no sidebar,
only previous / next), ``&theme=dark`` the dark look. Every chart can be taken home as PNG (the
modebar camera) or standalone HTML (with animation frames for stepped views); the settings as a
link or JSON (loading JSON restores the view); the data as CSV.
"""

from __future__ import annotations

import streamlit as st

from playground import fitscreen, settings, state
from playground.i18n import tr
from playground.lecture import track
from playground.lecture.look import Ctx, inject_css
from playground.lecture.steps import RENDER
from playground.lecture.takehome import take_home

PAGE = "lec"


def values() -> dict:
    """The lecture's settings (a snapshot: change them with :func:`set_value`)."""
    cfg = state.cfg()
    return {name: cfg[name] for name in settings.page_defaults(PAGE)}


def set_value(name: str, value) -> None:
    """Change a setting and its widget (from a callback: before widgets are drawn)."""
    state.set_widget(name, value)


def go(delta: int) -> None:
    set_value("step", min(max(values()["step"] + delta, 1), track.N_STEPS))


# ---- navigation, sidebar, export ----------------------------------------------------------------------

def step_label(n: int) -> str:
    return f"{n}. {tr('lec.' + track.step_id(n) + '.short')}"


def nav(vals: dict, where: str) -> None:
    step = vals["step"]
    cols = st.columns([1, 3, 1])
    cols[0].button(tr("lec.prev"), key=f"lec.prev.{where}", on_click=go, args=(-1,),
                   disabled=step <= 1, width="stretch",
                   shortcut="Left" if where == "top" else "PageUp")
    cols[1].markdown(f"<div class='lec-count'>{step} / {track.N_STEPS} · "
                     f"{tr('lec.' + track.step_id(step) + '.short')}</div>",
                     unsafe_allow_html=True)
    cols[2].button(tr("lec.next"), key=f"lec.next.{where}", on_click=go, args=(1,),
                   disabled=step >= track.N_STEPS, width="stretch", type="primary",
                   shortcut="Right" if where == "top" else "PageDown")


def sidebar(vals: dict) -> None:
    sb = st.sidebar
    sb.subheader(tr("lec.sb.title"))
    sb.selectbox(tr("lec.sb.step"), list(range(1, track.N_STEPS + 1)), format_func=step_label,
                 key=state.wkey("step"), on_change=state.from_widget, args=("step",))
    sb.toggle(tr("lec.sb.present"), key=state.wkey("present"), on_change=state.from_widget,
              args=("present",), help=tr("lec.sb.present_help"))
    sb.segmented_control(tr("lec.sb.theme"), ["light", "dark"], key=state.wkey("theme"),
                         format_func=lambda t: tr(f"lec.theme.{t}"), on_change=_theme_widget)
    sb.selectbox(tr("lec.sb.shape"), list(track.SILHOUETTES), key=state.wkey("shape"),
                 format_func=lambda s: tr(f"ds.{s}"), on_change=state.from_widget,
                 args=("shape",))
    lo, hi = settings.bounds(settings.BY_NAME["bag_T"])
    sb.slider(tr("lec.sb.bag_T"), lo, hi, key=state.wkey("bag_T"), on_change=state.from_widget,
              args=("bag_T",))
    lo, hi = settings.bounds(settings.BY_NAME["seed"])
    sb.number_input(tr("lec.sb.seed"), lo, hi, step=1, key=state.wkey("seed"),
                    on_change=state.from_widget, args=("seed",))


def _theme_widget() -> None:
    value = st.session_state[state.wkey("theme")] or values()["theme"]  # re-click deselects
    set_value("theme", value)


def toggle_theme() -> None:
    set_value("theme", "light" if values()["theme"] == "dark" else "dark")


def exit_present() -> None:
    set_value("present", False)


def main() -> None:
    vals = values()
    state.show_url_problems()
    present = vals["present"]
    if not present:
        sidebar(vals)
    vals = values()
    theme, present, step = vals["theme"], vals["present"], vals["step"]
    inject_css(theme, present)
    fitscreen.fit(on=present)
    nav(vals, "top")
    ctx = Ctx(step, theme, present, vals)
    with st.spinner(tr("lec.fitting")):
        RENDER[track.step_id(step)](ctx)
    if not present:  # a slide has its navigation at the top (and the keys), not twice
        st.divider()
        nav(vals, "bottom")
    if present:
        cols = st.columns([6, 1, 1])
        cols[1].button(tr("lec.theme.toggle"), on_click=toggle_theme, key="lec.theme_btn",
                       type="tertiary", icon=":material/contrast:", width="stretch")
        cols[2].button(tr("lec.exit_present"), on_click=exit_present, key="lec.exit",
                       type="tertiary", icon=":material/close_fullscreen:", width="stretch")
    else:
        take_home(ctx, apply=lambda new: [set_value(k, v) for k, v in new.items()])
    state.write_url(PAGE, shared=False)


if __name__ == "__main__":  # run by streamlit as a page script, not on import
    main()
