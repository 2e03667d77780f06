"""The Streamlit app, driven headlessly with AppTest: every page draws its charts, the main
controls change what is drawn, the URL round-trips, 中文 works, and bad input is reported."""

from __future__ import annotations

import base64
import io
import json
import os
import re

import numpy as np
import pytest

from streamlit.testing.v1 import AppTest

import algorithms
from playground import limits, livechart, livemath, settings

APP = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "playground",
                   "app.py")
HAS_ADA = hasattr(algorithms, "AdaBoostClassifier")


def start(query: dict | None = None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(f"views/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _elements(node):
    """AppTest's element tree in page order (main area, then sidebar)."""
    kids = getattr(node, "children", None)
    if kids is None:
        yield node
        return
    for k in sorted(kids):
        yield from _elements(kids[k])


def charts(at) -> list[dict]:
    """Every plotly figure on the page, in page order: ``st.plotly_chart`` and the live charts
    (``playground.livechart``: one JSON string per trace and one for the layout)."""
    out = []
    for el in _elements(at._tree):
        if el.type == "plotly_chart":
            out.append(json.loads(el.proto.spec))
        elif el.type == "bidi_component" and "livechart" in el.proto.component_name:
            if el.proto.WhichOneof("data") != "bytes":
                continue  # livechart.preload() mounts one that only loads plotly.js
            sent = livechart.unpack(el.proto.bytes)
            out.append({"data": [json.loads(t) for t in sent["traces"]],
                        "layout": json.loads(sent["layout"])})
    return out


def math_lines(at) -> list[str]:
    """Every live MathML line on the page (``playground.livemath``), read back as LaTeX."""
    out = []
    for el in _elements(at._tree):
        if el.type == "bidi_component" and "livemath" in el.proto.component_name:
            out += [livemath.latex(line) for line in json.loads(el.proto.bytes)["lines"]]
    return out


def traces(at, kind: str) -> list[dict]:
    """Traces of one kind; "scatter" includes WebGL scatter (same points, another renderer)."""
    kinds = {kind, "scattergl"} if kind == "scatter" else {kind}
    return [t for fig in charts(at) for t in fig["data"] if t.get("type") in kinds]


def png_pixels(source: str) -> np.ndarray:
    """A surface image as sent to the browser: it must be a PNG data URI (palette indices)."""
    from PIL import Image
    head = "data:image/png;base64,"
    assert source.startswith(head), "surfaces must be sent as PNG images"
    img = Image.open(io.BytesIO(base64.b64decode(source[len(head):])))
    assert img.mode == "P", img.mode
    return np.asarray(img)


def picture(trace) -> bytes:
    """What a heatmap draws: z (a typed array, never a list) and its cell edges x, y."""
    def typed(a):
        return base64.b64decode(a["bdata"]) if isinstance(a, dict) else json.dumps(a).encode()
    z = trace["z"]
    assert isinstance(z, dict) and z["dtype"] in ("u1", "f4"), "surfaces must be typed arrays"
    return typed(z) + b"|" + typed(trace["x"]) + b"|" + typed(trace["y"])


def surfaces(at) -> list[bytes]:
    """What every decision surface on the page draws, in page order: a surface image's pixels
    (``plots.surface``) or a heatmap's cells (small multiples, maps)."""
    out = []
    for fig in charts(at):
        for img in fig["layout"].get("images", []):
            if img.get("name") == "surface":
                out.append(png_pixels(img["source"]).tobytes())
        out += [picture(t) for t in fig["data"] if t.get("type") == "heatmap"]
    return out


def shown(elements) -> str:
    """The text of markdown elements as the browser shows it (backslash escapes removed)."""
    return re.sub(r"\\(.)", r"\1", " ".join(e.value for e in elements))



def metric(at, label: str) -> str:
    for m in at.metric:
        if m.label == label:
            return m.value
    raise AssertionError(f"no metric {label!r}: {[m.label for m in at.metric]}")


def slider(at, key: str):
    return next(s for s in at.slider if s.key == key)


# ---- trees, bagging, forest -------------------------------------------------------------------

def test_forest_page_draws_and_round_slider_moves_the_vote():
    at = start({"tr_t": "3", "tr_T": "20"}, page="trees")
    assert metric(at, "t") == "3 / 20"
    assert len(charts(at)) >= 5  # vote, disagreement, learner grid, OOB curve, importances
    vote_before = surfaces(at)[0]
    assert any("out-of-bag" in (t.get("name") or "") for t in traces(at, "scatter"))
    slider(at, "w.tr_t").set_value(20).run()
    assert metric(at, "t") == "20 / 20"
    assert surfaces(at)[0] != vote_before
    assert at.query_params.get("tr_t") == "20"


def heatmap_cells(trace) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A heatmap as sent: z (ny, nx) and its cell edges x (nx + 1), y (ny + 1)."""
    def arr(a):
        if not isinstance(a, dict):
            return np.asarray(a, float)
        flat = np.frombuffer(base64.b64decode(a["bdata"]), {"u1": np.uint8, "f4": np.float32}[a["dtype"]])
        shape = [int(n) for n in str(a.get("shape", len(flat))).split(",")]
        return flat.reshape(shape)
    return arr(trace["z"]), arr(trace["x"]), arr(trace["y"])


def test_forest_single_learner_panels_are_each_learners_own_predictions():
    """Each small panel is learner f_k's own decision (an independent fit with the page's
    settings, evaluated at the grid's cell centres), the panels are the learners ending at t."""
    from playground import compute, datasets
    res, t, T = 120, 6, 10
    at = start({"tr_t": str(t), "tr_T": str(T), "n": "300", "res": str(res)}, page="trees")
    fig = next(f for f in charts(at) if sum(tr_.get("type") == "heatmap" for tr_ in f["data"]) == 4)
    titles = [a["text"] for a in fig["layout"]["annotations"]]
    assert [s.split(" ")[0] for s in titles] == ["f" + "₀₁₂₃₄₅₆₇₈₉"[k] for k in range(t - 3, t + 1)], titles
    D = settings.defaults("tr")  # the page opens on its own data settings
    assert D["data"] == "moons"
    X, y = datasets.load("moons", n=300, noise=D["noise"], seed=D["seed"])
    X_tr, _, y_tr, _ = datasets.train_test_split(X, y, test_fraction=D["test"], seed=D["seed"])
    forest = compute.forest.estimator("forest", D["tr_depth"], D["tr_criterion"], T, D["tr_maxf"],
                                      D["tr_maxs"], D["tr_bootstrap"], D["seed"]).fit(X_tr, y_tr)
    heatmaps = [tr_ for tr_ in fig["data"] if tr_.get("type") == "heatmap"]
    for k, trace in zip(range(t - 3, t + 1), heatmaps):
        z, xe, ye = heatmap_cells(trace)
        # the grid's cell centres, and which (merged) cell of the sent heatmap holds each
        xs = np.linspace(xe[0], xe[-1], res + 1)[:-1] + (xe[-1] - xe[0]) / (2 * res)
        ys = np.linspace(ye[0], ye[-1], res + 1)[:-1] + (ye[-1] - ye[0]) / (2 * res)
        full = z[np.ix_(np.searchsorted(ye, ys) - 1, np.searchsorted(xe, xs) - 1)]
        gx, gy = np.meshgrid(xs, ys)
        own = forest.estimators_[k - 1].predict(np.c_[gx.ravel(), gy.ravel()]).reshape(res, res)
        drawn_class_1 = full >= 32
        assert np.mean(drawn_class_1 == (own == 1)) > 0.995, k
        assert set(np.unique(full)) <= {0, 63}  # a single learner votes with full confidence


def test_single_tree_depth_changes_the_surface_and_shows_the_image_experiment():
    at = start({"tr_method": "tree", "tr_depth": "2"}, page="trees")
    shallow = surfaces(at)[0]
    titles = [a["text"] for fig in charts(at) for a in fig["layout"].get("annotations", [])]
    assert any(t.startswith("depth 20") for t in titles), titles
    slider(at, "w.tr_depth").set_value(12).run()
    assert surfaces(at)[0] != shallow
    assert at.query_params.get("tr_depth") == "12"


# ---- AdaBoost / overview ----------------------------------------------------------------------

@pytest.mark.skipif(not HAS_ADA, reason="AdaBoostClassifier not in algorithms yet")
def test_adaboost_page_live_numbers_follow_the_round():
    at = start({"ab_t": "1", "ab_T": "30"}, page="adaboost")
    assert metric(at, "t") == "1 / 30"
    est_eps = metric(at, "εₜ")
    assert len(charts(at)) >= 5
    numbers = math_lines(at)
    assert numbers and est_eps in numbers[0]  # round 1's line shows the same ε_1 as the metric
    f_before = surfaces(at)[1]
    slider(at, "w.ab_t").set_value(7).run()
    assert metric(at, "t") == "7 / 30"
    assert metric(at, "εₜ") in math_lines(at)[0] and "{\\varepsilon }_{7}" in math_lines(at)[0]
    assert surfaces(at)[1] != f_before  # f_7 is not f_1
    assert at.query_params.get("ab_t") == "7"


@pytest.mark.skipif(not HAS_ADA, reason="AdaBoostClassifier not in algorithms yet")
def test_adaboost_surface_image_is_the_engines_staged_surface():
    """The picture sent to the browser is H_t = sign(g_t) of the engine's own staged surface,
    cell by cell, placed on the cells' centres (an independent fit on the same data)."""
    from algorithms.surface import staged_surfaces
    from playground import datasets
    at = start({"ab_t": "7", "ab_T": "20", "n": "300", "res": "120"}, page="adaboost")
    img = next(i for i in charts(at)[0]["layout"]["images"] if i.get("name") == "surface")
    code = png_pixels(img["source"])[::-1]  # PNG rows run top-down, the grid bottom-up
    assert code.shape == (120, 120)
    xs = img["x"] + (np.arange(120) + 0.5) * img["sizex"] / 120
    ys = img["y"] - img["sizey"] + (np.arange(120) + 0.5) * img["sizey"] / 120
    D = settings.defaults("ab")  # the page's own data set and base learner
    X, y = datasets.load(D["data"], n=300, noise=D["noise"], seed=D["seed"])
    X_tr, _, y_tr, _ = datasets.train_test_split(X, y, test_fraction=D["test"], seed=D["seed"])
    assert D["ab_learner"] == "tree"
    est = algorithms.AdaBoostClassifier(algorithms.DecisionTreeClassifier(max_depth=D["ab_depth"]),
                                        n_estimators=20, random_state=D["seed"])
    g7 = staged_surfaces(est.fit(X_tr, y_tr), xs, ys)[6]
    drawn_class_1 = code >= 32  # codes: class * 32 + confidence
    assert np.mean(drawn_class_1 == (g7 > 0)) > 0.995  # cells on a threshold may round apart
    assert 0.2 < drawn_class_1.mean() < 0.8


@pytest.mark.skipif(not HAS_ADA, reason="AdaBoostClassifier not in algorithms yet")
def test_step_and_reset_buttons_move_the_round():
    at = start({"ab_t": "4", "ab_T": "20"}, page="adaboost")
    next(b for b in at.button if b.key == "ab.step").click().run()
    assert metric(at, "t") == "5 / 20"
    next(b for b in at.button if b.key == "ab.reset").click().run()
    assert metric(at, "t") == "1 / 20"


def test_overview_opens_with_the_lecture_map():
    at = start()
    text = " ".join(m.value for m in at.markdown)
    assert "Bagging" in text and "Boosting" in text and "Stacking" in text
    if HAS_ADA:
        assert len(charts(at)) >= 2
        assert at.session_state["ov.playing"]  # something is moving on first open


# ---- gradient boosting ------------------------------------------------------------------------

def test_gradient_boosting_1d_stage_view_and_2d_view():
    at = start({"gb_t": "5", "gb_T": "20"}, page="gradient_boosting")
    names = {t.get("name") for t in traces(at, "scatter")}
    assert {"gₜ₋₁", "gₜ", "fₜ"} <= names  # Unicode subscripts, never raw pseudo-LaTeX
    assert metric(at, "t") == "5 / 20"
    before = [t for t in traces(at, "scatter") if t.get("name") == "gₜ"][0]["y"]
    slider(at, "w.gb_t").set_value(15).run()
    after = [t for t in traces(at, "scatter") if t.get("name") == "gₜ"][0]["y"]
    assert after != before
    at.radio(key="w.gb_view").set_value("2d").run()
    assert not at.exception
    assert surfaces(at), "the 2-D view draws g_t on the plane"
    assert any("AdaBoost" in o for o in at.selectbox(key="w.gb_loss").options)


# ---- voting and stacking ------------------------------------------------------------------------

def test_stacking_diagram_comparison_and_too_few_learners():
    at = start(page="stacking")
    figs = charts(at)
    assert len(figs) >= 3
    diagram = figs[0]
    assert len(diagram["layout"]["images"]) == 5  # 4 bases + the final learner
    assert any("stacking" in str(t.get("y")) for t in traces(at, "bar"))
    at.multiselect(key="w.sk_learners").set_value(["tree"]).run()
    assert any("two" in e.value for e in at.error)
    assert not at.exception


# ---- compare ------------------------------------------------------------------------------------

def test_compare_table_and_chart():
    at = start({"cp_data": "iris", "cp_T": "10"}, page="compare")
    df = at.dataframe[0].value
    assert len(df) >= 5
    acc = df.iloc[:, 2].to_numpy(float)
    assert np.all((acc >= 0) & (acc <= 1)) and acc.max() > 0.8
    assert traces(at, "bar")


def test_csv_text_columns_are_left_out_with_a_note():
    """A column of text is not a reason to refuse a file: it is left out and the page says so."""
    at = start({"cp_data": "upload_csv", "cp_T": "5"}, page="compare")
    rows = "".join(f"{i},{'ab'[i % 2]},{i * 0.5},{i % 3 == 0:d}\n" for i in range(60))
    at.get("file_uploader")[0].set_value(("mixed.csv", ("id,word,x,label\n" + rows).encode(),
                                          "text/csv")).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    said = shown(at.sidebar.caption)
    assert "'word'" in said and "'id'" in said and "left out" in said
    assert at.selectbox(key="csv.label").value == "label"  # named label: the default
    assert len(at.dataframe[0].value) >= 5


def test_bad_csv_upload_reports_and_keeps_running():
    at = start({"cp_data": "upload_csv"}, page="compare")
    at.get("file_uploader")[0].set_value(("bad.csv", b"a,b,label\n1,2,0\n2,3\n4,5,0\n",
                                          "text/csv")).run()
    assert not at.exception
    assert any("line 3 has 2" in e.value for e in at.error), [e.value for e in at.error]
    assert at.dataframe  # fell back to a built-in data set


def test_one_class_csv_is_reported():
    at = start({"cp_data": "upload_csv"}, page="compare")
    at.get("file_uploader")[0].set_value(("one.csv", b"a,b,label\n1,2,0\n2,3,0\n4,5,0\n",
                                          "text/csv")).run()
    assert not at.exception
    assert at.error
    assert at.dataframe


def test_a_csv_on_a_2d_page_uses_the_two_chosen_features():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 3))
    y = (X[:, 0] * X[:, 2] > 0).astype(int)
    text = "p,q,r,label\n" + "".join(f"{a:.3f},{b:.3f},{c:.3f},{t}\n" for (a, b, c), t in zip(X, y))
    at = start({"data": "upload_csv", "tr_T": "5", "tr_t": "5"}, page="trees")
    at.get("file_uploader")[0].set_value(("xor.csv", text.encode(), "text/csv")).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    at.selectbox(key="csv.x1").set_value("r").run()  # x1 = p, x2 = r: the informative pair
    assert not at.exception
    assert "p, r" in shown(at.sidebar.caption)
    assert float(metric(at, "train error")) < 0.1


