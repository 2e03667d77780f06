"""The app's speed at the issue's defaults (issue 4 §6): moons, 1,000 points, 200 x 200 grid,
100 learners.

* ``slider``: server time of one round-slider move, as the page runs it in Streamlit (AppTest):
  the training fragment times itself (``perf.<page>`` in the session) — slicing the cached run,
  painting round t, updating the figures, serializing them for the browser. Median of >= 5 moves.
  ``bytes`` = the plotly JSON the move sends (sum over the page's charts).
* ``refit``: what any other change costs: the fit plus everything the run records (errors, losses,
  margins) plus painting one round (the last, the most expensive), cache cleared every time.
  ``fit_s`` is the engine's share. Median of 5 seeds.

* ``edit``: what adding one point on the drawing pad costs (issue 16): a drawn set of 999 moons
  points plus one outlier (1,000, the pad's cap), read as the pad sends it (``drawn.canonical``), split, fitted and
  its last round painted, caches cleared; and the AdaBoost page's whole rerun after that edit in
  AppTest (the sidebar and its pad, the refit, the claims and every chart). Median of 5 edits.
* ``pin`` / ``switch members off`` (issue 16): the server time of pinning a point (AppTest,
  the fragment's own timer) and of adding H up again without some members (``cpu`` column: the
  first switch of a fit, which also collects the members' values at the examples).

Run: ``python benchmarks/bench_app.py`` (``--refit-only``: skip the AppTest slider rows,
``--gan``: the GAN lab's rows only, ``--nn-only``: only the backpropagation lab's rows,
``--bias-variance``: only the bias-variance page's first view, ``--draw-only``: only the drawing
pad's rows, ``--json``: also print the rows as JSON). Timings depend on the machine's load; ``cpu_s`` (process
CPU time) is less sensitive to other jobs on a shared machine.
"""

from __future__ import annotations

import json
import logging
import os
import statistics
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

APP = os.path.join(ROOT, "playground", "app.py")
N, RES, T = 1000, 200, 100
SLIDER_TARGET_S, SLIDER_TARGET_BYTES = 0.025, 150_000
REFIT_TARGET_S, ADA200_TARGET_S = 0.150, 0.200
GAN_REFIT_TARGET_S = 3.0  # a GAN is trained for thousands of steps: once per setting


def _quiet():
    logging.disable(logging.WARNING)
    import warnings
    warnings.filterwarnings("ignore")


# Components AppTest keeps in its tree that a round does not send again: the member strip is its
# own fragment, the keys element sits with the player's buttons (outside the round's fragment).
OUTSIDE_THE_PLAYER = (".members", ".keys")


def slider_row(page: str, t_name: str, query: dict, moves=(10, 40, 70, 100, 25, 55, 85)) -> dict:
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(APP, default_timeout=180)
    for k, v in {**query, t_name: "1"}.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(f"views/{page}.py").run()
    perf_key = {"adaboost": "perf.ab", "trees": "perf.tr", "gradient_boosting": "perf.gb"}[page]
    times, sizes = [], []
    for t in moves:
        next(s for s in at.slider if s.key == f"w.{t_name}").set_value(t).run()
        assert not at.exception, [e.value for e in at.exception]
        times.append(at.session_state[perf_key] / 1000)
        sizes.append(sum(len(c.proto.spec) for c in at.get("plotly_chart"))
                     + sum(len(c.proto.bytes) for c in at.get("bidi_component")
                           if not c.proto.component_name.endswith(OUTSIDE_THE_PLAYER)))
    return dict(name=f"slider · {page}", ours_s=statistics.median(times),
                target_s=SLIDER_TARGET_S, bytes=int(statistics.median(sizes)),
                target_bytes=SLIDER_TARGET_BYTES, n=len(times))


def refit_row(name: str, make, target: float, seeds=range(5)) -> dict:
    from playground import compute
    walls, cpus, fits = [], [], []
    for seed in seeds:
        key = compute.DataKey.of("moons", n=N, noise=0.25, seed=seed, classes=3, test=0.3)
        compute.dataset(key)  # data generation is not part of a refit
        for fn in (compute.adaboost_run, compute.forest_run, compute.gb_run,
                   compute.stacking_run):
            fn.clear()
        w0, c0 = time.perf_counter(), time.process_time()
        run = make(compute, key)
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
        fits.append(getattr(run, "fit_ms", float("nan")) / 1000)
    return dict(name=f"refit · {name}", ours_s=statistics.median(walls), target_s=target,
                cpu_s=statistics.median(cpus), fit_s=statistics.median(fits), n=len(walls))


