"""Uploads made safe: a picture -> the points of its image function, a CSV -> a table.

Both read bytes with Pillow and the csv module only (nothing uploaded is executed or unpickled),
under hard limits stated in every message that enforces them (the hosted demo's caps,
:mod:`playground.limits`), and every problem found is named in one ``ValueError``.
"""

from __future__ import annotations

import csv
import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from playground import limits

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


def _mb(n_bytes: int) -> str:
    return f"{n_bytes / 1e6:.1f} MB"


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
    except UnidentifiedImageError:
        raise ValueError("the file is not a PNG or JPEG picture") from None
    except (OSError, SyntaxError, EOFError) as exc:  # truncated or damaged data (Pillow's words)
        raise ValueError(f"the picture is damaged and cannot be decoded ({str(exc)[:120]})") \
            from None
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
    notes: list[str] = field(default_factory=list)  # what was left out, and why (lenient mode)


LABEL_NAMES = ("label", "class", "target", "y")
_ID_NAMES = ("id", "index", "idx")


def _line_of(i: int, line_numbers: list[int]) -> str:
    return f"line {line_numbers[i]}"


def _records(raw, max_bytes: int, max_rows: int) -> tuple[list[str], list[list[str]], list[int]]:
    """Header, data rows and their line numbers, read with the standard library's strict CSV
    reader (pandas' fast reader pads short rows and renames duplicate columns silently, which
    would hide two of the problems named below)."""
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
    try:
        delimiter = csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
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
    return [c.strip() for c in records[0]], records[1:], line_numbers[1:]


def default_label(header: list[str], numeric: dict[str, bool]) -> str:
    """The label column a user most likely means: one named label / class / target / y, else the
    only non-numeric column, else the last column."""
    for h in header:
        if h.strip().lower() in LABEL_NAMES:
            return h
    text = [h for h in header if not numeric.get(h, True)]
    return text[0] if len(text) == 1 else header[-1]


def _is_id(name: str) -> bool:
    low = name.strip().lower()
    return low in _ID_NAMES or low.endswith("_id") or low.startswith("unnamed")