# ---- URL, language, bad parameters --------------------------------------------------------------

def test_url_round_trip_reproduces_the_view():
    query = {"tr_method": "bagging", "tr_T": "12", "tr_t": "6", "data": "circles", "seed": "7",
             "noise": "0.1"}
    at = start(query, page="trees")
    for k, v in query.items():
        assert at.query_params.get(k) == v, k
    assert at.radio(key="w.tr_method").value == "bagging"
    assert at.selectbox(key="w.data").value == "circles"
    assert metric(at, "t") == "6 / 12"
    again = start(dict(at.query_params), page="trees")
    assert surfaces(again)[0] == surfaces(at)[0]


def test_chinese_from_the_url():
    at = start({"lang": "zh", "tr_t": "2"}, page="trees")
    assert at.title[0].value == "决策树、Bagging 与随机森林"
    assert at.query_params.get("lang") == "zh"


def test_garbage_query_parameters_warn_and_restore_defaults():
    at = start({"n": "lots", "tr_T": "100000", "data": "<script>", "bogus": "1", "tr_t": "2"})
    warnings = shown(at.warning)  # on the page the link opened
    for name in ("n", "tr_T", "data", "bogus"):
        assert f"“{name}”" in warnings, name
    at.switch_page("views/trees.py").run()
    assert not at.exception
    assert slider(at, "w.n").value == settings.BY_NAME["n"].default == 1000
    assert slider(at, "w.tr_T").value == limits.MAX_ROUNDS  # above the cap: clipped to it
    assert at.selectbox(key="w.data").value == "moons"
    assert len(charts(at)) >= 5
    assert "bogus" not in at.query_params and "n" not in at.query_params


