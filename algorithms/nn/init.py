r"""Initial weights :math:`W^l` and biases :math:`b^l` of a dense layer.

The scale matters (the lecture: sigmoid saturates for large :math:`|z|`, and tiny weights make
every layer's :math:`\partial C/\partial z` shrink on the way back). Each initialiser returns
``(W, b)`` with ``W`` of shape (fan_in, fan_out), drawn from the generator it is given.

* ``"glorot_uniform"`` (scikit-learn's MLP): :math:`W, b \sim U(-r, r)`,
  :math:`r = \sqrt{k/(n_{in}+n_{out})}`, k = 2 for a sigmoid layer and 6 otherwise;
* ``"glorot_normal"``: :math:`W \sim N(0, 2/(n_{in}+n_{out}))`, b = 0;
* ``"he_normal"`` (for ReLU): :math:`W \sim N(0, 2/n_{in})`, b = 0;
* ``"he_uniform"``: :math:`W \sim U(-\sqrt{6/n_{in}}, \sqrt{6/n_{in}})`, b = 0;
* ``"normal"``: :math:`W \sim N(0, 1)`, b = 0 (large: shows saturation);
* ``"zeros"``: all zero (every neuron of a layer then stays identical - a lesson, not a choice).
"""

from __future__ import annotations

import numpy as np


def glorot_uniform(fan_in, fan_out, rng, activation_name=""):
    k = 2.0 if activation_name == "sigmoid" else 6.0        # scikit-learn's factor
    r = np.sqrt(k / (fan_in + fan_out))
    return rng.uniform(-r, r, (fan_in, fan_out)), rng.uniform(-r, r, fan_out)


def glorot_normal(fan_in, fan_out, rng, activation_name=""):
    return rng.normal(0.0, np.sqrt(2.0 / (fan_in + fan_out)), (fan_in, fan_out)), np.zeros(fan_out)


def he_normal(fan_in, fan_out, rng, activation_name=""):
    return rng.normal(0.0, np.sqrt(2.0 / fan_in), (fan_in, fan_out)), np.zeros(fan_out)


def he_uniform(fan_in, fan_out, rng, activation_name=""):
    r = np.sqrt(6.0 / fan_in)
    return rng.uniform(-r, r, (fan_in, fan_out)), np.zeros(fan_out)


def normal(fan_in, fan_out, rng, activation_name=""):
    return rng.normal(0.0, 1.0, (fan_in, fan_out)), np.zeros(fan_out)


def zeros(fan_in, fan_out, rng, activation_name=""):
    return np.zeros((fan_in, fan_out)), np.zeros(fan_out)


INITIALISERS = {"glorot_uniform": glorot_uniform, "glorot_normal": glorot_normal,
                "he_normal": he_normal, "he_uniform": he_uniform, "normal": normal,
                "zeros": zeros}


def get_initialiser(spec):
    """An initialiser from a name (see the module docstring) or a callable
    ``f(fan_in, fan_out, rng, activation_name) -> (W, b)``."""
    if callable(spec):
        return spec
    try:
        return INITIALISERS[spec]
    except (KeyError, TypeError):
        raise ValueError(f"Unknown initialiser {spec!r}; choose one of "
                         f"{sorted(INITIALISERS)}.") from None
