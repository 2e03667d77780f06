r"""Where an activation saturates: its derivative :math:`\sigma'(z)` is nearly zero there.

The backward pass multiplies every neuron's :math:`\partial C/\partial a` by :math:`\sigma'(z)`
(the lecture's amplifier of the reversed network). Where :math:`\sigma'(z)` is a small share of its
largest value, a neuron passes almost no gradient back: the sigmoid for :math:`|z| \gtrsim 3.6`
(:math:`\sigma' < 0.025`, a tenth of its peak 1/4), tanh for :math:`|z| \gtrsim 1.8`, ReLU for
every :math:`z < 0` (:math:`\sigma' = 0`). Even at its peak the sigmoid's amplifier is 1/4, so
through many sigmoid layers :math:`\partial C/\partial z` shrinks layer after layer.
"""

from __future__ import annotations

import numpy as np

from .activations import Softmax, get_activation


def curve(activation, z) -> tuple[np.ndarray, np.ndarray]:
    r""":math:`\sigma(z)` and :math:`\sigma'(z)` on the points ``z`` (the engine's functions)."""
    act = get_activation(activation)
    if isinstance(act, Softmax):
        raise ValueError("softmax acts on a whole layer; it has no curve of one z.")
    z = np.asarray(z, dtype=np.float64).reshape(1, -1)
    a = act.forward(z)
    return a[0], np.broadcast_to(act.derivative(z, a), z.shape)[0].astype(np.float64)


def saturated(activation, z, share: float = 0.1) -> np.ndarray:
    r"""True where :math:`\sigma'(z) <` ``share`` × the largest :math:`\sigma'` on ``z`` (include
    z = 0 in ``z`` for the peak of sigmoid and tanh)."""
    if not 0 < share < 1:
        raise ValueError(f"share must lie strictly between 0 and 1; got {share!r}.")
    _, d = curve(activation, z)
    return d < share * d.max()


def saturated_regions(activation, lo: float = -6.0, hi: float = 6.0, share: float = 0.1,
                      points: int = 2401) -> list[tuple[float, float]]:
    r"""Intervals of z in [lo, hi] where the activation saturates (see :func:`saturated`), as
    (start, end) pairs on a grid of ``points`` values of z."""
    if not lo < 0 < hi:
        raise ValueError(f"the range must contain z = 0 (lo < 0 < hi); got [{lo}, {hi}].")
    z = np.linspace(lo, hi, int(points))
    mask = saturated(activation, z, share)
    edges = np.flatnonzero(np.diff(np.r_[False, mask, False].astype(np.int8)))
    return [(float(z[s]), float(z[e - 1])) for s, e in zip(edges[::2], edges[1::2])]