# ---- uploads and the image data sets ------------------------------------------------------------

def test_bad_image_upload_reports_and_falls_back():
    at = start({"data": "upload_image", "tr_t": "2", "tr_T": "5"}, page="trees")
    assert not at.exception  # no file yet: two moons meanwhile
    at.get("file_uploader")[0].set_value(("me.png", b"GIF89a not a png at all", "image/png")).run()
    assert not at.exception
    assert at.error, "a broken picture must be reported"
    assert len(charts(at)) >= 5  # and the page still draws (two moons)


def test_silhouette_image_set_trains_a_forest():
    at = start({"data": "star", "tr_T": "10", "tr_t": "10", "n": "600"}, page="trees")
    assert at.selectbox(key="w.data").value == "star"
    assert float(metric(at, "train error")) < 0.2
    assert len(charts(at)) >= 5


# ---- base learners, the toy set, bounds and language (issue 4 §3) -------------------------------

@pytest.mark.skipif(not HAS_ADA, reason="AdaBoostClassifier not in algorithms yet")
def test_adaboost_base_learner_changes_the_surface_and_round_trips():
    at = start({"ab_t": "10", "ab_T": "20", "n": "300"}, page="adaboost")
    stumps = surfaces(at)[0]
    at.selectbox(key="w.ab_learner").set_value("knn").run()
    assert not at.exception
    assert any("re-sample" in i.value for i in at.info), "k-NN has no sample_weight: say so"
    assert surfaces(at)[0] != stumps
    slider(at, "w.ab_k").set_value(5).run()
    slider(at, "w.ab_t").set_value(3).run()  # pinned in the URL (t = 1 would autoplay)
    assert at.query_params.get("ab_learner") == "knn" and at.query_params.get("ab_k") == "5"
    again = start(dict(at.query_params), page="adaboost")
    assert again.selectbox(key="w.ab_learner").value == "knn"
    assert slider(again, "w.ab_k").value == 5
    assert surfaces(again)[0] == surfaces(at)[0]


