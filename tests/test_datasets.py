"""playground.datasets: generators, images, tabular sets, CSV parsing, the split and the registry.

Every bad-input path must raise ValueError with a message that names the problem.
"""

from __future__ import annotations

import io
import pickle
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from playground import datasets as D
from playground import uploads as U

TWO_D = D.names("classification-2d")


# ------------------------------------------------------------------ 2-D generators
def test_the_issue_sets_are_all_there():
    assert set(TWO_D) == {"moons", "circles", "spirals", "xor", "blobs", "checkerboard", "linear"}
    assert len(D.names("regression-1d")) >= 3
    assert set(D.names("tabular")) == {"iris", "wine", "breast_cancer", "digits"}
    assert len(D.names("image")) >= 3
    assert D.names("2d") == TWO_D and D.names("1d") == D.names("regression-1d")


@pytest.mark.parametrize("name", TWO_D)
@pytest.mark.parametrize("n", [11, 400])
def test_generator_size_classes_and_balance(name, n):
    X, y = D.load(name, n=n, noise=0.3, seed=5)
    k = 3 if name == "blobs" else 2
    assert X.shape == (n, 2) and X.dtype == np.float64 and np.isfinite(X).all()
    assert y.shape == (n,) and y.dtype.kind == "i"
    counts = np.bincount(y)
    assert len(counts) == k and counts.max() - counts.min() <= 1


@pytest.mark.parametrize("name", TWO_D)
def test_generator_determinism_by_seed(name):
    X1, y1 = D.load(name, n=200, noise=0.2, seed=3)
    X2, y2 = D.load(name, n=200, noise=0.2, seed=3)
    X3, _ = D.load(name, n=200, noise=0.2, seed=4)
    assert np.array_equal(X1, X2) and np.array_equal(y1, y2)
    assert not np.allclose(X1, X3)


@pytest.mark.parametrize("name", TWO_D)
def test_noise_moves_points_and_zero_noise_is_clean(name):
    X0, y0 = D.load(name, n=300, noise=0.0, seed=1)
    X1, y1 = D.load(name, n=300, noise=0.5, seed=1)
    assert np.array_equal(y0, y1)
    assert np.abs(X1 - X0).mean() > 0.02


@pytest.mark.parametrize("k", [2, 3, 4, 5])
def test_blobs_class_count(k):
    _, y = D.load("blobs", n=100, noise=0.1, seed=0, classes=k)
    assert sorted(set(y.tolist())) == list(range(k))


def test_clean_geometry_matches_the_definitions():
    X, y = D.make_circles(500, noise=0.0, seed=2, factor=0.3)
    r = np.hypot(*X.T)
    assert np.allclose(r[y == 0], 1.0) and np.allclose(r[y == 1], 0.3)
    X, y = D.make_xor(500, noise=0.0, seed=2)
    assert np.array_equal(y, (X[:, 0] * X[:, 1] < 0).astype(int))
    X, y = D.make_checkerboard(500, noise=0.0, seed=2, cells=4)
    cell = np.floor((X + 1) / 0.5).astype(int)
    assert np.array_equal(y, cell.sum(axis=1) % 2)
    X, y = D.make_moons(500, noise=0.0, seed=2)
    upper = X[y == 0] + [0.5, 0.25]
    lower = X[y == 1] + [0.5, 0.25] - [1.0, 0.5]
    assert np.allclose(np.hypot(*upper.T), 1) and np.allclose(np.hypot(*lower.T), 1)


def test_linear_is_separable_without_noise():
    from sklearn.svm import LinearSVC

    X, y = D.make_linear(400, noise=0.0, seed=9)
    assert LinearSVC(C=1e4, max_iter=50_000).fit(X, y).score(X, y) == 1.0


def test_spirals_arms_are_opposite():
    X, y = D.make_spirals(400, noise=0.0, seed=0)
    r = np.hypot(*X.T)
    assert r.max() <= 1 + 1e-12
    # the second arm is the first turned by pi: its points mirrored through the origin lie on arm 0
    theta0 = np.mod(np.arctan2(X[y == 0, 1], X[y == 0, 0]) - r[y == 0] * 3.5 * np.pi, 2 * np.pi)
    theta1 = np.mod(np.arctan2(X[y == 1, 1], X[y == 1, 0]) - r[y == 1] * 3.5 * np.pi, 2 * np.pi)
    assert np.allclose(np.minimum(theta0, 2 * np.pi - theta0), 0, atol=1e-9)
    assert np.allclose(theta1, np.pi)


