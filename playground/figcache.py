"""Figures kept per session and updated in place when only round t changes.

Building a plotly ``go.Figure`` validates every property (~15 ms for a surface with its points);
changing the round only swaps a heatmap's z, some marker sizes and a marker line (~0.1 ms each).
So each chart slot keeps its figure in the session, keyed by everything that shapes it except t
(the fitted run, toggles, language); a different key rebuilds it.
"""

from __future__ import annotations

from typing import Any, Callable

import streamlit as st

_STORE = "_figcache"


def reuse(slot: str, token: Any, build: Callable[[], Any]):
    """The session's figure for ``slot``, rebuilt by ``build()`` when ``token`` changed."""
    store = st.session_state.setdefault(_STORE, {})
    hit = store.get(slot)
    if hit is None or hit[0] != token:
        hit = (token, build())
        store[slot] = hit
    return hit[1]
