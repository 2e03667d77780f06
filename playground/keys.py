"""The player's keyboard: Space play / pause, ← / → one round, Home / End the first / last round.

One small ``st.components.v2`` element per page with a player (``static/keys.js``): it shows the
keys in a hint and listens to the whole document, so the keys work wherever the focus is, except
while typing in a field or moving a focused slider (see the module's comments). A key press is the
trigger value ``key`` = ``{k, n}``; its callback runs the player's own action for that key before
the page reruns, exactly as a click on the player's button would.

Why not ``st.button(shortcut=...)``: Streamlit's shortcuts know Space, the arrows, Home and End,
but stay silent while any input has the focus, a slider just dragged included (Space would not
play after moving the round slider), and ← and End would need two more buttons in the player's
row.
"""

from __future__ import annotations

from typing import Callable

import streamlit as st

from playground import livechart
from playground.i18n import tr

MODULE_JS = "keys.js"
_MODULE_VERSION = livechart.module_version(MODULE_JS)
ACTIONS = ("space", "left", "right", "home", "end")

_CSS = """
.ep-keys { font-size: 0.78rem; color: rgba(49, 51, 63, 0.7); display: flex; flex-wrap: wrap;
  align-items: center; gap: 0.15rem 0.6rem; line-height: 1.6; }
.ep-keys kbd { font: inherit; font-size: 0.72rem; padding: 0 0.3rem; margin-right: 0.15rem;
  border: 1px solid rgba(49, 51, 63, 0.3); border-bottom-width: 2px; border-radius: 0.25rem;
  background: #fafafa; color: rgb(49, 51, 63); }
"""

_COMPONENT = None


def _component():
    global _COMPONENT
    if _COMPONENT is None:
        _COMPONENT = st.components.v2.component(
            "ensemble_playground.keys", js=livechart.loader(MODULE_JS, _MODULE_VERSION), css=_CSS,
            isolate_styles=False)
    return _COMPONENT


def hint(actions, step: str | None = None) -> list:
    """The keys of ``actions`` and what they do, as the hint shows them: [[keys, what], ...]
    (``step``: what an arrow does, "one round" unless said)."""
    out = [["Space", tr("keys.space")]] if "space" in actions else []
    arrows = " ".join(k for a, k in (("left", "←"), ("right", "→")) if a in actions)
    if arrows:
        out.append([arrows, step or tr("keys.step")])
    ends = [k for a, k in (("home", "Home"), ("end", "End")) if a in actions]
    if ends:
        out.append([" ".join(ends), tr("keys.ends" if len(ends) == 2 else
                                       "keys.first" if ends == ["Home"] else "keys.last")])
    return out


def pressed(key: str, actions: dict[str, Callable[[], None]]) -> None:
    """Trigger callback: run the action of the key the browser sent (anything else: nothing)."""
    event = (st.session_state.get(key) or {}).get("key")
    name = event.get("k") if isinstance(event, dict) else None
    if name in ACTIONS and name in actions:
        actions[name]()


def listen(key: str, actions: dict[str, Callable[[], None]], *, container=None,
           step: str | None = None) -> None:
    """The keys element of a page (``actions``: "space", "left", "right", "home", "end" -> the
    player's actions). Needs the app's static file serving, as the live charts do; without it the
    buttons alone drive the player."""
    if not livechart.enabled():
        return
    box = container if container is not None else st.container()
    with box:
        _component()(key=key, data={"label": tr("keys.hint"), "hint": hint(actions, step)},
                     on_key_change=lambda: pressed(key, actions), width="content",
                     height="content")
