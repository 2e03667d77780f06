"""The image experiment as the lecture shows it (docs/lecture.md §2, issue 14 §5).

Every silhouette at 160 x 160, 90 % of its pixels to train on: depth 20 fits the training set
exactly, the forest beats one tree at depth 10 (test error and outline distance), AdaBoost's shape
sharpens from T = 10 to 100. Each claim is checked on every silhouette and its fallback on a
setting that breaks it. The numbers the steps show (painted on the picture's pixels) are checked
against the models' own predictions, and the picture is on screen beside the reconstructions.
"""

from __future__ import annotations

import base64
import json
import logging
import os

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import algorithms as A
from algorithms.outline import outline_distance
from algorithms.tree_cut import cut_at_depth
from playground import compute, datasets, limits, livechart, plots, uploads
from playground.compute import image as img
from playground.i18n import tr
from playground.lecture import fits, track
from playground.lecture import image_claims as IC

logging.getLogger("streamlit").setLevel(logging.ERROR)  # cached fits run outside a server here

SHAPES = track.SILHOUETTES
APP = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "playground",
                   "app.py")


def drawn(panel) -> np.ndarray:
    """The shape a panel draws (its class per pixel), rows top to bottom like the picture."""
    return (panel.code >= 32)[::-1]


def pixel_points(mask: np.ndarray) -> np.ndarray:
    """The image function's point of every pixel, in the mask's row-major order."""
    h, w = mask.shape
    rows, cols = np.indices((h, w))
    s = max(h, w)
    return np.c_[(2 * (cols.ravel() + 0.5) - w) / s, (h - 2 * (rows.ravel() + 0.5)) / s]


# ---- the data: (nearly) every pixel of a 160 x 160 picture --------------------------------------

@pytest.mark.parametrize("shape", [(7, 7), (5, 9), (12, 4)])
def test_pixel_index_is_the_inverse_of_mask_to_points(shape):
    mask = np.random.default_rng(0).random(shape) < 0.4
    mask[0, 0], mask[-1, -1] = True, False
    X, y = uploads.mask_to_points(mask, None, seed=3)
    idx = datasets.pixel_index(X, shape)
    assert sorted(idx.tolist()) == list(range(mask.size))  # each pixel once
    assert np.array_equal(mask.ravel()[idx], y.astype(bool))
    assert np.allclose(pixel_points(mask)[idx], X)
    with pytest.raises(ValueError, match="outside"):
        datasets.pixel_index(X * 3, shape)


def test_the_pixel_grid_is_the_image_functions_points():
    mask = np.zeros((6, 10), bool)
    mask[1:3, 2:8] = True
    grid = img.pixel_grid(mask.shape)
    assert grid.shape == mask.shape
    # grid row j is mask row h - 1 - j: same points, y pointing up
    assert np.allclose(grid.points.reshape(6, 10, 2)[::-1].reshape(-1, 2), pixel_points(mask))
    assert np.array_equal(img.target_on(grid, mask) >= 32, mask[::-1])


def test_the_picture_on_a_page_grid_takes_the_pixel_each_cell_falls_in():
    mask = np.zeros((8, 8), bool)
    mask[2:5, 1:7] = True
    grid = compute.grid_for(pixel_points(mask), 33)  # padded, finer than the picture
    code = img.target_on(grid, mask)
    gx, gy = np.meshgrid(grid.xs, grid.ys)
    col, row = np.floor((gx * 8 + 8) / 2).astype(int), np.floor((8 - gy * 8) / 2).astype(int)
    inside = (row >= 0) & (row < 8) & (col >= 0) & (col < 8)
    want = np.zeros(grid.shape, bool)
    want[inside] = mask[row[inside], col[inside]]
    assert np.array_equal(code >= 32, want) and want.any() and not want.all()


def test_an_uploaded_picture_lines_up_with_its_points():
    """The picture drawn beside an upload's reconstructions is the mask its points come from."""
    import io

    from PIL import Image
    a = np.full((30, 50), 255, np.uint8)
    a[5:25, 10:22] = 0
    a[12:18, 30:45] = 0
    buf = io.BytesIO()
    Image.fromarray(a).save(buf, format="PNG")
    key = compute.DataKey.of("upload_image", {"n": 600, "resolution": 40, "threshold": 128},
                             upload=buf.getvalue())
    d, pic = compute.dataset(key), img.picture(key)
    assert pic.mask.shape == (24, 40)
    assert np.array_equal(pic.mask.ravel()[pic.train], d["y_tr"].astype(bool))
    assert np.array_equal(pic.mask.ravel()[pic.test], d["y_te"].astype(bool))
    grid = compute.grid_for(np.r_[d["X_tr"], d["X_te"]], 64)
    code = img.target_on(grid, pic.mask)
    assert 0.1 < (code >= 32).mean() < 0.5
    with pytest.raises(ValueError, match="not a picture"):
        img.picture_mask(compute.DataKey.of("moons"))


