"""Play / pause / step / reset for any view indexed by a round t (TensorFlow Playground's player).

The buttons live outside the training fragment: pressing one reruns the page once, which
re-registers the fragment with ``run_every`` set (playing) or not (paused). While playing, each
fragment tick advances t and redraws only the training views; the fitted model comes from the cache,
so a tick only slices recorded history.
"""

from __future__ import annotations

import math

import streamlit as st

from playground import state
from playground.i18n import tr

INTERVAL = {"slow": 1.5, "normal": 0.8, "fast": 0.5}


def _key(prefix: str) -> str:
    return f"{prefix}.playing"


def playing(prefix: str) -> bool:
    return bool(st.session_state.get(_key(prefix), False))


def autoplay_once(prefix: str, t_name: str) -> None:
    """Start playing on a session's first visit unless the URL pinned a round."""
    flag = f"{prefix}.autoplayed"
    if flag not in st.session_state:
        st.session_state[flag] = True
        if t_name not in st.session_state.get("url_had", set()):
            st.session_state[_key(prefix)] = True


def step_size(T: int) -> int:
    return max(1, math.ceil(T / 40))


def controls(prefix: str, t_name: str, T: int, *, container=None) -> float | None:
    """Draw the player buttons; returns the fragment's run_every (None while paused)."""
    box = container or st
    k = _key(prefix)

    def play():
        if state.get(t_name) >= T:
            state.set_widget(t_name, 1)
        st.session_state[k] = True

    def pause():
        st.session_state[k] = False

    def step():
        st.session_state[k] = False
        state.set_widget(t_name, min(T, state.get(t_name) + 1))

    def reset():
        st.session_state[k] = False
        state.set_widget(t_name, 1)

    cols = box.columns([1.1, 1, 1, 1.6, 3])
    if playing(prefix):
        cols[0].button(tr("pl.pause"), on_click=pause, key=f"{prefix}.pause", icon=":material/pause:",
                       width="stretch", type="primary")
    else:
        cols[0].button(tr("pl.play"), on_click=play, key=f"{prefix}.play", icon=":material/play_arrow:",
                       width="stretch", type="primary")
    cols[1].button(tr("pl.step"), on_click=step, key=f"{prefix}.step", icon=":material/skip_next:", width="stretch")
    cols[2].button(tr("pl.reset"), on_click=reset, key=f"{prefix}.reset", icon=":material/replay:", width="stretch")
    speed = cols[3].segmented_control(
        tr("pl.speed"), ["slow", "normal", "fast"], format_func=lambda s: tr(f"pl.{s}"),
        key=state.wkey("speed"), label_visibility="collapsed") or "normal"
    state.put("speed", speed)
    return INTERVAL[speed] if playing(prefix) else None


def tick(prefix: str, t_name: str, T: int) -> None:
    """Called first thing in the fragment: advance t while playing; stop at T."""
    if not playing(prefix):
        return
    t = state.get(t_name)
    if t >= T:
        st.session_state[_key(prefix)] = False
        st.rerun()  # whole page: re-register the fragment without a timer
    state.set_widget(t_name, min(T, t + step_size(T)))
