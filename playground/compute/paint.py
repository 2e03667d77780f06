"""Surfaces as small uint8 codes, painted round by round on demand (no learning math here).

A surface is sent to the browser as a palette image: each grid cell is one byte, class * 32 +
confidence (0..31). Round t's surface is painted from the fitted members when that round is first
shown (``algorithms.surface``'s painters: about a millisecond at 200 x 200) and kept in a small
LRU (:class:`Frames`), so several sessions or views at the same round share one frame.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from algorithms import surface
from playground import limits


def encode(proba: np.ndarray, res_shape) -> np.ndarray:
    """Class probabilities (m, K) -> uint8 code = class * 32 + confidence (0..31).

    For two classes class 0 counts down (31 = unsure ... 0 = sure) so the codes 0..63 form one
    diverging scale, like TensorFlow Playground's; for K > 2 each class has its own band.
    """
    K = proba.shape[1]
    cls = proba.argmax(1)
    conf = (proba.max(1) - 1.0 / K) / (1.0 - 1.0 / K)
    level = np.clip(np.rint(conf * 31), 0, 31).astype(np.uint8)
    if K == 2:
        level = np.where(cls == 0, 31 - level, level)
    return (cls.astype(np.uint8) * 32 + level).reshape(res_shape)


def encode_labels(labels: np.ndarray, classes: np.ndarray, res_shape) -> np.ndarray:
    """Hard predictions -> the same codes at full confidence."""
    return encode_index(np.searchsorted(classes, labels), len(classes), res_shape)


def encode_index(idx: np.ndarray, K: int, res_shape) -> np.ndarray:
    """Class indices 0..K-1 -> codes at full confidence (for two classes, 0 and 63: the two ends
    of the diverging scale)."""
    full = np.array([0, 63] if K == 2 else [c * 32 + 31 for c in range(K)], np.uint8)
    return full[idx].reshape(res_shape)


def encode_signed(score: np.ndarray, scale=1.0) -> np.ndarray:
    """A binary score (sign = class, |score| * scale in [0, 1] = confidence) -> uint8 codes.

    Works in float32 and in place: 100 frames of 200 x 200 take a few tens of ms.
    """
    s = np.asarray(score, dtype=np.float32) * np.asarray(scale, dtype=np.float32)
    pos = s > 0
    np.abs(s, out=s)
    np.minimum(s, 1.0, out=s)
    s *= 31.0
    s += 0.5
    level = s.astype(np.uint8)
    code = np.subtract(31, level, dtype=np.uint8)
    np.add(level, 32, out=code, where=pos, dtype=np.uint8)
    return code


class Frames:
    """``frames[i]``: round i+1's uint8 code surface, painted on first use (a few ms) and kept in
    a small LRU, so several sessions or views at the same round share one frame."""

    def __init__(self, n: int, make, keep: int = 12):
        self.n, self._make, self._keep = n, make, keep
        self._memo: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i: int) -> np.ndarray:
        i = int(i) + (self.n if i < 0 else 0)
        if not 0 <= i < self.n:
            raise IndexError(i)
        with self._lock:
            if i in self._memo:
                self._memo.move_to_end(i)
                return self._memo[i]
        code = self._make(i)
        with self._lock:
            self._memo[i] = code
            while len(self._memo) > self._keep:
                self._memo.popitem(last=False)
        return code


def onehot(idx: np.ndarray, K: int) -> np.ndarray:
    return (np.arange(K)[None, :] == np.asarray(idx)[:, None]).astype(float)


def member_proba(member, X: np.ndarray, K: int) -> np.ndarray:
    """A member's class probabilities over the ensemble's K (encoded) classes, shape (n, K)."""
    if hasattr(member, "tree_"):
        p = np.asarray(member.tree_.predict(X), float)
    elif hasattr(member, "predict_proba"):
        p = np.asarray(member.predict_proba(X), float)
    else:
        return onehot(np.asarray(member.predict(X)).astype(int), K)
    cols = surface.class_columns(member, K)
    return p if cols is None and p.shape[1] == K else surface.spread(p, cols, K)


def member_class(member, X: np.ndarray, K: int) -> np.ndarray:
    """The (encoded) class index a member predicts."""
    if hasattr(member, "tree_") or hasattr(member, "predict_proba"):
        return member_proba(member, X, K).argmax(1)
    return np.asarray(member.predict(X)).astype(int)


def member_index(member, classes: np.ndarray, X: np.ndarray) -> np.ndarray:
    """Class index (into the ensemble's ``classes``) each member predicts, as uint8.

    Ensembles fit their members on encoded labels 0..K-1; a lone tree keeps the raw labels.
    """
    labels = np.asarray(member.predict(X))
    own = np.asarray(member.classes_)
    if len(own) == len(classes) and np.array_equal(own, np.arange(len(classes))) and not \
            np.array_equal(own, classes):
        return labels.astype(np.uint8)
    return np.searchsorted(classes, labels).astype(np.uint8)


def res_for(members, res: int) -> int:
    """The surface resolution of a fit: ``res`` within the per-session memory cap for this many
    rounds (``limits.grid_for``); learners that are not trees are evaluated point by point, so a
    coarser grid keeps that fast."""
    res = limits.grid_for(res, len(members))
    return res if surface.is_tree_ensemble(members) else min(res, 100)


def vote_painter(members, grid, K: int):
    """One painter, 2K channels: the members' class probabilities (soft vote), then their one-hot
    votes (for the disagreement map and the single learners)."""
    if surface.is_tree_ensemble(members) and grid.points.shape[1] == 2:
        trees = [m.tree_ for m in members]
        cols = [surface.class_columns(m, K) for m in members]

        def values(i):
            p = surface.spread(trees[i].value, cols[i], K)
            return np.hstack([p, onehot(p.argmax(1), K)])
        return surface.TreePainter(trees, values, grid.xs, grid.ys)

    def contribution(i, P):
        p = member_proba(members[i], P, K)
        return np.hstack([p, onehot(p.argmax(1), K)]).T
    return surface.PointPainter(members, contribution, grid.points, grid.shape)
