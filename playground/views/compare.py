"""Compare: every method on one data set, train / test accuracy and fit time."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from playground import common, compute, controls, livechart, plots, state
from playground.i18n import tr

PAGE = "compare"


def main() -> None:
    common.header("cp.title", "cp.lead")
    st.sidebar.subheader(tr("sb.data"))
    name = controls.select("cp_data", "cp.dataset", controls.dataset_label)
    T = controls.slider("cp_T", "cp.T")
    upload = st.sidebar.file_uploader(tr("sb.upload_csv"), type=["csv"], key="upload_csv")
    if upload is not None:
        raw = upload.getvalue()
        try:
            header = compute.data.csv_columns(raw)
        except ValueError as exc:
            st.error(tr("msg.data_error", err=exc), icon=":material/error:")
            header = ["?"]
        label = st.sidebar.selectbox(tr("sb.label_col"), header, index=len(header) - 1)
        key = compute.DataKey("csv", 0, 0.0, state.get("seed"), 2, state.get("test"), raw, label)
    else:
        if name in compute.data.names("2d"):
            controls.slider("n", "sb.n", step=20)
            controls.slider("noise", "sb.noise", step=0.05)
        key = compute.DataKey(name, state.get("n"), state.get("noise"), state.get("seed"),
                              state.get("classes"), state.get("test"))
    controls.slider("test", "sb.test", step=0.05)
    controls.slider("seed", "sb.seed")
    key = compute.DataKey(key.name, key.n, key.noise, state.get("seed"), key.classes,
                          state.get("test"), key.upload, key.label)
    key = controls.checked(key)
    common.share_note()
    with st.spinner("…"):
        result = compute.compare(key, T)
    n, d, k = result["shape"]
    st.caption(tr("cp.shape", n=n, d=d, k=k))
    for m, err in result["failed"].items():
        st.warning(f"{tr('ln.' + m)}: {err}")
    if result["missing"]:
        st.info(tr("msg.engine_missing", what=", ".join(tr("ln." + m) for m in
                                                        result["missing"])))
    scores = result["scores"]
    if not scores:
        state.write_url(PAGE)
        return
    names = sorted(scores, key=lambda m: -scores[m][1])
    table = pd.DataFrame({
        tr("cp.method"): [tr("ln." + m) for m in names],
        tr("cp.train_acc"): [scores[m][0] for m in names],
        tr("cp.test_acc"): [scores[m][1] for m in names],
        tr("cp.fit_ms"): [scores[m][2] for m in names],
    })
    left, right = st.columns([1.5, 1])
    livechart.show(plots.grouped_bars(
        [tr("ln." + m) for m in names],
        {tr("pt.train"): np.array([scores[m][0] for m in names]),
         tr("pt.test"): np.array([scores[m][1] for m in names])},
        ylabel=tr("pt.accuracy"), height=380, colors=["#9fb7c9", "#0877bd"]),
        key="cp.acc", container=left)
    livechart.show(plots.bars([tr("ln." + m) for m in names], np.array([scores[m][2] for m in names]),
                              xlabel=tr("pt.fit_time"), height=380, color="#f59322"),
                   key="cp.time", container=right)
    st.dataframe(table, hide_index=True, width="stretch",
                 column_config={tr("cp.train_acc"): st.column_config.NumberColumn(format="%.3f"),
                                tr("cp.test_acc"): st.column_config.NumberColumn(format="%.3f"),
                                tr("cp.fit_ms"): st.column_config.NumberColumn(format="%.1f")})
    state.write_url(PAGE)


main()
