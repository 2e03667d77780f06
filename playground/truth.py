"""What each generated data set really is: the truth a bias-variance decomposition measures against.

The generators of :mod:`playground.datasets` draw a noise-free point and add noise. For the 1-D
regression sets that is y = f(x) + N(0, σ²) with σ = 0.5 × noise, so f and σ² are known exactly.
For the 2-D classification sets it is a clean point z of class c (on an arc, a ring, a spiral arm,
in a quadrant or a board cell, or a blob's centre) plus N(0, σ² I) noise with a σ each set scales
from ``noise`` in its own way. Each :class:`Shape` below lays quadrature points over every class's
clean shape, drawn with the same probabilities as the generator's, so that
``algorithms.bias_variance.gaussian_noise_posterior`` gives P(c | x) and the Bayes-optimal label.

Pure numpy (no streamlit). ``tests/test_truth.py`` checks every row against its generator: noise-
free draws lie on the clean shapes, the noise has the stated σ, and the Bayes labels beat any
fitted learner on fresh draws.

Not every set has a fixed truth: "linear" draws a new separating line for every seed, so its
training sets do not come from one distribution; it is left out here (and so from the page).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from playground import datasets

# ---- 1-D regression: y = f(x) + N(0, (0.5 noise)^2), x uniform on [-1, 1] ---------------------
_LEVELS = np.array([-0.8, 0.4, -0.3, 0.9])
F: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "sine": lambda x: np.sin(2 * np.pi * x),
    "steps": lambda x: _LEVELS[np.clip(((x + 1) * 2).astype(int), 0, 3)],
    "noisy": lambda x: 0.8 * x,
    "abs": lambda x: 1.6 * np.abs(x) - 0.8,
}
X_RANGE = (-1.0, 1.0)


def noise_sd_1d(noise: float) -> float:
    """σ of a 1-D set's noise (``datasets._regression``: sd = 0.5 × noise)."""
    return 0.5 * float(noise)


# ---- 2-D classification: clean shapes and the noise each set adds ----------------------------
Q = 512  # quadrature points along a curve, per class


def _mid(k: int) -> np.ndarray:
    """k midpoints of [0, 1]: equal-probability nodes of a uniform draw."""
    return (np.arange(k) + 0.5) / k


def _moons(noise: float, **_) -> tuple[list, float]:
    a = np.pi * _mid(Q)
    shift = np.array([0.5, 0.25])
    return [np.c_[np.cos(a), np.sin(a)] - shift,
            np.c_[1.0 - np.cos(a), 0.5 - np.sin(a)] - shift], 0.5 * noise


def _circles(noise: float, factor: float = 0.5, **_) -> tuple[list, float]:
    a = 2 * np.pi * _mid(Q)
    ring = np.c_[np.cos(a), np.sin(a)]
    return [ring, factor * ring], 0.25 * noise


def _spirals(noise: float, **_) -> tuple[list, float]:
    theta_max = 3.5 * np.pi
    theta = np.sqrt(0.02 + 0.98 * _mid(2 * Q)) * theta_max  # the generator's sqrt(uniform) draw
    r = theta / theta_max
    return [r[:, None] * np.c_[np.cos(theta + np.pi * c), np.sin(theta + np.pi * c)]
            for c in (0, 1)], 0.15 * noise


def _xor(noise: float, **_) -> tuple[list, float]:
    g = _mid(24)
    mag = np.stack(np.meshgrid(g, g), -1).reshape(-1, 2)
    # class 0: both signs equal (quadrants I, III); class 1: opposite (II, IV)
    return [np.r_[mag, -mag], np.r_[mag * [1, -1], mag * [-1, 1]]], 0.3 * noise


def _blobs(noise: float, classes: int = 3, **_) -> tuple[list, float]:
    angle = 2 * np.pi * np.arange(int(classes)) / int(classes) + np.pi / 2
    return [np.array([[np.cos(a), np.sin(a)]]) for a in angle], 0.15 + 0.45 * noise


def _checkerboard(noise: float, cells: int = 4, **_) -> tuple[list, float]:
    cells = int(cells)
    w = 2.0 / cells
    g = _mid(8)
    inner = np.stack(np.meshgrid(g, g), -1).reshape(-1, 2)
    i, j0 = np.meshgrid(np.arange(cells), np.arange(cells), indexing="ij")
    i, j0 = i.ravel(), j0.ravel()
    out = []
    for y in (0, 1):
        # the generator's own rule: a cell of the wrong colour moves one step along j (for an
        # odd board the last column wraps onto a cell of the same colour: kept, as drawn)
        j = np.where((i + j0) % 2 == y, j0, (j0 + 1) % cells)
        corner = -1 + w * np.c_[i, j]
        out.append((corner[:, None, :] + w * inner[None]).reshape(-1, 2))
    return out, 0.1 * noise


@dataclass(frozen=True)
class Shape:
    name: str
    clean: Callable[..., tuple[list, float]]  # (noise, **own params) -> ([Z_c], σ)


# Class shapes a sum of one-feature functions cannot draw (boosting stumps adds up exactly such
# functions): the class depends on both features together.
NOT_ADDITIVE = frozenset({"xor", "checkerboard", "spirals"})

SHAPES: dict[str, Shape] = {s.name: s for s in (
    Shape("moons", _moons), Shape("circles", _circles), Shape("spirals", _spirals),
    Shape("xor", _xor), Shape("blobs", _blobs), Shape("checkerboard", _checkerboard))}


def names_1d() -> tuple[str, ...]:
    return tuple(n for n in datasets.names("1d") if n in F)


def names_2d() -> tuple[str, ...]:
    return tuple(n for n in datasets.names("2d") if n in SHAPES)


def clean_shapes(name: str, noise: float, **own) -> tuple[list, float]:
    """([quadrature points of class c's clean shape], σ) of a 2-D set at this noise level."""
    if name not in SHAPES:
        raise ValueError(f"the data set {name!r} has no fixed truth to measure bias against; "
                         f"choose one of {', '.join(SHAPES)}")
    return SHAPES[name].clean(float(noise), **own)
