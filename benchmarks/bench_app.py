"""The app's speed at the issue's defaults (issue 4 §6): moons, 1,000 points, 200 x 200 grid,
100 learners.

* ``slider``: server time of one round-slider move, as the page runs it in Streamlit (AppTest):
  the training fragment times itself (``perf.<page>`` in the session) — slicing the cached run,
  painting round t, updating the figures, serializing them for the browser. Median of >= 5 moves.
  ``bytes`` = the plotly JSON the move sends (sum over the page's charts).
* ``refit``: what any other change costs: the fit plus everything the run records (errors, losses,
  margins) plus painting one round (the last, the most expensive), cache cleared every time.
  ``fit_s`` is the engine's share. Median of 5 seeds.

* ``pin`` / ``switch members off`` (issue 16): the server time of pinning a point (AppTest,
  the fragment's own timer) and of adding H up again without some members (``cpu`` column: the
  first switch of a fit, which also collects the members' values at the examples).

Run: ``python benchmarks/bench_app.py`` (``--refit-only``: skip the AppTest slider rows,
``--json``: also print the rows as JSON). Timings depend on the machine's load; ``cpu_s`` (process
CPU time) is less sensitive to other jobs on a shared machine.
"""

from __future__ import annotations

import json
import logging
import os
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

APP = os.path.join(ROOT, "playground", "app.py")
N, RES, T = 1000, 200, 100
SLIDER_TARGET_S, SLIDER_TARGET_BYTES = 0.025, 150_000
REFIT_TARGET_S, ADA200_TARGET_S = 0.150, 0.200


def _quiet():
    logging.disable(logging.WARNING)
    import warnings
    warnings.filterwarnings("ignore")


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
                     + sum(len(c.proto.bytes) for c in at.get("bidi_component")))
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
    return rows


def _fmt(v, unit=""):
    if v is None or (isinstance(v, float) and v != v):
        return "—"
    return f"{v * 1000:.1f} ms" if unit == "s" else f"{v / 1000:.1f} KB"


if __name__ == "__main__":
    rows = run(sliders="--refit-only" not in sys.argv)
    print(f"{'benchmark':42s} {'ours':>10s} {'target':>10s} {'cpu':>10s} {'fit':>10s} "
          f"{'sent':>10s} {'target':>10s}  ok")
    for r in rows:
        ok = r["ours_s"] <= r["target_s"] and r.get("bytes", 0) <= r.get("target_bytes", 1e18)
        print(f"{r['name']:42s} {_fmt(r['ours_s'], 's'):>10s} {_fmt(r['target_s'], 's'):>10s} "
              f"{_fmt(r.get('cpu_s'), 's'):>10s} {_fmt(r.get('fit_s'), 's'):>10s} "
              f"{_fmt(r.get('bytes')) if 'bytes' in r else '—':>10s} "
              f"{_fmt(r.get('target_bytes')) if 'target_bytes' in r else '—':>10s}  "
              f"{'yes' if ok else 'NO'}")
    if "--json" in sys.argv:
        print(json.dumps(rows, indent=1))
