"""Take a lecture step home: its charts as HTML (PNG from the modebar), its animations, its
data as CSV, its settings as a link or JSON — and load settings back from JSON."""

from __future__ import annotations

import streamlit as st

from playground import export, pages
from playground.i18n import tr
from playground.lecture import track
from playground.lecture.look import Ctx


def load_json(apply) -> None:
    """Callback of the "Load" button: strict parse, then restore the view with ``apply(values)``
    (or say why not)."""
    up = st.session_state.get("lec.json_file")
    raw = up.getvalue() if up is not None else st.session_state.get("lec.json_text", "")
    try:
        new = export.parse_settings_json(raw)
    except ValueError as exc:
        st.session_state["lec.json_error"] = str(exc)
        return
    st.session_state["lec.json_error"] = ""
    apply(new)


def base_url() -> str:
    """The lecture page's address as the browser sees it (a local default under AppTest)."""
    path = "/" + pages.get("lec").url
    url = (getattr(st.context, "url", None) or "").split("?")[0]
    if not url:
        return "http://localhost:8501" + path
    return url if url.rstrip("/").endswith(path) else url.rstrip("/") + path


def _html_of(fig, title):
    return lambda: export.figure_html(fig, title=title)


def take_home(ctx: Ctx, apply) -> None:
    """Downloads of this step: charts (HTML; PNG via the modebar), animations, data, settings."""
    with st.expander(tr("lec.ex.title"), icon=":material/download:"):
        st.caption(tr("lec.ex.png"))
        title = tr("lec." + track.step_id(ctx.step) + ".short")
        cols = st.columns(3)
        i = 0
        for name, fig in ctx.charts:
            cols[i % 3].download_button(
                tr("lec.ex.chart_html", name=name), _html_of(fig, f"{title} · {name}"),
                file_name=f"lecture-step{ctx.step}-{name}.html", mime="text/html",
                key=f"lec.dl.{ctx.step}.{name}", on_click="ignore", icon=":material/public:")
            i += 1
        for name, fig in ctx.animations:
            cols[i % 3].download_button(
                tr("lec.ex.anim_html", name=name), _html_of(fig, f"{title} · {name}"),
                file_name=f"lecture-step{ctx.step}-{name}-animated.html", mime="text/html",
                key=f"lec.dla.{ctx.step}.{name}", on_click="ignore", icon=":material/animation:")
            i += 1
        for fname, make in ctx.csv:
            cols[i % 3].download_button(tr("lec.ex.csv", name=fname), make, file_name=fname,
                                        mime="text/csv", key=f"lec.dlc.{ctx.step}.{fname}",
                                        on_click="ignore", icon=":material/table:")
            i += 1
        st.markdown(f"**{tr('lec.ex.settings')}**")
        link = export.settings_link(base_url(), ctx.vals)
        st.code(link, language=None)
        text = export.settings_json(ctx.vals)
        left, right = st.columns([1, 1])
        left.code(text, language="json")
        left.download_button(tr("lec.ex.json"), text, file_name=f"lecture-step{ctx.step}.json",
                             mime="application/json", key=f"lec.dlj.{ctx.step}",
                             on_click="ignore", icon=":material/settings:")
        with right:
            st.text_area(tr("lec.ex.paste"), key="lec.json_text", height=140)
            st.file_uploader(tr("lec.ex.upload"), type=["json"], key="lec.json_file")
            st.button(tr("lec.ex.load"), on_click=load_json, args=(apply,), key="lec.json_load",
                      icon=":material/upload:")
            err = st.session_state.get("lec.json_error")
            if err:
                st.error(tr("lec.ex.bad_json", err=err), icon=":material/error:")
