"""Presentation mode fits one screen: a small component (``static/fitscreen.js``) lays the
page's main block out wider and scales it down until the whole lecture step shows without
scrolling, at any window size (checked in Chromium at 1440 x 900 and 1280 x 720 by
``tests/e2e/test_e2e_present.py``)."""

from __future__ import annotations

import streamlit as st

from playground import livechart

MODULE_JS = "fitscreen.js"
_MODULE_VERSION = livechart.module_version(MODULE_JS)
_COMPONENT = None
# Outside presentation mode the block is put back at its natural size (the transform and width
# a presentation set stay on the element otherwise).
_RESET = ("<style>[data-testid='stMainBlockContainer'] {transform: none !important; "
          "width: auto !important; margin-bottom: 0 !important}</style>")


def _component():
    global _COMPONENT
    if _COMPONENT is None:
        _COMPONENT = st.components.v2.component(
            "ensemble_playground.fitscreen", js=livechart.loader(MODULE_JS, _MODULE_VERSION),
            isolate_styles=False)
    return _COMPONENT


def fit(*, on: bool) -> None:
    """Scale the step to the window (``on``), or keep it at its natural size."""
    if on and livechart.enabled():
        _component()(key="fitscreen", data={"margin": 8}, height="content")
    elif not on:
        st.html(_RESET)
