"""Layout helpers every page shares."""

from __future__ import annotations

import streamlit as st


def metrics(items, container=None) -> None:
    """A row of ``(label, value)`` metrics in one horizontal container. They follow the round:
    a row of columns would be one more layout block per metric for the browser to rebuild on
    every round."""
    row = (container or st).container(horizontal=True)
    for label, value in items:
        row.metric(label, value)


def token(run, *extra):
    """What shapes a page's figures besides the round: the fitted run, the language, toggles."""
    from playground import state
    return (id(run), run.fit_ms, state.get("lang")) + extra
