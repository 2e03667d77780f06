"""The app's settings table: URL parsing, bounds taken from the estimators' constraints, and the
i18n catalog's completeness. Pure functions, no Streamlit session needed."""

from __future__ import annotations

import re

import pytest

import algorithms
from algorithms._constraints import interval_of
from playground import i18n, settings


def test_every_setting_default_parses_back_to_itself():
    for s in settings.SETTINGS:
        assert settings.parse(s, settings.dump(s, s.default)) == s.default, s.name


@pytest.mark.parametrize("name,raw", [("n", "abc"), ("n", "1e9"), ("noise", "nan"),
                                      ("noise", "-1"), ("show_test", "maybe"), ("lang", "fr"),
                                      ("data", "../../etc/passwd"), ("sk_learners", "tree,rm"),
                                      ("ab_margins", "5,x"), ("ab_margins", "0")])
def test_garbage_is_rejected_with_a_reason(name, raw):
    with pytest.raises(ValueError) as err:
        settings.parse(settings.BY_NAME[name], raw)
    assert str(err.value)


def test_bounds_come_from_the_estimators_constraints():
    # n_estimators is declared [1, inf) by the engine; the UI caps it at 500
    iv = interval_of(algorithms.RandomForestClassifier, "n_estimators")
    lo, hi = settings.bounds(settings.BY_NAME["tr_T"])
    assert lo == max(1, iv.left) and hi == 500
    # max_samples: the float interval (0, 1] is used, not the int count interval
    lo, hi = settings.bounds(settings.BY_NAME["tr_maxs"])
    assert 0 < lo <= 0.1 and hi == 1.0
    # criterion options are those the tree accepts
    assert set(settings.choices(settings.BY_NAME["tr_criterion"])) == {"gini", "entropy"}
    # a value fit would reject is refused at the URL already
    with pytest.raises(ValueError):
        settings.parse(settings.BY_NAME["gb_lr"], "0")


def test_catalog_is_complete_in_both_languages():
    for key, (en, zh) in i18n.CATALOG.items():
        assert en.strip() and zh.strip(), key
        # the same placeholders in both languages
        import string
        fields = lambda t: {f for _, f, _, _ in string.Formatter().parse(t) if f}  # noqa: E731
        assert fields(en) == fields(zh), key


# ---- the hosted demo's per-session caps (playground.limits), applied in state ---------------------

from playground import compute, limits  # noqa: E402

CAPPED = {"n": "MAX_POINTS", "res": "MAX_GRID", "ab_T": "MAX_ROUNDS", "tr_T": "MAX_ROUNDS",
          "gb_T": "MAX_ROUNDS", "cp_T": "MAX_ROUNDS", "ab_t": "MAX_ROUNDS", "tr_t": "MAX_ROUNDS",
          "gb_t": "MAX_ROUNDS", "ov_t": "MAX_ROUNDS", "ab_margins": "MAX_ROUNDS",
          "sk_layers": "MAX_LAYERS"}


def test_url_above_a_cap_uses_the_cap_and_says_so():
    values, problems = settings.read_url({"ab_T": "100000", "gb_T": "7"})
    assert values["ab_T"] == limits.MAX_ROUNDS and values["gb_T"] == 7
    assert problems == [("capped", "ab_T", "100000", "MAX_ROUNDS", limits.MAX_ROUNDS)]
    en, zh = i18n.CATALOG["msg.capped_param"]
    for text in (en, zh):
        msg = text.format(name="ab_T", value="100000", cap="rounds", used=limits.MAX_ROUNDS)
        assert "ab_T" in msg and "100000" in msg and "rounds" in msg
        assert str(limits.MAX_ROUNDS) in msg


@pytest.mark.parametrize("name", sorted(CAPPED))
def test_every_size_setting_is_bounded_by_its_cap(name):
    s = settings.BY_NAME[name]
    cap = getattr(limits, CAPPED[name])
    assert s.cap == CAPPED[name]
    assert settings.bounds(s)[1] == cap  # the widget never offers more
    # the cap itself is fine
    assert settings.parse(s, str(cap)) == (str(cap) if s.kind == "ints" else cap)
    if s.kind == "ints":  # a list of rounds: above the cap is refused, not clipped
        with pytest.raises(ValueError, match=str(cap)):
            settings.parse(s, f"5,{cap + 1}")
        return
    values, problems = settings.read_url({name: str(cap * 10)})
    assert values[name] == cap
    assert problems == [("capped", name, str(cap * 10), CAPPED[name], cap)]


