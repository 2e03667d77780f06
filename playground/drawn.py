"""A drawn data set: the points a user placed on the drawing pad, as one short URL value (pure).

The pad (``static/drawpad.js``) and this module write the same format, version 1, sent as
base64url without padding (letters, digits, ``-`` and ``_``: nothing a link has to escape):

===============  ===========================================================================
byte 0           the format's version (1)
bytes 1-2        n, the number of points (uint16, little-endian)
next 2n bytes    each point's quantised coordinates (qx, qy), one byte each:
                 x = LO + (HI - LO) qx / 255 on the pad's square [LO, HI]²
next ceil(n/2)   one half byte per point (point 2i in the low half, 2i+1 in the high half):
                 bits 0-2 its class (0-4), bit 3 set when it is marked as a test point;
                 an odd n leaves the last high half 0
===============  ===========================================================================

1,000 points (:data:`playground.limits.MAX_DRAWN_POINTS`) take 2,503 bytes: 3,338 characters.
256 levels over the pad's side put neighbouring positions 1.6 % of a unit apart, finer than a pad
a few hundred pixels wide can place a point.

:func:`decode` refuses anything else with a sentence that names the problem (:class:`BadPoints`).
The canonical form (:func:`canonical`) numbers the classes present 0, 1, ... in order, as the
charts colour them: the pad's class colours and the charts' then always agree.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

import numpy as np

from playground import datasets, limits

NAME = "draw"  # the data set's name (the setting "data"); its points are the setting "pts"
VERSION = 1
LO, HI = -2.0, 2.0  # the pad's square, in the data's coordinates
STEPS = 255  # quantisation: 256 positions per axis
MAX_CLASSES = 5  # the class colours and shapes of playground.plots
TEST_BIT = 8
_HEADER = 3
_ALPHABET = re.compile(r"[A-Za-z0-9_-]*")


class BadPoints(ValueError):
    """A point list that cannot be read; the message says why, in words."""


@dataclass(frozen=True, eq=False)
class Drawn:
    """A decoded drawn set: quantised coordinates, class codes and test marks."""

    q: np.ndarray  # (n, 2) uint8: positions on the pad's grid
    cls: np.ndarray  # (n,) uint8: class codes 0..4
    test: np.ndarray  # (n,) bool: marked by hand as a test point

    def __len__(self) -> int:
        return len(self.cls)

    @property
    def X(self) -> np.ndarray:
        """The points in the data's coordinates, (n, 2) float64."""
        return LO + (HI - LO) * self.q.astype(np.float64) / STEPS


def max_chars(cap: int = limits.MAX_DRAWN_POINTS) -> int:
    """Characters of the longest value a set of at most ``cap`` points encodes to."""
    n_bytes = _HEADER + 2 * cap + (cap + 1) // 2
    return (4 * n_bytes + 2) // 3


def encode(q, cls, test=None) -> str:
    """The URL value of points ``q`` ((n, 2) integers 0..255), classes ``cls`` (0..4) and test
    marks ``test`` (bools, default none)."""
    q = np.asarray(q)
    cls = np.asarray(cls)
    n = len(cls)
    test = np.zeros(n, bool) if test is None else np.asarray(test, bool)
    if q.shape != (n, 2) or test.shape != (n,):
        raise BadPoints(f"{n} classes, but coordinates of shape {q.shape} and {len(test)} marks")
    if n >= 1 << 16:
        raise BadPoints(f"{n:,} points do not fit the format (at most 65,535)")
    if n and (q.min() < 0 or q.max() > STEPS):
        raise BadPoints(f"coordinates must be whole numbers 0 to {STEPS}")
    if n and (cls.min() < 0 or cls.max() >= MAX_CLASSES):
        raise BadPoints(f"classes must be 0 to {MAX_CLASSES - 1}")
    nib = cls.astype(np.uint8) | np.where(test, TEST_BIT, 0).astype(np.uint8)
    if n % 2:
        nib = np.r_[nib, np.uint8(0)]
    packed = nib[0::2] | (nib[1::2] << 4)
    raw = (bytes([VERSION]) + int(n).to_bytes(2, "little") + q.astype(np.uint8).tobytes()
           + packed.astype(np.uint8).tobytes())
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode(text, cap: int = limits.MAX_DRAWN_POINTS) -> Drawn:
    """The drawn set a URL value names; :class:`BadPoints` saying what is wrong otherwise."""
    if not isinstance(text, str):
        raise BadPoints(f"a point list is text, not {type(text).__name__}")
    text = text.strip().rstrip("=")
    if len(text) > max_chars(cap):
        head = text[:4]  # the version and n: say "too many points" when that is the reason
        if _ALPHABET.fullmatch(head) and len(head) == 4:
            raw = base64.urlsafe_b64decode(head)
            if raw[0] == VERSION and int.from_bytes(raw[1:3], "little") > cap:
                raise BadPoints(f"it holds {_points(int.from_bytes(raw[1:3], 'little'))}; a "
                                f"drawn set has at most {cap:,}")
        raise BadPoints(f"it is {len(text):,} characters long; a drawn set of at most {cap:,} "
                        f"points takes at most {max_chars(cap):,}")
    if not _ALPHABET.fullmatch(text):
        bad = next(ch for ch in text if not _ALPHABET.fullmatch(ch))
        raise BadPoints(f"it contains “{bad}”: a point list has only letters, digits, - and _")
    if len(text) % 4 == 1:
        raise BadPoints("it is cut short: its length does not make whole bytes")
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):  # pragma: no cover - the checks above cover every case
        raise BadPoints("it is not base64 text") from None
    if len(raw) < _HEADER:
        raise BadPoints("it is too short to hold a point list")
    if raw[0] != VERSION:
        raise BadPoints(f"it is written in format {raw[0]}; this app reads format {VERSION}")
    n = int.from_bytes(raw[1:3], "little")
    if n > cap:
        raise BadPoints(f"it holds {_points(n)}; a drawn set has at most {cap:,}")
    need = _HEADER + 2 * n + (n + 1) // 2
    if len(raw) != need:
        what = "is missing" if len(raw) < need else "has"
        extra = abs(need - len(raw))
        raise BadPoints(f"it says it holds {_points(n)} but {what} {extra:,} "
                        f"byte{'s' * (extra != 1)}{' too many' if len(raw) > need else ''}")
    body = np.frombuffer(raw, np.uint8, offset=_HEADER)
    q = body[:2 * n].reshape(n, 2)
    packed = body[2 * n:]
    nib = np.empty(2 * len(packed), np.uint8)
    nib[0::2], nib[1::2] = packed & 15, packed >> 4
    if n % 2 and nib[-1]:
        raise BadPoints("its last half byte, after the last point, is not 0")
    nib = nib[:n]
    cls = nib & 7
    wrong = np.flatnonzero(cls >= MAX_CLASSES)
    if len(wrong):
        raise BadPoints(f"point {wrong[0] + 1} has class {cls[wrong[0]]}; classes are 0 to "
                        f"{MAX_CLASSES - 1}")
    return Drawn(q.copy(), cls.astype(np.uint8), (nib & TEST_BIT) > 0)


