"""Play / pause / step D / step G / reset for the GAN lab, with the keyboard (Space, →, Home).

Two ways through a recorded run, and the page says which one it is in:

* **playing** walks the snapshots (every ``record_every`` training steps, 10 by default), one or
  more per tick, as :mod:`playground.live` walks rounds: nothing is trained on a tick;
* **Step D / Step G** replay the recorded training one update at a time, in the order it ran: a
  training step is k updates of D, then one of G. Only the update that comes next is offered
  (the other button is disabled), so a step here is exactly what training did, never a different
  schedule. The replay is exact (same batches, same noise, same optimiser state) and, after the
  last update before the next snapshot, lands on that snapshot.

The position is two settings, both in the URL: ``gan_t`` (the snapshot) and ``gan_phase`` (the
updates replayed after it).
"""

from __future__ import annotations

import time
from typing import Callable

import streamlit as st

from playground import controls as widgets
from playground import keys, live, state
from playground.i18n import tr

PREFIX = "gan"
T_NAME, U_NAME = "gan_t", "gan_phase"
# snapshots a tick moves on ("slow" is slow motion: one snapshot every 0.5 s)
FRAMES_PER_TICK = {"slow": 1, "normal": 1, "fast": 4}


def next_update(run, t: int, extra: int) -> str | None:
    """"D" or "G": the update training did next at moment (t, extra); None after the last."""
    if t >= run.T:
        return None
    return "G" if extra % (run.k + 1) == run.k else "D"


def moment() -> tuple[int, int]:
    return int(state.get(T_NAME)), int(state.get(U_NAME))


def clamp(run) -> tuple[int, int]:
    """The stored position within this run (a link may name a snapshot or an update past it)."""
    t, u = moment()
    t = min(max(t, 1), run.T)
    u = min(max(u, 0), max(run.span(t) - 1, 0))
    if (t, u) != moment():
        state.put(T_NAME, t)
        state.put(U_NAME, u)
    return t, u


def _go(t: int, u: int) -> None:
    state.set_widget(T_NAME, t)
    state.put(U_NAME, u)


def controls(run) -> float | None:
    """The buttons, the speed and the keyboard; returns the fragment's run_every."""
    t, u = clamp(run)
    upcoming = next_update(run, t, u)

    def play():
        t0, _ = moment()
        _go(1 if t0 >= run.T else t0, 0)
        st.session_state[live._key(PREFIX)] = True

    def pause():
        live.stop(PREFIX, T_NAME)

    def step():
        live.stop(PREFIX, T_NAME)
        t0, u0 = moment()
        if next_update(run, t0, u0) is None:
            return
        u0 += 1
        _go(*((t0 + 1, 0) if u0 >= run.span(t0) else (t0, u0)))

    def reset():
        live.stop(PREFIX, T_NAME)
        _go(1, 0)

    row = st.container(horizontal=True, vertical_alignment="center")
    if live.playing(PREFIX):
        row.button(tr("pl.pause"), on_click=pause, key="gan.pause", icon=":material/pause:",
                   type="primary", help=tr("gan.key_space"))
    else:
        row.button(tr("pl.play"), on_click=play, key="gan.play", icon=":material/play_arrow:",
                   type="primary", help=tr("gan.key_space"))
    row.button(tr("gan.step_d"), on_click=step, key="gan.step_d", icon=":material/skip_next:",
               disabled=upcoming != "D", help=tr("gan.step_d_help"))
    row.button(tr("gan.step_g"), on_click=step, key="gan.step_g", icon=":material/skip_next:",
               disabled=upcoming != "G", help=tr("gan.step_g_help"))
    row.button(tr("pl.reset"), on_click=reset, key="gan.reset", icon=":material/replay:")
    how = row.segmented_control(
        tr("pl.speed"), ["slow", "normal", "fast"], format_func=lambda s: tr(f"gan.{s}"),
        key=state.wkey("speed"), label_visibility="collapsed") or "normal"
    state.put("speed", how)
    keys.listen(f"{PREFIX}.keys", {"space": lambda: (pause if live.playing(PREFIX) else play)(),
                                   "right": step, "home": reset},
                container=row, step=tr("gan.key_update"))
    return live.interval(how) if live.playing(PREFIX) else None


def tick(run) -> None:
    """First thing in the fragment: while playing, move on by whole snapshots; stop at the end."""
    if not live.playing(PREFIX):
        return
    t, _ = moment()
    if t >= run.T:
        live.stop(PREFIX, T_NAME)
        st.rerun()  # the whole page: the buttons and a fragment without a timer
    _go(min(run.T, t + FRAMES_PER_TICK[live.speed()]), 0)


def player(run, draw: Callable[[int, int], None]) -> None:
    """The player and the fragment that draws moment (t, u) of the run."""
    live.autoplay_once(PREFIX, T_NAME)
    run_every = controls(run)

    def training():
        started = time.perf_counter()
        tick(run)
        t_before, _ = clamp(run)
        # re-send the slider's own value (a tick or a button put theirs there; a drag, the user's)
        state.set_widget(T_NAME, st.session_state[state.wkey(T_NAME)])
        t = widgets.slider(T_NAME, "gan.snapshot", container=st, max_value=run.T) \
            if run.T > 1 else 1
        if t != t_before:  # the slider moved: a snapshot, no replayed updates
            state.put(U_NAME, 0)
        draw(t, moment()[1])
        st.session_state[f"perf.{PREFIX}"] = 1000 * (time.perf_counter() - started)
        if not live.playing(PREFIX):
            state.write_url(PREFIX)

    training.__qualname__ = f"{PREFIX}.training"
    st.fragment(training, run_every=run_every)()
