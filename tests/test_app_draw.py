"""The "Draw" data set in the app (AppTest): a drawn set opened from a link is fit and drawn on
every 2-D page (its training points are the chart's, its marked points the test set), a malformed
or oversized point list is warned about by name and the pad starts from the preset, a set that
cannot be fit says why while the page keeps drawing; the player's keys element and its hint."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from playground import datasets, drawn, drawpad, limits, settings
from test_app_pages import _elements, charts, metric, shown, start


def two_clusters(n: int = 60, marked: tuple = (), seed: int = 0) -> str:
    """A drawn set: class 0 around (-1, 0), class 1 around (1, 0.5); ``marked`` test points."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    X = np.where(y[:, None] == 0, [-1.0, 0.0], [1.0, 0.5]) + rng.normal(0, 0.3, (n, 2))
    q, inside = drawn.quantise(X)
    assert inside.all()
    test = np.zeros(n, bool)
    test[list(marked)] = True
    return drawn.encode(q, y, test)


def bidi(at, name: str) -> list:
    return [el for el in _elements(at._tree)
            if el.type == "bidi_component" and name in el.proto.component_name]


def sent(el) -> dict:
    """The JSON data an element was mounted with."""
    return json.loads(el.proto.json if el.proto.WhichOneof("data") == "json"
                      else el.proto.mixed.json)


def pad_sent(at) -> dict:
    """What the drawing pad was sent: its points, edit number, cap and texts."""
    (pad,) = bidi(at, "drawpad")
    return sent(pad)


def points_drawn(fig) -> np.ndarray:
    """Every marker point of a chart's scatter traces named "train · c", as (x, y) rows."""
    def arr(a):
        if isinstance(a, dict):
            return np.frombuffer(base64.b64decode(a["bdata"]), np.float32)
        return np.asarray(a, np.float32)
    rows = [np.c_[arr(t["x"]), arr(t["y"])] for t in fig["data"]
            if t.get("type") in ("scatter", "scattergl") and "· " in (t.get("name") or "")
            and not (t.get("marker") or {}).get("color") == "white"]  # test points are hollow
    return np.concatenate(rows) if rows else np.zeros((0, 2), np.float32)


def rows(a: np.ndarray) -> list:
    return sorted(map(tuple, np.asarray(a, np.float32).round(5).tolist()))


# ---- a drawn set from a link ----------------------------------------------------------------

@pytest.mark.parametrize("page, query", [
    ("adaboost", {"ab_t": "3", "ab_T": "20"}),
    ("trees", {"tr_t": "3", "tr_T": "10"}),
    ("gradient_boosting", {"gb_view": "2d", "gb_t": "3", "gb_T": "10"}),
])
def test_a_drawn_set_from_a_link_is_fit_and_its_training_points_are_drawn(page, query):
    marked = (0, 1, 2, 3, 4, 7)
    pts = two_clusters(60, marked)
    at = start({"data": "draw", "pts": pts, **query}, page=page)
    assert not at.warning, shown(at.warning)
    d = drawn.decode(pts)
    first = charts(at)[0]  # the ensemble's surface with the training points
    assert rows(points_drawn(first)) == rows(d.X[~d.test])  # exactly the unmarked points
    assert at.query_params.get("pts") == pts and at.query_params.get("data") == "draw"
    assert pad_sent(at)["pts"] == pts
    assert "the 6 you marked" in shown(at.caption)


def test_the_marked_points_are_the_test_set_the_page_scores():
    pts = two_clusters(40, marked=(0, 2, 4, 6, 8, 10, 12, 14, 16, 18))  # ten points of class 0
    at = start({"data": "draw", "pts": pts, "ab_t": "20", "ab_T": "20"}, page="adaboost")
    # a set whose test points are all class 0 around (-1, 0): the clusters are apart, so H is
    # right on all of them, and the page's test error is that of those ten points
    assert metric(at, "test error") == "0.000"
    moved = drawn.decode(pts)
    q = moved.q.copy()
    q[moved.test] = drawn.quantise(np.tile([[1.0, 0.5]], (10, 1)))[0]  # now in class 1's cluster
    at = start({"data": "draw", "pts": drawn.encode(q, moved.cls, moved.test),
                "ab_t": "20", "ab_T": "20"}, page="adaboost")
    assert metric(at, "test error") == "1.000"


