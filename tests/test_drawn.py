"""A drawn set as one URL value (playground/drawn.py): the round trip, the canonical form, every
malformed value refused by name, presets put on the pad, the train / test split, and the setting
``pts`` in links and settings files."""

from __future__ import annotations

import base64
import json
import re

import numpy as np
import pytest
from hypothesis import given, settings as hsettings
from hypothesis import strategies as st

from playground import datasets, drawn, export, limits, settings


@st.composite
def drawn_sets(draw, max_n: int = limits.MAX_DRAWN_POINTS):
    n = draw(st.integers(0, max_n))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    q = rng.integers(0, 256, (n, 2), dtype=np.uint8)
    cls = rng.integers(0, draw(st.integers(1, drawn.MAX_CLASSES)), n).astype(np.uint8)
    test = rng.random(n) < draw(st.sampled_from([0.0, 0.3, 1.0]))
    return q, cls, test


def _bytes(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _text(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


# ---- the round trip ---------------------------------------------------------------------------

@hsettings(max_examples=200, deadline=None)
@given(drawn_sets())
def test_encode_then_decode_gives_back_every_point_class_and_mark(s):
    q, cls, test = s
    text = drawn.encode(q, cls, test)
    d = drawn.decode(text)
    assert np.array_equal(d.q, q) and np.array_equal(d.cls, cls) and np.array_equal(d.test, test)
    assert set(text) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert len(text) <= drawn.max_chars()  # the cap's length bound holds for every set


@hsettings(max_examples=100, deadline=None)
@given(drawn_sets())
def test_the_canonical_form_numbers_the_classes_present_in_order_and_keeps_the_rest(s):
    q, cls, test = s
    gapped = np.array([0, 2, 3, 4, 1], np.uint8)[cls]  # the same partition, other codes
    c = drawn.canonical(drawn.encode(q, gapped, test))
    d = drawn.decode(c)
    present = np.unique(gapped)
    assert np.array_equal(d.cls, np.searchsorted(present, gapped))  # order kept, gaps closed
    assert np.array_equal(d.q, q) and np.array_equal(d.test, test)
    assert drawn.canonical(c) == c  # a fixed point: what the URL holds parses back to itself


@hsettings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.floats(-2, 2), st.floats(-2, 2)), max_size=200))
def test_quantised_coordinates_are_within_half_a_step_of_the_points(points):
    X = np.array(points, float).reshape(-1, 2)
    q, inside = drawn.quantise(X)
    assert inside.all()
    back = drawn.Drawn(q, np.zeros(len(q), np.uint8), np.zeros(len(q), bool)).X
    assert np.all(np.abs(back - X) <= (drawn.HI - drawn.LO) / drawn.STEPS / 2 + 1e-12)


def test_the_cap_takes_the_stated_number_of_characters():
    n = limits.MAX_DRAWN_POINTS
    text = drawn.encode(np.zeros((n, 2), np.uint8), np.zeros(n, np.uint8))
    assert len(text) == drawn.max_chars() == 3338  # the module's docstring says so
    assert len(drawn.decode(text)) == n


# ---- bad values, each refused with its reason ----------------------------------------------------

ONE = drawn.encode([[10, 20]], [1], [True])  # a valid one-point set to break


@pytest.mark.parametrize("text, says", [
    (ONE + "!", "contains “!”"),
    (ONE.replace("A", "+", 1), "contains “+”"),
    ("A", "cut short"),
    ("AQ", "too short"),
    (_text(bytes([2, 1, 0, 10, 20, 0])), "format 2"),
    (_text(bytes([1, 2, 0, 10, 20, 0])), "says it holds 2 points but is missing 2 bytes"),
    (_text(bytes([1, 1, 0, 10, 20, 0, 0])), "1 byte too many"),
    (_text(bytes([1, 1, 0, 10, 20, 6])), "point 1 has class 6"),
    (_text(bytes([1, 1, 0, 10, 20, 0x51])), "last half byte"),
    (_text(bytes([1, 0xE9, 0x03]) + bytes(2 * 1001 + 501)), "holds 1,001 points"),
    ("A" * 5000, "5,000 characters long"),
    (12, "not int"),
    (None, "not NoneType"),
])
def test_a_malformed_point_list_is_refused_by_name(text, says):
    with pytest.raises(drawn.BadPoints, match=re.escape(says)):
        drawn.decode(text)


@hsettings(max_examples=300, deadline=None)
@given(st.binary(max_size=60))
def test_random_bytes_decode_or_are_refused_never_anything_else(raw):
    text = _text(raw)
    try:
        d = drawn.decode(text)
    except drawn.BadPoints:
        return
    assert drawn.encode(d.q, d.cls, d.test) == text  # what decodes is exactly what was sent


def test_encode_refuses_what_the_format_cannot_hold():
    with pytest.raises(drawn.BadPoints, match="classes must be 0 to 4"):
        drawn.encode([[0, 0]], [5])
    with pytest.raises(drawn.BadPoints, match="whole numbers 0 to 255"):
        drawn.encode([[0, 256]], [0])


# ---- a preset on the pad ------------------------------------------------------------------------