def parse_csv(raw, label: str | None = None, *, task: str = "classification",
              features: list[str] | None = None, lenient: bool = False,
              max_bytes: int = MAX_CSV_BYTES, max_rows: int = MAX_CSV_ROWS,
              max_columns: int = MAX_CSV_COLUMNS) -> CsvTable:
    """Read an uploaded CSV (nothing executed): numeric feature columns plus one label column
    (``label``; by default one named label / class / target / y, else the only text column, else
    the last). Cells become numbers with pandas; the problems are named in one ``ValueError``.

    ``lenient`` (the app): text and ID columns are left out and rows with a missing or infinite
    value dropped, each said in ``notes``; strict (the default): they are errors. ``features``:
    use only these columns."""
    import pandas as pd

    if task not in ("classification", "regression"):
        raise ValueError(f"task must be 'classification' or 'regression', got {task!r}")
    header, body, body_lines = _records(raw, max_bytes, max_rows)
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
    if problems:
        raise ValueError("the CSV cannot be used: " + "; ".join(problems))

    frame = pd.DataFrame(body, columns=header).apply(lambda c: c.str.strip())
    missing = frame.apply(lambda c: c.str.lower().isin(_MISSING))
    values = frame.apply(pd.to_numeric, errors="coerce")  # a number, or NaN where it is none
    not_number = values.isna() & ~missing
    numeric = {h: not not_number[h].any() for h in header}
    if label is None:
        label = default_label(header, numeric)
    if label not in header:
        raise ValueError(f"the CSV cannot be used: label column {label!r} not found; the columns "
                         f"are: {', '.join(header)}")
    notes: list[str] = []
    if features is not None:
        unknown = [f for f in features if f not in header or f == label]
        if unknown:
            raise ValueError(f"feature column(s) {', '.join(map(repr, unknown))} not found (or "
                             f"the label); the columns are: {', '.join(header)}")
        use = list(features)
    else:
        use = [h for h in header if h != label]
        if lenient:
            ids = [h for h in use if _is_id(h)]
            text = [h for h in use if not numeric[h] and h not in ids]
            use = [h for h in use if h not in ids and h not in text]
            if ids:
                notes.append(f"ID column(s) {', '.join(map(repr, ids))} left out")
            if text:
                notes.append(f"text column(s) {', '.join(map(repr, text))} left out (not numbers)")
    if not use:
        raise ValueError("the CSV cannot be used: no numeric feature columns besides the label")

    X = values[use].to_numpy(dtype=np.float64)
    bad_rows = np.zeros(len(body), bool)
    for k, h in enumerate(use):
        bad = np.flatnonzero(not_number[h].to_numpy())
        if len(bad):
            i = bad[0]
            problems.append(f"column {h!r} is not numeric ({_line_of(i, body_lines)}: "
                            f"{body[i][header.index(h)].strip()[:40]!r}" +
                            (f", and {len(bad) - 1} more" if len(bad) > 1 else "") + ")")
            continue
        gaps = np.flatnonzero(missing[h].to_numpy())
        infinite = np.flatnonzero(np.isinf(X[:, k]))
        if lenient:
            bad_rows[gaps] = True
            bad_rows[infinite] = True
        elif len(gaps):
            where = ", ".join(_line_of(i, body_lines) for i in gaps[:3])
            more = f" and {len(gaps) - 3} more" if len(gaps) > 3 else ""
            problems.append(f"missing value (NaN/empty) in column {h!r} at {where}{more}")
        elif len(infinite):
            problems.append(f"infinite value in column {h!r} at "
                            f"{_line_of(infinite[0], body_lines)}")

    labels = frame[label].to_numpy(dtype=object)
    empty = np.flatnonzero(missing[label].to_numpy())
    if lenient:
        bad_rows[empty] = True
    elif len(empty):
        where = ", ".join(_line_of(i, body_lines) for i in empty[:3])
        problems.append(f"missing label in column {label!r} at {where}"
                        + (f" and {len(empty) - 3} more" if len(empty) > 3 else ""))
    if task == "classification":
        distinct = set(labels[~bad_rows & ~missing[label].to_numpy()])
        if len(distinct) == 1:
            problems.append(f"the label column {label!r} has only one class "
                            f"({sorted(distinct)[0]!r}); classification needs at least two")
        elif len(distinct) > MAX_CLASSES:
            problems.append(f"the label column {label!r} has {len(distinct):,} distinct values; at "
                            f"most {MAX_CLASSES} classes are supported (is it a continuous target?)")
    if problems:
        raise ValueError("the CSV cannot be used: " + "; ".join(problems))
    if bad_rows.any():
        notes.append(f"{int(bad_rows.sum()):,} row(s) with a missing or infinite value dropped")
        X, labels = X[~bad_rows], labels[~bad_rows]
        if len(labels) < 2:
            raise ValueError("the CSV cannot be used: fewer than 2 rows are left after dropping "
                             "the rows with missing values")
    classes = None
    if task == "regression":
        y = pd.to_numeric(pd.Series(labels), errors="coerce").to_numpy(np.float64)
        if np.isnan(y).any():
            i = int(np.flatnonzero(np.isnan(y))[0])
            raise ValueError(f"the CSV cannot be used: label column {label!r} is not numeric "
                             f"({labels[i][:40]!r})")
    else:
        distinct = sorted(set(labels))
        try:   # numeric labels sort by value ("2" before "10")
            distinct.sort(key=float)
        except ValueError:
            pass
        code = {c: i for i, c in enumerate(distinct)}
        y = np.array([code[c] for c in labels], dtype=np.int64)
        classes = distinct
    return CsvTable(X=X, y=y, feature_names=use, label_name=label, classes=classes, notes=notes)


def csv_overview(raw) -> dict:
    """What a page offers before fitting on an upload: every column, the numeric ones (candidate
    features), and the label column it would pick."""
    table = parse_csv(raw, lenient=True)
    header = _records(raw, MAX_CSV_BYTES, MAX_CSV_ROWS)[0]
    return {"columns": header, "numeric": table.feature_names, "label": table.label_name,
            "notes": table.notes}


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
