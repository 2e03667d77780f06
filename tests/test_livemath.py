"""Round t's numbers as live MathML (``playground.livemath``): the numbers on screen are the
estimator's, they satisfy the lecture's formulas they fill in, and a malformed expression is
refused before it reaches the browser."""

from __future__ import annotations

import json
import math
import os
import re

import numpy as np
import pytest

import algorithms
from playground import compute, livemath as m

HAS_ADA = hasattr(algorithms, "AdaBoostClassifier")
STATIC = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "playground",
                      "static")


def value(expr) -> float:
    """A number as the reader sees it: "0.213", or "1.234 × 10^−5"."""
    if isinstance(expr, tuple):  # a node (number() returns a row, a list, for m x 10^e)
        assert expr[0] == "n", expr
        return float(expr[1].replace("\u2212", "-"))
    mant, times, power = expr
    assert times == ("o", "\u00d7") and power[0] == "sup" and power[1] == ("n", "10"), expr
    return value(mant) * 10.0 ** value(power[2])


@pytest.mark.parametrize("x", [0.0, 0.2131, -0.5, 1.0, 999.9994, 2.5e-4, -3.3e-7, 1.8e5, 7.7e21])
def test_a_number_reads_back_as_itself_to_its_shown_precision(x):
    shown = value(m.number(x))
    assert math.isclose(shown, x, rel_tol=6e-4, abs_tol=5e-4 if abs(x) >= 1e-3 else 0.0), shown
    assert m.latex(m.number(x))  # and LaTeX can write it


@pytest.mark.skipif(not HAS_ADA, reason="AdaBoostClassifier not in algorithms yet")
def test_adaboost_round_numbers_are_the_estimators_and_obey_the_lecture():
    """The line under the general formulas (docs/lecture.md §3), round by round: ε_t is the weighted
    error over Z_t, d_t = sqrt((1 - ε_t) / ε_t), α_t = ln d_t, and err(H_t) ≤ the bound."""
    from playground.views.adaboost import round_numbers  # noqa: PLC0415 (the page module)
    key = compute.DataKey.of("moons", n=200, noise=0.3, seed=3, classes=2, test=0.25)
    run = compute.adaboost_run(key, 12, 40)
    est = algorithms.AdaBoostClassifier(n_estimators=12, random_state=3).fit(
        compute.dataset(key)["X_tr"], compute.dataset(key)["y_tr"])  # the same fit, independently
    for t in (1, 5, 12):
        lines = round_numbers(run.at(t), run.K)
        (eps_sym, eq, fraction, eq2, eps_value), (d_sym, _, d_value, _, _, a_sym, _, a_value), \
            (_, _, h_sym, _, _, err_value, le, bound_value) = lines
        assert eps_sym == m.sub(m.i("ε"), m.n(str(t))) and h_sym == m.sub(m.i("H"), m.n(str(t)))
        eps = float(est.estimator_errors_[t - 1])
        assert value(eps_value) == pytest.approx(eps, abs=5e-4)
        assert value(fraction[1]) / value(fraction[2]) == pytest.approx(eps, abs=2e-3)
        assert value(fraction[2]) == pytest.approx(float(np.sum(est.sample_weights_[t - 1])),
                                                   rel=1e-3)
        d = value(d_value)
        assert d == pytest.approx(math.sqrt((1 - eps) / eps), rel=2e-3)  # the lecture's d_t
        assert value(a_value) == pytest.approx(math.log(d), abs=2e-3)  # α_t = ln d_t
        assert value(err_value) == pytest.approx(float(run.train_err[t - 1]), abs=5e-4)
        assert le == m.o("≤") and value(err_value) <= value(bound_value) + 5e-4
        # what the browser gets reads back to the same lines
        assert [m.latex(x) for x in json.loads(m.message(lines))["lines"]] == \
            [m.latex(x) for x in lines]


def test_gradient_boosting_step_line_names_this_stage():
    from playground.views.gradient_boosting import stage_step  # noqa: PLC0415
    tex = m.latex(stage_step(7, 0.3, 0.8123))
    assert tex.startswith("{g}_{7}(x)=") and "{g}_{6}(x)" in tex and "{f}_{7}(x)" in tex
    assert re.search(r"\\eta =0\.3,", tex) and tex.endswith("=0.812")


@pytest.mark.parametrize("bad", [
    [("x", "1")],                 # no such kind
    [("n", 1.5)],                 # a leaf holds text, not a number
    [("sub", ("i", "a"))],        # a layout with a part missing
    [("frac", ("n", "1"), ("n", "2"), ("n", "3"))],
    [("sp", "wide")],
    "ε = 1",                      # a string is not an expression
    [{"i": "a"}],
])
def test_a_malformed_expression_is_refused_before_it_is_sent(bad):
    with pytest.raises(ValueError):
        m.message([bad])


def test_the_browser_module_builds_mathml_from_text_only():
    """static/livemath.js sets every leaf with textContent: an uploaded column name or any other
    text can never become markup. (The e2e tests run it in chromium.)"""
    with open(os.path.join(STATIC, m.MODULE_JS), encoding="utf-8") as fh:
        js = fh.read()
    assert "textContent" in js and "createElementNS" in js
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", js)
