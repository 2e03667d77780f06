"""Adapter between the pages and ``playground.datasets`` (written by another engineer).

The pages only call :func:`names`, :func:`load`, :func:`split`, :func:`from_csv` and
:func:`from_image`. When ``playground.datasets`` provides a piece, it is used; until then a minimal
local stand-in keeps the app running (the 2-D generators below), and the report lists what is
still missing.
"""

from __future__ import annotations

import numpy as np

from playground import limits

try:  # the real data module, once it exists
    from playground import datasets as _ds  # type: ignore[attr-defined]
except Exception:  # pragma: no cover - depends on the other engineer's progress
    _ds = None

_2D = ("moons", "circles", "spirals", "xor", "blobs", "checkerboard", "linear")
_1D = ("sine", "steps", "noisy")
_TAB = ("iris", "wine", "breast_cancer", "digits")


def names(kind: str) -> list[str]:
    """Data-set keys of one kind: "2d" (classification in the plane, image silhouettes included),
    "1d" (regression), "tabular"."""
    if _ds is not None:
        if kind == "2d":
            return list(_ds.names("2d")) + list(_ds.names("image"))
        return list(_ds.names(kind))
    return list({"2d": _2D, "1d": _1D, "tabular": _TAB}[kind])


def image_names() -> list[str]:
    """The silhouettes drawn for the lecture's image experiment (plus the upload choice)."""
    return (list(_ds.names("image")) if _ds is not None else []) + ["upload_image"]


def kind_of(name: str) -> str:
    for kind in ("2d", "1d", "tabular"):
        if name in names(kind):
            return kind
    raise ValueError(f"unknown data set {name!r}")


def load(name: str, n: int, noise: float, seed: int, classes: int = 3):
    """(X, y) of a built-in data set; X float64 (n, d), y int (classification) or float (1-D).

    ``n`` is clipped to the per-session cap ``limits.MAX_POINTS`` (the settings already are)."""
    n = limits.cap("MAX_POINTS", n)
    if _ds is not None:
        return _ds.load(name, n=n, noise=noise, seed=seed, classes=classes)
    rng = np.random.default_rng(seed)
    if name in _TAB:
        return _tabular(name)
    if name in _1D:
        return _one_d(name, n, noise, rng)
    return _two_d(name, n, noise, classes, rng)


def split(X, y, test: float, seed: int):
    """Stratified train/test split -> X_tr, X_te, y_tr, y_te."""
    if _ds is not None:
        return _ds.train_test_split(X, y, test_fraction=test, seed=seed)
    rng = np.random.default_rng(seed + 1)
    idx = rng.permutation(len(y))
    n_test = max(1, int(round(test * len(y))))
    te, tr_ = idx[:n_test], idx[n_test:]
    return X[tr_], X[te], y[tr_], y[te]


def csv_columns(raw: bytes) -> list[str]:
    """Header of an uploaded CSV (ValueError with the reason if it is not one)."""
    limits.check_upload_size(len(raw), "CSV file")
    if _ds is not None:
        return list(_ds.csv_columns(raw))
    try:
        return raw.decode("utf-8").splitlines()[0].split(",")
    except (UnicodeDecodeError, IndexError):
        raise ValueError("this is not a CSV file: it is not UTF-8 text") from None


def from_csv(raw: bytes, label: str | None):
    """Parse an uploaded CSV (never executed): numeric feature columns + a label column.

    Refused, with the cap in the message: a file over ``limits.MAX_UPLOAD_BYTES``, more than
    ``limits.MAX_CSV_ROWS`` data rows or ``limits.MAX_CSV_COLUMNS`` columns."""
    limits.check_upload_size(len(raw), "CSV file")
    if _ds is not None:
        return _ds.load_csv(raw, label=label, max_bytes=limits.MAX_UPLOAD_BYTES,
                            max_rows=limits.MAX_CSV_ROWS, max_columns=limits.MAX_CSV_COLUMNS)
    import csv
    import io
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("the file is not UTF-8 text") from None
    rows = list(csv.reader(io.StringIO(text)))
    if len(rows) < 3:
        raise ValueError("the CSV needs a header row and at least two data rows")
    header, body = rows[0], rows[1:]
    if len(body) > limits.MAX_CSV_ROWS:
        raise ValueError(f"too many rows: {len(body):,} data rows; the limit is "
                         f"{limits.MAX_CSV_ROWS:,}")
    if len(header) > limits.MAX_CSV_COLUMNS:
        raise ValueError(f"{len(header)} columns; the limit is {limits.MAX_CSV_COLUMNS}")
    if any(len(r) != len(header) for r in body):
        raise ValueError("rows have different numbers of columns")
    label = label if label in header else header[-1]
    j = header.index(label)
    try:
        X = np.array([[float(v) for i, v in enumerate(r) if i != j] for r in body])
    except ValueError:
        raise ValueError("a feature column is not numeric") from None
    if not np.isfinite(X).all():
        raise ValueError("the data contain NaN or infinite values")
    classes, y = np.unique([r[j] for r in body], return_inverse=True)
    if len(classes) < 2:
        raise ValueError("the label column has only one class")
    return X, y


