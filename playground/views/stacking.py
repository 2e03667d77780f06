"""Voting and stacking (docs/lecture.md §5): the layer diagram, the hold-out split, who wins."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from playground import (charts, claims, compute, controls, hands, inspector, learners, livechart,
                        plots, runner, state)
from playground.i18n import tr


@dataclass(frozen=True)
class Choices:
    learners: tuple
    final: str
    n_layers: int
    cv: str
    holdout: float
    voting: str
    key: compute.DataKey
    show_test: bool
    discrete: bool
    res: int = 120

    @classmethod
    def of(cls, v, key: compute.DataKey | None = None) -> "Choices":
        """The page's choices from its settings' values (pure: what the widgets put there)."""
        return cls(tuple(v["sk_learners"].split(",")), v["sk_final"], v["sk_layers"], v["sk_cv"],
                   v["sk_holdout"], v["sk_voting"], key or compute.DataKey.of(v["data"], v),
                   v["show_test"], v["discrete"], min(v["res"], 120))


def sidebar() -> Choices:
    st.sidebar.subheader(tr("sb.model"))
    names = controls.multiselect("sk_learners", "sk.learners", controls.learner_label)
    controls.select("sk_final", "sk.final", controls.learner_label)
    controls.slider("sk_layers", "sk.layers")
    cv = controls.select("sk_cv", "sk.cv", lambda c: tr(f"sk.{c}"), radio=True)
    if cv == "holdout":
        controls.slider("sk_holdout", "sk.holdout_frac", step=0.05)
    voting = controls.select("sk_voting", "sk.voting", lambda v: tr(f"sk.vote.{v}"), radio=True)
    if voting == "soft":
        for name, why in learners.left_out("soft").items():
            if name in names:
                st.sidebar.caption(tr(why, learner=controls.learner_label(name)))
    key = controls.data_2d()
    controls.display_controls()
    return Choices.of(state.cfg(), key)


def fit(c: Choices) -> compute.StackRun:
    if len(c.learners) < 2:
        raise ValueError(tr("sk.need2"))
    voting = c.voting
    if voting == "soft" and any(n in learners.left_out("soft") for n in c.learners):
        voting = "hard"  # said in the sidebar: a learner without probabilities cannot average
    return compute.stacking_run(c.key, c.learners, c.final, c.n_layers, c.cv, c.holdout,
                                voting, c.res)


def _scores(run: compute.StackRun) -> dict:
    best = run.best_single()
    s, v, b = (run.scores[n].test for n in ("stacking", "voting", best))
    return {"s": s, "v": v, "b": b, "best": tr(f"ln.{best}")}


def beats_voting(run: compute.StackRun, _c=None) -> tuple[bool, dict]:
    """docs/lecture.md §5: a final learner trained on the bases' outputs combines them better than a
    plain vote (it learns how much to trust each)."""
    nums = _scores(run)
    if not np.isfinite(nums["s"]):
        return False, {**nums, "case": "no_test"}
    return nums["s"] > nums["v"], nums


def beats_best(run: compute.StackRun, _c=None) -> tuple[bool, dict]:
    """Stacking against the best of its base learners (which one is best is not known before
    the test set is seen; stacking picks its mix on the training data alone)."""
    nums = _scores(run)
    if not np.isfinite(nums["s"]):
        return False, {**nums, "case": "no_test"}
    if nums["s"] > nums["b"]:
        return True, nums
    easy = nums["b"] >= 0.99 or nums["b"] - nums["s"] > 0.01  # one learner is (nearly) enough
    return False, {**nums, "gap": nums["b"] - nums["s"], "case": "easy" if easy else "close"}


LESSONS = (claims.Claim("sk.claim.vote", "sk.claim.vote.not", beats_voting),
           claims.Claim("sk.claim.best", "sk.claim.best.not", beats_best))


def draw(run: compute.StackRun, c: Choices) -> None:
    d = compute.dataset(run.key)
    K = run.K
    best = run.best_single()
    m = st.container(horizontal=True)
    m.metric(tr("ln.stacking") + " · " + tr("pt.test"), f"{run.scores['stacking'].test:.1%}")
    m.metric(tr("ln.voting") + " · " + tr("pt.test"), f"{run.scores['voting'].test:.1%}")
    m.metric(controls.learner_label(best) + " · " + tr("pt.test"),
             f"{run.scores[best].test:.1%}")

    layers = [[{"label": controls.learner_label(n) + (f" (L{li + 1})" if li else ""),
                "image": plots.surface_image_source(code, K)}
               for n, code in zip(run.learners, codes)]
              for li, codes in enumerate(run.layer_codes)]
    final_node = {"label": tr("sk.final") + ": " + controls.learner_label(run.final),
                  "image": plots.surface_image_source(run.final_code, K)}
    edges = [(len(layers) - 1, j, float(w)) for j, w in enumerate(run.weights)]
    livechart.show(charts.stack_diagram(layers, final_node, edges,
                                       height=180 + 110 * len(run.learners)),
                   key="sk.diagram", title=tr("sk.diagram"))

    left, right = st.columns(2)
    if run.part2 is not None:
        pts = [plots.points(d["X_tr"][run.part1], d["y_tr"][run.part1], run.classes,
                            name=tr("sk.part1"), size=6),
               plots.points(d["X_tr"][run.part2], d["y_tr"][run.part2], run.classes,
                            name=tr("sk.part2"), size=9, test=True)]
        title = tr("sk.split")
    else:
        pts = [plots.points(d["X_tr"], d["y_tr"], run.classes, name=tr("pt.train"), size=5)]
        title = tr("sk.final_surface")
    if c.show_test and len(d["y_te"]):
        pts.append(plots.points(d["X_te"], d["y_te"], run.classes, name=tr("pt.test"), test=True,
                                size=7))
    fig = plots.surface(run.grid, run.final_code, K, pts, discrete=c.discrete)
    inspector.ring(fig, "sk", run)
    livechart.show(fig, key="sk.surface", container=left, title=title,
                   on_pick=inspector.on_pick("sk", run))
    names = ["stacking", "voting", *run.learners]
    livechart.show(charts.accuracy_bars(
        [controls.learner_label(n) if n in learners.BY_NAME else tr(f"ln.{n}") for n in names],
        np.array([run.scores[n].train for n in names]),
        np.array([run.scores[n].test for n in names]),
        labels={"train": tr("pt.train"), "test": tr("pt.test"), "axis": tr("pt.axis_from")}),
        key="sk.versus", container=right, title=tr("sk.versus"))
    hands.stacking_below(run)
    hands.stacking_end(run)

if __name__ == "__main__":  # run by streamlit as a page script, not on import
    runner.run("sk", sidebar=sidebar, fit=fit, draw=draw, lessons=LESSONS)
