"""Ensemble Playground: ``streamlit run playground/app.py``. Navigation only."""

from __future__ import annotations

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:  # `streamlit run` puts playground/ on the path, not the repo root
    sys.path.insert(0, ROOT)

import streamlit as st  # noqa: E402

from playground import controls, housekeeping, livechart, state  # noqa: E402
from playground.i18n import tr  # noqa: E402


def main() -> None:
    st.set_page_config(page_title="Ensemble Playground", page_icon="🌳", layout="wide")
    housekeeping.start()  # periodic garbage collection (once per process)
    state.cfg()  # read the URL once per session
    livechart.preload()  # the browser fetches plotly.js while the page's first run computes
    controls.language()
    pages = [
        st.Page("views/overview.py", title=tr("nav.overview"), icon=":material/explore:", url_path="overview",
                default=True),
        st.Page("views/trees.py", title=tr("nav.trees"), icon=":material/park:", url_path="trees"),
        st.Page("views/adaboost.py", title=tr("nav.adaboost"), icon=":material/balance:", url_path="adaboost"),
        st.Page("views/gradient_boosting.py", title=tr("nav.gb"), icon=":material/trending_down:",
                url_path="gradient-boosting"),
        st.Page("views/stacking.py", title=tr("nav.stacking"), icon=":material/stacks:", url_path="stacking"),
        st.Page("views/compare.py", title=tr("nav.compare"), icon=":material/leaderboard:", url_path="compare"),
        st.Page("views/lecture.py", title=tr("nav.lecture"), icon=":material/co_present:", url_path="lecture"),
    ]
    st.navigation(pages).run()


main()
