"""One way to run a page: header, sidebar, the fit, the rounds, the URL.

Every page calls :func:`run` with its id (a row of :mod:`playground.pages`) and three functions:
``sidebar()`` returns the page's choices, ``fit(choices)`` the cached run, and ``draw(run,
choices)`` draws what does not follow the round (or everything, on a page without rounds). A page
whose views follow a round t passes ``rounds=Rounds(setting, label, draw_round)`` (or a function of
the choices returning one, or None for no rounds): the player (play / pause / step / reset) then
redraws ``draw_round(run, choices, t)`` in a fragment.

Lessons: a page passes the :class:`playground.claims.Claim` s it makes; each is checked against
the fitted run and said (or, when the user's settings break it, what happens instead is said).

Errors: the engine and the data loaders raise ``ValueError`` with a sentence that names the
problem. The runner shows that sentence (as plain text) and puts the page's own settings back to
their defaults, so the next run draws a working page under the message. Anything else is a bug
and is not caught here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import streamlit as st

from playground import claims as lessons_
from playground import live, pages, state
from playground.i18n import tr
from playground.text import plain


@dataclass(frozen=True)
class Rounds:
    setting: str  # the round slider's setting ("ab_t")
    label: str  # its text key ("pl.round")
    draw: Callable[[Any, Any, int], None]  # (run, choices, t)


def header(page: pages.Page) -> None:
    state.show_url_problems()
    st.title(tr(f"{page.id}.title"))
    st.caption(tr(f"{page.id}.lead"))


def _restored_key(page: pages.Page) -> str:
    return f"{page.id}.restored"


def run(page_id: str, *, sidebar: Callable[[], Any], fit: Callable[[Any], Any],
        draw: Callable[[Any, Any], None] | None = None,
        rounds: Rounds | Callable[[Any], Rounds | None] | None = None,
        spinner: str = "msg.fitting",
        lessons: tuple | Callable[[Any, Any], None] = ()) -> Any:
    """Run one page; returns the fitted run (None when the fit failed twice)."""
    page = pages.get(page_id)
    state.enter(page.id)
    header(page)
    restored = st.session_state.pop(_restored_key(page), None)
    if restored is not None:
        st.error(tr("msg.restored", err=plain(restored, 400)), icon=":material/error:")
    choices = sidebar()
    st.sidebar.caption(tr("sb.share"))
    try:
        with st.spinner(tr(spinner)):
            fitted = fit(choices)
    except ValueError as exc:
        if restored is not None:  # the defaults fail too: say so and stop here
            st.error(tr("msg.fit_error", err=plain(exc, 400)), icon=":material/error:")
            state.write_url(page.id)
            return None
        st.session_state[_restored_key(page)] = str(exc)
        state.restore_defaults(page.id)
        st.rerun()
    if callable(lessons):  # the page picks its claims from the choices
        lessons(fitted, choices)
    elif lessons:  # what the page claims, checked against this run before it is said
        lessons_.say(lessons, fitted, choices)
    if callable(rounds):
        rounds = rounds(choices)
    if rounds is not None:
        live.player(page.id, rounds.setting, fitted.T, rounds.label,
                    lambda t: rounds.draw(fitted, choices, t))
    if draw is not None:
        draw(fitted, choices)
    if rounds is None:  # the player's fragment writes the URL of a page with rounds
        state.write_url(page.id)
    return fitted