def _ada(T_):
    def make(compute, key):
        run = compute.adaboost_run(key, T_, RES)
        run.at(run.T)
        return run
    return make


def _forest(method):
    def make(compute, key):
        run = compute.forest_run(key, method, 0, "gini", T, "sqrt", 1.0, True, RES)
        run.at(run.T)
        return run
    return make


def _gb(compute, key):
    run = compute.gb_run(key, "2d", "log_loss", 0.3, T, 2, 1.0, RES)
    run.at(run.T)
    return run


def _stacking(compute, key):
    class R:  # stacking has no rounds: the whole page's run
        pass
    start = time.perf_counter()
    compute.stacking_run(key, ("tree", "knn", "logreg", "nb"), "logreg", 1, "holdout", 0.3,
                         "soft", min(RES, 120))
    r = R()
    r.fit_ms = 1000 * (time.perf_counter() - start)
    return r


def lifelong_rows(sliders: bool = True) -> list[dict]:
    """The lifelong-learning lab (issue 18): a step of the picture and an epoch of the sequence
    as the player shows them (server time of the fragment, bytes sent), and a refit of each view
    at the defaults (the sequence: all five methods, caches cleared)."""
    from streamlit.testing.v1 import AppTest

    from playground import settings
    from playground.compute import lifelong as ll
    rows = []
    for view, t_name, moves in (("picture", "ll_pt", (10, 40, 70, 100, 25, 55, 85)),
                                ("sequence", "ll_t", (5, 12, 23, 31, 44, 50, 17))):
        if not sliders:
            break
        at = AppTest.from_file(APP, default_timeout=300)
        for k, v in {"ll_view": view, t_name: "1"}.items():
            at.query_params[k] = v
        at.run()
        at.switch_page("views/lifelong.py").run()
        times, sizes = [], []
        for t in moves:
            next(s for s in at.slider if s.key == f"w.{t_name}").set_value(t).run()
            assert not at.exception, [e.value for e in at.exception]
            times.append(at.session_state["perf.ll"] / 1000)
            sizes.append(sum(len(c.proto.bytes) for c in at.get("bidi_component")))
        rows.append(dict(name=f"slider · lifelong {view}", ours_s=statistics.median(times),
                         target_s=SLIDER_TARGET_S, bytes=int(statistics.median(sizes)),
                         target_bytes=SLIDER_TARGET_BYTES, n=len(times)))
    d = settings.defaults()
    spec = ll.SequenceSpec(d["ll_tasks"], d["ll_n"], float(d["ll_angle"]), d["ll_hidden"],
                           d["ll_epochs"], d["ll_fisher"], d["ll_dirs"], 0)
    lams = tuple((k, 0.0 if k == "finetune" else float(d[f"ll_lam_{k}"])) for k in ll.METHODS)

    def picture():
        ll.picture_run.clear()
        return ll.picture_run(float(d["ll_plam"]))

    def sequence():
        ll.method_run.clear()
        ll.sequence_run.clear()
        return ll.sequence_run(spec, lams, "ewc")

    for name, make, target in (("lifelong picture (5 methods)", picture, REFIT_TARGET_S * 10),
                               ("lifelong sequence (5 methods)", sequence, 5 * 10.0)):
        walls, cpus = [], []
        for _ in range(3):
            w0, c0 = time.perf_counter(), time.process_time()
            make()
            walls.append(time.perf_counter() - w0)
            cpus.append(time.process_time() - c0)
        rows.append(dict(name=f"refit · {name}", ours_s=statistics.median(walls),
                         target_s=target, cpu_s=statistics.median(cpus), n=len(walls)))
    return rows


# ---- the backpropagation lab (page "nn") ---------------------------------------------------------

NN_FIT_TARGET_S, NN_DEEP_TARGET_S = 0.5, 1.5


