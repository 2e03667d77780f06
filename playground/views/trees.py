"""Decision trees, bagging and random forest (docs/lecture.md §1-2)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from playground import (charts, claims, common, compute, controls, figcache, hands, inspector,
                        livechart, plots, runner, state)
from playground.compute import image as img
from playground.i18n import tr
from playground.text import sub

GRID_LEARNERS = 4
DEPTHS = (5, 10, 15, 20)


@dataclass(frozen=True)
class Choices:
    method: str
    depth: int
    criterion: str
    T: int
    maxf: str
    maxs: float
    bootstrap: bool
    leaf: int
    learner: tuple  # bagging's base learner: (name, ((param, value), ...))
    key: compute.DataKey
    show_test: bool
    discrete: bool
    res: int = 200

    @classmethod
    def of(cls, v, key: compute.DataKey | None = None) -> "Choices":
        """The page's choices from its settings' values (pure: what the widgets put there)."""
        method = v["tr_method"]
        learner = controls.learner_of("tr", v) if method == "bagging" else ("tree", ())
        tree = learner[0] == "tree"
        return cls(method, v["tr_depth"], v["tr_criterion"] if tree else "gini",
                   1 if method == "tree" else v["tr_T"],
                   v["tr_maxf"] if method == "forest" else "all",
                   1.0 if method == "tree" else v["tr_maxs"],
                   True if method == "tree" else v["tr_bootstrap"], v["tr_leaf"] if tree else 1,
                   learner, key or compute.DataKey.of(v["data"], v), v["show_test"],
                   v["discrete"], v["res"])


def sidebar() -> Choices:
    st.page_link("views/bias_variance.py", label=tr("bv.link"), icon=":material/insights:")
    st.sidebar.subheader(tr("sb.model"))
    method = controls.select("tr_method", "tr.method", lambda m: tr(f"tr.m.{m}"), radio=True)
    learner = "tree"
    if method == "bagging":
        learner = controls.learner("tr", "bag", own_tree_controls=True)[0]
    if learner == "tree":
        controls.slider("tr_depth", "tr.depth")
        controls.select("tr_criterion", "tr.criterion", radio=True)
        controls.slider("tr_leaf", "sb.leaf")
    if method != "tree":
        controls.slider("tr_T", "tr.T")
        if method == "forest":
            controls.select("tr_maxf", "tr.max_features", radio=True)
        controls.toggle("tr_bootstrap", "tr.bootstrap")
        controls.slider("tr_maxs", "tr.max_samples", step=0.05)
    key = controls.data_2d()
    controls.display_controls()
    return Choices.of(state.cfg(), key)


def fit(c: Choices) -> compute.ForestRun:
    return compute.forest_run(c.key, c.method, c.depth, c.criterion, c.T, c.maxf, c.maxs,
                              c.bootstrap, c.res, c.leaf, *c.learner)


def point_layers(d, classes, show_test):
    layers = [plots.points(d["X_tr"], d["y_tr"], classes, name=tr("pt.train"), size=5)]
    if show_test and len(d["y_te"]):
        layers.append(plots.points(d["X_te"], d["y_te"], classes, name=tr("pt.test"), test=True,
                                   size=7))
    return layers


def importance_bars(run: compute.ForestRun, key: str, height: int, container=None):
    if run.importances is None:
        return
    fig = figcache.reuse(key, common.token(run), lambda: charts.bars(
        [f"x{j + 1}" for j in range(len(run.importances))], run.importances,
        xlabel=tr("pt.importance"), height=height))
    livechart.show(fig, key=key, container=container,
                   title=tr("tr.importance") if height > 200 else None)


def single_tree(run: compute.ForestRun, c: Choices) -> None:
    """One tree: its surface and scores, then the same data at the lecture's depths."""
    d = compute.dataset(run.key)
    r = run.at(1)
    left, right = st.columns([1.2, 1])
    livechart.show(plots.surface(run.grid, r.vote, run.K, point_layers(d, run.classes, c.show_test),
                                 discrete=c.discrete, height=430),
                   key="tr.tree", container=left, title=tr("tr.single"))
    right.metric(tr("m.train_acc"), f"{1 - r.train_err:.1%}")
    if len(d["y_te"]):
        right.metric(tr("m.test_acc"), f"{1 - r.test_err:.1%}")
    right.caption(tr("tr.tree_stats", depth=run.depth, leaves=run.leaves, ms=run.fit_ms))
    importance_bars(run, "tr.imp1", 180, right)
    hands.single_tree(run)
    picture = img.is_picture(run.key)  # then the lecture's image experiment, picture first
    res = c.res if picture else min(c.res, 100)
    grid, items = compute.tree_depths(run.key, DEPTHS, c.criterion, res)
    codes = [p.code for p in items]
    panels = [{"traces": plots.points(d["X_tr"], d["y_tr"], run.classes, name="", size=3,
                                      showlegend=False)} for _ in items]
    titles = [tr("tr.stats", d=p.depth, l=p.leaves, tr=p.train_acc, te=p.test_acc)
              for p in items]
    if picture:  # five narrow panels: the numbers on three short lines
        codes, panels = [img.target_on(grid, img.picture_mask(run.key))] + codes, [{}] + panels
        titles = [tr("tr.picture")] + [tr("tr.stats_img", d=p.depth, l=p.leaves,
                                          tr=p.train_acc, te=p.test_acc) for p in items]
    livechart.show(plots.learner_grid(grid, codes, run.K, panels, cols=len(codes),
                                      height_per_row=260, titles=titles),
                   key="tr.depths", title=tr("tr.depths_image" if picture else "tr.depths"))


