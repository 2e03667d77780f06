r"""Every data set the playground can show, as plain numpy arrays (no streamlit here).

* 2-D classification generators (moons, circles, spirals, XOR, blobs, checkerboard, linearly
  separable): ``n`` points, ``noise`` in [0, 1] (0 = clean; each set scales it to its own size),
  ``seed``; classes are balanced (sizes differ by at most one) and labels are ``0 .. k-1``.
* the image function of docs/lecture.md §2: a picture -> points (x, y) in [-1, 1]^2 labelled 1 where
  the pixel is dark (our own silhouettes in ``assets/silhouettes`` or an uploaded PNG/JPEG);
* 1-D regression sets (sine, steps, noisy linear, noisy |x|) for gradient boosting;
* scikit-learn's bundled tabular sets (iris, wine, breast cancer, digits: files shipped with
  scikit-learn, nothing is downloaded);
* the AdaBoost toy example of docs/lecture.md §3 (``assets/adaboost_toy.csv``);
* uploads (a picture, a CSV): :mod:`playground.uploads`.

:data:`REGISTRY` describes each set (name, kind, parameters with defaults and bounds) so the app
can build its controls from it; :func:`load` makes one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping

import numpy as np

from playground import limits
from playground.uploads import image_mask, mask_to_points, parse_csv

ASSETS = Path(__file__).resolve().parent.parent / "assets"
SILHOUETTE_DIR = ASSETS / "silhouettes"

KINDS = ("classification-2d", "image", "regression-1d", "tabular", "toy")
_KIND_ALIASES = {"2d": "classification-2d", "1d": "regression-1d"}


# =========================================================================== 2-D classification
def _split_counts(n: int, k: int) -> np.ndarray:
    """n points over k classes, sizes differing by at most one."""
    return np.full(k, n // k) + (np.arange(k) < n % k)


def _labels(counts: np.ndarray) -> np.ndarray:
    return np.repeat(np.arange(len(counts)), counts)


def make_moons(n: int = 400, noise: float = 0.25, seed: int = 0):
    """Two interleaving half circles (radius 1), centred on the origin; jitter sd = 0.5 noise."""
    rng = np.random.default_rng(seed)
    y = _labels(_split_counts(n, 2))
    a = rng.uniform(0.0, np.pi, n)
    X = np.where((y == 0)[:, None],
                 np.c_[np.cos(a), np.sin(a)],
                 np.c_[1.0 - np.cos(a), 0.5 - np.sin(a)])
    X = X - [0.5, 0.25] + rng.normal(0.0, 0.5 * noise, (n, 2))
    return X, y


def make_circles(n: int = 400, noise: float = 0.25, seed: int = 0, factor: float = 0.5):
    """Class 0 on the unit circle, class 1 on a circle of radius ``factor``; radial sd = 0.25 noise."""
    rng = np.random.default_rng(seed)
    y = _labels(_split_counts(n, 2))
    a = rng.uniform(0.0, 2 * np.pi, n)
    r = np.where(y == 0, 1.0, factor)
    X = r[:, None] * np.c_[np.cos(a), np.sin(a)] + rng.normal(0.0, 0.25 * noise, (n, 2))
    return X, y


def make_spirals(n: int = 400, noise: float = 0.25, seed: int = 0):
    r"""Two arms :math:`r = \theta / \theta_{max}`, the second turned by :math:`\pi`; sd = 0.15 noise."""
    rng = np.random.default_rng(seed)
    y = _labels(_split_counts(n, 2))
    theta_max = 3.5 * np.pi
    theta = np.sqrt(rng.uniform(0.02, 1.0, n)) * theta_max   # sqrt: even density along the arm
    r = theta / theta_max
    phase = np.pi * y
    X = r[:, None] * np.c_[np.cos(theta + phase), np.sin(theta + phase)]
    return X + rng.normal(0.0, 0.15 * noise, (n, 2)), y


def make_xor(n: int = 400, noise: float = 0.25, seed: int = 0):
    """Uniform in [-1, 1]^2, class 1 where x1 * x2 < 0 (labels from the clean point); sd = 0.3 noise."""
    rng = np.random.default_rng(seed)
    y = _labels(_split_counts(n, 2))
    mag = rng.uniform(0.0, 1.0, (n, 2))
    s1 = rng.choice([-1.0, 1.0], n)
    s2 = np.where(y == 1, -s1, s1)       # class 1: opposite signs
    X = np.c_[s1 * mag[:, 0], s2 * mag[:, 1]]
    return X + rng.normal(0.0, 0.3 * noise, (n, 2)), y


def make_blobs(n: int = 400, noise: float = 0.25, seed: int = 0, classes: int = 3):
    """``classes`` Gaussian blobs centred on the unit circle; sd = 0.15 + 0.45 noise."""
    if not 2 <= int(classes) <= 5:
        raise ValueError(f"blobs needs 2 to 5 classes, got {classes}")
    rng = np.random.default_rng(seed)
    k = int(classes)
    y = _labels(_split_counts(n, k))
    angle = 2 * np.pi * np.arange(k) / k + np.pi / 2
    centers = np.c_[np.cos(angle), np.sin(angle)]
    return centers[y] + rng.normal(0.0, 0.15 + 0.45 * noise, (n, 2)), y


def make_checkerboard(n: int = 400, noise: float = 0.25, seed: int = 0, cells: int = 4):
    """``cells`` x ``cells`` board on [-1, 1]^2, cell colour = class; sd = 0.1 noise."""
    rng = np.random.default_rng(seed)
    y = _labels(_split_counts(n, 2))
    # choose a random cell of the right colour, then a uniform point inside it
    i = rng.integers(0, cells, n)
    j = rng.integers(0, cells, n)
    j = np.where((i + j) % 2 == y, j, (j + 1) % cells)
    w = 2.0 / cells
    X = np.c_[-1 + w * (i + rng.uniform(0, 1, n)), -1 + w * (j + rng.uniform(0, 1, n))]
    return X + rng.normal(0.0, 0.1 * noise, (n, 2)), y


def make_linear(n: int = 400, noise: float = 0.25, seed: int = 0, margin: float = 0.1):
    """Two classes on either side of a random line through the origin with a clear ``margin``
    (separable when noise = 0); sd = 0.3 noise."""
    rng = np.random.default_rng(seed)
    y = _labels(_split_counts(n, 2))
    phi = rng.uniform(0.0, np.pi)
    normal = np.array([np.cos(phi), np.sin(phi)])
    along = np.array([-normal[1], normal[0]])
    side = np.where(y == 1, 1.0, -1.0)
    dist = margin + rng.uniform(0.0, 1.0 - margin, n)
    t = rng.uniform(-1.0, 1.0, n)
    X = (side * dist)[:, None] * normal + t[:, None] * along
    return X + rng.normal(0.0, 0.3 * noise, (n, 2)), y


# =========================================================================== 1-D regression
def _regression(f: Callable[[np.ndarray], np.ndarray], n: int, noise: float, seed: int):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.0, 1.0, n)
    return x[:, None], f(x) + rng.normal(0.0, 0.5 * noise, n)


def make_sine(n: int = 200, noise: float = 0.2, seed: int = 0):
    r""":math:`y = \sin(2\pi x) + \mathcal N(0, (0.5\,noise)^2)`, x uniform in [-1, 1]."""
    return _regression(lambda x: np.sin(2 * np.pi * x), n, noise, seed)


def make_steps(n: int = 200, noise: float = 0.2, seed: int = 0):
    """A staircase with jumps at -0.5, 0, 0.5 (what stumps fit exactly) plus noise."""
    levels = np.array([-0.8, 0.4, -0.3, 0.9])
    return _regression(lambda x: levels[np.clip(((x + 1) * 2).astype(int), 0, 3)], n, noise, seed)


def make_noisy_linear(n: int = 200, noise: float = 0.2, seed: int = 0):
    """:math:`y = 0.8 x` plus noise."""
    return _regression(lambda x: 0.8 * x, n, noise, seed)


def make_noisy_abs(n: int = 200, noise: float = 0.2, seed: int = 0):
    """:math:`y = 1.6 |x| - 0.8` plus noise (a kink in the middle)."""
    return _regression(lambda x: 1.6 * np.abs(x) - 0.8, n, noise, seed)


# =========================================================================== tabular (bundled)
_TABULAR = {"iris": "load_iris", "wine": "load_wine",
            "breast_cancer": "load_breast_cancer", "digits": "load_digits"}


@lru_cache(maxsize=len(_TABULAR))
def _bunch(name: str):
    from sklearn import datasets as skd      # bundled CSV files only: no network access
    b = getattr(skd, _TABULAR[name])()
    return (b.data.astype(np.float64), b.target.astype(np.int64),
            tuple(str(f) for f in b.feature_names), tuple(str(t) for t in b.target_names))


def load_tabular(name: str):
    """(X, y, feature_names, target_names) of a scikit-learn bundled set (fresh copies)."""
    if name not in _TABULAR:
        raise ValueError(f"unknown tabular data set {name!r}; choose one of {', '.join(_TABULAR)}")
    X, y, f, t = _bunch(name)
    return X.copy(), y.copy(), f, t


# =========================================================================== the AdaBoost toy set
def adaboost_toy_rounds() -> list[dict]:
    """The lecture's own table for the toy set (t, epsilon, d, alpha), from
    ``assets/adaboost_toy.json``."""
    import json
    with open(ASSETS / "adaboost_toy.json", encoding="utf-8") as fh:
        return json.load(fh)["rounds"]


def load_adaboost_toy():
    """The 10 points of docs/lecture.md §3: X (10, 2), y in {-1, +1} (see assets/adaboost_toy.json)."""
    table = parse_csv((ASSETS / "adaboost_toy.csv").read_bytes(), label="y")
    return table.X, np.asarray(table.classes, dtype=float)[table.y].astype(np.int64)


def silhouette_names() -> list[str]:
    return sorted(p.stem for p in SILHOUETTE_DIR.glob("*.png"))


def silhouette_path(name: str) -> Path:
    if name not in silhouette_names():
        raise ValueError(f"unknown silhouette {name!r}; choose one of {', '.join(silhouette_names())}")
    return SILHOUETTE_DIR / f"{name}.png"


# =========================================================================== train / test split
def train_test_split(X, y, test_fraction: float = 0.3, seed: int = 0, stratify: bool | None = None):
    """Shuffle and split -> (X_train, X_test, y_train, y_test).

    Stratified (each class split in the same proportion, every class keeps a training example)
    when ``stratify`` is True, or when None and ``y`` holds class labels (integers or strings)."""
    X = np.asarray(X)
    y = np.asarray(y)
    n = len(y)
    if len(X) != n:
        raise ValueError(f"X has {len(X)} rows but y has {n}")
    if not (isinstance(test_fraction, (int, float)) and 0.0 < test_fraction < 1.0):
        raise ValueError(f"test_fraction must be between 0 and 1 (exclusive), got {test_fraction!r}")
    if n < 2:
        raise ValueError(f"need at least 2 examples to split, got {n}")
    if stratify is None:
        stratify = y.dtype.kind in "iubUSO"
    rng = np.random.default_rng(seed)
    if stratify:
        test_parts, train_parts = [], []
        for c in np.unique(y):
            idx = rng.permutation(np.flatnonzero(y == c))
            k = min(int(math.floor(test_fraction * len(idx) + 0.5)), len(idx) - 1)
            test_parts.append(idx[:k])
            train_parts.append(idx[k:])
        test, train = np.concatenate(test_parts), np.concatenate(train_parts)
    else:
        idx = rng.permutation(n)
        k = min(max(1, int(math.floor(test_fraction * n + 0.5))), n - 1)
        test, train = idx[:k], idx[k:]
    if len(test) == 0:
        raise ValueError(f"test_fraction {test_fraction} leaves no test example out of {n}")
    test, train = rng.permutation(test), rng.permutation(train)
    return X[train], X[test], y[train], y[test]


# =========================================================================== registry
@dataclass(frozen=True)
class Param:
    """One control of a data set: kind "int" | "float" | "choice", default and bounds."""

    name: str
    default: Any
    kind: str
    low: float | None = None
    high: float | None = None
    step: float | None = None
    options: tuple = ()
    help: str = ""

    def check(self, value) -> Any:
        """The value converted to this parameter's type; ValueError naming it if out of range."""
        if self.kind == "choice":
            if value not in self.options:
                raise ValueError(f"{self.name} = {value!r} is not one of {', '.join(map(str, self.options))}")
            return value
        try:
            if isinstance(value, bool):
                raise TypeError
            v = float(value)
            if self.kind == "int":
                if not v.is_integer():
                    raise TypeError
                v = int(v)
        except (TypeError, ValueError):
            raise ValueError(f"{self.name} = {value!r} is not a{'n integer' if self.kind == 'int' else ' number'}") from None
        if not math.isfinite(v) or v < self.low or v > self.high:
            raise ValueError(f"{self.name} = {value!r} is out of range [{self.low:g}, {self.high:g}]")
        return v