def nn_slider_row(panel: str, moves=(10, 40, 70, 100, 25, 55, 85)) -> dict:
    """Server time of one epoch-slider move on the lab (its defaults: moons, 1,000 points, a
    2-4-4-1 tanh network, 100 epochs), with the backward-pass or the sigmoid-vs-ReLU panel open."""
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(APP, default_timeout=300)
    for k, v in {"nn_t": "1", "nn_panel": panel}.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("views/nn.py").run()
    times, cpus, sizes = [], [], []
    for t in moves:
        next(s for s in at.slider if s.key == "w.nn_t").set_value(t).run()
        cpus.append(at.session_state["cpu.nn"] / 1000)  # the drawing's own CPU time
        assert not at.exception, [e.value for e in at.exception]
        times.append(at.session_state["perf.nn"] / 1000)
        sizes.append(sum(len(c.proto.bytes) for c in at.get("bidi_component")))
    return dict(name=f"slider · backpropagation ({panel})", ours_s=statistics.median(times),
                target_s=SLIDER_TARGET_S, cpu_s=statistics.median(cpus),
                bytes=int(statistics.median(sizes)), target_bytes=SLIDER_TARGET_BYTES,
                n=len(times))


def nn_refit_rows(seeds=range(5)) -> list[dict]:
    """Training the lab's network for all its epochs at the defaults (θ and the numbers after
    every epoch), and the two 6-layer networks of the sigmoid-vs-ReLU panel; caches cleared."""
    from playground import settings
    from playground.compute import DataKey, nn_probe
    from playground.compute import nn as nnc
    d = settings.defaults()
    rows = []
    for name, fn, target, n_seeds in (("backpropagation lab, 2-4-4-1, 100 epochs",
                                       lambda spec: nnc.nn_run(spec).at(1), NN_FIT_TARGET_S, 5),
                                      ("sigmoid vs ReLU, 2 x 6 layers of 8, 100 epochs",
                                       nn_probe.deep_run, NN_DEEP_TARGET_S, 3)):
        walls, cpus = [], []
        for seed in list(seeds)[:n_seeds]:
            key = DataKey.of("moons", d, seed=seed)
            spec = nnc.NetSpec(key, "2d", ("x1", "x2"), (4, 4), "tanh", d["nn_lr"],
                               d["nn_batch"], epochs=d["nn_epochs"])
            nnc.nn_run.clear()
            nn_probe._deep_run.clear()
            nnc.dataset(key)
            w0, c0 = time.perf_counter(), time.process_time()
            fn(spec)
            walls.append(time.perf_counter() - w0)
            cpus.append(time.process_time() - c0)
        rows.append(dict(name=f"refit · {name}", ours_s=statistics.median(walls),
                         target_s=target, cpu_s=statistics.median(cpus), n=len(walls)))
    return rows


# ---- the GAN lab (issue 19) ---------------------------------------------------------------------

def gan_slider_row(moves=(20, 60, 100, 140, 180, 220, 260)) -> dict:
    """Server time of one snapshot move on the GAN page (its training fragment: paint the
    snapshot - D on a 90 x 90 grid, G on 400 + 902 noise points, D's pull on 160 samples - and
    update seven live charts), and the bytes it sends; a tick while playing does the same."""
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(APP, default_timeout=300)
    at.query_params["gan_t"] = "2"
    at.run()
    at.switch_page("views/gan.py").run()
    times, sizes = [], []
    for t in moves:
        next(s for s in at.slider if s.key.startswith("w.gan_t")).set_value(t).run()
        assert not at.exception, [e.value for e in at.exception]
        times.append(at.session_state["perf.gan"] / 1000)
        sizes.append(sum(len(c.proto.bytes) for c in at.get("bidi_component")))
    return dict(name="slider · gan (snapshot)", ours_s=statistics.median(times),
                target_s=SLIDER_TARGET_S, bytes=int(statistics.median(sizes)),
                target_bytes=SLIDER_TARGET_BYTES, n=len(times))


