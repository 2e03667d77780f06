"""The image experiment (docs/lecture.md §2) on the picture's own pixels: the target beside what a
model draws, with the numbers that compare them.

A picture's image function has one point per pixel centre
(:func:`playground.uploads.mask_to_points`). Painting a model on exactly those centres gives its
answer at every pixel, so the drawn shape, its errors on the training and the held-out pixels, and
its outline distance to the picture (:func:`algorithms.outline.outline_distance`) all come from
one painted surface. Painting is the engine's (``algorithms.surface``); tests check the errors
against the models' own ``score``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from algorithms import surface
from algorithms.outline import outline_distance
from playground import datasets, uploads
from playground.compute.data import TTL, DataKey, Grid, dataset
from playground.compute.paint import encode, encode_index


@dataclass(frozen=True)
class Picture:
    """The target: its mask (row 0 at the top), the pixel-centre grid and the split's pixels."""

    mask: np.ndarray  # bool (h, w)
    grid: Grid  # one cell per pixel; grid row j is mask row h - 1 - j (y points up)
    train: np.ndarray  # row-major pixel indices of the training points
    test: np.ndarray  # ... of the held-out points

    @property
    def code(self) -> np.ndarray:
        """The picture as surface codes on its grid (the class colours at full strength)."""
        return encode_index(self.mask[::-1].astype(np.int64), 2, self.grid.shape)

    @property
    def n_pixels(self) -> int:
        return self.mask.size


@dataclass(frozen=True)
class Panel:
    """One drawn shape (a depth, a T) and how it compares with the picture."""

    value: int  # the depth or T it shows
    code: np.ndarray  # uint8 surface codes on the picture's grid
    train_err: float
    test_err: float
    outline: float  # average distance of its outline from the picture's, in pixels
    leaves: int = 0  # leaves of the tree (mean over a forest's trees); 0 when it does not apply


def is_picture(key: DataKey) -> bool:
    """Whether the key's data are a picture's image function (a silhouette or an upload)."""
    return key.name == "upload_image" or key.name in datasets.names("image")


@st.cache_resource(max_entries=8, ttl=TTL, show_spinner=False)
def picture_mask(key: DataKey) -> np.ndarray:
    """The mask the key's points come from (a silhouette or an uploaded picture), decoded once."""
    if key.name == "upload_image":  # the same defaults as the points' loader (compute.data)
        res, thr = key.param("resolution", 128), key.param("threshold", 128)
        if key.upload is None:
            raise ValueError("no picture was uploaded")
        mask = uploads.image_mask(key.upload, res, thr)
        mask.flags.writeable = False  # shared by every session through the cache
        return mask
    if not is_picture(key):
        raise ValueError(f"{key.name} is not a picture")
    own = datasets.spec(key.name).defaults() | dict(key.params)
    return datasets.silhouette_mask(key.name, own["resolution"], own["threshold"])


def pixel_grid(shape: tuple[int, int]) -> Grid:
    """Grid through the pixel centres of a picture of ``shape`` (the image function's points)."""
    h, w = shape
    s = max(h, w)
    xs = (2 * (np.arange(w) + 0.5) - w) / s
    ys = (h - 2 * (np.arange(h)[::-1] + 0.5)) / s
    gx, gy = np.meshgrid(xs, ys)
    return Grid(xs, ys, np.c_[gx.ravel(), gy.ravel()])


def picture(key: DataKey) -> Picture:
    d = dataset(key)
    mask = picture_mask(key)
    return Picture(mask, pixel_grid(mask.shape), datasets.pixel_index(d["X_tr"], mask.shape),
                   datasets.pixel_index(d["X_te"], mask.shape))


def target_on(grid: Grid, mask: np.ndarray) -> np.ndarray:
    """The picture on any grid over its image function (each cell takes the pixel it falls in;
    outside the picture is light), as surface codes: for panels drawn on a page's own grid."""
    h, w = mask.shape
    s = max(h, w)
    cols = np.floor((grid.xs * s + w) / 2).astype(np.int64)
    rows = np.floor((h - grid.ys * s) / 2).astype(np.int64)
    inside = (rows[:, None] >= 0) & (rows[:, None] < h) & (cols[None, :] >= 0) & \
        (cols[None, :] < w)
    dark = mask[np.clip(rows, 0, h - 1)[:, None], np.clip(cols, 0, w - 1)[None, :]] & inside
    return encode_index(dark.astype(np.int64), 2, grid.shape)


def panel(pic: Picture, value: int, inside: np.ndarray, code: np.ndarray, leaves: int = 0) -> Panel:
    """Compare a drawn shape (``inside``: bool on the picture's grid, y up) with the picture."""
    drawn = inside[::-1]  # grid rows run bottom to top, the mask's top to bottom
    wrong = (drawn != pic.mask).ravel()
    return Panel(value, code, float(wrong[pic.train].mean()),
                 float(wrong[pic.test].mean()) if len(pic.test) else float("nan"),
                 outline_distance(pic.mask, drawn), leaves)


def proba_panel(pic: Picture, value: int, p1: np.ndarray, leaves: int = 0) -> Panel:
    """A panel from the painted probability of class 1 (a tree, a forest's mean vote); the model
    predicts class 1 where it is above one half, as ``predict``'s argmax does."""
    p1 = np.asarray(p1, float).reshape(pic.grid.shape)
    code = encode(np.c_[1.0 - p1.ravel(), p1.ravel()], pic.grid.shape)
    return panel(pic, value, p1 > 0.5, code, leaves)


def tree_proba(model, grid: Grid) -> np.ndarray:
    """A lone tree's or a bagged forest's painted probability of class 1 on ``grid``."""
    trees = [m.tree_ for m in getattr(model, "estimators_", [model])]
    # all members' rectangles found in one pass, summed in one difference array
    painter = surface.TreePainter(trees, lambda i: trees[i].value[:, 1] / len(trees),
                                  grid.xs, grid.ys)
    return painter.total(len(trees))[0]


def staged_votes(trees, alphas, grid: Grid, stages) -> dict[int, np.ndarray]:
    r"""AdaBoost's $g_T(x) = \sum_{t \le T} \alpha_t f_t(x)$ on ``grid`` at each T of ``stages``
    ($f_t = +1$ where its leaf's majority is class 1, else $-1$)."""
    wanted, out = set(stages), {}
    for t, g in enumerate(surface.iter_trees_grid(
            trees, alphas, grid.xs, grid.ys,
            output=lambda tree: np.where(tree.value.argmax(axis=1) == 1, 1.0, -1.0)), start=1):
        if t in wanted:
            out[t] = g.copy()
    return out
