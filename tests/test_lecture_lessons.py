"""The lecture track's lessons hold on its own fits, over seeds (the step's seed is a setting): each
step's claim (playground/lecture/lessons.py) is checked as the step checks it, on the fit the step
draws, at the track's defaults. Where a claim does not hold on a seed, the step says what happens
instead (tests/test_lecture.py renders every step)."""

from __future__ import annotations

import pytest

from playground import settings
from playground.lecture import fits
from playground.lecture import lessons as L
from playground.views.stacking import LESSONS as STACK_LESSONS

SEEDS = range(20)
AT_LEAST = 18  # of 20, as the pages' lessons (docs/defaults.md)


def count(predicate, make) -> int:
    return sum(bool(predicate(make(seed))[0]) for seed in SEEDS)


@pytest.fixture(scope="module")
def boosts():
    return [fits.boost_long(seed) for seed in SEEDS]


@pytest.mark.parametrize("predicate", [L.bound_reaches_zero, L.keeps_falling, L.margins_grow],
                         ids=["bound", "test error keeps falling", "margins grow"])
def test_adaboost_steps_hold_on_18_of_20_seeds(boosts, predicate):
    held = sum(bool(predicate(bl)[0]) for bl in boosts)
    assert held >= AT_LEAST, (predicate.__name__, held)


def test_the_test_error_step_measures_what_it_says(boosts):
    """keeps_falling compares the test error at T with its value where the training error first
    reached 0: recomputed here from the recorded curves."""
    for bl in boosts:
        ok, nums = L.keeps_falling(bl)
        t0 = int((bl["train"] == 0).argmax()) + 1 if (bl["train"] == 0).any() else None
        assert (t0 is not None and bl["test"][-1] < bl["test"][t0 - 1]) == ok
        if ok:
            assert nums["at"] == bl["test"][t0 - 1] and nums["end"] == bl["test"][-1]


def test_averaging_bagged_trees_helps_on_18_of_20_seeds():
    T = settings.defaults("lec")["bag_T"]
    assert count(L.averaging_helps, lambda s: fits.bagging(s, T)) >= AT_LEAST


def test_stacking_beats_voting_on_18_of_20_seeds_with_five_folds():
    """The step's claims are checked on the 5-fold fit; the lecture's hold-out split is the
    picture (it leaves the final classifier 300 rows and beats voting far less often)."""
    beats_voting = STACK_LESSONS[0].check
    five = sum(bool(beats_voting(fits.stacking(s, "kfold"), None)[0]) for s in SEEDS)
    hold = sum(bool(beats_voting(fits.stacking(s), None)[0]) for s in SEEDS)
    assert five >= AT_LEAST, five
    assert five > hold, (five, hold)  # why the step reports the 5-fold fit


def test_exponential_loss_boosting_is_adaboost_and_outliers_pull_squared_error_most():
    assert L.same_as_adaboost(fits.gb_vs_adaboost())[0]
    assert count(L.outliers_pull, fits.gb_losses) >= AT_LEAST