@pytest.mark.skipif(not HAS_ADA, reason="AdaBoostClassifier not in algorithms yet")
def test_adaboost_toy_set_shows_the_lectures_table():
    at = start({"data": "adaboost_toy", "ab_T": "3", "ab_t": "3"}, page="adaboost")
    if settings.defaults("ab")["ab_depth"] != 1:  # the page opens on deeper trees: it says so
        note = re.sub(r"\\(.)", r"\1", " ".join(i.value for i in at.info))
        assert "decision stumps" in note and "0.424" in note, note
        assert not at.dataframe
        slider(at, "w.ab_depth").set_value(1).run()
    df = at.dataframe[0].value
    eng = df[[c for c in df.columns if c.startswith("αₜ") and "engine" in c][0]].to_numpy(float)
    lec = df[[c for c in df.columns if c.startswith("αₜ") and "lecture" in c][0]].to_numpy(float)
    assert np.allclose(eng, lec, atol=1e-5)  # 0.424, 0.650, 0.923
    assert metric(at, "train error") == "0.000"


def test_min_samples_leaf_changes_the_forest_and_bad_values_warn():
    at = start({"tr_T": "10", "tr_t": "10", "tr_leaf": "999"})
    assert "“tr_leaf”" in shown(at.warning)  # on the page the link opened
    at.switch_page("views/trees.py").run()
    assert slider(at, "w.tr_leaf").value == 1
    before = surfaces(at)[0]
    slider(at, "w.tr_leaf").set_value(40).run()
    assert surfaces(at)[0] != before
    assert at.query_params.get("tr_leaf") == "40"


def test_every_data_set_has_a_label_in_both_languages():
    from playground import controls, i18n, settings
    for name in settings.data_2d() + settings.data_1d() + settings.data_any():
        assert f"ds.{name}" in i18n.CATALOG, name
    at = start({"lang": "zh"}, page="adaboost")
    shown = " ".join(at.selectbox(key="w.data").options)  # the labels the user reads
    assert "双月" in shown and "玩具" in shown and "猫" in shown
    assert controls  # imported for the labels
