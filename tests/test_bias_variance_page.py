"""The bias-variance page: the lecture's three points hold on the page's defaults over seeds,
each claim says what happens instead on a setting that breaks it, and the page itself (AppTest):
its controls, its URL round trip, 中文, bad URL values, and the links that lead to it."""

from __future__ import annotations

import os
import re
from unittest import mock

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from playground import i18n, settings
from playground.compute import bias_variance as bvc
from playground.views import bias_variance as page

APP = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "playground",
                   "app.py")
DEFAULTS = settings.page_defaults("bv")


def setup(task: str = "regression", **change) -> page.Choices:
    """The page's own defaults (the settings table), with ``change`` applied."""
    v = dict(DEFAULTS) | {"bv_task": task, "seed": 0}
    v |= {f"bv_{k}": val for k, val in change.items() if k not in ("data", "seed", "own")}
    data = change.get("data", v["bv_data1" if task == "regression" else "bv_data2"])
    params = tuple(sorted({"n": v["bv_n"], "noise": v["bv_noise"],
                           **change.get("own", {})}.items()))
    return page.Choices(bvc.Setup(task, data, params, v["bv_sets"], v["bv_T"], v["bv_depth"],
                                  v["bv_gbdepth"], v["bv_lr"], change.get("seed", 0)))


def said(claim, choices) -> tuple[bool, str]:
    return claim.evaluate(bvc.bv_run(choices.setup), choices)


# ---- the lessons, on the defaults, over seeds ---------------------------------------------

@pytest.mark.parametrize("task", ["regression", "classification"])
def test_the_lessons_hold_on_the_defaults_over_seeds(task):
    """Bagging cuts variance and leaves bias, boosting cuts bias, deep trees vary and stumps
    miss: each on at least 9 of 10 seeds (the claims' own checks, with their margins: variance
    down by a quarter, bias moved by less than half of that drop, boosting's bias halved)."""
    held = np.zeros(len(page.CLAIMS), int)
    for seed in range(10):
        c = setup(task, seed=seed)
        run = bvc.bv_run(c.setup)
        held += [claim.check(run, c)[0] for claim in page.CLAIMS]
    assert (held >= 9).all(), dict(zip(("bagging", "boosting", "trees"), held))


def test_the_decompositions_on_the_page_add_up_exactly():
    for task in ("regression", "classification"):
        run = bvc.bv_run(setup(task).setup)
        for name in bvc.METHODS:
            assert run.get(name).gap < 1e-12, (task, name, run.get(name).gap)


# ---- each claim's fallback -----------------------------------------------------------------

SMALL = dict(sets=12, T=10)


def test_bagging_on_tiny_training_sets_is_said_to_move_the_bias():
    """With 10 points (below the slider's 20; with exact trees 20 points still hold on 12 of 12
    seeds) a bootstrap set's 63 % of distinct points is a much coarser picture: the bias grows by
    more than half of what the variance loses, and the claim says so."""
    shown = [said(page.CLAIMS[0], setup(n=10, sets=20, seed=seed)) for seed in range(4)]
    broken = [text for holds, text in shown if not holds]
    assert len(broken) >= 2, shown  # ten points: the bias grows on most seeds
    text = broken[0]
    assert i18n.CATALOG["bv.why.bag_small"][0].format(n=10) in text
    assert re.search(r"variance \d\.\d{4} → \d\.\d{4}, bias² \d\.\d{4} → \d\.\d{4}", text), text


def test_bagging_stumps_cuts_their_variance_too_and_the_page_names_the_tree():
    """Bagging stumps also halves their variance and leaves their bias (what the claim says);
    the sentence names the tree it bagged, not a "deep tree"."""
    holds, text = said(page.CLAIMS[0], setup(depth=1, **SMALL))
    assert holds and text.startswith("**Bagging cuts") and "A tree of depth 1" in text, text


def test_bagging_noise_free_trees_is_said_to_have_little_to_remove():
    holds, text = said(page.CLAIMS[0], setup(noise=0.0, **SMALL))
    assert not holds and i18n.CATALOG["bv.why.little"][0] in text, text


def test_bagging_with_one_tree_is_said_to_have_nothing_to_average():
    holds, text = said(page.CLAIMS[0], setup(sets=12, T=1))
    assert not holds and i18n.CATALOG["bv.why.T1"][0] in text


