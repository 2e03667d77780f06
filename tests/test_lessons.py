"""Every page's lessons hold on its defaults across seeds, and each says what happens instead on a
setting that breaks it (docs/defaults.md has the tables these figures come from)."""

from __future__ import annotations

import logging

import pytest

from playground import lessons, settings
from playground.views import adaboost, compare, gradient_boosting, stacking, trees

logging.getLogger("streamlit").setLevel(logging.ERROR)
SEEDS = range(20)

# (page, claim, seeds out of 20 on which it must hold at the page's defaults)
ON_DEFAULTS = [
    ("ab", "ab.claim.bound", 20), ("ab", "ab.claim.after_zero", 18),
    ("ab", "ab.claim.margins", 18),
    ("tr", "tr.claim.beats", 18), ("tr", "tr.claim.oob", 18),
    ("gb", "gb.claim.falls", 18),
    ("sk", "sk.claim.vote", 18),
    # the best single learner is hard to beat on 2-D data: 15/20 is the best setting found
    # (docs/defaults.md); on the other seeds the page says stacking came within a point of it
    ("sk", "sk.claim.best", 14),
    ("cp", "cp.claim.wins", 18),
    ("ov", "ab.claim.after_zero", 18), ("ov", "ov.try2", 18),
]


@pytest.fixture(scope="module")
def outcomes():
    cache = {}

    def get(page):
        if page not in cache:
            cache[page] = lessons.run_over_seeds(page, seeds=SEEDS)
        return cache[page]
    return get


@pytest.mark.parametrize("page, claim, least", ON_DEFAULTS)
def test_lessons_hold_on_the_defaults_across_seeds(outcomes, page, claim, least):
    results = outcomes(page)[claim]
    held = [seed for seed, holds, _ in results if holds]
    assert len(results) == len(SEEDS)
    assert len(held) >= least, (claim, len(held), [t for _, h, t in results if not h][:3])


def _first(page: str, overrides: dict) -> dict:
    """claim -> (holds, text) on seed 0 with the overrides."""
    out = lessons.run_over_seeds(page, overrides, seeds=[0])
    return {k: (v[0][1], v[0][2]) for k, v in out.items()}


@pytest.mark.parametrize("page, overrides, claim, words", [
    # too few, too weak rounds: the training error never reaches 0, and the page says so
    ("ab", {"ab_learner": "stump", "ab_T": 10}, "ab.claim.after_zero", "does not reach 0 in 10"),
    ("ab", {"ab_T": 5}, "ab.claim.margins", "too few"),
    ("ab", {"data": "blobs", "classes": 3, "ab_T": 20}, "ab.claim.bound", "SAMME"),
    # stumps: bagging does not help (the lecture's counter-example, said as such)
    ("tr", {"tr_method": "bagging", "tr_depth": 1}, "tr.claim.beats", "Averaging does not"),
    ("tr", {"tr_bootstrap": False}, "tr.claim.oob", "no out-of-bag"),
    ("tr", {"tr_method": "tree", "tr_depth": 3}, "tr.claim.fits", "limited to depth 3"),
    ("gb", {"gb_subsample": 0.5}, "gb.claim.falls", "subsample"),
    # easy data: one learner is enough, and the stacking page says so with the numbers
    ("sk", {"data": "moons", "noise": 0.1, "n": 400, "test": 0.3}, "sk.claim.best", "alone"),
    ("cp", {"cp_data": "iris"}, "cp.claim.wins", "do not beat"),
])
def test_each_lesson_says_what_happens_instead_when_settings_break_it(page, overrides, claim,
                                                                      words):
    holds, text = _first(page, overrides)[claim]
    assert not holds or claim in ("tr.claim.beats", "gb.claim.falls")  # cases said as lessons
    assert words in text, text
    if claim != "tr.claim.oob":  # without an OOB estimate there is nothing to quote
        assert any(ch.isdigit() for ch in text)  # with the numbers


def test_claims_quote_the_runs_own_numbers():
    """A claim's sentence carries the run's figures, not fixed ones (checked on the AdaBoost
    page: its test error at the end of training)."""
    v = settings.defaults("ab")
    c = adaboost.Choices.of(v)
    run = adaboost.fit(c)
    holds, text = lessons.pages()["ab"].claims(c)[1].evaluate(run, c)
    assert f"{run.test_err[-1]:.3f}" in text


def test_pages_declare_their_lessons():
    for module in (adaboost, trees, gradient_boosting, stacking, compare):
        claims = getattr(module, "LESSONS", None) or getattr(module, "LESSONS_ENSEMBLE")
        assert claims and all(c.key != c.otherwise for c in claims)
