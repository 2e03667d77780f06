"""The app's settings table: URL parsing, bounds taken from the estimators' constraints, and the
i18n catalog's completeness. Pure functions, no Streamlit session needed."""

from __future__ import annotations

import pytest

import algorithms
from algorithms._constraints import interval_of
from playground import i18n, state


def test_every_setting_default_parses_back_to_itself():
    for s in state.SETTINGS:
        assert state.parse(s, state.dump(s, s.default)) == s.default, s.name


@pytest.mark.parametrize("name,raw", [("n", "abc"), ("n", "1e9"), ("noise", "nan"),
                                      ("noise", "-1"), ("show_test", "maybe"), ("lang", "fr"),
                                      ("data", "../../etc/passwd"), ("sk_learners", "tree,rm"),
                                      ("ab_margins", "5,x"), ("ab_margins", "0")])
def test_garbage_is_rejected_with_a_reason(name, raw):
    with pytest.raises(ValueError) as err:
        state.parse(state.BY_NAME[name], raw)
    assert str(err.value)


def test_bounds_come_from_the_estimators_constraints():
    # n_estimators is declared [1, inf) by the engine; the UI caps it at 500
    iv = interval_of(algorithms.RandomForestClassifier, "n_estimators")
    lo, hi = state.bounds(state.BY_NAME["tr_T"])
    assert lo == max(1, iv.left) and hi == 500
    # max_samples: the float interval (0, 1] is used, not the int count interval
    lo, hi = state.bounds(state.BY_NAME["tr_maxs"])
    assert 0 < lo <= 0.1 and hi == 1.0
    # criterion options are those the tree accepts
    assert set(state.choices(state.BY_NAME["tr_criterion"])) == {"gini", "entropy"}
    # a value fit would reject is refused at the URL already
    with pytest.raises(ValueError):
        state.parse(state.BY_NAME["gb_lr"], "0")


def test_catalog_is_complete_in_both_languages():
    for key, (en, zh) in i18n.CATALOG.items():
        assert en.strip() and zh.strip(), key
        # the same placeholders in both languages
        import string
        fields = lambda t: {f for _, f, _, _ in string.Formatter().parse(t) if f}  # noqa: E731
        assert fields(en) == fields(zh), key
