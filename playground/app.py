"""Ensemble Playground: ``streamlit run playground/app.py``. Navigation only."""

from __future__ import annotations

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:  # `streamlit run` puts playground/ on the path, not the repo root
    sys.path.insert(0, ROOT)

import playground  # noqa: E402,F401  (first: imports what every page needs, once per process)
import streamlit as st  # noqa: E402

from playground import controls, housekeeping, livechart, pages, state  # noqa: E402
from playground.i18n import tr  # noqa: E402


def main() -> None:
    st.set_page_config(page_title="Ensemble Playground", page_icon="🌳", layout="wide")
    housekeeping.start()  # periodic garbage collection (once per process)
    state.cfg()  # read the URL once per session
    livechart.preload()  # the browser fetches plotly.js while the page's first run computes
    controls.language()
    nav = {}
    for section, title in pages.SECTIONS.items():
        rows = pages.in_section(section)
        if rows:
            nav[tr(title)] = [st.Page(p.script, title=tr(p.title), icon=p.icon, url_path=p.url,
                                      default=p.default) for p in rows]
    st.navigation(nav).run()


main()
