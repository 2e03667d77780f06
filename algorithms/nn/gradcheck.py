r"""Finite-difference estimates of the gradient: the independent check of the backward pass.

For a parameter :math:`\theta_k` the central difference

.. math::
    \frac{\partial L}{\partial \theta_k} \approx \frac{L(\theta + h e_k) - L(\theta - h e_k)}{2h}

needs nothing but two forward passes; its error is :math:`O(h^2)` (plus rounding of order
:math:`\epsilon_{mach} L / h`), so h = 1e-5 agrees with the backward pass to about 1e-9 where the
loss is smooth. Where it is not - a ReLU neuron whose :math:`z` sits within h of its kink at 0 -
the two sides see different slopes and the estimate differs from either one-sided derivative:
that is a property of the function, not an error of backpropagation.
"""

from __future__ import annotations

import numpy as np


def numerical_gradient(net, X, y, indices=None, *, h: float = 1e-5, sample_weight=None,
                       penalties=()) -> np.ndarray:
    r"""Central differences of ``net.loss_value(X, y, ...)`` with respect to
    :math:`\theta_k` for every k in ``indices`` (all parameters when None). :math:`\theta` is put
    back exactly afterwards."""
    if not (np.isfinite(h) and h > 0):
        raise ValueError(f"the step h must be a positive number; got {h!r}.")
    theta = net.theta
    idx = np.arange(theta.size) if indices is None else np.atleast_1d(np.asarray(indices))
    if idx.size and (idx.min() < 0 or idx.max() >= theta.size):
        raise ValueError(f"parameter indices must lie in [0, {theta.size}); got "
                         f"{idx.min()}..{idx.max()}.")
    out = np.empty(idx.size)
    for n, k in enumerate(idx):
        keep = theta[k]
        theta[k] = keep + h
        up = net.loss_value(X, y, sample_weight, penalties)
        theta[k] = keep - h
        down = net.loss_value(X, y, sample_weight, penalties)
        theta[k] = keep                                      # exactly the value it had
        out[n] = (up - down) / (2.0 * h)                     # (L(θ + h e_k) - L(θ - h e_k)) / 2h
    return out


def weight_index(net, l: int, j: int, i: int) -> int:
    r"""Position of :math:`w_{ij}^l` (from neuron j of layer l-1 to neuron i of layer l, 0-based
    j and i, layers 1..L) in the flat :math:`\theta`."""
    L = len(net.layers)
    if not 1 <= l <= L:
        raise ValueError(f"layer l must lie in 1..{L}; got {l}.")
    layer = net.layers[l - 1]
    if not (0 <= j < layer.fan_in and 0 <= i < layer.fan_out):
        raise ValueError(f"layer {l} has weights w_ij with j < {layer.fan_in} and "
                         f"i < {layer.fan_out}; got j = {j}, i = {i}.")
    start = sum(lay.fan_in * lay.fan_out for lay in net.layers[:l - 1])
    return start + j * layer.fan_out + i                     # W[j, i], row-major