# ------------------------------------------------------------------ 1-D regression
@pytest.mark.parametrize("name", D.names("regression-1d"))
def test_regression_sets(name):
    X, y = D.load(name, n=150, noise=0.4, seed=1)
    assert X.shape == (150, 1) and y.shape == (150,) and y.dtype == np.float64
    assert X.min() >= -1 and X.max() <= 1
    X0, y0 = D.load(name, n=150, noise=0.0, seed=1)
    assert np.array_equal(X0, X)
    resid = y - y0
    assert 0.1 < resid.std() < 0.3          # noise sd = 0.5 * 0.4


def test_sine_is_the_sine():
    X, y = D.make_sine(100, noise=0.0, seed=0)
    assert np.allclose(y, np.sin(2 * np.pi * X[:, 0]))


# ------------------------------------------------------------------ tabular
@pytest.mark.parametrize("name", ["iris", "wine", "breast_cancer", "digits"])
def test_tabular_matches_scikit_learn_and_returns_copies(name):
    import sklearn.datasets as skd

    ref = getattr(skd, f"load_{name}")()
    X, y = D.load(name, n=400, noise=0.3, seed=1, classes=3)   # the app's common keys are ignored
    assert np.array_equal(X, ref.data) and np.array_equal(y, ref.target)
    X[:] = -1
    assert np.array_equal(D.load(name)[0], ref.data)


def test_adaboost_toy_loader():
    X, y = D.load("adaboost_toy")
    assert X.shape == (10, 2) and sorted(set(y.tolist())) == [-1, 1]


# ------------------------------------------------------------------ images
def _png(array: np.ndarray, mode="L", fmt="PNG") -> bytes:
    buf = io.BytesIO()
    Image.fromarray(array, mode=mode if array.ndim == 2 or mode != "L" else None).save(buf, fmt)
    return buf.getvalue()