@pytest.mark.parametrize("shape", SHAPES)
def test_the_lecture_trains_on_nine_tenths_of_every_pixel_of_a_160_picture(shape):
    key = fits.image_key(shape)
    d = compute.dataset(key)
    pic = img.picture(key)
    assert pic.mask.shape == (160, 160) and pic.n_pixels == 160 * 160 == limits.MAX_IMAGE_POINTS
    assert len(d["y_tr"]) + len(d["y_te"]) == pic.n_pixels
    assert len(d["y_tr"]) == round(0.9 * pic.n_pixels)
    assert sorted(np.r_[pic.train, pic.test].tolist()) == list(range(pic.n_pixels))
    assert np.array_equal(pic.mask.ravel()[pic.train], d["y_tr"].astype(bool))
    assert np.array_equal(pic.mask, datasets.silhouette_mask(shape, 160))


# ---- the claims, on every silhouette -----------------------------------------------------------

@pytest.mark.parametrize("shape", SHAPES)
def test_depth_20_fits_every_training_pixel(shape):
    """docs/lecture.md §2: "depth 20 fits the training data perfectly". Training error exactly 0 at
    depth 20 on all 23,040 training pixels (the picture's 160 distinct positions per axis are
    below the engine's 256 bins, so binned thresholds are the exact midpoints here)."""
    run = fits.image_trees(shape)
    deepest = run.at(20)
    assert deepest.train_err == 0.0
    holds, text = IC.TREE_FITS.evaluate(run, None)
    assert holds and "training error 0" in text and "23,040" in text
    assert f"{deepest.test_err:.3f}" in text and str(deepest.leaves) in text
    assert IC.TREE_TITLE.evaluate(run, None) == (True, tr("lec.img_trees.v_yes", d=20))
    errs = [p.train_err for p in run.panels]
    assert errs == sorted(errs, reverse=True) and errs[0] > 0.03  # depth 5 is far from it


def test_tree_fallback_when_the_deepest_tree_is_too_shallow():
    run = fits.image_trees("rabbit", depths=(2, 4, 6, 8))
    holds, text = IC.TREE_FITS.evaluate(run, None)
    p = run.panels[-1]
    wrong = round(p.train_err * len(run.picture.train))
    assert not holds and wrong > 100
    assert text == tr("lec.img_trees.take_not", d=8, wrong=wrong, n_train=23040,
                      tr_err=p.train_err, n_test=2560, te_err=p.test_err)
    assert f"{wrong:,} of 23,040" in text
    assert IC.TREE_TITLE.evaluate(run, None) == (False, tr("lec.img_trees.v_no",
                                                              depths="2, 4, 6, 8"))


@pytest.mark.parametrize("shape", SHAPES)
def test_the_forest_beats_one_tree_at_depth_10(shape):
    trees, forests = fits.image_trees(shape), fits.image_forests(shape)
    t, f = trees.at(IC.GAIN_DEPTH), forests.at(IC.GAIN_DEPTH)
    assert f.test_err < t.test_err and f.outline < t.outline
    holds, text = IC.FOREST_GAIN.evaluate((trees, forests), None)
    assert holds
    for number in (f"{f.test_err:.3f}", f"{t.test_err:.3f}", f"{f.outline:.2f} px",
                   f"{t.outline:.2f} px", f"{forests.at(20).test_err:.3f}"):
        assert number in text, number
    assert IC.FOREST_TITLE.evaluate((trees, forests), None)[0]


def test_forest_fallback_with_a_single_tree():
    """One bootstrap tree with a random feature per split is no forest: it loses to the greedy
    tree at depth 10, and the text says so with the numbers."""
    trees, one = fits.image_trees("cat"), fits.image_forests("cat", n_trees=1)
    holds, text = IC.FOREST_GAIN.evaluate((trees, one), None)
    assert not holds
    assert text.startswith("Here the forest of 1 trees does not beat one tree at depth 10")
    assert f"{one.at(10).test_err:.3f} against {trees.at(10).test_err:.3f}" in text
    assert IC.FOREST_TITLE.evaluate((trees, one), None) == (False, tr("lec.img_forest.v_no"))


@pytest.mark.parametrize("shape", SHAPES)
def test_adaboost_sharpens_from_10_to_100_rounds(shape):
    run = fits.image_adaboost(shape)
    assert [p.value for p in run.panels] == list(fits.ADA_T) and run.stop is None
    outline = [p.outline for p in run.panels]
    assert all(a > b for a, b in zip(outline, outline[1:]))
    assert run.panels[-1].test_err < run.panels[0].test_err
    assert outline[0] > 5 * outline[-1]  # visibly sharper, not a rounding difference
    holds, text = IC.ADA_SHARPENS.evaluate(run, None)
    assert holds and " → ".join(f"{p.test_err:.3f}" for p in run.panels) in text
    assert " → ".join(f"{v:.2f}" for v in outline) in text


