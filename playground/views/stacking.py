"""Voting and stacking (LECTURE.md §5): the layer diagram, the hold-out split, who wins."""

from __future__ import annotations

import numpy as np
import streamlit as st

from playground import common, compute, controls, livechart, plots, state
from playground.i18n import tr

PAGE = "stacking"


def learner_label(name: str) -> str:
    return tr(f"ln.{name}")


def main() -> None:
    common.header("sk.title", "sk.lead")
    st.sidebar.subheader(tr("sb.model"))
    learners = controls.multiselect("sk_learners", "sk.learners", learner_label)
    final = controls.select("sk_final", "sk.final", learner_label)
    n_layers = controls.slider("sk_layers", "sk.layers")
    cv = controls.select("sk_cv", "sk.cv", lambda c: tr(f"sk.{c}"), radio=True)
    holdout = controls.slider("sk_holdout", "sk.holdout_frac", step=0.05) if cv == "holdout" \
        else state.get("sk_holdout")
    voting = controls.select("sk_voting", "sk.voting", radio=True)
    key = controls.data_2d()
    show_test, discrete = controls.display_controls()
    common.share_note()
    if not common.need("StackingClassifier", "VotingClassifier"):
        state.write_url(PAGE)
        return
    if len(learners) < 2:
        st.error(tr("sk.need2"), icon=":material/error:")
        state.write_url(PAGE)
        return
    try:
        with st.spinner("…"):
            run = compute.stacking_run(key, tuple(learners), final, n_layers, cv, holdout,
                                       voting, min(state.get("res"), 120))
    except Exception as exc:  # the engine is being written: say so, keep running
        st.error(tr("msg.fit_error", err=exc), icon=":material/error:")
        state.write_url(PAGE)
        return
    d = compute.dataset(key)
    K = len(run.classes)
    s_tr, s_te, _ = run.scores["stacking"]
    v_tr, v_te, _ = run.scores["voting"]
    singles = {n: run.scores[n] for n in learners}
    best = max(singles, key=lambda n: singles[n][1])
    m = st.columns(3)
    m[0].metric(tr("ln.stacking") + " · " + tr("pt.test"), f"{s_te:.1%}")
    m[1].metric(tr("ln.voting") + " · " + tr("pt.test"), f"{v_te:.1%}")
    m[2].metric(learner_label(best) + " · " + tr("pt.test"), f"{singles[best][1]:.1%}")

    layers = [[{"label": learner_label(nm.split("·")[0]) + (f" (L{li + 1})" if li else ""),
                "image": plots.surface_image_source(code, K)}
               for nm, code in zip([n for n in learners], codes)]
              for li, codes in enumerate(run.layer_codes)]
    final_node = {"label": tr("sk.final") + ": " + learner_label(final),
                  "image": plots.surface_image_source(run.final_code, K)}
    edges = [(len(layers) - 1, j, w) for j, w in run.edges]
    livechart.show(plots.stack_diagram(layers, final_node, edges, height=180 + 110 * len(learners)),
                   key="sk.diagram", title=tr("sk.diagram"))

    left, right = st.columns(2)
    stack = run.stack
    if cv == "holdout" and stack.holdout_indices_ is not None:
        part1 = np.asarray(stack.train_indices_)
        part2 = np.asarray(stack.holdout_indices_)
        pts = [plots.points(d["X_tr"][part1], d["y_tr"][part1], run.classes,
                            name=tr("sk.part1"), size=6),
               plots.points(d["X_tr"][part2], d["y_tr"][part2], run.classes,
                            name=tr("sk.part2"), size=9, symbol="diamond", test=True)]
        title = tr("sk.split")
    else:
        pts = [plots.points(d["X_tr"], d["y_tr"], run.classes, name=tr("pt.train"), size=5)]
        title = tr("sk.final_surface")
    if show_test:
        pts.append(plots.points(d["X_te"], d["y_te"], run.classes, name=tr("pt.test"), test=True,
                                symbol="triangle-up", size=7))
    livechart.show(plots.surface(run.grid, run.final_code, K, pts, discrete=discrete),
                   key="sk.surface", container=left, title=title)
    names = ["stacking", "voting"] + list(learners)
    cats = [learner_label(n) for n in names]
    livechart.show(plots.grouped_bars(
        cats, {tr("pt.train"): np.array([run.scores[n][0] for n in names]),
               tr("pt.test"): np.array([run.scores[n][1] for n in names])},
        ylabel=tr("pt.accuracy"), height=400, colors=["#9fb7c9", "#0877bd"]),
        key="sk.versus", container=right, title=tr("sk.versus"))
    state.write_url(PAGE)


main()