def _points(n: int) -> str:
    return f"{n:,} point{'s' * (n != 1)}"


def compact(cls: np.ndarray) -> np.ndarray:
    """Class codes renumbered 0, 1, ... in order of the codes present (1, 3 -> 0, 1)."""
    present = np.unique(cls)
    return np.searchsorted(present, cls).astype(np.uint8)


def canonical(text) -> str:
    """The canonical value of a point list (classes numbered 0, 1, ... as the charts colour
    them); ``""`` stays ``""`` (no drawn set yet). Raises :class:`BadPoints`."""
    if isinstance(text, str) and not text.strip():
        return ""
    d = decode(text)
    return encode(d.q, compact(d.cls), d.test)


def quantise(X) -> tuple[np.ndarray, np.ndarray]:
    """Positions on the pad's grid of points ``X`` (n, 2), and which points lie on the pad."""
    X = np.asarray(X, dtype=np.float64)
    inside = np.all((X >= LO) & (X <= HI), axis=1)
    q = np.rint((np.clip(X, LO, HI) - LO) / (HI - LO) * STEPS).astype(np.uint8)
    return q, inside


@dataclass(frozen=True)
class Loaded:
    """A data set's points put on the pad: the value, and what did not fit."""

    pts: str
    n: int  # points on the pad
    outside: int  # points beyond the pad's square, left out
    over_cap: int  # points left out (at random) above the cap


def from_points(X, y, *, cap: int = limits.MAX_DRAWN_POINTS, seed: int = 0) -> Loaded:
    """A data set (a preset's (X, y)) as a drawn set: points beyond the pad's square are left
    out, and above ``cap`` points a random ``cap`` of them (``seed``) are kept, in their order."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 2 or len(X) != len(y):
        raise BadPoints(f"a drawn set has two coordinates per point, got shape {X.shape}")
    present = np.unique(y)
    if len(present) > MAX_CLASSES:
        raise BadPoints(f"it has {len(present)} classes; a drawn set holds at most {MAX_CLASSES}")
    q, inside = quantise(X)
    keep = np.flatnonzero(inside)
    over = max(0, len(keep) - cap)
    if over:
        keep = np.sort(np.random.default_rng(seed).choice(keep, cap, replace=False))
    cls = np.searchsorted(present, y[keep])
    return Loaded(encode(q[keep], compact(cls), None), len(keep), int((~inside).sum()), over)


def split(d: Drawn, test_fraction: float = 0.3, seed: int = 0):
    """Train / test parts of a drawn set: (X_tr, X_te, y_tr, y_te, how).

    Points marked by hand are the test set (``how = "marked"``). Without marks the test set is
    drawn from the same points, stratified by class with ``seed`` (``"drawn"``), or is empty
    when the set is too small to hold one out (``"none"``). Raises :class:`BadPoints` when the
    training part cannot be fit (no points, a single class)."""
    X, y, marked = d.X, d.cls.astype(np.int64), d.test
    if not len(y):
        raise BadPoints("the pad is empty")
    if marked.any():
        parts, how = (X[~marked], X[marked], y[~marked], y[marked]), "marked"
    else:
        try:
            parts, how = datasets.train_test_split(X, y, test_fraction, seed), "drawn"
        except ValueError:  # too few points to hold any out: fit on all of them
            parts, how = (X, X[:0], y, y[:0]), "none"
    k = len(np.unique(parts[2]))
    if k == 0:
        raise BadPoints("every point is marked as a test point: nothing is left to train on")
    if k == 1:
        where = "that are not marked as test points " if how == "marked" else ""
        raise BadPoints(f"the points {where}are all of one class: draw points of at least two "
                        "classes")
    only_test = np.setdiff1d(parts[3], parts[2])
    if len(only_test):
        raise BadPoints(f"every point of class {only_test[0]} is marked as a test point: leave "
                        "at least one to train on")
    return (*parts, how)