def test_adaboost_fallbacks_stopped_and_not_sharpening():
    stopped = fits.image_adaboost("rabbit", depth=20)  # its first tree fits every pixel: ε = 0
    holds, text = IC.ADA_SHARPENS.evaluate(stopped, None)
    assert not holds and stopped.T == 1 and [p.value for p in stopped.panels] == [1]
    assert "AdaBoost stopped at round 1" in text and "(ε = 0)" in text
    stumps = fits.image_adaboost("rabbit", depth=1)  # an additive model cannot draw a rabbit
    outline = [p.outline for p in stumps.panels]
    assert not all(a > b for a, b in zip(outline, outline[1:]))
    holds, text = IC.ADA_SHARPENS.evaluate(stumps, None)
    assert not holds and text.startswith("Here the shape does not sharpen steadily")
    assert " → ".join(f"{v:.2f}" for v in outline) in text and "stopped" not in text
    assert IC.ADA_TITLE.evaluate(stumps, None) == (False, "T = 10, 20, 50, 100")


# ---- what the panels say is what the models predict --------------------------------------------

def test_panel_numbers_are_the_models_own_predictions():
    """Errors and outlines come from surfaces painted on the pixel centres; here they are
    recomputed from each model's own predict on the same pixels (independent fits)."""
    key = fits.image_key("star")
    d, pic = compute.dataset(key), img.picture(key)
    P = pixel_points(pic.mask)
    for depth, panel in zip(fits.DEPTHS, fits.image_trees("star").panels):
        tree = A.DecisionTreeClassifier(max_depth=depth).fit(d["X_tr"], d["y_tr"])
        assert panel.train_err == pytest.approx(1 - tree.score(d["X_tr"], d["y_tr"]), abs=1e-12)
        assert panel.test_err == pytest.approx(1 - tree.score(d["X_te"], d["y_te"]), abs=1e-12)
        own = tree.predict(P).reshape(pic.mask.shape) == 1
        assert np.array_equal(drawn(panel), own)
        assert panel.outline == pytest.approx(outline_distance(pic.mask, own))
    deep = A.RandomForestClassifier(n_estimators=fits.FOREST_T, max_depth=20,
                                    random_state=0).fit(d["X_tr"], d["y_tr"])
    for depth in (10, 20):
        forest = cut_at_depth(deep, depth)
        panel = fits.image_forests("star").at(depth)
        assert panel.test_err == pytest.approx(1 - forest.score(d["X_te"], d["y_te"]), abs=1e-12)
        assert panel.train_err == pytest.approx(1 - forest.score(d["X_tr"], d["y_tr"]), abs=1e-12)
        assert np.array_equal(drawn(panel), forest.predict(P).reshape(pic.mask.shape) == 1)
    ada = A.AdaBoostClassifier(estimator=A.DecisionTreeClassifier(max_depth=fits.ADA_DEPTH),
                               n_estimators=100, random_state=0).fit(d["X_tr"], d["y_tr"])
    staged = list(ada.staged_predict(d["X_te"]))
    for panel in fits.image_adaboost("star").panels:
        assert panel.test_err == pytest.approx(np.mean(staged[panel.value - 1] != d["y_te"]))


def test_the_rabbit_keeps_its_ears():
    """The rows where the picture shows two ears show two ears in the depth-20 tree, the forest
    and AdaBoost at T = 100 (issue 14: at 1,400 sampled pixels the rabbit lost them)."""
    pic = img.picture(fits.image_key("rabbit"))

    def n_runs(row):
        return int(np.sum(np.diff(np.r_[0, row.astype(int)]) == 1))

    ear_rows = [r for r in range(60) if n_runs(pic.mask[r]) == 2]
    assert len(ear_rows) > 35
    for panel in (fits.image_trees("rabbit").at(20), fits.image_forests("rabbit").at(20),
                  fits.image_adaboost("rabbit").at(100)):
        shape = drawn(panel)
        assert np.mean([n_runs(shape[r]) == 2 for r in ear_rows]) > 0.9, panel.value


# ---- the steps on screen: AppTest --------------------------------------------------------------

