"""Play / pause / step / reset for any view indexed by a round t (TensorFlow Playground's player).

The buttons live outside the training fragment: pressing one reruns the page once, which
re-registers the fragment with ``run_every`` set (playing) or not (paused). While playing, each
fragment tick advances t and redraws only the training views; the fitted model comes from the cache,
so a tick only slices recorded history.
"""

from __future__ import annotations

import math
import time
from typing import Callable

import streamlit as st

from playground import controls as widgets
from playground import keys, limits, state
from playground.i18n import tr

# Seconds between two rounds shown, and how many rounds one tick covers for an ensemble of T
# (ceil(T / ROUNDS_PER_PLAY): a run of 100 plays in 18 s at "normal", 4.5 s at "fast"). The
# interval never goes below the host's per-session cap (limits.MIN_PLAY_INTERVAL: 5.5 ticks a
# second, so that a browser whose timers fire a little late still shows 5 rounds a second).
INTERVAL = {"slow": 0.5, "normal": 0.18, "fast": 0.18}
ROUNDS_PER_PLAY = {"slow": 100, "normal": 100, "fast": 25}
# URL keys that do not describe a view: a link carrying only these still autoplays.
_NOT_A_VIEW = {"lang", "embed", "embed_options"}


_key = state.playing_key
playing = state.playing


def autoplay_once(prefix: str, t_name: str) -> None:
    """Start playing on a session's first visit to the page when the URL carried no settings.

    A shared link reproduces a view, paused, at whatever round it names (t = 1 is the default and
    is left out of links, so "the link has no t" does not mean "nothing was asked for").
    """
    flag = f"{prefix}.autoplayed"
    if flag not in st.session_state:
        st.session_state[flag] = True
        if not set(st.session_state.get("url_had", set())) - _NOT_A_VIEW:
            st.session_state[_key(prefix)] = True


def speed() -> str:
    return state.get("speed") if state.get("speed") in INTERVAL else "normal"


def step_size(T: int, how: str = "normal") -> int:
    return max(1, math.ceil(T / ROUNDS_PER_PLAY[how]))


def interval(how: str) -> float:
    return max(INTERVAL[how], limits.MIN_PLAY_INTERVAL)


def controls(prefix: str, t_name: str, T: int, *, container=None) -> float | None:
    """Draw the player buttons; returns the fragment's run_every (None while paused)."""
    box = container or st
    k = _key(prefix)

    def play():
        if state.get(t_name) >= T:
            state.set_widget(t_name, 1)
        st.session_state[k] = True

    def pause():
        stop(prefix, t_name)

    def step():
        stop(prefix, t_name)
        state.set_widget(t_name, min(T, state.get(t_name) + 1))

    def reset():
        stop(prefix, t_name)
        state.set_widget(t_name, 1)

    def back():
        stop(prefix, t_name)
        state.set_widget(t_name, max(1, state.get(t_name) - 1))

    def last():
        stop(prefix, t_name)
        state.set_widget(t_name, T)

    # one horizontal container: each control takes its own width (in a row of columns the speed
    # control was cut off), and one layout block instead of six when the page opens
    row = box.container(horizontal=True, vertical_alignment="center")
    if playing(prefix):
        row.button(tr("pl.pause"), on_click=pause, key=f"{prefix}.pause", icon=":material/pause:",
                   type="primary")
    else:
        row.button(tr("pl.play"), on_click=play, key=f"{prefix}.play", icon=":material/play_arrow:",
                   type="primary")
    row.button(tr("pl.step"), on_click=step, key=f"{prefix}.step", icon=":material/skip_next:")
    row.button(tr("pl.reset"), on_click=reset, key=f"{prefix}.reset", icon=":material/replay:")
    how = row.segmented_control(
        tr("pl.speed"), ["slow", "normal", "fast"], format_func=lambda s: tr(f"pl.{s}"),
        key=state.wkey("speed"), label_visibility="collapsed") or "normal"
    state.put("speed", how)
    # the keyboard (playground/keys.py): the same actions, wherever the focus is
    keys.listen(f"{prefix}.keys", {"space": lambda: (pause if playing(prefix) else play)(),
                                   "left": back, "right": step, "home": reset, "end": last},
                container=row)
    return interval(how) if playing(prefix) else None


def stop(prefix: str, t_name: str) -> None:
    """Stop playing, and give the round slider a new identity.

    The browser's timer may already have sent the next tick, carrying the slider's value from
    before the last round reached it. That request arrives after this one and would move t back a
    step behind the URL. A slider with a new key ignores values sent for the old one.
    """
    if playing(prefix):
        st.session_state[_key(prefix)] = False
        state.renew_widget(t_name)


def tick(prefix: str, t_name: str, T: int) -> None:
    """Called first thing in the fragment: advance t while playing; stop at T."""
    if not playing(prefix):
        return
    t = state.get(t_name)
    if t >= T:
        stop(prefix, t_name)
        st.rerun()  # whole page: re-register the fragment without a timer
    state.set_widget(t_name, min(T, t + step_size(T, speed())))


def player(page: str, t_name: str, T: int, label_key: str, draw: Callable[[int], None]) -> None:
    """The player and the training fragment of a page whose views follow a round t in 1..T.

    Outside the fragment: the buttons (a click reruns the page once, re-registering the fragment
    with or without a timer). Inside, on every tick or slider move: advance t, draw the round
    slider, ``draw(t)``, time it (``perf.<page>``, read by benchmarks/bench_app.py) and, unless
    playing, write the URL. Nothing in the fragment refits: the fitted run comes from the cache.
    """
    autoplay_once(page, t_name)
    run_every = controls(page, t_name, T)

    def training():
        started = time.perf_counter()
        tick(page, t_name, T)
        # Re-send the round with the slider: the browser then shows the round this run drew, even
        # when its own slider moved on without us (a tick that crossed a click).
        state.set_widget(t_name, st.session_state[state.wkey(t_name)])
        if T > 1:
            t = widgets.slider(t_name, label_key, container=st, max_value=T)
        else:
            t = 1
            state.put(t_name, 1)
        draw(t)
        st.session_state[f"perf.{page}"] = 1000 * (time.perf_counter() - started)
        if not playing(page):
            # While playing, t changes five times a second: each new URL would be a browser
            # history entry (Back would walk through every round) and costs the page ~10 ms. The
            # URL catches up when the player stops (Pause, Step, Reset, the last round).
            state.write_url(page)

    # st.fragment identifies a fragment by its function's module and name: one per page
    training.__qualname__ = f"{page}.training"
    st.fragment(training, run_every=run_every)()
