"""Bits every page shares: the header, URL warnings, and the engine-availability notice."""

from __future__ import annotations

import streamlit as st

from playground import compute, state
from playground.i18n import tr


def header(title_key: str, lead_key: str) -> None:
    state.show_url_problems()
    st.session_state["url_problems"] = []  # shown once, the defaults are already in place
    st.title(tr(title_key))
    st.caption(tr(lead_key))


def need(*names: str) -> bool:
    """True if every estimator class exists in ``algorithms``; otherwise say which is missing."""
    missing = [n for n in names if compute.engine(n) is None]
    if missing:
        st.info(tr("msg.engine_missing", what=", ".join(missing)), icon=":material/construction:")
        return False
    return True


def metrics(items) -> None:
    """A row of ``(label, value)`` metrics in one horizontal container. They follow the round:
    a row of columns would be one more layout block per metric for the browser to rebuild on
    every round."""
    row = st.container(horizontal=True)
    for label, value in items:
        row.metric(label, value)


def share_note() -> None:
    st.sidebar.caption(tr("sb.share"))