def gan_step_row(clicks: int = 8) -> dict:
    """One Step D / Step G click on the GAN page: the fragment's server time (replay one update
    from the session's replay state, paint the moment, update the charts), and in the row's name
    the whole rerun a click causes (the page, the sidebar and the fragment; AppTest's wall
    time)."""
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(APP, default_timeout=300)
    at.query_params["gan_t"] = "150"
    at.run()
    at.switch_page("views/gan.py").run()
    frag, whole = [], []
    for _ in range(clicks):
        button = next(b for b in at.button if b.key in ("gan.step_d", "gan.step_g")
                      and not b.disabled)
        w0 = time.perf_counter()
        button.click().run()
        whole.append(time.perf_counter() - w0)
        assert not at.exception, [e.value for e in at.exception]
        frag.append(at.session_state["perf.gan"] / 1000)
    rerun = statistics.median(whole) * 1000
    return dict(name=f"step D / G · gan (whole rerun {rerun:.0f} ms)",
                ours_s=statistics.median(frag), target_s=SLIDER_TARGET_S, n=len(frag))


def gan_refit_row(seeds=range(3)) -> dict:
    """The GAN page's run at its defaults: 3,000 steps (500 of them D's head start), both
    losses' gradient norms every step, snapshots every 10 steps; then MMD² and the modes
    covered at each of the 301 snapshots. ``fit_s`` is the training's share."""
    from playground.compute import gan as compute
    from playground.views.gan import RUN_SETTINGS
    from playground import settings
    d = settings.defaults()
    walls, cpus, fits = [], [], []
    for seed in seeds:
        key = compute.GanKey(data=d["gan_data"], n=d["gan_n"], std=d["gan_std"], seed=seed,
                             **{f: d[s] for f, s in RUN_SETTINGS.items()})
        compute.gan_run.clear()
        w0, c0 = time.perf_counter(), time.process_time()
        run = compute.gan_run(key)
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
        fits.append(run.fit_ms / 1000)
    return dict(name="refit · gan, defaults (3,000 steps)", ours_s=statistics.median(walls),
                target_s=GAN_REFIT_TARGET_S, cpu_s=statistics.median(cpus),
                fit_s=statistics.median(fits), n=len(walls))


def gan_rows(sliders: bool = True) -> list[dict]:
    rows = [gan_slider_row(), gan_step_row()] if sliders else []
    return rows + [gan_refit_row()]


def nn_rows(sliders: bool = True) -> list[dict]:
    rows = [nn_slider_row("backward"), nn_slider_row("saturation")] if sliders else []
    return rows + nn_refit_rows()


BV_TARGET_S = 2.0  # issue 14 §3: the bias-variance page's first view at its defaults


def bias_variance_rows(seeds=range(5)) -> list[dict]:
    """The bias-variance page's first view at its defaults (40 training sets, T = 20, 150 points,
    five methods): the page's whole server run in AppTest (fit, claims, figures, serialization)
    with the fit's cache cleared each time, a new seed each time (same work); ``fit_s`` the
    cached run's own share. Regression is the page's default view; classification its switch."""
    from streamlit.testing.v1 import AppTest

    from playground.compute import bias_variance as bvc
    rows = []
    for task in ("regression", "classification"):
        walls, cpus, fits, again = [], [], [], []
        for seed in seeds:
            at = AppTest.from_file(APP, default_timeout=300)
            at.query_params["seed"] = str(seed)
            if task != "regression":
                at.query_params["bv_task"] = task
            at.run()  # the landing page: imports and the app's first run are not this page's
            bvc.bv_run.clear()
            w0, c0 = time.perf_counter(), time.process_time()
            at.switch_page("views/bias_variance.py").run()
            walls.append(time.perf_counter() - w0)
            cpus.append(time.process_time() - c0)
            assert not at.exception, [e.value for e in at.exception]
            fits.append(at.session_state["perf.bv"] / 1000)
            w0 = time.perf_counter()
            at.run()  # the same view again: the fit comes from the cache
            again.append(time.perf_counter() - w0)
        rows.append(dict(name=f"first view · bias-variance ({task})",
                         ours_s=statistics.median(walls), target_s=BV_TARGET_S,
                         cpu_s=statistics.median(cpus), fit_s=statistics.median(fits),
                         n=len(walls)))
        rows.append(dict(name=f"cached rerun · bias-variance ({task})",
                         ours_s=statistics.median(again), target_s=BV_TARGET_S, n=len(again)))
    return rows
# ---- the drawing pad: what one added point costs ------------------------------------------------