def test_compare_and_stacking_fit_the_drawn_set():
    pts = two_clusters(80)
    at = start({"cp_data": "draw", "pts": pts, "cp_T": "10"}, page="compare")
    assert not at.warning and len(charts(at)) >= 1
    assert pad_sent(at)["pts"] == pts and at.query_params.get("pts") == pts
    at = start({"data": "draw", "pts": pts}, page="stacking")
    assert not at.warning and len(charts(at)) >= 1
    k = round(80 * settings.defaults("sk")["test"])  # the page's test fraction of 80, stratified
    assert f"Test points: {k} of the drawn points" in shown(at.caption)


# ---- bad point lists --------------------------------------------------------------------------

def preset_on_the_pad() -> str:
    X, y = datasets.load("moons", n=drawpad.START_POINTS, noise=0.25, seed=0)
    return drawn.from_points(X, y).pts


@pytest.mark.parametrize("raw, says", [
    ("AQIAAAAA!", "contains “!”"),
    (two_clusters(20)[:-5], "missing"),
    (drawn.encode(np.zeros((limits.MAX_DRAWN_POINTS + 1, 2), np.uint8),
                  np.zeros(limits.MAX_DRAWN_POINTS + 1, np.uint8)), "holds 1,001 points"),
])
def test_a_malformed_point_list_warns_by_name_and_the_pad_starts_from_the_preset(raw, says):
    at = start({"data": "draw", "pts": raw, "ab_t": "2"})
    warned = shown(at.warning)  # on the page the link opened
    assert "The drawn points in the link (“pts”) could not be read" in warned, warned
    assert says in warned
    at.switch_page("views/adaboost.py").run()
    assert not at.exception
    assert pad_sent(at)["pts"] == preset_on_the_pad()  # two moons, as a preset start
    assert at.query_params.get("pts") == preset_on_the_pad()
    assert len(charts(at)) >= 4


def test_a_set_that_cannot_be_fit_says_why_and_the_page_keeps_drawing():
    one_class = drawn.encode([[10, 10], [200, 30], [90, 90]], [0, 0, 0])
    at = start({"data": "draw", "pts": one_class, "ab_t": "2"}, page="adaboost")
    assert not at.exception
    warned = shown(at.warning)
    assert "cannot be fit yet" in warned and "all of one class" in warned, warned
    assert "Two moons" in warned  # what the charts show meanwhile
    assert len(charts(at)) >= 4
    assert at.query_params.get("pts") == one_class  # the drawing itself is kept


def test_the_pad_speaks_chinese():
    at = start({"lang": "zh", "data": "draw", "pts": two_clusters(30), "ab_t": "2"},
               page="adaboost")
    sent = pad_sent(at)
    assert sent["text"]["add"] == "✎ 画点" and sent["cap"] == limits.MAX_DRAWN_POINTS
    assert at.selectbox(key="w.data").value == "draw"


# ---- the player's keys --------------------------------------------------------------------------

@pytest.mark.parametrize("page, query", [("adaboost", {"ab_t": "2"}), ("trees", {"tr_t": "2"}),
                                         ("gradient_boosting", {"gb_t": "2"})])
def test_every_page_with_a_player_has_its_keys_with_the_hint(page, query):
    at = start(query, page=page)
    (el,) = bidi(at, "keys")
    assert [k for k, _ in sent(el)["hint"]] == ["Space", "← →", "Home End"]
    at = start({**query, "lang": "zh"}, page=page)
    (el,) = bidi(at, "keys")
    assert sent(el)["hint"][0] == ["Space", "播放 / 暂停"]


# ---- the settings file with a drawn set ------------------------------------------------------

def test_a_settings_file_opens_its_drawn_set_and_a_broken_one_is_refused_by_name():
    from playground import export, settings
    pts = two_clusters(50, marked=(1, 3))
    values = settings.defaults() | {"data": "draw", "pts": pts, "seed": 7}
    at = start({"data": "draw", "ab_t": "2"}, page="adaboost")
    assert pad_sent(at)["pts"] != pts
    upload = next(u for u in at.get("file_uploader") if u.proto.id.endswith("draw.json_file"))
    text = export.settings_json(values, page=settings.GLOBAL).encode()
    upload.set_value(("drawn-set.json", text, "application/json")).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert pad_sent(at)["pts"] == pts and at.query_params.get("pts") == pts
    assert at.query_params.get("seed") == "7"
    assert pad_sent(at)["rev"] >= 1  # a set the server chose: newer than any edit of the pad
    broken = text.replace(pts.encode(), pts[:-4].encode())
    upload = next(u for u in at.get("file_uploader") if u.proto.id.endswith("draw.json_file"))
    upload.set_value(("broken.json", broken, "application/json")).run()
    assert "“pts”" in " ".join(e.value for e in at.error) and "missing" in \
        " ".join(e.value for e in at.error)
    assert pad_sent(at)["pts"] == pts  # unchanged
