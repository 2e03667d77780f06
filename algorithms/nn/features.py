r"""Input features computed from the raw inputs (TensorFlow Playground's tick boxes).

A network sees :math:`a^0 = \phi(x)`, a few fixed functions of the raw inputs
:math:`x = (x_1, x_2)`: the inputs themselves, their squares, their product and their sines.
With :math:`x_1^2` and :math:`x_2^2` a model without hidden layers - a straight boundary
:math:`w_1\phi_1 + w_2\phi_2 + \dots + b = 0` in the features - draws a circle in the plane,
which is why a linear model fails on two circles with :math:`x_1, x_2` alone and succeeds with
the squares.

Each row of :data:`FEATURES` is one feature: its name, the raw inputs it reads and its function.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np


class Feature(NamedTuple):
    name: str  # short id, used in settings and URLs ("x1sq")
    symbol: str  # how the lecture writes it ("x₁²")
    reads: tuple[int, ...]  # the raw inputs it needs (0 = x₁, 1 = x₂)
    f: Callable[[np.ndarray], np.ndarray]  # raw inputs (n, d) -> values (n,)


FEATURES: tuple[Feature, ...] = (
    Feature("x1", "x₁", (0,), lambda X: X[:, 0]),
    Feature("x2", "x₂", (1,), lambda X: X[:, 1]),
    Feature("x1sq", "x₁²", (0,), lambda X: X[:, 0] ** 2),
    Feature("x2sq", "x₂²", (1,), lambda X: X[:, 1] ** 2),
    Feature("x1x2", "x₁x₂", (0, 1), lambda X: X[:, 0] * X[:, 1]),
    Feature("sinx1", "sin x₁", (0,), lambda X: np.sin(X[:, 0])),
    Feature("sinx2", "sin x₂", (1,), lambda X: np.sin(X[:, 1])),
)
BY_NAME = {f.name: f for f in FEATURES}


def feature_names(n_inputs: int) -> tuple[str, ...]:
    """The features that can be computed from ``n_inputs`` raw inputs (1-D data: those of x₁)."""
    return tuple(f.name for f in FEATURES if max(f.reads) < n_inputs)


def check_features(names, n_inputs: int) -> tuple[str, ...]:
    """``names`` as a tuple, or a ValueError saying which name is wrong and what is allowed."""
    if isinstance(names, str):
        names = (names,)
    names = tuple(names)
    allowed = feature_names(n_inputs)
    if not names:
        raise ValueError("choose at least one input feature (the network needs an input).")
    unknown = [n for n in names if n not in BY_NAME]
    if unknown:
        raise ValueError(f"unknown input feature {unknown[0]!r}; choose from "
                         f"{', '.join(allowed)}.")
    missing = [n for n in names if n not in allowed]
    if missing:
        raise ValueError(f"input feature {missing[0]!r} needs x₂, but the data have only "
                         f"{n_inputs} input; choose from {', '.join(allowed)}.")
    if len(set(names)) != len(names):
        raise ValueError(f"input features are listed twice: {', '.join(names)}.")
    return names


def feature_map(X, names) -> np.ndarray:
    r""":math:`a^0 = \phi(x)`: one column per named feature, in the order given.

    ``X`` holds the raw inputs, one sample per row (1 or 2 columns)."""
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] < 1:
        raise ValueError(f"X must have shape (n_samples, n_inputs); got {X.shape}.")
    if not np.isfinite(X).all():
        raise ValueError("X contains NaN or infinity.")
    names = check_features(names, X.shape[1])
    out = np.empty((len(X), len(names)))
    for k, name in enumerate(names):
        out[:, k] = BY_NAME[name].f(X)
    return out
