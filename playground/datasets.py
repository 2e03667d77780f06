r"""Every data set the playground can show, as plain numpy arrays (no streamlit here).

* 2-D classification generators (moons, circles, spirals, XOR, blobs, checkerboard, linearly
  separable): ``n`` points, ``noise`` in [0, 1] (0 = clean; each set scales it to its own size),
  ``seed``; classes are balanced (sizes differ by at most one) and labels are ``0 .. k-1``.
* the image function of LECTURE.md §2: a picture -> points (x, y) in [-1, 1]^2 labelled 1 where
  the pixel is dark (our own silhouettes in ``assets/silhouettes`` or an uploaded PNG/JPEG);
* 1-D regression sets (sine, steps, noisy linear, noisy |x|) for gradient boosting;
* scikit-learn's bundled tabular sets (iris, wine, breast cancer, digits: files shipped with
  scikit-learn, nothing is downloaded);
* the AdaBoost toy example of LECTURE.md §3 (``assets/adaboost_toy.csv``);
* uploads: :func:`parse_csv` and :func:`image_mask` read bytes with the csv module and Pillow
  only - nothing uploaded is executed or unpickled - under hard size limits, and every problem
  found is named in one ``ValueError``.

:data:`REGISTRY` describes each set (name, kind, parameters with defaults and bounds) so the app
can build its controls from it; :func:`load` makes one.
"""

from __future__ import annotations

import csv
import io
import math
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping

import numpy as np

from playground import limits

ASSETS = Path(__file__).resolve().parent.parent / "assets"
SILHOUETTE_DIR = ASSETS / "silhouettes"

# Upload limits (stated in every message that enforces them); the hosted demo's per-session caps
# are declared once, in playground.limits.
MAX_CSV_BYTES = limits.MAX_UPLOAD_BYTES
MAX_CSV_ROWS = limits.MAX_CSV_ROWS
MAX_CSV_COLUMNS = limits.MAX_CSV_COLUMNS
MAX_CLASSES = 50
MAX_IMAGE_BYTES = limits.MAX_UPLOAD_BYTES
MAX_IMAGE_PIXELS = 25_000_000        # a JPEG's size guard (5000 x 5000), read from its header
# Pixels actually decoded: a JPEG is decoded at a reduced scale (1/2 .. 1/8, Pillow's draft mode)
# close to the resolution it is shrunk to; a PNG has no reduced decoding, so this caps it. A
# picture becomes a mask of at most 256 pixels a side: 4 MP (2000 x 2000) is plenty, and costs
# ~12 MB while decoding (a 25 MP PNG took 240-390 MB).
MAX_DECODED_PIXELS = 4_000_000
IMAGE_FORMATS = ("PNG", "JPEG")

KINDS = ("classification-2d", "image", "regression-1d", "tabular", "toy")
_KIND_ALIASES = {"2d": "classification-2d", "1d": "regression-1d"}


def _mb(n_bytes: int) -> str:
    return f"{n_bytes / 1e6:.1f} MB"


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
    """The 10 points of LECTURE.md §3: X (10, 2), y in {-1, +1} (see assets/adaboost_toy.json)."""
    table = parse_csv((ASSETS / "adaboost_toy.csv").read_bytes(), label="y")
    return table.X, np.asarray(table.classes, dtype=float)[table.y].astype(np.int64)