@dataclass(frozen=True)
class DatasetSpec:
    name: str
    kind: str
    title: str
    params: tuple[Param, ...]
    make: Callable[..., tuple[np.ndarray, np.ndarray]] = field(repr=False)
    description: str = ""

    def defaults(self) -> dict:
        return {p.name: p.default for p in self.params}


# Sizes are bounded by the hosted demo's per-session cap (one check, here, for every caller).
_N2 = Param("n", 400, "int", 10, limits.MAX_POINTS, 10, help="number of points")
_NOISE = Param("noise", 0.25, "float", 0.0, 1.0, 0.05, help="0 = clean, 1 = very noisy")
_SEED = Param("seed", 0, "int", 0, 2**32 - 1, 1, help="random seed")
_N1 = Param("n", 200, "int", 10, limits.MAX_POINTS, 10, help="number of points")
_NOISE1 = Param("noise", 0.2, "float", 0.0, 1.0, 0.05, help="noise sd = 0.5 x this")
_NIMG = Param("n", 2000, "int", 10, limits.MAX_IMAGE_POINTS, 10,
              help="pixels sampled as points (all of them if fewer)")
_RES = Param("resolution", 160, "int", 16, 256, 8, help="longer image side in pixels")
_THR = Param("threshold", 128, "int", 1, 255, 1, help="grey level below which a pixel is dark")