def _left_half_dark(h=40, w=60):
    a = np.full((h, w), 255, np.uint8)
    a[:, : w // 2] = 0
    return a


def test_image_dark_pixels_are_class_one_and_coordinates_in_unit_square():
    X, y = U.load_image(_png(_left_half_dark()), n=None)
    assert len(y) == 40 * 60
    assert np.abs(X).max() <= 1
    assert np.array_equal(y == 1, X[:, 0] < 0)
    assert X[:, 0].max() - X[:, 0].min() > X[:, 1].max() - X[:, 1].min()   # aspect ratio kept


def test_image_top_is_positive_y():
    a = np.full((32, 32), 255, np.uint8)
    a[:8] = 0
    X, y = U.load_image(_png(a), n=None)
    assert (X[y == 1, 1] > 0.5).all()


def test_image_sampling_and_determinism():
    raw = _png(_left_half_dark(100, 100))
    X, y = U.load_image(raw, n=500, seed=3)
    assert X.shape == (500, 2) and 200 <= y.sum() <= 300
    X2, _ = U.load_image(raw, n=500, seed=3)
    X3, _ = U.load_image(raw, n=500, seed=4)
    assert np.array_equal(X, X2) and not np.array_equal(X, X3)


def test_image_small_class_survives_sampling():
    a = np.full((100, 100), 255, np.uint8)
    a[50, 50] = 0
    _, y = U.load_image(_png(a), n=20, seed=0)
    assert y.sum() == 1 and len(y) == 20


def test_image_transparency_counts_as_white_and_jpeg_and_path_work(tmp_path):
    rgba = np.zeros((30, 30, 4), np.uint8)          # fully transparent black ...
    rgba[10:20, 10:20] = (0, 0, 0, 255)              # ... except an opaque black square
    _, y = U.load_image(_png(rgba, mode="RGBA"), n=None)
    assert y.sum() == 100
    jpg = _png(np.stack([_left_half_dark()] * 3, axis=-1), mode="RGB", fmt="JPEG")
    _, yj = U.load_image(jpg, n=None)
    assert abs(yj.mean() - 0.5) < 0.05
    p = tmp_path / "shape.png"
    p.write_bytes(_png(_left_half_dark()))
    assert np.array_equal(U.load_image(p, n=50, seed=1)[0], U.load_image(p.read_bytes(), n=50, seed=1)[0])


def test_image_resolution_caps_the_grid():
    mask = U.image_mask(_png(_left_half_dark(400, 600)), resolution=64)
    assert mask.shape == (43, 64)


@pytest.mark.parametrize("name", D.names("image"))
def test_silhouette_sets(name):
    X, y = D.load(name, n=1000, seed=0)
    assert X.shape == (1000, 2) and set(y.tolist()) == {0, 1}
    assert 0.1 < y.mean() < 0.6


def _png_header_only(w, h):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")


@pytest.mark.parametrize("raw, words", [
    (b"", "empty"),
    (b"this is not a picture at all", "not a PNG or JPEG picture$"),  # no object reprs
    (_png(_left_half_dark())[:60], "cannot be decoded"),                       # truncated
    (_png(np.full((20, 20), 255, np.uint8)), "all one colour"),                # all white
    (_png(np.zeros((20, 20), np.uint8)), "all one colour"),                    # all black
    (_png_header_only(6_000, 6_000), "6000 x 6000 pixels; the limit is 25,000,000"),  # over our cap
    (_png_header_only(20_000, 20_000), "too large.*the limit is 25,000,000"),  # over Pillow's too
    (b"\x89PNG" + b"\x00" * (U.MAX_IMAGE_BYTES + 1), "limit is 5.0 MB"),       # too many bytes
])
def test_bad_images_raise_named_value_errors(raw, words):
    with pytest.raises(ValueError, match=words):
        U.load_image(raw)


def test_gif_is_refused_as_not_png_or_jpeg():
    buf = io.BytesIO()
    Image.fromarray(_left_half_dark()).save(buf, "GIF")
    with pytest.raises(ValueError, match="PNG or JPEG"):
        U.load_image(buf.getvalue())


def test_image_missing_file_and_wrong_type():
    with pytest.raises(ValueError, match="not found"):
        U.load_image("/nonexistent/picture.png")
    with pytest.raises(ValueError, match="bytes or a path"):
        U.load_image(12345)


# ------------------------------------------------------------------ CSV
GOOD = b"a,b,label\n1,2,cat\n3,4.5,dog\n-1,0,cat\n"


def test_csv_good_path():
    t = U.parse_csv(GOOD, label="label")
    assert t.X.tolist() == [[1, 2], [3, 4.5], [-1, 0]]
    assert t.y.tolist() == [0, 1, 0] and t.classes == ["cat", "dog"]
    assert t.feature_names == ["a", "b"] and t.label_name == "label"
    X, y = U.load_csv(GOOD)                        # default label = last column
    assert np.array_equal(X, t.X) and np.array_equal(y, t.y)


def test_csv_label_in_the_middle_semicolons_bom_and_numeric_label_order():
    raw = "\ufeffx;klass;z\n1;10;2\n2;2;3\n3;10;4\n".encode("utf-8")
    t = U.parse_csv(raw, label="klass")
    assert t.feature_names == ["x", "z"] and t.X.tolist() == [[1, 2], [2, 3], [3, 4]]
    assert t.classes == ["2", "10"] and t.y.tolist() == [1, 0, 1]


def test_csv_columns_helper():
    assert U.csv_columns(GOOD) == ["a", "b", "label"]


def test_csv_regression_task():
    t = U.parse_csv(b"x,y\n1,0.5\n2,1.5\n", task="regression")
    assert t.y.dtype == np.float64 and t.y.tolist() == [0.5, 1.5]


def _rows(n):
    return b"a,b\n" + b"".join(b"%d,%d\n" % (i, i % 2) for i in range(n))


@pytest.mark.parametrize("raw, label, words", [
    (b"", None, "empty"),
    (b"   \n\n", None, "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, "binary data"),
    ("a,b\n1,é\n".encode("latin-1"), None, "not UTF-8"),
    (b"just one column\n1\n2\n", None, "at least 2 columns"),
    (b"a,b,label\n", None, "no data rows"),
    (b"a,b,label\n1,x,cat\n2,3,dog\n", None, "column 'b' is not numeric .line 2: 'x'"),
    (b"a,b,label\n1,,cat\n2,3,dog\n", None, "missing value .NaN/empty. in column 'b' at line 2"),
    (b"a,b,label\n1,NaN,cat\n2,3,dog\n", None, "missing value .NaN/empty. in column 'b' at line 2"),
    (b"a,b,label\n1,inf,cat\n2,3,dog\n", None, "infinite value in column 'b' at line 2"),
    (b"a,b,label\n1,2,cat\n2,3,dog\n", "target", "label column 'target' not found; the columns are: a, b, label"),
    (b"a,b,label\n1,2,cat\n2,3,cat\n", None, "only one class .'cat'."),
    (b"a,b,label\n1,2,cat\n2,3\n", None, "line 3 has 2"),
    (b"a,a,label\n1,2,cat\n2,3,dog\n", None, "duplicate column name.*: a"),
    (b"a,,label\n1,2,cat\n2,3,dog\n", None, "column.*2 have no name"),
    (b"a,b,label\n1,2,cat\n2,3,\n", None, "missing label in column 'label' at line 3"),
    (b'a,b,label\n1,2,"cat\n', None, "not a valid CSV"),
    (_rows(U.MAX_CSV_ROWS + 1), None, "too many rows: 20,001 data rows; the limit is 20,000"),
    (b"a,b\n" + b"1,2\n" * 10 + b"x" * U.MAX_CSV_BYTES, None, "limit is 5.0 MB"),
    (b",".join(b"c%d" % i for i in range(U.MAX_CSV_COLUMNS + 1)) + b"\n"
     + b",".join(b"1" for _ in range(U.MAX_CSV_COLUMNS + 1)) + b"\n", None,
     "101 columns; the limit is 100"),
    (b"a,y\n" + b"".join(b"%d,%d.5\n" % (i, i) for i in range(200)), None,
     "200 distinct values; at most 50 classes"),
])
def test_bad_csv_raises_a_named_value_error(raw, label, words):
    with pytest.raises(ValueError, match=words):
        U.parse_csv(raw, label=label)


def test_csv_reports_every_problem_at_once():
    raw = b"a,b,c,label\n1,x,2,cat\n2,3,,cat\n"
    with pytest.raises(ValueError) as info:
        U.parse_csv(raw)
    msg = str(info.value)
    assert "column 'b' is not numeric" in msg
    assert "missing value (NaN/empty) in column 'c' at line 3" in msg
    assert "only one class" in msg


@pytest.mark.parametrize("header, expected", [
    ("a,b,target", "target"), ("Class,a,b", "Class"), ("a,y,b", "y"), ("a,kind,b", "kind"),
    ("a,b,c", "c"),
])
def test_csv_default_label_is_the_one_a_user_means(header, expected):
    kinds = {"kind": ["x", "y", "x"]}
    cols = header.split(",")
    rows = [",".join(kinds.get(c, ["1", "2", "3"])[i] if c != expected or c == "kind" else
                     ["0", "1", "0"][i] for c in cols) for i in range(3)]
    t = U.parse_csv((header + "\n" + "\n".join(rows) + "\n").encode(), lenient=True)
    assert t.label_name == expected


def test_lenient_csv_leaves_out_text_and_ids_and_drops_gaps_with_counts():
    raw = (b"id,name,a,b,label\n1,x,0.5,1,cat\n2,y,,2,dog\n3,z,1.5,inf,cat\n4,w,2,3,dog\n"
           b"5,v,2.5,4,cat\n")
    t = U.parse_csv(raw, lenient=True)
    assert t.feature_names == ["a", "b"] and t.label_name == "label"
    assert t.X.tolist() == [[0.5, 1], [2, 3], [2.5, 4]]  # rows with a gap or infinity dropped
    assert t.y.tolist() == [0, 1, 0]
    said = " ".join(t.notes)
    assert "'id'" in said and "'name'" in said and "2 row(s)" in said
    with pytest.raises(ValueError, match="not numeric"):  # strict: a text column is an error
        U.parse_csv(raw, label="label")


def test_csv_features_choose_the_columns():
    t = U.parse_csv(b"p,q,r,label\n1,2,3,a\n4,5,6,b\n", features=["r", "p"])
    assert t.feature_names == ["r", "p"] and t.X.tolist() == [[3, 1], [6, 4]]
    with pytest.raises(ValueError, match="'s' not found"):
        U.parse_csv(b"p,q,r,label\n1,2,3,a\n4,5,6,b\n", features=["s"])


def test_csv_upload_is_never_unpickled(tmp_path):
    marker = tmp_path / "pwned"

    class Exploit:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    for protocol in (0, 2, 5):
        with pytest.raises(ValueError):
            U.parse_csv(pickle.dumps(Exploit(), protocol=protocol))
    assert not marker.exists()


def test_csv_wrong_task_and_type():
    with pytest.raises(ValueError, match="task"):
        U.parse_csv(GOOD, task="clustering")
    with pytest.raises(ValueError, match="bytes or a path"):
        U.parse_csv(3.14)


# ------------------------------------------------------------------ split
def test_stratified_split_proportions_disjoint_and_deterministic():
    X = np.arange(300, dtype=float).reshape(-1, 1)
    y = np.r_[np.zeros(200, int), np.ones(80, int), np.full(20, 2)]
    Xtr, Xte, ytr, yte = D.train_test_split(X, y, test_fraction=0.25, seed=4)
    assert np.bincount(yte).tolist() == [50, 20, 5]
    assert np.bincount(ytr).tolist() == [150, 60, 15]
    assert sorted(np.r_[Xtr[:, 0], Xte[:, 0]].tolist()) == X[:, 0].tolist()
    assert np.array_equal(X[Xte[:, 0].astype(int), 0], Xte[:, 0])       # rows stay with labels
    assert np.array_equal(y[Xte[:, 0].astype(int)], yte)
    again = D.train_test_split(X, y, test_fraction=0.25, seed=4)
    other = D.train_test_split(X, y, test_fraction=0.25, seed=5)
    assert np.array_equal(again[1], Xte) and not np.array_equal(other[1], Xte)


def test_stratified_split_keeps_a_training_example_of_every_class():
    X = np.zeros((11, 1))
    y = np.r_[np.zeros(10, int), [1]]
    _, _, ytr, _ = D.train_test_split(X, y, test_fraction=0.5, seed=0)
    assert 1 in ytr


def test_regression_split_is_plain():
    X, y = D.make_sine(100, seed=0)
    Xtr, Xte, ytr, yte = D.train_test_split(X, y, test_fraction=0.3, seed=0)
    assert len(yte) == 30 and len(ytr) == 70


@pytest.mark.parametrize("frac", [0, 1, -0.2, 1.5, "0.3", None])
def test_split_bad_fraction(frac):
    with pytest.raises(ValueError, match="test_fraction"):
        D.train_test_split(np.zeros((10, 1)), np.arange(10) % 2, test_fraction=frac)


def test_split_length_mismatch():
    with pytest.raises(ValueError, match="X has 5 rows but y has 4"):
        D.train_test_split(np.zeros((5, 1)), np.zeros(4))


# ------------------------------------------------------------------ registry
@pytest.mark.parametrize("name", list(D.REGISTRY))
def test_registry_specs_are_consistent(name):
    s = D.spec(name)
    assert s.kind in D.KINDS and s.title
    for p in s.params:
        assert p.check(p.default) == p.default, f"{name}.{p.name} default outside its bounds"
    X, y = D.load(name)
    assert len(X) == len(y) > 0


@pytest.mark.parametrize("params, words", [
    ({"n": 3}, r"n = 3 is out of range \[10, 2000\]"),
    ({"n": 2.5}, "n = 2.5 is not an integer"),
    ({"noise": "lots"}, "noise = 'lots' is not a number"),
    ({"noise": float("nan")}, "noise = nan is out of range"),
    ({"colour": 1}, "moons has no parameter 'colour'"),
])
def test_check_params_names_the_bad_value(params, words):
    with pytest.raises(ValueError, match=words):
        D.load("moons", **params)


def test_coerce_params_restores_defaults_for_garbage():
    params, messages = D.coerce_params("blobs", {"n": "abc", "classes": "9", "noise": "0.4"})
    assert params["n"] == 400 and params["classes"] == 3 and params["noise"] == 0.4
    assert len(messages) == 2 and "n = 'abc'" in messages[0] and "default" in messages[0]


def test_unknown_names_and_kinds():
    with pytest.raises(ValueError, match="unknown data set 'nope'"):
        D.load("nope")
    with pytest.raises(ValueError, match="unknown kind"):
        D.names("3d")
    with pytest.raises(ValueError, match="unknown silhouette"):
        D.silhouette_path("dragon")


def test_module_does_not_import_streamlit():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(D))
    imported = {a.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, (ast.Import, ast.ImportFrom))
                for a in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")])}
    assert not imported & {"streamlit", "plotly"}