# =========================================================================== images
def _read_bytes(source, limit: int, what: str) -> bytes:
    """Bytes of an upload or a file, refusing anything over ``limit`` before reading it all."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        raw = bytes(source)
    elif isinstance(source, (str, Path)):
        path = Path(source)
        if not path.is_file():
            raise ValueError(f"{what} file not found: {path}")
        size = path.stat().st_size
        if size > limit:
            raise ValueError(f"the {what} file is {_mb(size)}; the limit is {_mb(limit)}")
        raw = path.read_bytes()
    elif hasattr(source, "read"):          # an uploaded-file object
        raw = source.read(limit + 1)
    else:
        raise ValueError(f"expected the {what} as bytes or a path, got {type(source).__name__}")
    if len(raw) > limit:
        raise ValueError(f"the {what} file is {_mb(len(raw))}; the limit is {_mb(limit)}")
    if not raw:
        raise ValueError(f"the {what} file is empty")
    return raw


def image_mask(source, resolution: int = 128, threshold: int = 128) -> np.ndarray:
    """Decode a PNG/JPEG (bytes, path or file object) into a boolean mask, True = dark pixel.

    Transparent pixels count as white. The picture is shrunk (area average) so that its longer side
    is at most ``resolution`` pixels; a pixel is dark when its grey level is below ``threshold``.
    """
    from PIL import Image, UnidentifiedImageError

    raw = _read_bytes(source, MAX_IMAGE_BYTES, "image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(raw), formats=IMAGE_FORMATS)   # reads the header only
            w, h = im.size
            if w * h > MAX_IMAGE_PIXELS:
                raise ValueError(f"the image is {w} x {h} pixels; the limit is "
                                 f"{MAX_IMAGE_PIXELS:,} pixels")
            if im.format == "JPEG":  # decode at the smallest scale still >= twice the resolution
                im.draft("L", (2 * resolution, 2 * resolution))
            w, h = im.size
            if w * h > MAX_DECODED_PIXELS:
                raise ValueError(f"the image is {w} x {h} pixels; a {im.format} picture can have "
                                 f"at most {MAX_DECODED_PIXELS:,} pixels (e.g. 2000 x 2000): "
                                 "shrink it first")
            im.load()
    except ValueError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValueError(f"the image is too large to decode safely ({str(exc)[:60]}...); the limit "
                         f"is {MAX_IMAGE_PIXELS:,} pixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError, EOFError) as exc:
        raise ValueError(f"the image cannot be decoded as PNG or JPEG ({type(exc).__name__}: "
                         f"{str(exc)[:120]})") from None
    if w < 2 or h < 2:
        raise ValueError(f"the image is {w} x {h} pixels; it needs at least 2 x 2")
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        la = im.convert("LA")  # grey + alpha: 2 bytes a pixel, not RGBA's 4
        grey = Image.new("L", la.size, 255)  # transparent counts as white
        grey.paste(la.getchannel("L"), mask=la.getchannel("A"))
        del la
    else:
        grey = im.convert("L")
    del im
    scale = min(1.0, resolution / max(w, h))
    if scale < 1.0:
        size = (max(1, round(w * scale)), max(1, round(h * scale)))
        grey = grey.resize(size, Image.Resampling.BOX)
    mask = np.asarray(grey, dtype=np.uint8) < threshold
    if mask.all():
        raise ValueError("the image is all one colour: every pixel is dark, so there is no class 0 "
                         "(use a dark shape on a light background)")
    if not mask.any():
        raise ValueError("the image is all one colour: no pixel is dark, so there is no class 1 "
                         "(use a dark shape on a light background)")
    return mask


def mask_to_points(mask: np.ndarray, n: int | None = 2000, seed: int = 0):
    """Points of the image function: pixel centres scaled so the longer side spans [-1, 1]
    (y up), label 1 for dark pixels. ``n`` < pixel count draws a sample without replacement,
    stratified so both classes keep their share (at least one point each)."""
    mask = np.asarray(mask, dtype=bool)
    h, w = mask.shape
    rows, cols = np.indices((h, w))
    s = max(h, w)
    X = np.c_[(2 * (cols.ravel() + 0.5) - w) / s, (h - 2 * (rows.ravel() + 0.5)) / s]
    y = mask.ravel().astype(np.int64)
    rng = np.random.default_rng(seed)
    if n is None or n >= len(y):
        order = rng.permutation(len(y))
        return X[order], y[order]
    if n < 2:
        raise ValueError(f"n = {n}: need at least 2 points (one per class)")
    n1_all = int(y.sum())
    n1 = min(max(1, round(n * n1_all / len(y))), n - 1, n1_all)
    n0 = min(n - n1, len(y) - n1_all)
    pick = np.r_[rng.choice(np.flatnonzero(y == 0), n0, replace=False),
                 rng.choice(np.flatnonzero(y == 1), n1, replace=False)]
    pick = rng.permutation(pick)
    return X[pick], y[pick]


def load_image(source, n: int = 2000, seed: int = 0, resolution: int = 128, threshold: int = 128):
    """(X, y) from a picture (bytes, path or file object): dark pixel = class 1."""
    return mask_to_points(image_mask(source, resolution, threshold), n, seed)


def silhouette_names() -> list[str]:
    return sorted(p.stem for p in SILHOUETTE_DIR.glob("*.png"))


def silhouette_path(name: str) -> Path:
    if name not in silhouette_names():
        raise ValueError(f"unknown silhouette {name!r}; choose one of {', '.join(silhouette_names())}")
    return SILHOUETTE_DIR / f"{name}.png"


# =========================================================================== CSV upload
_MISSING = {"", "na", "nan", "n/a", "null", "none", "?", "-"}


@dataclass
class CsvTable:
    """A parsed upload: numeric features, labels encoded 0..k-1 (classification) or floats."""

    X: np.ndarray
    y: np.ndarray
    feature_names: list[str]
    label_name: str
    classes: list[str] | None = None     # original label text of each code (classification)


def _line_of(i: int, line_numbers: list[int]) -> str:
    return f"line {line_numbers[i]}"


def _as_float(cells: list[str]) -> tuple[np.ndarray | None, list[int], list[int]]:
    """Parse one column: (values or None, indices of missing cells, indices of non-numbers)."""
    try:
        values = np.array(cells, dtype=np.float64)
    except ValueError:
        values = None
    if values is not None and not np.isnan(values).any():
        return values, [], []
    missing, bad = [], []
    out = np.empty(len(cells))
    for i, c in enumerate(cells):
        s = c.strip()
        if s.lower() in _MISSING:
            missing.append(i)
            out[i] = np.nan
            continue
        try:
            out[i] = float(s)
        except ValueError:
            bad.append(i)
    return (None if bad else out), missing, bad


def parse_csv(raw, label: str | None = None, *, task: str = "classification",
              max_bytes: int = MAX_CSV_BYTES, max_rows: int = MAX_CSV_ROWS,
              max_columns: int = MAX_CSV_COLUMNS) -> CsvTable:
    """Read an uploaded CSV with the csv module (nothing executed): numeric feature columns plus
    one label column (``label``; default the last column). Raises one ``ValueError`` listing
    every problem found (size, encoding, shape, non-numeric columns, missing values, labels)."""
    if task not in ("classification", "regression"):
        raise ValueError(f"task must be 'classification' or 'regression', got {task!r}")
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    raw = _read_bytes(raw, max_bytes, "CSV")
    if b"\x00" in raw[:65536]:
        raise ValueError("this is not a CSV file: it contains binary data (NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"this is not a CSV file: it is not UTF-8 text (byte 0x{raw[exc.start]:02x} "
                         f"at position {exc.start})") from None
    if not text.strip():
        raise ValueError("the CSV file is empty")
    sample = text[:8192]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    records: list[list[str]] = []
    line_numbers: list[int] = []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    try:
        for row in reader:
            if not row or all(not c.strip() for c in row):
                continue
            records.append(row)
            line_numbers.append(reader.line_num)
    except csv.Error as exc:
        raise ValueError(f"this is not a valid CSV file: {exc} (line {reader.line_num})") from None

    header = [c.strip() for c in records[0]]
    body, body_lines = records[1:], line_numbers[1:]
    problems: list[str] = []
    if len(header) < 2:
        raise ValueError(f"the CSV needs at least 2 columns (features and a label); the header has "
                         f"{len(header)}: {header[0][:60]!r}")
    if len(header) > max_columns:
        problems.append(f"{len(header)} columns; the limit is {max_columns}")
    unnamed = [str(i + 1) for i, h in enumerate(header) if not h]
    if unnamed:
        problems.append(f"column(s) {', '.join(unnamed)} have no name in the header")
    dupes = sorted({h for h in header if h and header.count(h) > 1})
    if dupes:
        problems.append(f"duplicate column name(s): {', '.join(dupes)}")
    if not body:
        raise ValueError("the CSV has a header but no data rows")
    if len(body) > max_rows:
        raise ValueError(f"too many rows: {len(body):,} data rows; the limit is {max_rows:,}")
    ragged = [i for i, r in enumerate(body) if len(r) != len(header)]
    if ragged:
        shown = ", ".join(f"{_line_of(i, body_lines)} has {len(body[i])}" for i in ragged[:5])
        more = f" (and {len(ragged) - 5} more)" if len(ragged) > 5 else ""
        problems.append(f"rows with the wrong number of fields (the header has {len(header)}): "
                        f"{shown}{more}")
    if label is None:
        label = header[-1]
    if label not in header:
        problems.append(f"label column {label!r} not found; the columns are: {', '.join(header)}")
    if problems:
        raise ValueError("the CSV cannot be used: " + "; ".join(problems))

    j_label = header.index(label)
    columns = list(zip(*body))
    feature_idx = [j for j in range(len(header)) if j != j_label]
    X = np.empty((len(body), len(feature_idx)))
    for k, j in enumerate(feature_idx):
        values, missing, bad = _as_float(list(columns[j]))
        if bad:
            i = bad[0]
            problems.append(f"column {header[j]!r} is not numeric ({_line_of(i, body_lines)}: "
                            f"{columns[j][i][:40]!r}" + (f", and {len(bad) - 1} more" if len(bad) > 1
                                                         else "") + ")")
            continue
        if missing:
            where = ", ".join(_line_of(i, body_lines) for i in missing[:3])
            more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
            problems.append(f"missing value (NaN/empty) in column {header[j]!r} at {where}{more}")
            continue
        inf = np.flatnonzero(~np.isfinite(values))
        if len(inf):
            problems.append(f"infinite value in column {header[j]!r} at {_line_of(inf[0], body_lines)}")
            continue
        X[:, k] = values
    if not feature_idx:
        problems.append("no feature columns besides the label")

    labels = [c.strip() for c in columns[j_label]]
    empty = [i for i, c in enumerate(labels) if c.lower() in _MISSING]
    classes = None
    y = np.empty(0)
    if empty:
        where = ", ".join(_line_of(i, body_lines) for i in empty[:3])
        problems.append(f"missing label in column {label!r} at {where}"
                        + (f" and {len(empty) - 3} more" if len(empty) > 3 else ""))
    elif task == "regression":
        y, _, bad = _as_float(labels)
        if bad:
            problems.append(f"label column {label!r} is not numeric ({_line_of(bad[0], body_lines)}: "
                            f"{labels[bad[0]][:40]!r})")
    else:
        distinct = sorted(set(labels))
        try:   # numeric labels sort by value ("2" before "10")
            distinct.sort(key=float)
        except ValueError:
            pass
        if len(distinct) < 2:
            problems.append(f"the label column {label!r} has only one class ({distinct[0]!r}); "
                            f"classification needs at least two")
        elif len(distinct) > MAX_CLASSES:
            problems.append(f"the label column {label!r} has {len(distinct):,} distinct values; at "
                            f"most {MAX_CLASSES} classes are supported (is it a continuous target?)")
        else:
            code = {c: i for i, c in enumerate(distinct)}
            y = np.array([code[c] for c in labels], dtype=np.int64)
            classes = distinct
    if problems:
        raise ValueError("the CSV cannot be used: " + "; ".join(problems))
    return CsvTable(X=X, y=y, feature_names=[header[j] for j in feature_idx], label_name=label,
                    classes=classes)


def load_csv(raw, label: str | None = None, **kw):
    """(X, y) of an uploaded CSV; see :func:`parse_csv`."""
    t = parse_csv(raw, label, **kw)
    return t.X, t.y


def csv_columns(raw, max_bytes: int = MAX_CSV_BYTES) -> list[str]:
    """The header of an uploaded CSV (to offer the label-column choice before parsing it all)."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    raw = _read_bytes(raw, max_bytes, "CSV")
    try:
        first = raw.decode("utf-8-sig").lstrip().splitlines()[0]
    except (UnicodeDecodeError, IndexError):
        raise ValueError("this is not a CSV file: it is not UTF-8 text") from None
    try:
        delimiter = csv.Sniffer().sniff(first, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    return [c.strip() for c in next(csv.reader([first], delimiter=delimiter))]


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
_NIMG = Param("n", 2000, "int", 10, limits.MAX_POINTS, 10,
              help="pixels sampled as points (all of them if fewer)")
_RES = Param("resolution", 128, "int", 16, 256, 8, help="longer image side in pixels")
_THR = Param("threshold", 128, "int", 1, 255, 1, help="grey level below which a pixel is dark")


@lru_cache(maxsize=32)
def silhouette_mask(name: str, resolution: int = 128, threshold: int = 128) -> np.ndarray:
    """The (cached, read-only) mask of one of our silhouettes."""
    mask = image_mask(silhouette_path(name), resolution, threshold)
    mask.flags.writeable = False
    return mask


def _silhouette_maker(name: str):
    def make(n=2000, seed=0, resolution=128, threshold=128):
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