def ensemble_views(run: compute.ForestRun, c: Choices, t: int) -> None:
    """Everything that follows t. Figures are built once per fit and updated in place."""
    d, K = compute.dataset(run.key), run.K
    r = run.at(t)
    row = [("t", f"{t} / {run.T}"), (tr("m.train_err"), f"{r.train_err:.3f}")]
    if len(d["y_te"]):
        row.append((tr("m.test_err"), f"{r.test_err:.3f}"))
    if r.oob_err is not None:  # "—" while some point has not been out of bag yet
        row.append((tr("m.oob_err"), f"{r.oob_err:.3f}" if np.isfinite(r.oob_err) else "—"))
    common.metrics(row)

    picture = img.is_picture(run.key)  # the picture the forest learns, beside its vote
    cols = st.columns([1, 0.62, 1] if picture else 2)
    left, right = cols[0], cols[-1]
    if picture:
        fig = figcache.reuse("tr.picture", common.token(run), lambda: plots.surface(
            run.grid, img.target_on(run.grid, img.picture_mask(run.key)), 2, [], legend=False))
        livechart.show(fig, key="tr.picture", container=cols[1], title=tr("tr.picture"))
    fig = figcache.reuse("tr.vote", common.token(run, c.show_test, c.discrete),
                         lambda: plots.surface(run.grid, r.vote, K,
                                               point_layers(d, run.classes, c.show_test),
                                               discrete=c.discrete))
    plots.set_surface(fig, run.grid, r.vote, K, c.discrete)
    inspector.ring(fig, "tr", run)
    livechart.show(fig, key="tr.vote", container=left, title=tr("tr.vote"),
                   on_pick=inspector.on_pick("tr", run))
    fig = figcache.reuse("tr.disagree", common.token(run), lambda: plots.scalar_map(
        run.grid, r.disagreement, zmax=1 - 1 / K, colors="Purples"))
    plots.set_scalar(fig, run.grid, r.disagreement, 1 - 1 / K)
    inspector.ring(fig, "tr", run)
    livechart.show(fig, key="tr.disagree", container=right,
                   title=tr("tr.disagree") if t > 1 else tr("tr.disagree_one"))
    hands.forest_below(run, t)

    # the learners ending at t, each with its own bootstrap sample (the first ones at small t,
    # those not yet in the vote said so)
    n_panels = min(GRID_LEARNERS, run.T)
    first = max(0, t - n_panels)
    fig = figcache.reuse("tr.grid", common.token(run, n_panels), lambda: plots.bootstrap_grid(
        run.grid, K, n_panels, oob_name=tr("pt.oob_pts")))
    y_idx = compute.encoded(run.classes, d["y_tr"])
    for p in range(n_panels):
        k = first + p
        later = tr("tr.joins", t=k + 1) if k >= t else ""  # not in the vote of t learners yet
        if run.counts is not None:
            copies = run.counts[k]
            inbag = copies > 0
            plots.set_bootstrap_panel(fig, p, run.grid, run.members[k], K,
                                      d["X_tr"][inbag], y_idx[inbag], copies[inbag],
                                      d["X_tr"][~inbag],
                                      f"f{sub(k + 1)} · OOB {np.mean(~inbag):.0%}{later}")
        else:
            plots.set_bootstrap_panel(fig, p, run.grid, run.members[k], K,
                                      title=f"f{sub(k + 1)}{later}")
    inspector.ring(fig, "tr", run, axes=[(f"x{p + 1 if p else ''}", f"y{p + 1 if p else ''}")
                                          for p in range(n_panels)])
    livechart.show(fig, key="tr.grid", title=tr("tr.grid"),
                   on_pick=hands.pick_tree(run, first, n_panels))
    share = run.oob_share()
    if share is not None:
        st.caption(tr("tr.oob_note", frac=float(share[:t].mean())))

    left, right = st.columns([1.4, 1])
    x = np.arange(1, run.T + 1)
    series = [(tr("pt.train"), run.train_err, {"color": plots.SERIES["train"]})]
    if len(d["y_te"]):
        series.append((tr("pt.test"), run.test_err, {"color": plots.SERIES["test"]}))
    if run.oob_err is not None:
        series.append((tr("pt.oob"), run.oob_err, {"color": plots.SERIES["oob"], "dash": "dash"}))
    fig = figcache.reuse("tr.curves", common.token(run), lambda: charts.curves(
        x, series, t, xlabel=tr("pt.n_learners"), ylabel=tr("pt.error")))
    charts.set_curves_t(fig, x, t)
    livechart.show(fig, key="tr.curves", container=left, title=tr("tr.oob_curve"))
    importance_bars(run, "tr.imp", 300, right)
    hands.forest_tree(run, t)