def test_boosting_stumps_on_xor_is_said_to_be_unable_to_draw_it():
    c = setup("classification", data="xor", sets=12, T=20)
    holds, text = said(page.CLAIMS[1], c)
    assert not holds and "depth 2" in text, text
    # ... and with depth-2 trees the sentence it suggests is what happens
    holds, text = said(page.CLAIMS[1], setup("classification", data="xor", sets=12, T=20,
                                             gbdepth=2))
    assert holds or i18n.CATALOG["bv.why.no_bias"][0].format(gd=2) in text, text


def test_boosting_with_one_stage_is_said_to_be_too_short():
    holds, text = said(page.CLAIMS[1], setup(sets=12, T=1))
    assert not holds and "raise T" in text


def test_a_shallow_deep_tree_is_said_to_be_only_that_deep():
    holds, text = said(page.CLAIMS[2], setup(depth=2, **SMALL))
    assert not holds and i18n.CATALOG["bv.why.depth"][0].format(d=2) in text, text


def test_too_much_work_is_refused_before_fitting():
    s = setup(sets=100, T=200, n=400).setup
    with pytest.raises(ValueError, match="more work"):
        bvc.bv_run(s)


# ---- the page ------------------------------------------------------------------------------

def start(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    at.switch_page("views/bias_variance.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def page_text(at) -> str:
    """Every alert and markdown text on the page (the claims may be boxes or lines of one box)."""
    return " ".join(e.value for e in [*at.success, *at.info, *at.markdown])


def claims_shown(at, query: dict) -> list[tuple[bool, str]]:
    """The page's three sentences, each evaluated on the same (cached) run the page drew and
    found on the page; returns (holds, text) per claim."""
    v = dict(DEFAULTS) | {k: type(DEFAULTS.get(k, "")) (val) if k in DEFAULTS else val
                          for k, val in query.items()}
    task = v["bv_task"]
    c = setup(task, **{k[3:]: v[k] for k in v if k.startswith("bv_") and k not in
                       ("bv_task", "bv_data1", "bv_data2")},
              data=v["bv_data1" if task == "regression" else "bv_data2"],
              seed=int(query.get("seed", 0)))
    language = query.get("lang", "en")
    with mock.patch.object(i18n, "lang", lambda: language):  # the page's language
        out = [claim.evaluate(bvc.bv_run(c.setup), c) for claim in page.CLAIMS]
    text = page_text(at)
    for _, sentence in out:
        assert sentence in text, (sentence, text)
    return out


def live_charts(at) -> list[dict]:
    from test_app_pages import charts
    return charts(at)


def test_page_on_its_defaults_draws_and_says_the_three_points():
    at = start()
    assert at.title[0].value == i18n.CATALOG["bv.title"][0]
    assert all(holds for holds, _ in claims_shown(at, {}))
    figs = live_charts(at)
    assert len(figs) >= 3  # the fits, the parts against t, the bars
    fits = figs[0]
    faint = [t for t in fits["data"] if t.get("opacity")]
    assert len(faint) == 5  # one faint trace of every training set's fit per method
    table = at.dataframe[0].value
    assert len(table) == 5
    sums, totals = table.iloc[:, 4].to_numpy(float), table.iloc[:, 5].to_numpy(float)
    np.testing.assert_allclose(sums, totals, atol=1e-12)
    assert not at.query_params  # defaults: nothing in the URL


def test_controls_change_the_view_and_the_url():
    at = start({"bv_sets": "10", "bv_T": "8"})
    before = at.dataframe[0].value.iloc[:, 3].to_numpy(float)
    next(s for s in at.slider if s.key == "w.bv_depth").set_value(3).run()
    assert not at.exception
    assert at.query_params.get("bv_depth") == "3"
    after = at.dataframe[0].value.iloc[:, 3].to_numpy(float)
    assert not np.allclose(before, after)
    at.radio(key="w.bv_task").set_value("classification").run()
    assert not at.exception and at.query_params.get("bv_task") == "classification"
    heatmaps = [t for fig in live_charts(at) for t in fig["data"] if t.get("type") == "heatmap"]
    assert len(heatmaps) >= 15  # per method: main prediction, bias, variance


def test_a_shared_link_restores_the_view():
    query = {"bv_task": "classification", "bv_data2": "xor", "bv_sets": "10", "bv_T": "12",
             "bv_n": "100", "bv_noise": "0.3", "bv_lr": "0.3", "seed": "3"}
    at = start(query)
    assert at.radio(key="w.bv_task").value == "classification"
    assert at.selectbox(key="w.bv_data2").value == "xor"
    assert {s.key: s.value for s in at.slider if s.key in
            ("w.bv_sets", "w.bv_T", "w.bv_n", "w.bv_noise", "w.bv_lr", "w.seed")} == \
        {"w.bv_sets": 10, "w.bv_T": 12, "w.bv_n": 100, "w.bv_noise": 0.3, "w.bv_lr": 0.3,
         "w.seed": 3}
    assert {k: at.query_params.get(k) for k in query} == query
    # stumps cannot add up to XOR: the boosting sentence says so instead of claiming a cut
    said_ = claims_shown(at, query)
    assert not said_[1][0] and "depth 2" in said_[1][1], said_[1]


def test_chinese():
    at = start({"lang": "zh", "bv_sets": "10", "bv_T": "8"})
    assert at.title[0].value == i18n.CATALOG["bv.title"][1]
    said_ = claims_shown(at, {"lang": "zh", "bv_sets": "10", "bv_T": "8"})
    assert all(re.search(r"[\u4e00-\u9fff]", text) for _, text in said_)
    assert at.radio(key="w.bv_task").options[0] == i18n.CATALOG["bv.task.regression"][1]


def test_bad_url_values_are_named_and_defaults_used():
    at = AppTest.from_file(APP, default_timeout=180)
    for k, v in {"bv_T": "abc", "bv_sets": "1000", "bv_data2": "linear",
                 "bv_task": "poetry"}.items():
        at.query_params[k] = v
    at.run()
    warned = re.sub(r"\\(.)", r"\1", " ".join(w.value for w in at.warning))
    for name in ("bv_T", "bv_sets", "bv_data2", "bv_task"):  # on the page the link opened
        assert f"“{name}”" in warned, (name, warned)
    at.switch_page("views/bias_variance.py").run()
    assert not at.exception
    assert at.radio(key="w.bv_task").value == "regression"
    assert next(s for s in at.slider if s.key == "w.bv_T").value == DEFAULTS["bv_T"]
    assert next(s for s in at.slider if s.key == "w.bv_sets").value == DEFAULTS["bv_sets"]
    claims_shown(at, {})  # the defaults' run and sentences
    assert not {"bv_T", "bv_sets", "bv_data2", "bv_task"} & set(at.query_params)


def test_the_trees_page_and_the_lecture_lead_here():
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["tr_T"] = "3"
    at.query_params["tr_t"] = "3"
    at.run()
    at.switch_page("views/trees.py").run()
    links = at.get("page_link")
    assert any(el.proto.page == "bias-variance" for el in links)
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["step"] = "2"
    at.run()
    at.switch_page("views/lecture.py").run()
    assert not at.exception
    assert any(el.proto.page == "bias-variance" for el in at.get("page_link"))


@pytest.mark.parametrize("task, data, own", [
    ("regression", "steps", {}), ("regression", "noisy", {}), ("regression", "abs", {}),
    ("classification", "circles", {"factor": 0.3}), ("classification", "spirals", {}),
    ("classification", "xor", {}), ("classification", "blobs", {"classes": 4}),
    ("classification", "checkerboard", {"cells": 3})])
def test_every_data_set_the_page_offers_decomposes_exactly(task, data, own):
    run = bvc.bv_run(setup(task, data=data, own=own, sets=6, T=4).setup)
    assert run.K == (own.get("classes", 2) if task == "classification" else 0)
    for name in bvc.METHODS:
        assert run.get(name).gap < 1e-12, (data, name)
    if task == "classification":
        assert run.get("tree").main.shape == (bvc.GRID, bvc.GRID)
        assert set(np.unique(run.get("tree").main // 32)) <= set(range(run.K))


def test_the_number_of_training_sets_is_capped_by_the_work_it_takes():
    at = start({"bv_T": "200", "bv_n": "300", "bv_sets": "100"})
    cap = bvc.MAX_WORK // (200 * 300)
    sets = next(s for s in at.slider if s.key == "w.bv_sets")
    assert sets.value == sets.max == cap
    assert any(f"at most {cap} training sets" in c.value for c in at.sidebar.caption)
    claims_shown(at, {"bv_T": "200", "bv_n": "300", "bv_sets": str(cap)})