def test_a_preset_on_the_pad_keeps_its_points_and_classes_and_says_what_it_left_out():
    X, y = datasets.load("moons", n=400, noise=0.25, seed=3)
    loaded = drawn.from_points(X, y)
    d = drawn.decode(loaded.pts)
    assert (loaded.n, loaded.outside, loaded.over_cap) == (400, 0, 0)
    assert np.array_equal(d.cls, y) and not d.test.any()
    assert np.abs(d.X - X).max() <= (drawn.HI - drawn.LO) / drawn.STEPS / 2 + 1e-12

    far = np.r_[X, [[5.0, 0.0], [0.0, -3.0]]]
    loaded = drawn.from_points(far, np.r_[y, 0, 1], cap=300, seed=1)
    assert (loaded.outside, loaded.over_cap, loaded.n) == (2, 100, 300)
    kept = drawn.decode(loaded.pts)
    assert np.bincount(kept.cls).min() > 100  # a random 300, not the first 300 (one class)


def test_a_preset_with_labels_minus_one_and_one_becomes_classes_0_and_1():
    X = np.array([[0.0, 0.0], [1.0, 1.0], [-1.0, 0.5]])
    d = drawn.decode(drawn.from_points(X, np.array([1, -1, 1])).pts)
    assert d.cls.tolist() == [1, 0, 1]
    with pytest.raises(drawn.BadPoints, match="6 classes"):
        drawn.from_points(np.zeros((6, 2)), np.arange(6))


# ---- the split ------------------------------------------------------------------------------

def _set(cls, test=None, seed=0):
    rng = np.random.default_rng(seed)
    cls = np.asarray(cls, np.uint8)
    return drawn.Drawn(rng.integers(0, 256, (len(cls), 2)).astype(np.uint8), cls,
                       np.zeros(len(cls), bool) if test is None else np.asarray(test, bool))


def test_points_marked_by_hand_are_exactly_the_test_set():
    cls = np.r_[np.zeros(10), np.ones(10)]
    marks = np.zeros(20, bool)
    marks[[0, 3, 15]] = True
    d = _set(cls, marks)
    X_tr, X_te, y_tr, y_te, how = drawn.split(d, 0.3, 0)
    assert how == "marked"
    assert np.array_equal(X_te, d.X[marks]) and np.array_equal(X_tr, d.X[~marks])
    assert y_te.tolist() == [0, 0, 1]


def test_without_marks_the_test_set_is_drawn_from_the_points_with_the_seed():
    d = _set(np.r_[np.zeros(30), np.ones(20)])
    a = drawn.split(d, 0.3, 5)
    assert a[-1] == "drawn" and len(a[3]) == 15
    again, other = drawn.split(d, 0.3, 5), drawn.split(d, 0.3, 6)
    assert np.array_equal(a[1], again[1]) and not np.array_equal(a[1], other[1])
    both = np.r_[a[0], a[1]]
    assert sorted(map(tuple, both)) == sorted(map(tuple, d.X))  # every point, once
    tiny = drawn.split(_set([0, 1]), 0.3, 0)
    assert tiny[-1] == "none" and len(tiny[0]) == 2 and len(tiny[1]) == 0


@pytest.mark.parametrize("cls, marks, says", [
    ([], None, "empty"),
    ([1, 1, 1], None, "all of one class"),
    ([0, 1, 0], [False, True, True], "not marked as test points are all of one class"),
    ([0, 1], [True, True], "every point is marked"),
    ([0, 0, 1, 1, 2], [False, False, False, False, True], "every point of class 2"),
])
def test_a_set_that_cannot_be_fit_says_why(cls, marks, says):
    with pytest.raises(drawn.BadPoints, match=says):
        drawn.split(_set(cls, marks), 0.3, 0)


# ---- the setting "pts": links and settings files -----------------------------------------------

def test_the_setting_reads_a_link_canonically_and_refuses_a_bad_one_by_name():
    s = settings.BY_NAME["pts"]
    gapped = drawn.encode([[1, 2], [3, 4]], [0, 3])
    assert settings.parse(s, gapped) == drawn.canonical(gapped) != gapped
    assert settings.parse(s, "") == ""
    values, problems = settings.read_url({"data": "draw", "pts": "not*valid"})
    assert values["pts"] == "" and values["data"] == "draw"
    assert problems == [("bad", "pts", "not*valid",
                         "it contains “*”: a point list has only letters, digits, - and _", "")]


def test_the_points_are_in_a_pages_link_only_while_it_shows_the_drawn_set():
    v = settings.defaults() | {"pts": ONE}
    assert "pts" not in settings.url_params("ab", v)
    assert settings.url_params("ab", v | {"data": "draw"})["pts"] == ONE
    assert "pts" not in settings.url_params("ab", v | {"cp_data": "draw"})  # Compare's choice
    assert settings.url_params("cp", v | {"cp_data": "draw"})["pts"] == ONE


def test_the_shared_settings_file_carries_a_drawn_set_and_refuses_a_broken_one():
    X, y = datasets.load("circles", n=300, noise=0.2, seed=0)
    v = settings.defaults() | {"data": "draw", "pts": drawn.from_points(X, y).pts}
    text = export.settings_json(v, page=settings.GLOBAL)
    doc = json.loads(text)
    assert doc["format"] == "ensemble-playground/settings" and doc["settings"]["pts"] == v["pts"]
    back = export.parse_settings_json(text, page=settings.GLOBAL)
    assert back["pts"] == v["pts"] and back["data"] == "draw"
    doc["settings"]["pts"] = v["pts"][:-4]
    with pytest.raises(ValueError, match="“pts” .* is not valid .*missing"):
        export.parse_settings_json(json.dumps(doc), page=settings.GLOBAL)
    with pytest.raises(ValueError, match="format"):  # a lecture file is not a settings file
        export.parse_settings_json(export.settings_json(settings.defaults()),
                                   page=settings.GLOBAL)