def test_a_value_above_a_bound_that_is_not_a_cap_falls_back_to_the_default():
    values, problems = settings.read_url({"bag_T": "20", "ab_depth": "99", "step": "3"})
    assert values["bag_T"] == settings.BY_NAME["bag_T"].default
    assert values["ab_depth"] == settings.BY_NAME["ab_depth"].default
    assert values["step"] == 3
    assert [(p[0], p[1]) for p in problems] == [("bad", "bag_T"), ("bad", "ab_depth")]


def test_capped_url_warning_is_shown():
    from streamlit.testing.v1 import AppTest

    def page():
        from playground import state
        state.cfg()
        state.show_url_problems()
        import streamlit as st
        st.write(f"T={state.get('ab_T')} res={state.get('res')}")

    at = AppTest.from_function(page)
    at.query_params["ab_T"] = "100000"
    at.query_params["res"] = "5000"
    at.run()
    assert not at.exception
    # what the browser shows: markdown's backslash escapes removed
    warnings = re.sub(r"\\(.)", r"\1", " ".join(w.value for w in at.warning))
    assert "rounds or learners" in warnings and "100000" in warnings and "ab_T" in warnings
    assert "MAX_" not in warnings  # the limit in words, not the constant's name
    assert "surface cells per side" in warnings and "5000" in warnings
    assert f"T={limits.MAX_ROUNDS} res={limits.MAX_GRID}" in " ".join(m.value for m in at.markdown)


def test_grid_for_shrinks_the_surface_for_many_rounds():
    assert limits.grid_for(200, 100) == 200
    g = limits.grid_for(300, limits.MAX_ROUNDS)
    assert 40 <= g < 300 and g * g * limits.MAX_ROUNDS <= limits.MAX_SURFACE_CELLS
    assert (g + 1) ** 2 * limits.MAX_ROUNDS > limits.MAX_SURFACE_CELLS  # the largest that fits
    trees = [type("Member", (), {"tree_": None})()] * limits.MAX_ROUNDS
    assert compute.res_for(trees, 300) == g
    assert compute.res_for([object()] * 5, 300) == 100  # non-trees: coarser, point by point


def test_adaboost_fit_uses_the_capped_resolution():
    key = compute.DataKey.of("moons", n=200, noise=0.25, seed=0, classes=3, test=0.3)
    T = limits.MAX_ROUNDS
    run = compute.adaboost_run(key, T, limits.MAX_GRID)
    g = limits.grid_for(limits.MAX_GRID, run.T)
    assert g < limits.MAX_GRID and run.grid.shape == (g, g)
    assert run.at(run.T).H.shape == (g, g)


# ---- lecture mode's settings are declared here, once ---------------------------------------------

def test_lecture_settings_come_from_state():
    from playground.lecture import track
    assert not hasattr(track, "SETTINGS") and not hasattr(track, "check")  # no second declaration
    lec = settings.page_defaults("lec")
    assert set(lec) == {"step", "present", "theme", "lang", "shape", "bag_T", "seed", "rounded"}
    assert settings.bounds(settings.BY_NAME["step"]) == (1, track.N_STEPS)
    assert set(settings.choices(settings.BY_NAME["shape"])) == set(track.SILHOUETTES)
    # URL strings are lenient (1/0), JSON is strict (true/false), both from the same declaration
    assert settings.parse(settings.BY_NAME["present"], "1") is True
    with pytest.raises(ValueError, match="true or false"):
        settings.check_json("lec", "present", 1)
    with pytest.raises(ValueError, match="unknown"):
        settings.check_json("lec", "ab_T", 5)  # another page's setting is not the lecture's
    assert settings.url_params("lec", settings.defaults(), shared=False) == {"step": "1"}
    # the other pages' links never carry the lecture's keys
    assert "step" not in settings.url_params("ab", {**settings.defaults(), "step": 4})
