"""The lifelong-learning lab in Streamlit (AppTest): the picture's maps, paths and lesson follow the
step and the controls, the sequence's matrix, curves, guards and formula follow the epoch and
the focus method, the URL round-trips, 中文 works, and bad URL values are reported by name."""

from __future__ import annotations

import numpy as np

from playground import settings
from playground.compute import lifelong as ll
from test_app_pages import charts, math_lines, metric, png_pixels, shown, slider, start

SMALL = {"ll_view": "sequence", "ll_n": "3", "ll_epochs": "2", "ll_hidden": "32"}


def numbers(trace, key: str) -> np.ndarray:
    """A trace's array as sent (a typed array or a list)."""
    import base64
    a = trace[key]
    if isinstance(a, dict):
        kind = {"f4": np.float32, "f8": np.float64, "u1": np.uint8, "i1": np.int8}[a["dtype"]]
        return np.frombuffer(base64.b64decode(a["bdata"]), kind)
    return np.asarray(a, float)


# ---- the two-parameter picture -------------------------------------------------------------------

def drawn_paths(at, method: str) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per map: ``method``'s path (points) and its dot, read back from the paths picture."""
    import base64
    import re
    from playground.lifelong_plots import COLORS
    out = []
    for fig in charts(at):
        for img in fig["layout"].get("images", []):
            if img.get("name") != "paths":
                continue
            svg = base64.b64decode(img["source"].split(",", 1)[1]).decode()
            top = img["y"]                                     # SVG y runs down from the top
            line = re.search(rf'<polyline points="([^"]*)" fill="none" stroke="{COLORS[method]}"',
                             svg)
            dot = re.search(rf'<circle cx="([^"]*)" cy="([^"]*)" r="[^"]*" fill="{COLORS[method]}"',
                            svg)
            if line and dot:
                pts = np.array([[float(v) for v in p.split(",")] for p in line[1].split()])
                pts[:, 1] = top - pts[:, 1]
                out.append((pts, np.array([float(dot[1]), top - float(dot[2])])))
    return out


def test_picture_draws_both_surfaces_every_path_and_the_checked_lesson():
    at = start({"ll_pt": "30"}, page="lifelong")
    maps = [i for f in charts(at) for i in f["layout"].get("images", []) if i.get("name") == "loss"]
    assert len(maps) == 3 and len({i["source"] for i in maps}) == 3     # L1, L2, L′: pictures
    png_pixels(maps[0]["source"])                                         # palette PNGs
    assert metric(at, "step") == "30 / 100"
    assert any("✓" in m.value and "θ₁ moves, θ₂ stays" in m.value for m in at.markdown)
    run = ll.picture_run(settings.BY_NAME["ll_plam"].default)
    drawn = drawn_paths(at, "ewc")
    assert len(drawn) == 3                                    # on L1, L2 and EWC's own L′
    for pts, dot in drawn:
        assert len(pts) == 31
        np.testing.assert_allclose(pts, run.paths["ewc"][:31], atol=1e-3)   # the engine's θ
        np.testing.assert_allclose(dot, run.paths["ewc"][30], atol=1e-3)
    assert len(drawn_paths(at, "mas")) == 2                   # not on EWC's L′
    slider(at, "w.ll_pt").set_value(80).run()
    assert [len(p) for p, _ in drawn_paths(at, "ewc")] == [81, 81, 81]
    assert at.query_params.get("ll_pt") == "80" and metric(at, "step") == "80 / 100"


def test_picture_lambda_and_method_change_the_run_and_round_trip():
    at = start({"ll_pt": "50"}, page="lifelong")
    slider(at, "w.ll_plam").set_value(0.0).run()
    assert not at.exception
    assert any("• " in m.value and "do not hold θ₂" in m.value for m in at.markdown)  # fallback
    at.selectbox(key="w.ll_pmethod").set_value("mas").run()
    assert metric(at, "θ (MAS)")
    assert at.query_params.get("ll_plam") == "0" and at.query_params.get("ll_pmethod") == "mas"
    again = start(dict(at.query_params), page="lifelong")
    assert slider(again, "w.ll_plam").value == 0.0
    assert again.selectbox(key="w.ll_pmethod").value == "mas"
    assert metric(again, "θ (MAS)") == metric(at, "θ (MAS)")


