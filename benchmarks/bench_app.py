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

Run: ``python benchmarks/bench_app.py`` (``--refit-only``: skip the AppTest slider rows,
``--draw-only``: only the drawing pad's rows, ``--json``: also print the rows as JSON). Timings depend on the machine's load; ``cpu_s`` (process
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
    return rows + draw_rows()


def _fmt(v, unit=""):
    if v is None or (isinstance(v, float) and v != v):
        return "—"
    return f"{v * 1000:.1f} ms" if unit == "s" else f"{v / 1000:.1f} KB"


if __name__ == "__main__":
    if "--draw-only" in sys.argv:
        _quiet()
        rows = draw_rows()
    else:
        rows = run(sliders="--refit-only" not in sys.argv)
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
