"""How a lecture step looks: the CSS of the track and of presentation mode, and the pieces every
step draws (its heading, the takeaway, charts, tables, metrics). No step's content lives here."""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from playground import export, livechart
from playground.i18n import tr
from playground.lecture import figures as F
from playground.lecture import track

BASE_CSS = """
.lec-section {text-transform: uppercase; letter-spacing: .08em; font-size: .8rem; color: #f59322;
  font-weight: 700; margin-bottom: -.6rem}
.lec-takeaway {border-left: 5px solid #f59322; padding: .45rem .9rem; margin: .1rem 0 1rem;
  font-size: 1.12rem; background: rgba(245,147,34,.09); border-radius: 0 .4rem .4rem 0}
.lec-count {text-align: center; font-weight: 600; padding-top: .45rem; opacity: .8}
.lec-otherwise {border-left-color: #888; background: rgba(128,128,128,.10)}
"""
PRESENT_CSS = """
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], header[data-testid="stHeader"],
[data-testid="stSidebarNav"] {display: none !important}
.block-container, [data-testid="stMainBlockContainer"] {max-width: 100% !important;
  padding: 1rem 2.2rem 1.5rem !important}
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stMarkdownContainer"] td, [data-testid="stMarkdownContainer"] th {font-size: 1.4rem !important}
h1 {font-size: 2.7rem !important; line-height: 1.15 !important}
.lec-section {font-size: 1.05rem}
.lec-takeaway, .lec-takeaway p {font-size: 1.6rem !important}
[data-testid="stMetricValue"] {font-size: 2.4rem !important}
[data-testid="stMetricLabel"] p {font-size: 1.2rem !important}
.stButton button p {font-size: 1.25rem !important}
"""
DARK_CSS = """
.stApp, [data-testid="stAppViewContainer"], header[data-testid="stHeader"], [data-testid="stBottom"] > div
  {background-color: #0e1117 !important; color: #e8e8e8 !important}
section[data-testid="stSidebar"] {background-color: #171a22 !important}
.stApp h1, .stApp h2, .stApp h3, .stApp h4, .stApp p, .stApp li, .stApp label, .stApp td,
.stApp th, .stApp summary, .stApp [data-testid="stCaptionContainer"], .stApp [data-testid="stMetricValue"],
.stApp [data-testid="stMetricLabel"], .stApp span {color: #e8e8e8 !important}
.stApp table td, .stApp table th {border-color: #3a3f4b !important}
.stApp table tr {background: transparent !important}
.stApp .stButton button, .stApp .stDownloadButton button, .stApp [data-testid="stBaseButton-secondary"],
.stApp [data-testid="stBaseButton-tertiary"] {background: #262730 !important; color: #e8e8e8 !important;
  border-color: #4a4f5c !important}
.stApp code, .stApp pre {background: #1c1f2a !important; color: #e8e8e8 !important}
.stApp textarea, .stApp input, .stApp [data-baseweb="select"] > div, .stApp [data-baseweb="input"]
  {background: #262730 !important; color: #e8e8e8 !important}
.stApp [data-testid="stExpander"] details {border-color: #3a3f4b !important}
.stApp [data-testid="stFileUploaderDropzone"] {background: #1c1f2a !important}
.lec-takeaway {background: rgba(245,147,34,.14)}
"""


def inject_css(theme: str, present: bool) -> None:
    css = BASE_CSS + (PRESENT_CSS if present else "") + (DARK_CSS if theme == "dark" else "")
    st.html(f"<style>{css}</style>")


# ---- one step's context and the widgets it draws ------------------------------------------------------

@dataclass
class Ctx:
    step: int
    theme: str
    present: bool
    vals: dict
    charts: list = field(default_factory=list)  # (name, figure) of every chart on the step
    animations: list = field(default_factory=list)  # (name, figure with frames)
    csv: list = field(default_factory=list)  # (file name, () -> csv text)


def chart(ctx: Ctx, fig, name: str, box=None) -> None:
    F.style(fig, ctx.theme, ctx.present)
    config = {"displaylogo": False,
              "toImageButtonOptions": {"format": "png", "scale": 2,
                                       "filename": f"lecture-step{ctx.step}-{name}"}}
    if ctx.present and livechart.enabled():
        # a slide is scaled to the window by a CSS transform (playground/fitscreen.py), and
        # Streamlit's chart sizes itself to its scaled box (drawn scaled twice, a third of its
        # size); a live chart takes its layout width
        livechart.show(fig, key=f"lec.{ctx.step}.{name}", container=box, config=config)
    else:
        (box or st).plotly_chart(fig, theme=None, key=f"lec.{ctx.step}.{name}", config=config)
    ctx.charts.append((name, fig))


def animation(ctx: Ctx, name: str, figs: list, labels: list[str], prefix: str = "") -> None:
    for f in figs:
        F.style(f, ctx.theme, False)
    ctx.animations.append((name, export.animate(figs, labels, play=tr("lec.play"),
                                                pause=tr("lec.pause"), prefix=prefix)))


def heading(ctx: Ctx, **fmt) -> None:
    sid = track.step_id(ctx.step)
    sec = track.STEPS[ctx.step - 1][1]
    st.markdown(f"<div class='lec-section'>§{sec} · {tr(f'lec.sec.{sec}')}</div>",
                unsafe_allow_html=True)
    st.title(tr(f"lec.{sid}.title", **fmt))


def takeaway(text: str, holds: bool = True) -> None:
    """The step's lesson in a box (our own text only); a lesson the data broke is boxed grey."""
    kind = "lec-takeaway" if holds else "lec-takeaway lec-otherwise"
    st.markdown(f"<div class='{kind}'>{text}</div>", unsafe_allow_html=True)


def lesson(claim, data, choices=None) -> bool:
    """The step's claim checked against its fit, then said (or what happens instead)."""
    holds, text = claim.evaluate(data, choices)
    takeaway(text, holds)
    return holds


def md_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def metrics(items: list[tuple[str, str]]) -> None:
    cols = st.columns(len(items))
    for c, (label, value) in zip(cols, items):
        c.metric(label, value)