@lru_cache(maxsize=32)
def silhouette_mask(name: str, resolution: int = _RES.default,
                    threshold: int = _THR.default) -> np.ndarray:
    """The (cached, read-only) mask of one of our silhouettes."""
    mask = image_mask(silhouette_path(name), resolution, threshold)
    mask.flags.writeable = False
    return mask


def pixel_index(X, shape: tuple[int, int]) -> np.ndarray:
    """Row-major index into a picture of ``shape`` of each point of its image function: the
    inverse of :func:`playground.uploads.mask_to_points` (pixel centres, longer side on [-1, 1],
    y up)."""
    h, w = shape
    s = max(h, w)
    X = np.asarray(X, dtype=np.float64)
    cols = np.rint((X[:, 0] * s + w) / 2 - 0.5).astype(np.int64)
    rows = np.rint((h - X[:, 1] * s) / 2 - 0.5).astype(np.int64)
    if len(X) and (cols.min() < 0 or cols.max() >= w or rows.min() < 0 or rows.max() >= h):
        raise ValueError(f"points outside the {w} x {h} picture")
    return rows * w + cols


def _silhouette_maker(name: str):
    def make(n=_NIMG.default, seed=0, resolution=_RES.default, threshold=_THR.default):
        return mask_to_points(silhouette_mask(name, resolution, threshold), n, seed)
    return make


