"""The inspector, the tree diagram and the member strip in the app (AppTest): a pinned point and
switched-off members round-trip through the URL, the number input pins, a link for other data
is told so, the tree sent to the browser is the fitted tree, New sample draws the next seed."""

from __future__ import annotations

import json

import numpy as np
import pytest

import algorithms
from playground import compute, learners, settings
from test_app_pages import _elements, start


def components(at, name: str) -> list[dict]:
    """The data sent to the browser by our components of ``name`` (treeview / members)."""
    return [json.loads(el.proto.bytes) for el in _elements(at._tree)
            if el.type == "bidi_component" and name in el.proto.component_name]


def metric_value(at, label: str) -> str:
    hits = [m.value for m in at.metric if m.label == label]
    assert hits, (label, [m.label for m in at.metric])
    return hits[-1]


def sup(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


def page_data(page: str):
    """The data set a page opens with (its own defaults: e.g. spirals on AdaBoost)."""
    d = settings.defaults(page)
    return compute.dataset(compute.DataKey.of(d["data"], d))


def test_a_pinned_point_round_trips_through_the_url_and_tells_its_story():
    at = start({"ab_pin": "9", "ab_t": "4", "ab_learner": "stump", "ab_T": "100"}, page="adaboost")
    d = page_data("ab")
    assert metric_value(at, "point").startswith(f"x{sup(9)} = ({d['X_tr'][8, 0]:.2f}")
    assert at.query_params.get("ab_pin") == "9"
    est = algorithms.AdaBoostClassifier(estimator=learners.make("stump", 0), n_estimators=100,
                                        random_state=0).fit(d["X_tr"], d["y_tr"])
    u = est.sample_weights_[3]  # u_4 (the engine's record, cross-checked by test_inspectors)
    assert metric_value(at, f"u₄{sup(9)}") == f"{u[8]:.3g}"
    again = start(dict(at.query_params), page="adaboost")
    assert metric_value(again, "point") == metric_value(at, "point")


def test_the_number_input_pins_and_unpin_lets_go():
    at = start({"tr_t": "3"}, page="trees")
    assert not [m for m in at.metric if m.label == "point"]
    box = at.number_input(key="w.tr_pin")
    box.set_value(12).run()
    assert metric_value(at, "point").startswith(f"x{sup(12)} =")
    assert at.query_params.get("tr_pin") == "12"
    at.button(key="tr.unpin").click().run()
    assert not [m for m in at.metric if m.label == "point"]
    assert "tr_pin" not in at.query_params


def test_a_link_pinning_a_point_the_data_does_not_have_is_told_so():
    at = start({"gb_pin": "1900", "gb_t": "2"}, page="gradient_boosting")
    warnings = " ".join(w.value for w in at.warning)
    assert "1900" in warnings and "700" in warnings, warnings
    assert not [m for m in at.metric if m.label == "point"]


def test_the_tree_sent_to_the_browser_is_the_fitted_tree_with_the_pinned_path():
    at = start({"tr_t": "4", "tr_tree": "3", "tr_depth": "5", "tr_pin": "20"}, page="trees")
    (sent,) = components(at, "treeview")
    d = page_data("tr")
    from playground.compute import forest as forest_compute
    est = forest_compute.estimator("forest", 5, "gini", 50, "sqrt", 1.0, True, 0)
    est.fit(d["X_tr"], d["y_tr"])
    t = est.estimators_[2].tree_
    assert sent["tree"]["l"] == t.children_left.tolist()
    assert sent["tree"]["n"] == t.n_node_samples.tolist()
    np.testing.assert_allclose(sent["tree"]["thr"], np.where(t.children_left >= 0, t.threshold,
                                                             -2.0), rtol=1e-3)
    ind = est.estimators_[2].decision_path(d["X_tr"][19:20])
    assert sent["path"] == ind.indices.tolist()
    assert sent["show"] == 8 and sent["title"].startswith("Tree 3 of 50")


def test_members_switched_off_round_trip_and_change_H():
    at = start({"ab_T": "6", "ab_t": "2", "ab_off": "2,5"}, page="adaboost")
    (sent,) = components(at, "members")
    assert sent["on"] == [True, False, True, True, False, True]
    assert "4 of 6" in sent["bigLabel"]
    assert len(sent["thumbs"]) == 6 and len(sent["weights"]) == 6
    assert at.query_params.get("ab_off") == "2,5"
    full = start({"ab_T": "6", "ab_t": "2"}, page="adaboost")
    (all_on,) = components(full, "members")
    assert all_on["big"] != sent["big"]  # H without f₂ and f₅ is another picture
    assert all_on["weights"] == sent["weights"]


def test_new_sample_draws_the_next_seed_and_lets_go_of_the_pin():
    at = start({"ab_t": "3", "ab_pin": "4", "seed": "7"}, page="adaboost")
    at.button(key="new_sample").click().run()
    assert at.query_params.get("seed") == "8"
    assert "ab_pin" not in at.query_params


@pytest.mark.parametrize("page,query,label", [
    ("gradient_boosting", {"gb_view": "2d", "gb_pin": "6", "gb_t": "3"}, "pseudo-residual r₃"),
    ("stacking", {"sk_pin": "6"}, "stacking's probability of its class"),
])
def test_every_inspected_page_tells_a_story(page, query, label):
    at = start(query, page=page)
    assert metric_value(at, "point").startswith(f"x{sup(6)} =")
    metric_value(at, label)
