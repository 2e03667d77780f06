r"""Real distributions p_r(x) in the plane for a generative model to learn (docs/lecture.md §8).

Each is a sampler of two-dimensional points. The two mixtures carry their modes (centres and
standard deviation), so that a generator's samples can be checked against them mode by mode
(:func:`algorithms.gan_metrics.modes_covered`):

* ``"ring"``: 8 Gaussians evenly spaced on a circle of radius 2, standard deviation σ (the
  benchmark of Metz et al. 2017, "Unrolled GANs", and of PacGAN);
* ``"grid"``: 25 Gaussians at {−4, −2, 0, 2, 4}², standard deviation σ (the same papers);
* ``"moons"``: two interleaving half circles (radius 1, unit gap), jittered by σ;
* ``"line"``: a segment from (−2, −1) to (2, 1), jittered across by σ;
* ``"spiral"``: an Archimedean spiral r = θ / (2π) · 0.9 for θ in [π/2, 4π], jittered by σ.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from ._validation import check_random_state

#: Default standard deviation of each distribution's jitter (the mixtures' σ).
DEFAULT_STD = {"ring": 0.05, "grid": 0.05, "moons": 0.05, "line": 0.05, "spiral": 0.05}
MAX_SAMPLES = 100_000


@dataclass(frozen=True)
class RealSample:
    """Points drawn from a real distribution, and its modes when it is a mixture."""

    name: str
    X: np.ndarray  # (n, 2)
    centres: np.ndarray | None  # (K, 2) the mixture's means, None for a distribution without modes
    std: float  # σ of each component (or of the jitter)

    @property
    def n_modes(self) -> int:
        return 0 if self.centres is None else len(self.centres)


def ring_centres(n_modes: int = 8, radius: float = 2.0) -> np.ndarray:
    angle = 2 * np.pi * np.arange(n_modes) / n_modes
    return radius * np.c_[np.cos(angle), np.sin(angle)]


def grid_centres(side: int = 5, spacing: float = 2.0) -> np.ndarray:
    ticks = spacing * (np.arange(side) - (side - 1) / 2)
    gx, gy = np.meshgrid(ticks, ticks)
    return np.c_[gx.ravel(), gy.ravel()]


def _mixture(centres, n, std, rng):
    which = rng.integers(0, len(centres), n)               # each point picks a component
    return centres[which] + std * rng.standard_normal((n, 2))


def _moons(n, std, rng):
    upper = rng.random(n) < 0.5
    angle = np.pi * rng.random(n)
    x = np.where(upper, np.cos(angle), 1.0 - np.cos(angle))
    y = np.where(upper, np.sin(angle), 0.5 - np.sin(angle))
    return np.c_[x - 0.5, y - 0.25] * 1.5 + std * rng.standard_normal((n, 2))


def _line(n, std, rng):
    s = rng.uniform(-1.0, 1.0, n)                          # position along the segment
    direction = np.array([2.0, 1.0])
    normal = np.array([-1.0, 2.0]) / np.sqrt(5.0)
    return s[:, None] * direction + std * rng.standard_normal(n)[:, None] * normal


def _spiral(n, std, rng):
    theta = np.sqrt(rng.uniform((0.5 * np.pi) ** 2, (4 * np.pi) ** 2, n))  # even along the arc
    r = 0.9 * theta / (2 * np.pi)
    return np.c_[r * np.cos(theta), r * np.sin(theta)] + std * rng.standard_normal((n, 2))


NAMES = ("ring", "grid", "moons", "line", "spiral")


def sample(name: str, n: int = 2000, *, std: float | None = None, random_state=None
           ) -> RealSample:
    """``n`` points of the real distribution ``name`` (one of :data:`NAMES`)."""
    if name not in NAMES:
        raise ValueError(f"unknown real distribution {name!r}; choose one of {', '.join(NAMES)}.")
    if not isinstance(n, numbers.Integral) or isinstance(n, bool) or not 1 <= n <= MAX_SAMPLES:
        raise ValueError(f"n must be a whole number of points in [1, {MAX_SAMPLES}]; got {n!r}.")
    std = DEFAULT_STD[name] if std is None else std
    if not isinstance(std, numbers.Real) or not np.isfinite(std) or not 0 <= std <= 1:
        raise ValueError(f"std must be a number in [0, 1] (the spread of each mode); got {std!r}.")
    rng = check_random_state(random_state)
    std = float(std)
    centres = None
    if name == "ring":
        centres = ring_centres()
        X = _mixture(centres, n, std, rng)
    elif name == "grid":
        centres = grid_centres()
        X = _mixture(centres, n, std, rng)
    elif name == "moons":
        X = _moons(n, std, rng)
    elif name == "line":
        X = _line(n, std, rng)
    else:
        X = _spiral(n, std, rng)
    return RealSample(name, X, centres, std)