def _lecture(step_id: str, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=300)
    at.switch_page("views/lecture.py")
    at.query_params["step"] = str(1 + [s for s, _ in track.STEPS].index(step_id))
    for k, v in query.items():
        at.query_params[k] = str(v)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _figures(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _takeaway(at) -> str:
    return next(m.value for m in at.markdown if "lec-takeaway" in m.value)


@pytest.mark.parametrize("step_id, run_of, claim", [
    ("img_trees", lambda s: fits.image_trees(s), IC.TREE_FITS),
    ("img_forest", lambda s: (fits.image_trees(s), fits.image_forests(s)), IC.FOREST_GAIN),
    ("img_ada", lambda s: fits.image_adaboost(s), IC.ADA_SHARPENS),
])
def test_image_steps_show_the_picture_beside_the_shapes_and_say_the_checked_claim(
        step_id, run_of, claim):
    at = _lecture(step_id, shape="cat")
    panels = _figures(at)[0]
    heat = [t for t in panels["data"] if t["type"] == "heatmap"]
    assert len(heat) == 5  # the picture, then four depths / T
    titles = [a["text"] for a in panels["layout"]["annotations"]]
    assert titles[0] == tr("lec.img.target", w=160, h=160)
    run = run_of("cat")
    shown = run[1] if isinstance(run, tuple) else run
    pic = shown.picture
    # the first panel draws the picture itself, the others the run's shapes, in order
    for trace, code in zip(heat, [pic.code] + [p.code for p in shown.panels]):
        want = plots.heatmap_xyz(pic.grid, code, 2, discrete=True)["z"]
        assert base64.b64decode(trace["z"]["bdata"]) == want.tobytes()
    assert (pic.code >= 32).mean() == pytest.approx(pic.mask.mean())
    holds, text = claim.evaluate(run, None)
    assert holds and text in _takeaway(at)
    assert any(f"{len(pic.train):,}" in c.value for c in at.caption)


def test_image_step_in_chinese_and_another_silhouette(monkeypatch):
    at = _lecture("img_forest", shape="rocket", lang="zh")
    trees, forests = fits.image_trees("rocket"), fits.image_forests("rocket")
    import playground.i18n
    monkeypatch.setattr(playground.i18n, "lang", lambda: "zh")  # tr() here, as the page's
    text = IC.FOREST_GAIN.evaluate((trees, forests), None)[1]
    assert "深度 10 时" in text and text in _takeaway(at)
    assert tr("lec.img_forest.v_yes") in at.title[0].value
    titles = [a["text"] for a in _figures(at)[0]["layout"]["annotations"]]
    assert titles[0].startswith("原图")


# ---- the trees page --------------------------------------------------------------------------

def _trees_page(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=300)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("views/trees.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _live_titles(at) -> list[tuple[str | None, list[str]]]:
    from test_app_pages import _elements
    out = []
    for el in _elements(at._tree):
        if el.type == "bidi_component" and "livechart" in el.proto.component_name and \
                el.proto.WhichOneof("data") == "bytes":
            sent = livechart.unpack(el.proto.bytes)
            layout = json.loads(sent["layout"])
            out.append((sent.get("title"), [a["text"] for a in layout.get("annotations", [])]))
    return out


def test_trees_page_depth_panels_name_the_image_experiment_only_on_a_picture():
    two_d = _live_titles(_trees_page(tr_method="tree"))
    assert tr("tr.depths") in [t for t, _ in two_d]
    assert not any("image experiment" in (t or "") for t, _ in two_d)
    pic = _live_titles(_trees_page(tr_method="tree", data="rabbit"))
    title, panels = next((t, a) for t, a in pic if t == tr("tr.depths_image"))
    assert panels[0] == tr("tr.picture") and len(panels) == 5


def test_trees_page_shows_the_picture_beside_the_forests_vote():
    titles = [t for t, _ in _live_titles(_trees_page(data="star", tr_T="5", tr_t="3"))]
    assert titles.index(tr("tr.picture")) == titles.index(tr("tr.vote")) + 1
    assert tr("tr.picture") not in [t for t, _ in _live_titles(_trees_page(tr_T="5"))]


def test_prefetch_fits_the_next_steps_once(monkeypatch):
    """After the trees step asks, the forest and AdaBoost fits are in the cache: opening those
    steps fits nothing more, and a second request while one prefetch runs starts no other."""
    monkeypatch.setattr(fits, "PREFETCH_DELAY", 0.0)
    fits.image_forests.clear()
    fits.image_adaboost.clear()
    calls = []
    for cls in (A.RandomForestClassifier, A.AdaBoostClassifier):
        real = cls.fit
        monkeypatch.setattr(cls, "fit", lambda self, *a, _real=real, **k: (
            calls.append(type(self).__name__), _real(self, *a, **k))[1])
    fits.prefetch_image("rocket")
    thread = fits._prefetching["rocket"]
    fits.prefetch_image("rocket")
    assert fits._prefetching["rocket"] is thread
    thread.join(timeout=300)
    assert sorted(calls) == ["AdaBoostClassifier", "RandomForestClassifier"]
    fits.image_forests("rocket")
    fits.image_adaboost("rocket")
    assert len(calls) == 2  # both were cache hits