def _tabular_maker(name: str):
    def make():
        X, y, _, _ = load_tabular(name)
        return X, y
    return make


def _build_registry() -> dict[str, DatasetSpec]:
    specs = [
        DatasetSpec("moons", "classification-2d", "Moons", (_N2, _NOISE, _SEED), make_moons,
                    "two interleaving half circles"),
        DatasetSpec("circles", "classification-2d", "Circles",
                    (_N2, _NOISE, _SEED, Param("factor", 0.5, "float", 0.1, 0.9, 0.05,
                                                help="inner radius")), make_circles,
                    "a ring around a disc"),
        DatasetSpec("spirals", "classification-2d", "Spirals", (_N2, _NOISE, _SEED), make_spirals,
                    "two interleaved spiral arms"),
        DatasetSpec("xor", "classification-2d", "XOR", (_N2, _NOISE, _SEED), make_xor,
                    "class 1 in the quadrants where x1 x2 < 0"),
        DatasetSpec("blobs", "classification-2d", "Gaussian blobs",
                    (_N2, _NOISE, _SEED, Param("classes", 3, "int", 2, 5, 1, help="number of blobs")),
                    make_blobs, "2-5 Gaussian clusters"),
        DatasetSpec("checkerboard", "classification-2d", "Checkerboard",
                    (_N2, _NOISE, _SEED, Param("cells", 4, "int", 2, 8, 1, help="cells per side")),
                    make_checkerboard, "alternating squares"),
        DatasetSpec("linear", "classification-2d", "Linearly separable", (_N2, _NOISE, _SEED),
                    make_linear, "two classes on either side of a line"),
        DatasetSpec("sine", "regression-1d", "Sine", (_N1, _NOISE1, _SEED), make_sine,
                    "y = sin(2 pi x) + noise"),
        DatasetSpec("steps", "regression-1d", "Steps", (_N1, _NOISE1, _SEED), make_steps,
                    "a staircase + noise"),
        DatasetSpec("noisy", "regression-1d", "Noisy line", (_N1, _NOISE1, _SEED),
                    make_noisy_linear, "y = 0.8 x + noise"),
        DatasetSpec("abs", "regression-1d", "Noisy |x|", (_N1, _NOISE1, _SEED), make_noisy_abs,
                    "y = 1.6 |x| - 0.8 + noise"),
        DatasetSpec("iris", "tabular", "Iris", (), _tabular_maker("iris"), "150 x 4, 3 classes"),
        DatasetSpec("wine", "tabular", "Wine", (), _tabular_maker("wine"), "178 x 13, 3 classes"),
        DatasetSpec("breast_cancer", "tabular", "Breast cancer", (), _tabular_maker("breast_cancer"),
                    "569 x 30, 2 classes"),
        DatasetSpec("digits", "tabular", "Digits", (), _tabular_maker("digits"),
                    "1797 x 64 (8 x 8 images), 10 classes"),
        DatasetSpec("adaboost_toy", "toy", "AdaBoost toy example", (), load_adaboost_toy,
                    "the lecture's 10 points, y in {-1, +1}"),
    ]
    for name in silhouette_names():
        specs.append(DatasetSpec(name, "image", f"Silhouette: {name}", (_NIMG, _SEED, _RES, _THR),
                                 _silhouette_maker(name), "image function: dark pixel = class 1"))
    return {s.name: s for s in specs}


