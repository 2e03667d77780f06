"""Compare: every method on one data set, train / test accuracy and fit time."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from playground import (charts, claims, compute, controls, drawpad, livechart, plots, runner,
                        settings, state)
from playground.i18n import tr
from playground.text import plain


@dataclass(frozen=True)
class Choices:
    key: compute.DataKey
    T: int

    @classmethod
    def of(cls, v, key: compute.DataKey | None = None) -> "Choices":
        """The page's choices from its settings' values (pure: what the widgets put there)."""
        name = v["cp_data"] if v["cp_data"] != "upload_csv" else settings.BY_NAME["cp_data"].default
        return cls(key or compute.DataKey.of(name, v), v["cp_T"])


def sidebar() -> Choices:
    st.sidebar.subheader(tr("sb.data"))
    name = controls.select("cp_data", "cp.dataset", controls.dataset_label)
    controls.slider("cp_T", "cp.T")
    if name == settings.DRAWN:
        return Choices.of(state.cfg(), controls.drawn_data())
    drawpad.remember_preset(name)
    if name == "upload_csv":
        key = controls.csv_upload()
        if key is not None:
            return Choices.of(state.cfg(), key)
        name = settings.BY_NAME["cp_data"].default
    controls.data_params(name)
    controls.slider("seed", "sb.seed")
    return Choices.of(state.cfg(), controls.checked(compute.DataKey.of(name, state.cfg())))


def fit(c: Choices) -> dict:
    return compute.compare(c.key, c.T)


def ensembles_win(result: dict, _c=None) -> tuple[bool, dict]:
    """docs/lecture.md §0: an ensemble of learners beats the learner it is made of (bagging and forest a
    deep tree, boosting its shallow tree; voting and stacking the best of their learners)."""
    scores, bases = result["scores"], result["bases"]
    rows, lost = [], []
    for e in compute.ENSEMBLES:
        if e.name not in scores:
            continue
        if e.make_base is not None:
            base, b = tr(e.base), bases[e.name][1]
        else:  # several learners: the combination against a typical member
            members = [scores[n][1] for n in compute.CORE if n in scores]
            base, b = tr("cp.base.mean", k=len(members)), float(np.mean(members))
        a = scores[e.name][1]
        rows.append(f"{tr(f'ln.{e.name}')} {a:.1%} vs {base} {b:.1%}")
        if not a > b:
            lost.append(rows[-1])
    return not lost, {"all": "; ".join(rows), "lost": "; ".join(lost), "n": len(lost)}


LESSONS = (claims.Claim("cp.claim.wins", "cp.claim.wins.not", ensembles_win),)


def label(name: str) -> str:
    return tr(f"ln.{name}")


def draw(result: dict, c: Choices) -> None:
    n, d, k = result["shape"]
    st.caption(tr("cp.shape", n=n, d=d, k=k))
    if result["rows_used"] < n:
        st.info(tr("cp.subsampled", used=result["rows_used"], n=n, T=c.T),
                icon=":material/speed:")
    for m, err in result["failed"].items():
        st.warning(f"{label(m)}: {plain(err, 400)}")
    scores = result["scores"]
    if not scores:
        return
    names = sorted(scores, key=lambda m: -scores[m][1])
    table = pd.DataFrame({
        tr("cp.method"): [label(m) for m in names],
        tr("cp.train_acc"): [scores[m][0] for m in names],
        tr("cp.test_acc"): [scores[m][1] for m in names],
        tr("cp.fit_ms"): [scores[m][2] for m in names],
    })
    left, right = st.columns([1.5, 1])
    livechart.show(charts.accuracy_bars(
        [label(m) for m in names], np.array([scores[m][0] for m in names]),
        np.array([scores[m][1] for m in names]),
        labels={"train": tr("pt.train"), "test": tr("pt.test"), "axis": tr("pt.axis_from")}),
        key="cp.acc", container=left, title=tr("cp.acc"))
    livechart.show(charts.bars([label(m) for m in names], np.array([scores[m][2] for m in names]),
                               xlabel=tr("pt.fit_time"), height=90 + 34 * len(names),
                               color=plots.SERIES["time"]),
                   key="cp.time", container=right, title=tr("cp.time"))
    st.dataframe(table, hide_index=True, width="stretch", height="content",
                 column_config={tr("cp.train_acc"): st.column_config.NumberColumn(format="%.3f"),
                                tr("cp.test_acc"): st.column_config.NumberColumn(format="%.3f"),
                                tr("cp.fit_ms"): st.column_config.NumberColumn(format="%.1f")})


if __name__ == "__main__":  # run by streamlit as a page script, not on import
    runner.run("cp", sidebar=sidebar, fit=fit, draw=draw, spinner="msg.fitting_all",
               lessons=LESSONS)