# ---- the digit sequence --------------------------------------------------------------------------

def test_sequence_matrix_fills_in_and_the_formula_shows_the_live_numbers():
    at = start({**SMALL, "ll_t": "4"}, page="lifelong")
    assert metric(at, "t") == "task 2 / 3 · epoch 2"
    heat = [t for f in charts(at) for t in f["data"] if t.get("type") == "heatmap"][0]
    z = numbers(heat, "z").reshape(3, 3)
    spec = ll.SequenceSpec(n_tasks=3, epochs=2, hidden=32)
    ewc = ll.method_run(spec, "ewc", settings.BY_NAME["ll_lam_ewc"].default)
    np.testing.assert_allclose(z[0], ewc.R[0], rtol=1e-6)        # row 1: after task 1
    np.testing.assert_allclose(z[1], ewc.scores[3], rtol=1e-6)   # row 2: now, task 2 epoch 2
    assert np.isnan(z[2]).all()                                  # task 3 not reached yet
    L, omega = float(metric(at, "L")), float(metric(at, "Ω"))
    assert omega > 0 and any(f"{L:.3f}+{omega:.3f}" in line for line in math_lines(at))
    slider(at, "w.ll_t").set_value(6).run()
    assert metric(at, "t") == "task 3 / 3 · epoch 2" and at.query_params.get("ll_t") == "6"
    assert any("forgets" in m.value or "not every" in m.value for m in at.markdown)
    assert at.dataframe                                           # every method's final numbers


def test_sequence_focus_method_and_tasks_change_what_is_drawn():
    at = start({**SMALL, "ll_t": "4"}, page="lifelong")
    before = numbers([t for f in charts(at) for t in f["data"] if t.get("type") == "heatmap"][0],
                     "z")
    at.selectbox(key="w.ll_method").set_value("finetune").run()
    after = numbers([t for f in charts(at) for t in f["data"] if t.get("type") == "heatmap"][0],
                    "z")
    assert not np.allclose(before[3:6], after[3:6], equal_nan=True)
    assert any("guards nothing" in c.value for c in at.caption)
    assert metric(at, "Ω") == "0.000"
    assert any(s.key == "w.ll_angle" for s in at.slider)
    at.selectbox(key="w.ll_tasks").set_value("permuted").run()
    assert not at.exception and not any(s.key == "w.ll_angle" for s in at.slider)
    assert at.query_params.get("ll_tasks") == "permuted"
    again = start(dict(at.query_params), page="lifelong")
    assert again.selectbox(key="w.ll_tasks").value == "permuted"
    assert again.selectbox(key="w.ll_method").value == "finetune"


# ---- language and bad links ---------------------------------------------------------------------

def test_chinese_picture_and_sequence():
    at = start({"lang": "zh", "ll_pt": "10"}, page="lifelong")
    assert at.title[0].value == "终身学习：学新任务时不忘旧任务"
    assert any("✓" in m.value and "θ₁ 移动，θ₂ 不动" in m.value for m in at.markdown)
    at = start({"lang": "zh", **SMALL, "ll_t": "2"}, page="lifelong")
    assert metric(at, "t") == "任务 1 / 3 · 第 2 轮"
    assert any("任务 1 期间没有守护" in c.value for c in at.caption)


def test_bad_url_values_are_named_and_the_defaults_used():
    query = {"ll_plam": "lots", "ll_n": "99", "ll_pmethod": "<b>x</b>", "ll_lam_ewc": "-3",
             "ll_view": "neither", "ll_pt": "1.5"}
    at = start(query)
    warnings = shown(at.warning)
    for name in query:
        assert f"“{name}”" in warnings, name
    at.switch_page("views/lifelong.py").run()
    assert not at.exception
    assert at.radio(key="w.ll_view").value == "picture"
    assert slider(at, "w.ll_plam").value == settings.BY_NAME["ll_plam"].default
    assert at.selectbox(key="w.ll_pmethod").value == "ewc"
    assert not set(query) & set(at.query_params)