REGISTRY: dict[str, DatasetSpec] = _build_registry()

# keys the app passes to every set; a set that does not use one ignores it
_COMMON = ("n", "noise", "seed", "classes")


def names(kind: str) -> list[str]:
    """Names of one kind ("classification-2d" or "2d", "image", "regression-1d" or "1d",
    "tabular", "toy")."""
    kind = _KIND_ALIASES.get(kind, kind)
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")
    return [s.name for s in REGISTRY.values() if s.kind == kind]


def spec(name: str) -> DatasetSpec:
    if name not in REGISTRY:
        raise ValueError(f"unknown data set {name!r}; choose one of {', '.join(REGISTRY)}")
    return REGISTRY[name]


def check_params(name: str, **params) -> dict:
    """Defaults filled in, every value checked against its bounds (ValueError naming each bad one).
    Common keys (n, noise, seed, classes) a set does not use are dropped; other unknown keys fail."""
    s = spec(name)
    known = {p.name: p for p in s.params}
    out = s.defaults()
    problems = []
    for key, value in params.items():
        if value is None:
            continue
        if key not in known:
            if key in _COMMON:
                continue
            problems.append(f"{name} has no parameter {key!r}")
            continue
        try:
            out[key] = known[key].check(value)
        except ValueError as exc:
            problems.append(str(exc))
    if problems:
        raise ValueError(f"bad parameters for {name}: " + "; ".join(problems))
    return out


def coerce_params(name: str, raw: Mapping[str, Any]) -> tuple[dict, list[str]]:
    """For untrusted input (URL query strings): each bad value is replaced by its default and
    reported. Returns (params, messages)."""
    s = spec(name)
    out = s.defaults()
    messages = []
    for p in s.params:
        if p.name in raw:
            try:
                out[p.name] = p.check(raw[p.name])
            except ValueError as exc:
                messages.append(f"{exc}; using the default {p.default!r}")
    return out, messages


def load(name: str, **params):
    """(X, y) of a registered data set: X float64 (n, d); y int64 classes (0..k-1, or -1/+1 for the
    toy set) or float64 targets (regression-1d)."""
    X, y = spec(name).make(**check_params(name, **params))
    return np.asarray(X, dtype=np.float64), np.asarray(y)
