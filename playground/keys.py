"""Keyboard shortcuts for a page's buttons: space plays or pauses, → takes one step.

``bind({"Space": [...], "ArrowRight": [...]})`` mounts a small ``st.components.v2`` element
(``static/keys.js``) that listens to the page's key presses. A key names button keys in order of
preference; the first that is on the page and enabled is clicked, exactly as a mouse click would
(so the button's own callback runs, and a disabled button is never pressed). A key pressed while a
field has the focus (a slider, a text box, a select box, a button) is that field's own.

Key codes are the browser's ``KeyboardEvent.code`` ("Space", "ArrowRight", "KeyD"); a button is
found by the class Streamlit gives its key (``st-key-<key>``, other characters as "-").
"""

from __future__ import annotations

import json
import re

import streamlit as st

from playground import livechart

MODULE_JS = "keys.js"
_MODULE_VERSION = livechart.module_version(MODULE_JS)
_COMPONENT = None


def css_key(key: str) -> str:
    """The class suffix Streamlit derives from a widget key (``st-key-<this>``)."""
    return re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


def _component():
    global _COMPONENT
    if _COMPONENT is None:
        _COMPONENT = st.components.v2.component(
            "ensemble_playground.keys", js=livechart.loader(MODULE_JS, _MODULE_VERSION),
            isolate_styles=False)
    return _COMPONENT


def bind(bindings: dict[str, list[str]], *, key: str, container=None) -> None:
    """Mount the shortcuts: ``bindings`` maps a key code to button keys (first enabled wins)."""
    if not livechart.enabled():  # static serving off: no module to load, no shortcuts
        return
    data = {"bindings": {code: [css_key(k) for k in keys] for code, keys in bindings.items()}}
    box = container if container is not None else st.sidebar
    with box:
        _component()(key=f"keys.{key}", data=json.dumps(data).encode("ascii"), height="content")