def from_image(raw: bytes, n: int, seed: int):
    """Points sampled from an uploaded picture: dark pixels are class 1 (at most
    ``limits.MAX_POINTS`` points from a file of at most ``limits.MAX_UPLOAD_BYTES``)."""
    limits.check_upload_size(len(raw), "image file")
    n = limits.cap("MAX_POINTS", n)
    if _ds is not None:
        return _ds.load_image(raw, n=n, seed=seed)
    raise ValueError("image upload is not available yet")


# ---- minimal stand-ins for the 2-D / 1-D / tabular generators --------------------------------

def _two_d(name, n, noise, classes, rng):
    if name == "moons":
        m = n // 2
        a = rng.uniform(0, np.pi, m)
        b = rng.uniform(0, np.pi, n - m)
        X = np.r_[np.c_[np.cos(a), np.sin(a)], np.c_[1 - np.cos(b), 0.5 - np.sin(b)]]
        y = np.r_[np.zeros(m, int), np.ones(n - m, int)]
        X = X + rng.normal(0, noise, X.shape)
    elif name == "circles":
        y = rng.integers(0, 2, n)
        r = np.where(y == 1, 0.5, 1.0) + rng.normal(0, noise * 0.3, n)
        a = rng.uniform(0, 2 * np.pi, n)
        X = np.c_[r * np.cos(a), r * np.sin(a)]
    elif name == "spirals":
        y = rng.integers(0, 2, n)
        t = rng.uniform(0.25, 1, n) * 3 * np.pi
        X = np.c_[t * np.cos(t + np.pi * y), t * np.sin(t + np.pi * y)] / (3 * np.pi)
        X = X + rng.normal(0, noise * 0.1, X.shape)
    elif name == "xor":
        X = rng.uniform(-1, 1, (n, 2))
        y = ((X[:, 0] > 0) ^ (X[:, 1] > 0)).astype(int)
        X = X + rng.normal(0, noise * 0.2, X.shape)
    elif name == "blobs":
        centers = np.c_[np.cos(2 * np.pi * np.arange(classes) / classes),
                        np.sin(2 * np.pi * np.arange(classes) / classes)]
        y = rng.integers(0, classes, n)
        X = centers[y] + rng.normal(0, 0.2 + noise * 0.5, (n, 2))
    elif name == "checkerboard":
        X = rng.uniform(-1, 1, (n, 2))
        y = ((np.floor(X[:, 0] * 2) + np.floor(X[:, 1] * 2)) % 2).astype(int)
        X = X + rng.normal(0, noise * 0.1, X.shape)
    elif name == "linear":
        X = rng.uniform(-1, 1, (n, 2))
        y = (X[:, 0] + 0.5 * X[:, 1] + rng.normal(0, noise * 0.3, n) > 0).astype(int)
    else:
        raise ValueError(f"unknown data set {name!r}")
    return X.astype(float), y


def _one_d(name, n, noise, rng):
    x = np.sort(rng.uniform(0, 1, n))
    if name == "sine":
        f = np.sin(2 * np.pi * x)
    elif name == "steps":
        f = np.floor(x * 4) / 2 - 0.75
    else:
        f = 2 * x - 1
    return x[:, None], f + rng.normal(0, noise * 0.5, n)


def _tabular(name):
    from sklearn import datasets as skd  # bundled files only, nothing downloaded
    loader = {"iris": skd.load_iris, "wine": skd.load_wine,
              "breast_cancer": skd.load_breast_cancer, "digits": skd.load_digits}[name]
    bunch = loader()
    return bunch.data.astype(float), bunch.target.astype(int)
