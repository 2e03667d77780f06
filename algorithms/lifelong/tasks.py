r"""Sequences of tasks for lifelong learning, made from one labelled image set (numpy only).

* :func:`rotated_tasks`: task k shows the same images rotated by a growing angle
  :math:`\varphi_k` (0°, 22.5°, 45°, ... by default): the classes stay, the inputs drift, and a
  network fine-tuned on the last angle forgets the first;
* :func:`permuted_tasks`: task k shows every image with its pixels shuffled by one fixed random
  permutation :math:`\pi_k` (task 1 keeps the original order): every task is as hard as the first,
  and the tasks share nothing but the labels.

The images arrive as rows (n, h·w); rotating a row is multiplying it by a fixed (h·w, h·w)
matrix of bilinear weights (:func:`rotation_matrix`), so a whole task is one matrix product.
"""

from __future__ import annotations

import numbers

import numpy as np

from .._validation import check_random_state


def rotation_matrix(side: int, degrees: float) -> np.ndarray:
    r"""The (side², side²) matrix M with ``rotated = image_row @ M``: the image turned by
    ``degrees`` counter-clockwise about its centre, each output pixel read from the input by
    bilinear interpolation (pixels that come from outside the image are 0)."""
    c = (side - 1) / 2.0
    rows, cols = np.mgrid[0:side, 0:side]
    # output pixel (r, c) reads the input at the point turned back by -degrees
    phi = np.deg2rad(degrees)
    x, y = cols - c, c - rows                               # image axes: y up
    src_x = np.cos(phi) * x + np.sin(phi) * y + c
    src_y = -(-np.sin(phi) * x + np.cos(phi) * y) + c        # back to row index (down)
    M = np.zeros((side * side, side * side))
    out = (rows * side + cols).ravel()
    x0, y0 = np.floor(src_x).ravel(), np.floor(src_y).ravel()
    fx, fy = src_x.ravel() - x0, src_y.ravel() - y0
    for dx, dy, w in ((0, 0, (1 - fx) * (1 - fy)), (1, 0, fx * (1 - fy)),
                      (0, 1, (1 - fx) * fy), (1, 1, fx * fy)):
        xi, yi = (x0 + dx).astype(int), (y0 + dy).astype(int)
        inside = (xi >= 0) & (xi < side) & (yi >= 0) & (yi < side) & (w > 1e-12)
        np.add.at(M, (yi[inside] * side + xi[inside], out[inside]), w[inside])
    return M


def _check_images(X) -> tuple[np.ndarray, int]:
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[0] < 1:
        raise ValueError(f"the images must be rows of pixels, shape (n_images, side * side); "
                         f"got shape {X.shape}.")
    side = int(round(np.sqrt(X.shape[1])))
    if side * side != X.shape[1]:
        raise ValueError(f"each image row must hold a square picture (side * side pixels); "
                         f"{X.shape[1]} pixels is not a square.")
    if not np.isfinite(X).all():
        raise ValueError("the images hold NaN or infinite pixels.")
    return X, side


def task_angles(n_tasks: int, step: float) -> np.ndarray:
    r"""The growing angles :math:`\varphi_k = k \cdot` ``step`` for k = 0, ..., n_tasks − 1."""
    if not isinstance(n_tasks, numbers.Integral) or n_tasks < 1:
        raise ValueError(f"n_tasks must be a whole number >= 1; got {n_tasks!r}.")
    if not np.isfinite(step):
        raise ValueError(f"the angle step must be a finite number of degrees; got {step!r}.")
    return step * np.arange(int(n_tasks), dtype=np.float64)


def rotated_tasks(X, n_tasks: int = 5, step: float = 22.5) -> list[np.ndarray]:
    r"""The images of every task: task k is ``X`` rotated by :math:`k \cdot` ``step`` degrees."""
    X, side = _check_images(X)
    return [X @ rotation_matrix(side, a) for a in task_angles(n_tasks, step)]


def task_permutations(n_pixels: int, n_tasks: int, random_state=None) -> np.ndarray:
    r"""(n_tasks, n_pixels): the identity for task 1, then one random permutation per task."""
    task_angles(n_tasks, 0.0)                               # the same check of n_tasks
    rng = check_random_state(random_state)
    perms = [np.arange(n_pixels)] + [rng.permutation(n_pixels) for _ in range(int(n_tasks) - 1)]
    return np.array(perms)


def permuted_tasks(X, n_tasks: int = 5, random_state=None) -> list[np.ndarray]:
    r"""The images of every task: task k is ``X`` with its pixels reordered by :math:`\pi_k`."""
    X, _ = _check_images(X)
    return [X[:, p] for p in task_permutations(X.shape[1], n_tasks, random_state)]