# ---- what the page claims, checked against the run ----------------------------------------------

def _se(err: float, n: int) -> float:
    """Standard error of an error rate measured on n examples."""
    return float(np.sqrt(max(err * (1 - err), 1e-4) / max(n, 1)))


def fits_perfectly(run: compute.ForestRun, c: Choices) -> tuple[bool, dict]:
    """docs/lecture.md §2: a fully grown tree fits its training data perfectly, and overfits."""
    nums = {"tr": 1 - run.train_err[0], "te": 1 - run.test_err[0], "d": c.depth,
            "n": len(compute.dataset(run.key)["y_tr"])}
    if c.depth != 0:
        return False, {**nums, "case": "limited"}
    return bool(run.train_err[0] == 0 and run.test_err[0] > 0), nums


def beats_base(run: compute.ForestRun, c: Choices) -> tuple[bool, dict]:
    """docs/lecture.md §1: bagging (and a forest) of complex learners has a lower test error than one of
    them; bagging a simple, high-bias learner (a stump) does not help."""
    e, b = float(run.test_err[-1]), run.base_test_err
    n_test = len(compute.dataset(run.key)["y_te"])
    nums = {"T": run.T, "e": e, "b": b, "gain": b - e, "se": _se(b, n_test),
            "method": tr(f"tr.m.{c.method}"), "base": tr(f"ln.{c.learner[0]}")
            if c.learner[0] != "tree" else tr("tr.base.tree", d=c.depth or "∞")}
    if not np.isfinite(e):
        return False, {**nums, "case": "no_test"}
    if c.learner[0] == "tree" and c.depth == 1:  # the lecture's counter-example
        return b - e <= nums["se"], {**nums, "case": "stumps"}
    return e < b, nums


def oob_tracks_test(run: compute.ForestRun, c: Choices) -> tuple[bool, dict]:
    """docs/lecture.md §1: the out-of-bag error estimates the test error without a validation set."""
    n_test = len(compute.dataset(run.key)["y_te"])
    if run.oob_err is None or not n_test:
        return False, {"case": "none"}
    o, e = float(run.oob_err[-1]), float(run.test_err[-1])
    se = 2 * _se(e, n_test)
    return abs(o - e) <= max(se, 0.01), {"o": o, "e": e, "d": abs(o - e), "se": se, "n": n_test}


LESSONS_TREE = (claims.Claim("tr.claim.fits", "tr.claim.fits.not", fits_perfectly),)
LESSONS_ENSEMBLE = (claims.Claim("tr.claim.beats", "tr.claim.beats.not", beats_base),
                    claims.Claim("tr.claim.oob", "tr.claim.oob.not", oob_tracks_test))


def lessons(run: compute.ForestRun, c: Choices) -> None:
    claims.say(LESSONS_TREE if c.method == "tree" else LESSONS_ENSEMBLE, run, c)


def rounds(c: Choices) -> runner.Rounds | None:
    return None if c.method == "tree" else runner.Rounds("tr_t", "pl.n_learners", ensemble_views)


def draw_all(run: compute.ForestRun, c: Choices) -> None:
    if c.method == "tree":
        single_tree(run, c)
    else:
        hands.forest_end(run)


if __name__ == "__main__":  # run by streamlit as a page script, not on import
    runner.run("tr", sidebar=sidebar, fit=fit, draw=draw_all, rounds=rounds, lessons=lessons)