def drawn_moons(seed: int) -> tuple[str, str]:
    """N - 1 moons points as the pad holds them, and the same set with one more point (N, the
    pad's cap): an outlier of class 1 deep in class 0's half moon (AdaBoost chases it)."""
    from playground import datasets, drawn
    X, y = datasets.load("moons", n=N - 1, noise=0.25, seed=seed)
    before = drawn.from_points(X, y, cap=N).pts
    d = drawn.decode(before)
    q = drawn.quantise([[-1.0, 0.55 + 0.01 * seed]])[0]
    after = drawn.encode(np.r_[d.q, q], np.r_[d.cls, [1]], np.r_[d.test, [False]])
    return before, after


def edit_row(name: str, make, target: float, seeds=range(5)) -> dict:
    from playground import compute, drawn
    walls, cpus = [], []
    for seed in seeds:
        _before, after = drawn_moons(seed)
        compute.dataset.clear()
        for fn in (compute.adaboost_run, compute.forest_run, compute.gb_run,
                   compute.stacking_run):
            fn.clear()
        w0, c0 = time.perf_counter(), time.process_time()
        key = compute.DataKey.of("draw", {"pts": drawn.canonical(after), "test": 0.3, "seed": 0})
        compute.dataset(key)
        make(compute, key)
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    return dict(name=f"edit · {name}", ours_s=statistics.median(walls), target_s=target,
                cpu_s=statistics.median(cpus), n=len(walls))


def edit_page_row(edits: int = 5) -> dict:
    """The AdaBoost page's whole rerun after one more point, as the pad's callback leaves it (the
    setting ``pts`` changed): AppTest's wall time of the run, median of ``edits``."""
    from streamlit.testing.v1 import AppTest
    from playground import compute
    before, _ = drawn_moons(0)
    at = AppTest.from_file(APP, default_timeout=180)
    for k, v in {"data": "draw", "pts": before, "ab_t": "5", "res": str(RES)}.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("views/adaboost.py").run()
    times = []
    for seed in range(1, edits + 1):
        _, after = drawn_moons(seed)
        compute.adaboost_run.clear()
        cfg = dict(at.session_state["cfg"])
        cfg["pts"] = after
        at.session_state["cfg"] = cfg
        t0 = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t0)
        assert not at.exception, [e.value for e in at.exception]
    return dict(name="edit · AdaBoost page, whole rerun", ours_s=statistics.median(times),
                target_s=float("nan"), n=len(times))


def draw_rows() -> list[dict]:
    return [
        edit_row("AdaBoost, 100 stumps", _ada(100), REFIT_TARGET_S),
        edit_row("random forest, 100 trees", _forest("forest"), REFIT_TARGET_S),
        edit_row("bagging, 100 trees", _forest("bagging"), REFIT_TARGET_S),
        edit_row("gradient boosting, 100 x depth 2", _gb, REFIT_TARGET_S),
        edit_row("stacking (tree, k-NN, logreg, NB)", _stacking, REFIT_TARGET_S, seeds=range(3)),
        edit_page_row(),
    ]


# ---- hands on the ensemble (issue 16 §2-4) ------------------------------------------------------
PIN_TARGET_S, TOGGLE_TARGET_S = 0.050, 0.025


def pin_row(moves=(7, 120, 33, 450, 2, 610, 88)) -> dict:
    """Server time of pinning a point on the AdaBoost page (the number input; a click on Hₜ
    reruns the same fragment): the training fragment's own timer (``perf.ab``), story included."""
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(APP, default_timeout=180)
    for k, v in {"n": str(N), "res": str(RES), "ab_T": str(T), "ab_t": "30"}.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("views/adaboost.py").run()
    times = []
    for n in moves:
        at.number_input(key="w.ab_pin").set_value(n).run()
        assert not at.exception, [e.value for e in at.exception]
        times.append(at.session_state["perf.ab"] / 1000)
    return dict(name="pin a point · adaboost (fragment)", ours_s=statistics.median(times),
                target_s=PIN_TARGET_S, n=len(times))


