"""Which data a page fits on (:class:`DataKey`), loaded once per key and split into train / test.

A key names a data set of :mod:`playground.datasets` and carries only the parameters that set
takes (two moons have no ``factor``; a silhouette has no ``noise``), so changing a setting a set
ignores never refits. Uploads travel as their raw bytes (never executed or unpickled); a drawn set
as its point list (:mod:`playground.drawn`), split by its own test marks or by ``test`` and
``seed``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np
import streamlit as st

from playground import datasets, drawn, uploads

TTL = 3600
TRAIN_ONLY = ("adaboost_toy",)  # the lecture's 10 points: every one is a training example
UPLOADS = ("upload_image", "csv")  # data from a file the user uploaded


@dataclass(frozen=True)
class DataKey:
    name: str
    params: tuple = ()  # ((parameter, value), ...): the set's own, sorted; n, noise, seed included
    test: float = 0.3  # test fraction
    seed: int = 0  # seed of the split (the data's own seed is in params when it has one)
    upload: bytes | None = None  # raw bytes of an uploaded picture / CSV
    label: str | None = None  # the CSV's label column
    features: tuple | None = None  # the CSV's feature columns (None: every numeric one)

    @classmethod
    def of(cls, name: str, values: Mapping[str, Any] | None = None, *, upload: bytes | None = None,
           label: str | None = None, features: tuple | None = None, **given) -> "DataKey":
        """The key of data set ``name``: its parameters picked from ``values`` (a page's settings)
        and ``given`` (which win), the rest at the set's defaults. ``test`` and ``seed`` also
        come from there."""
        src = dict(values or {}) | given
        seed = int(src.get("seed", 0))
        test = float(src.get("test", 0.3))
        if name == drawn.NAME:
            return cls(name, (("pts", str(src.get("pts", ""))),), test, seed)
        if name in UPLOADS:
            own = {"n": int(src["n"])} if name == "upload_image" and "n" in src else {}
            own |= {k: src[k] for k in ("resolution", "threshold") if k in src
                    and name == "upload_image"}
            return cls(name, tuple(sorted(own.items())), test, seed, upload, label,
                       tuple(features) if features else None)
        spec = datasets.spec(name)
        own = {p.name: src.get(p.name, p.default) for p in spec.params}
        return cls(name, tuple(sorted(own.items())), test, seed)

    def param(self, name: str, default=None):
        return dict(self.params).get(name, default)


def _load(key: DataKey):
    params = dict(key.params)
    if key.name == drawn.NAME:
        d = drawn.decode(params["pts"])
        return d.X, d.cls.astype(np.int64)
    if key.name == "upload_image":
        if key.upload is None:
            raise ValueError("no picture was uploaded (after a restart of the server, or in a "
                             "shared link, the file has to be uploaded again)")
        return uploads.load_image(key.upload, n=params.get("n", 2000), seed=key.seed,
                                   resolution=params.get("resolution", 128),
                                   threshold=params.get("threshold", 128))
    if key.name == "csv":
        if key.upload is None:
            raise ValueError("no CSV file was uploaded")
        table = uploads.parse_csv(key.upload, key.label, lenient=True,
                                  features=list(key.features) if key.features else None)
        return table.X, table.y
    return datasets.load(key.name, **params)


@st.cache_data(max_entries=32, ttl=TTL, show_spinner=False)
def dataset(key: DataKey) -> dict:
    """Train/test split of a data set: X_tr, X_te, y_tr, y_te, classes, n_features (and, for a
    drawn set, ``split``: how its test points were chosen, see :func:`playground.drawn.split`)."""
    if key.name == drawn.NAME:
        d = drawn.decode(key.param("pts"))
        *parts, how = drawn.split(d, key.test, key.seed)
        return dict(zip(("X_tr", "X_te", "y_tr", "y_te"), parts), split=how,
                    classes=np.unique(d.cls).astype(np.int64), n_features=2)
    X, y = _load(key)
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if key.name in TRAIN_ONLY:
        X_tr, X_te, y_tr, y_te = X, X[:0], y, y[:0]
    else:
        X_tr, X_te, y_tr, y_te = datasets.train_test_split(X, y, test_fraction=key.test,
                                                           seed=key.seed)
    return {"X_tr": X_tr, "X_te": X_te, "y_tr": y_tr, "y_te": y_te,
            "classes": np.unique(y), "n_features": X.shape[1]}


@dataclass
class Grid:
    xs: np.ndarray  # (res,) float64 axis values (plots send them as float32)
    ys: np.ndarray
    points: np.ndarray  # (res*res, 2) float64, row-major over (y, x)

    @property
    def shape(self):
        return (len(self.ys), len(self.xs))


def grid_for(X: np.ndarray, res: int) -> Grid:
    lo, hi = X.min(0), X.max(0)
    pad = 0.08 * (hi - lo) + 1e-9
    xs = np.linspace(lo[0] - pad[0], hi[0] + pad[0], res)
    ys = np.linspace(lo[1] - pad[1], hi[1] + pad[1], res)
    gx, gy = np.meshgrid(xs, ys)
    return Grid(xs, ys, np.c_[gx.ravel(), gy.ravel()])


def encoded(classes: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Labels as indices into ``classes``."""
    return np.searchsorted(classes, y)
