"""The one string catalog: every piece of UI text, in English and 中文.

`tr(key, **fmt)` returns the text in the current language (``lang`` in the URL, switchable from
the sidebar). A key missing from the catalog raises ``KeyError`` in tests, so no page can show a
raw key or silently fall back to one language. The texts live in three tables: :mod:`.app`
(shared), :mod:`.pages` (the ensemble pages) and :mod:`.lecture`; a key is defined once.
"""

from __future__ import annotations

import streamlit as st

from playground.i18n import app, bv, draw, gan, hands, lecture, ll, nn, pages

LANGS = ("en", "zh")
LANG_NAMES = {"en": "English", "zh": "中文"}

CATALOG: dict[str, tuple[str, str]] = {}
for _part in (app, pages, lecture, ll, gan, nn, bv, draw, hands):
    _clash = CATALOG.keys() & _part.TEXTS.keys()
    assert not _clash, f"text keys defined twice: {sorted(_clash)}"
    CATALOG.update(_part.TEXTS)


def lang() -> str:
    """Current language code: the sidebar switch, else the URL, else English."""
    value = st.session_state.get("cfg", {}).get("lang")
    return value if value in LANGS else "en"


def tr(key: str, **fmt) -> str:
    """The text for ``key`` in the current language, formatted with ``fmt``."""
    en, zh = CATALOG[key]
    text = zh if lang() == "zh" else en
    return text.format(**fmt) if fmt else text
