"""The GAN lab's page through Streamlit's AppTest: every view drawn from the engine's own run,
Step D / Step G replaying the recorded updates one at a time, reset and the slider, the URL round
trip, 中文, bad URL values, and each lesson's fallback on a setting that breaks it."""

from __future__ import annotations

import re

import numpy as np
import pytest

from playground import settings
from playground.compute import gan as compute
from test_app_pages import charts, metric, png_pixels, shown, start


def lessons(at) -> list[tuple[bool, str]]:
    """The page's checked claims as (holds, text): the lines of its lessons box (✓ holds,
    • what happens instead)."""
    out = []
    for m in at.markdown:
        for line in m.value.split("  \n"):
            if line.startswith(("✓ ", "• ")):
                out.append((line.startswith("✓"), re.sub(r"\\(.)", r"\1", line[2:])))
    return out

SLOTS = ["gan.space", "gan.manifold", "gan.losses", "gan.verdict", "gan.grads", "gan.mmd",
         "gan.modes"]


def default_run(**change) -> compute.GanRun:
    """The page's cached run at its defaults (what a test page at the defaults draws)."""
    d = settings.defaults()
    from playground.views.gan import RUN_SETTINGS
    values = {f: d[s] for f, s in RUN_SETTINGS.items()} | change
    return compute.gan_run(compute.GanKey(data=d["gan_data"], n=d["gan_n"], std=d["gan_std"],
                                          seed=d["seed"], **values))


def xy(trace) -> np.ndarray:
    import base64
    def arr(a):
        if isinstance(a, dict):
            return np.frombuffer(base64.b64decode(a["bdata"]), np.float32)
        return np.asarray(a, np.float32)
    return np.c_[arr(trace["x"]), arr(trace["y"])]


def space(at) -> dict:
    """The data-space chart: D's map (PNG codes, bottom row first) and its traces."""
    fig = charts(at)[0]
    img = next(i for i in fig["layout"]["images"] if i.get("name") == "surface")
    return {"map": png_pixels(img["source"])[::-1], "real": xy(fig["data"][0]),
            "arrows": xy(fig["data"][1]), "fake": xy(fig["data"][2])}


def caption(at) -> str:
    return next(c.value for c in at.caption if "Next:" in c.value or "下一次" in c.value)


def button(at, key):
    return next(b for b in at.button if b.key == key)


def test_every_view_is_drawn_from_the_engines_run_and_the_lessons_hold():
    at = start({"gan_t": "120"}, page="gan")
    assert not at.exception
    assert len(charts(at)) == len(SLOTS)
    run = default_run()
    assert metric(at, "step") == f"{run.steps[119]:,} / 3,000"
    drawn = space(at)
    G, D = run.gan.generator_at(119), run.gan.discriminator_at(119)
    np.testing.assert_array_equal(drawn["fake"], G.predict(run.z_show).astype(np.float32))
    p = D.predict(run.grid.points)[:, 0].reshape(run.grid.shape)
    code = drawn["map"]
    assert code.shape == run.grid.shape
    assert np.mean((code >= 32) == (p > 0.5)) > 0.995      # class 1 ("real") where D(x) > 1/2
    assert len(drawn["real"]) == compute.N_REAL_SHOWN
    assert len(drawn["arrows"]) == 3 * compute.N_ARROWS    # start, end, gap per arrow
    said = lessons(at)
    texts = " ".join(t for holds, t in said if holds)
    assert len(said) == 2 and all(h for h, _ in said)
    assert "saturates" in texts and "of the 8 modes" in texts
    assert metric(at, "modes covered") == f"{int(run.scores.modes[119])} / 8"


def test_step_d_and_step_g_replay_the_recorded_updates_one_at_a_time():
    at = start({"gan_t": "60"}, page="gan")
    run = default_run()
    s = int(run.steps[59])
    assert not button(at, "gan.step_d").disabled and button(at, "gan.step_g").disabled
    assert caption(at).startswith(f"Snapshot after step {s}.")
    button(at, "gan.step_d").click().run()
    assert at.query_params.get("gan_phase") == "1" and at.query_params.get("gan_t") == "60"
    assert f"D's update 1 of 1 in step {s + 1}" in caption(at)
    assert f"L_D = {run.d_loss_each[s, 0]:.3f}" in caption(at)   # the recorded update's numbers
    assert button(at, "gan.step_d").disabled and not button(at, "gan.step_g").disabled
    after_d = space(at)
    replay = run.gan.replay(s, 1)                                # D moved, G did not
    np.testing.assert_array_equal(after_d["fake"], space(start({"gan_t": "60"}, "gan"))["fake"])
    p = replay.discriminator.predict(run.grid.points)[:, 0].reshape(run.grid.shape)
    assert np.mean((after_d["map"] >= 32) == (p > 0.5)) > 0.995
    button(at, "gan.step_g").click().run()
    assert at.query_params.get("gan_phase") == "2"
    assert metric(at, "step") == f"{s + 1:,} / 3,000"
    assert f"G's update in step {s + 1}" in caption(at)
    np.testing.assert_array_equal(space(at)["fake"], run.gan.replay(s + 1).generator.predict(
        run.z_show).astype(np.float32))


