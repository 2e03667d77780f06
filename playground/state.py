"""The settings of one Streamlit session: values, widgets and the URL.

The declarations (names, defaults, bounds, parsing) are :mod:`playground.settings`; this module
binds them to a session. Values live in ``st.session_state["cfg"]`` (survives page switches,
unlike widget state). Every widget that shows a setting is keyed by :func:`wkey` (``w.<name>``,
or ``w.<name>~<generation>`` after :func:`renew_widget`) and copies its value back with
:func:`put` (or :func:`from_widget` as an ``on_change`` callback), on every page alike.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from playground import settings


def cfg() -> dict[str, Any]:
    """The session's settings, read from the URL on the first run of the session."""
    if "cfg" not in st.session_state:
        values, problems = settings.read_url(st.query_params)
        st.session_state["cfg"] = values
        st.session_state["url_problems"] = problems
        st.session_state["url_had"] = set(st.query_params.keys())
        # set by the user (a link now, a widget later): a page's own defaults never override them
        st.session_state["touched"] = set(st.query_params.keys()) & set(settings.BY_NAME)
    return st.session_state["cfg"]


def enter(page: str) -> None:
    """Before a page draws its widgets: the app-wide settings the user has not set take this
    page's own defaults (each page opens on data that shows its lesson)."""
    from playground import pages
    touched = st.session_state.setdefault("touched", set())
    for name, value in pages.own_defaults(page).items():
        if name not in touched and cfg()[name] != value:
            set_widget(name, value)
    st.session_state["page"] = page


def get(name: str) -> Any:
    return cfg()[name]


def put(name: str, value: Any) -> None:
    """A widget's value into the setting (a change by the user marks the setting as theirs)."""
    values = cfg()
    if values[name] != value:
        st.session_state.setdefault("touched", set()).add(name)
    values[name] = value


def _widget_key(name: str) -> str:
    generation = st.session_state.get("w.generation", {}).get(name, 0)
    return f"w.{name}" if not generation else f"w.{name}~{generation}"


def wkey(name: str) -> str:
    """Widget key of a setting; seeds the widget with the stored value when it (re)appears."""
    key = _widget_key(name)
    if key not in st.session_state:
        st.session_state[key] = cfg()[name]
    return key


def from_widget(name: str) -> None:
    """``on_change`` callback: copy the widget's value into the setting."""
    put(name, st.session_state[_widget_key(name)])


def set_widget(name: str, value: Any) -> None:
    """Change a setting and the widget showing it (only before that widget is drawn); the app
    does this, not the user, so the setting stays untouched."""
    cfg()[name] = value
    st.session_state[_widget_key(name)] = value


def renew_widget(name: str) -> None:
    """Draw the setting's widget under a new key from now on, seeded with the stored value.

    Values the browser still sends for the old widget (requests already in flight) then change
    nothing."""
    old = _widget_key(name)
    generations = st.session_state.setdefault("w.generation", {})
    generations[name] = generations.get(name, 0) + 1
    st.session_state.pop(old, None)
    st.session_state[_widget_key(name)] = cfg()[name]


def restore_defaults(page: str) -> None:
    """Every setting of ``page`` back to its default (widgets included, under new keys)."""
    base = settings.defaults(page)
    for s in settings.page_settings(page):
        cfg()[s.name] = base[s.name]
        st.session_state.get("touched", set()).discard(s.name)
        renew_widget(s.name)


def show_url_problems() -> None:
    """One warning per bad URL parameter (at most ``MAX_URL_PROBLEMS``), naming it; the default
    is already in place. What a link carries is shown as plain text, never as markdown."""
    from playground.i18n import CATALOG, tr
    from playground.text import plain
    problems = st.session_state.get("url_problems", [])
    for kind, name, raw, why, default in problems[:settings.MAX_URL_PROBLEMS]:
        own = f"msg.bad_param.{name}"  # a setting's own sentence (a drawn set's point list)
        name, raw = plain(name), plain(raw)
        if kind == "bad" and own in CATALOG:
            text = tr(own, why=plain(why, 200))
        elif kind == "unknown":
            text = tr("msg.unknown_param", name=name)
        elif kind == "capped":
            text = tr("msg.capped_param", name=name, value=raw, cap=tr(f"cap.{why}"),
                      used=default)
        else:
            text = tr("msg.bad_param", name=name, value=raw, why=plain(why), default=default)
        st.warning(text, icon=":material/warning:")
    if len(problems) > settings.MAX_URL_PROBLEMS:
        st.warning(tr("msg.more_params", n=len(problems) - settings.MAX_URL_PROBLEMS),
                   icon=":material/warning:")
    st.session_state["url_problems"] = []  # shown once


def write_url(page: str, *, shared: bool = True) -> None:
    """Put every non-default setting of this page (and, if ``shared``, the app-wide ones) into
    the URL."""
    out = settings.url_params(page, cfg(), shared=shared)
    current = {k: st.query_params.get(k) for k in st.query_params.keys()}
    if current != out:
        st.query_params.from_dict(out)


def playing_key(prefix: str) -> str:
    """Where a page's player keeps whether it is playing (``playground.live``)."""
    return f"{prefix}.playing"


def playing(prefix: str) -> bool:
    """Is the player of page ``prefix`` playing? (Read by the fragments that must not write the
    URL on every round.)"""
    return bool(st.session_state.get(playing_key(prefix), False))
