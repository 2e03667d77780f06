"""Overview: what an ensemble is, a live AdaBoost demo, and a map of the course's pages."""

from __future__ import annotations

import numpy as np
import streamlit as st

from playground import (charts, claims, common, compute, controls, figcache, livechart, pages,
                        plots, runner, settings, state)
from playground.views import adaboost, trees
from playground.i18n import tr

def demo_run(seed: int = 0) -> compute.AdaRun:
    """The live demo: AdaBoost as its page opens (the ``ab`` page's own defaults: data, learner,
    T), with the app's seed setting."""
    d = settings.defaults("ab")
    return compute.adaboost_run(compute.DataKey.of(d["data"], d, seed=seed), d["ab_T"], 100,
                                *controls.learner_of("ab", d))


def point_sizes(u: np.ndarray) -> np.ndarray:
    return np.clip(4 + 5 * np.sqrt(u / u.mean()), 3, 22).astype(np.float32)


def demo_views(run: compute.AdaRun, _c, t: int) -> None:
    """The demo's round t: H_t with points sized by u_t, and the error curves."""
    d = compute.dataset(run.key)
    r = run.at(t)
    left, right = st.columns([1.1, 1])
    token = common.token(run)
    fig = figcache.reuse("ov.H", token, lambda: plots.surface(
        run.grid, r.H, 2, [plots.points(d["X_tr"], d["y_tr"], run.classes, name="uₜ",
                                        size=point_sizes(r.u), gl=True)],
        height=360, legend=False))
    plots.set_surface(fig, run.grid, r.H, 2)
    plots.set_sizes(fig, 0, d["y_tr"], run.classes, point_sizes(r.u))
    livechart.show(fig, key="ov.H", container=left)
    x = np.arange(1, run.T + 1)
    top = adaboost.error_axis_top(run)
    series = [(tr("pt.train"), run.train_err, {"color": plots.SERIES["train"]}),
              (tr("pt.test"), run.test_err, {"color": plots.SERIES["test"]}),
              (tr("ab.bound_off", b=run.bound[0]) if run.bound[0] > top else tr("ab.bound"),
               run.bound, {"color": plots.SERIES["bound"], "dash": "dash"})]
    with right:
        common.metrics([("αₜ", f"{r.alpha:.3f}"), (tr("m.train_err"), f"{r.train_err:.3f}"),
                        (tr("m.test_err"), f"{r.test_err:.3f}")])
        fig = figcache.reuse("ov.curves", token, lambda: charts.curves(
            x, series, t, xlabel=tr("pt.round"), ylabel=tr("pt.error"), height=260, top=top))
        charts.set_curves_t(fig, x, t)
        livechart.show(fig, key="ov.curves")


def course_map(_run=None, _c=None) -> None:
    """A card per page of each section, from the pages table."""
    st.subheader(tr("ov.map"))
    st.markdown(tr("ov.framework"))
    for section, title in pages.SECTIONS.items():
        cards = [p for p in pages.in_section(section) if p.card]
        if not cards:
            continue
        st.markdown(f"**{tr(title)}**")
        for row in range(0, len(cards), 3):
            cols = st.columns(3)
            for col, p in zip(cols, cards[row:row + 3]):
                with col.container(border=True):
                    st.markdown(tr(f"ov.card.{p.id}"))
                    st.page_link(p.script, label=tr(p.title), icon=p.icon)
    st.subheader(tr("ov.try"))
    st.markdown(f"- {tr('ov.try1')}")
    claims.say((TRY_DEPTH,), None, state.get("seed"))
    st.markdown(f"- {tr('ov.try3')}")


def depth_overfits(_run, seed: int) -> tuple[bool, dict]:
    """The overview's suggestion, "set depth 20 on the trees page", checked on that page's
    defaults: one tree of depth 20 fits its training data and scores worse on the test set than
    the forest (whose run knows that one tree alone)."""
    run = trees.fit(trees.Choices.of(dict(settings.defaults("tr"), tr_depth=20, seed=seed)))
    nums = {"tr": 1 - run.base_train_err, "te": 1 - run.base_test_err,
            "f": 1 - float(run.test_err[-1])}
    return run.base_train_err == 0 and nums["f"] > nums["te"], nums


TRY_DEPTH = claims.Claim("ov.try2", "ov.try2.not", depth_overfits)
LESSONS = (claims.Claim("ab.claim.after_zero", "ab.claim.after_zero.not", adaboost.after_zero),)


if __name__ == "__main__":  # run by streamlit as a page script, not on import
    runner.run("ov", sidebar=lambda: state.get("seed"), fit=demo_run,
               rounds=runner.Rounds("ov_t", "pl.round", demo_views), draw=course_map,
               lessons=LESSONS)