def test_the_last_update_before_a_snapshot_lands_on_it_and_reset_and_slider_clear_a_replay():
    run = default_run()
    last = run.span(60) - 1                                      # G's update of step 600
    at = start({"gan_t": "60", "gan_phase": str(last)}, page="gan")
    assert button(at, "gan.step_d").disabled
    button(at, "gan.step_g").click().run()
    assert at.query_params.get("gan_t") == "61" and "gan_phase" not in at.query_params
    np.testing.assert_array_equal(space(at)["fake"], run.at(61).fake)   # the recorded snapshot
    button(at, "gan.step_d").click().run()
    assert at.query_params.get("gan_phase") == "1"
    next(s for s in at.slider if s.key.startswith("w.gan_t")).set_value(80).run()
    assert at.query_params.get("gan_t") == "80" and "gan_phase" not in at.query_params
    button(at, "gan.reset").click().run()
    assert "gan_t" not in at.query_params and metric(at, "step").startswith("0 /")


QUERY = {"gan_data": "grid", "gan_loss": "minimax", "gan_k": "2", "gan_steps": "300",
         "gan_head": "50", "gan_batch": "64", "gan_zdim": "3", "gan_noise": "uniform",
         "gan_g_width": "16", "gan_d_act": "tanh", "gan_d_lr": "0.002", "gan_g_opt": "sgd",
         "gan_g_lr": "0.01", "gan_n": "1000", "gan_std": "0.1", "seed": "3", "gan_t": "12",
         "gan_phase": "4"}


def test_url_round_trip_reproduces_the_view():
    at = start(QUERY, page="gan")
    assert not at.exception
    for k, v in QUERY.items():
        assert at.query_params.get(k) == v, k
    assert at.selectbox(key="w.gan_data").value == "grid"
    assert at.radio(key="w.gan_loss").value == "minimax"
    # snapshot 12 is step 110; 4 updates on: step 111's three (D, D, G), then D's first of 112
    assert "D's update 1 of 2 in step 112" in caption(at)
    again = start(dict(at.query_params), page="gan")
    a, b = space(at), space(again)
    np.testing.assert_array_equal(a["fake"], b["fake"])
    np.testing.assert_array_equal(a["map"], b["map"])


def test_chinese_from_the_url():
    at = start({"lang": "zh", "gan_t": "3"}, page="gan")
    assert at.title[0].value == "GAN：生成器通过判别器学习"
    assert button(at, "gan.step_d").label == "D 走一步"
    assert "下一次" in caption(at) and any("饱和" in t for h, t in lessons(at) if h)


def test_bad_url_values_warn_and_fall_back():
    at = start({"gan_k": "many", "gan_loss": "wasserstein", "gan_t": "99999", "gan_phase": "-1",
                "gan_g_lr": "5", "gan_data": "<b>donut</b>"})
    warnings = shown(at.warning)
    for name in ("gan_k", "gan_loss", "gan_t", "gan_phase", "gan_g_lr", "gan_data"):
        assert f"“{name}”" in warnings, name
    at.switch_page("views/gan.py").run()
    assert not at.exception and len(charts(at)) == len(SLOTS)
    assert at.radio(key="w.gan_loss").value == "non_saturating"
    assert "gan_k" not in at.query_params and "gan_data" not in at.query_params


def test_a_distribution_without_modes_draws_no_mode_count_and_says_no_mode_lesson():
    at = start({"gan_data": "spiral", "gan_steps": "300", "gan_head": "100", "gan_t": "20"},
               page="gan")
    assert len(charts(at)) == len(SLOTS) - 1
    assert all("modes" not in m.label for m in at.metric)
    assert len(lessons(at)) == 1                                # the saturation lesson only


@pytest.mark.parametrize("query, says", [
    ({"gan_head": "0"}, "D never rejected G's samples"),
    ({"gan_d_lr": "0.01"}, "Mode collapse: G covers only"),
])
def test_each_lesson_says_what_happens_instead_when_a_setting_breaks_it(query, says):
    at = start({**query, "gan_t": "2"}, page="gan")
    assert any(says in t for h, t in lessons(at) if not h), lessons(at)