def toggle_rows(repeats: int = 9) -> list[dict]:
    """Server work of switching members off in the strip: H added up again from the members'
    recorded surfaces (``run.inspect.vote``, its surface and the errors at the examples) and
    sent as a PNG. Median over random sets of members switched off (the first, which collects
    the members' values at the examples, is timed apart)."""
    import numpy as np
    from playground import compute, plots
    key = compute.DataKey.of("moons", n=N, noise=0.25, seed=0, test=0.3)
    runs = {"AdaBoost, 100 stumps": compute.adaboost_run(key, T, RES),
            "random forest, 100 trees": compute.forest_run(key, "forest", 0, "gini", T, "sqrt",
                                                           1.0, True, RES),
            "gradient boosting, 100 x depth 2": compute.gb_run(key, "2d", "log_loss", 0.3, T, 2,
                                                               1.0, RES)}
    rng = np.random.default_rng(0)
    rows = []
    for name, run in runs.items():
        times, first = [], None
        for i in range(repeats + 1):
            on = rng.random(run.T) > 0.1
            t0 = time.perf_counter()
            vote = run.inspect.vote(on)
            plots.small_image_source(vote.code, len(run.classes))
            if i == 0:
                first = time.perf_counter() - t0
            else:
                times.append(time.perf_counter() - t0)
        rows.append(dict(name=f"switch members off · {name}", ours_s=statistics.median(times),
                         target_s=TOGGLE_TARGET_S, cpu_s=first, n=len(times)))
    return rows


def run(sliders: bool = True) -> list[dict]:
    _quiet()
    base = {"n": str(N), "res": str(RES)}
    rows = [
        slider_row("adaboost", "ab_t", {**base, "ab_T": str(T)}),
        slider_row("trees", "tr_t", {**base, "tr_T": str(T)}),
        slider_row("gradient_boosting", "gb_t", {**base, "gb_T": str(T), "gb_view": "2d"}),
    ] if sliders else []
    rows += [
        refit_row("AdaBoost, 100 stumps", _ada(100), REFIT_TARGET_S),
        refit_row("AdaBoost, 200 stumps", _ada(200), ADA200_TARGET_S),
        refit_row("random forest, 100 trees", _forest("forest"), REFIT_TARGET_S),
        refit_row("bagging, 100 trees", _forest("bagging"), REFIT_TARGET_S),
        refit_row("gradient boosting, 100 x depth 2", _gb, REFIT_TARGET_S),
        refit_row("stacking (tree, k-NN, logreg, NB)", _stacking, REFIT_TARGET_S, seeds=range(3)),
    ]
    rows += ([pin_row()] if sliders else []) + toggle_rows()
    return (rows + lifelong_rows(sliders) + gan_rows(sliders) + nn_rows(sliders)
            + bias_variance_rows() + draw_rows())


def _fmt(v, unit=""):
    if v is None or (isinstance(v, float) and v != v):
        return "—"
    return f"{v * 1000:.1f} ms" if unit == "s" else f"{v / 1000:.1f} KB"


if __name__ == "__main__":
    sliders = "--refit-only" not in sys.argv
    if "--gan" in sys.argv:  # the GAN lab's rows alone
        rows = gan_rows(sliders)
    elif "--bias-variance" in sys.argv:  # the bias-variance page's rows alone
        _quiet()
        rows = bias_variance_rows()
    elif "--nn-only" in sys.argv:  # the backpropagation lab's rows alone
        _quiet()
        rows = nn_rows(sliders)
    elif "--draw-only" in sys.argv:  # the drawing pad's rows alone
        _quiet()
        rows = draw_rows()
    else:
        rows = run(sliders=sliders)
    print(f"{'benchmark':42s} {'ours':>10s} {'target':>10s} {'cpu':>10s} {'fit':>10s} "
          f"{'sent':>10s} {'target':>10s}  ok")
    for r in rows:
        ok = (r["ours_s"] <= r["target_s"] or r["target_s"] != r["target_s"]) and \
            r.get("bytes", 0) <= r.get("target_bytes", 1e18)
        print(f"{r['name']:42s} {_fmt(r['ours_s'], 's'):>10s} {_fmt(r['target_s'], 's'):>10s} "
              f"{_fmt(r.get('cpu_s'), 's'):>10s} {_fmt(r.get('fit_s'), 's'):>10s} "
              f"{_fmt(r.get('bytes')) if 'bytes' in r else '—':>10s} "
              f"{_fmt(r.get('target_bytes')) if 'target_bytes' in r else '—':>10s}  "
              f"{'yes' if ok else 'NO'}")
    if "--json" in sys.argv:
        print(json.dumps(rows, indent=1))
