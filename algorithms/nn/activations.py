r"""Activation functions :math:`a = \sigma(z)`, each with its derivatives next to it.

Every activation gives

* ``forward(z)``: :math:`a = \sigma(z)`;
* ``backward(z, a, dC_da)``: :math:`\partial C/\partial z = \sigma'(z) \odot \partial C/\partial a`
  (the "amplifier" :math:`\sigma'(z)` of the lecture's reversed network, fixed by the forward pass);
* ``r_backward(z, a, dC_da, Rz, R_dC_da)``: the same line differentiated along a direction
  (Pearlmutter's R-operator, used for exact Hessian-vector products):
  :math:`R\{\partial C/\partial z\} = \sigma''(z)\,R\{z\} \odot \partial C/\partial a
  + \sigma'(z) \odot R\{\partial C/\partial a\}`;
* ``r_forward(z, a, Rz)``: :math:`R\{a\} = \sigma'(z) \odot R\{z\}`.

Arrays hold one sample per row. Element-wise activations write :math:`\sigma'` and
:math:`\sigma''` in terms of :math:`a` where that is cheaper (sigmoid, tanh). Softmax is not
element-wise: its Jacobian is :math:`\partial a_i/\partial z_j = a_i(\delta_{ij} - a_j)`.
"""

from __future__ import annotations

import numpy as np


class Activation:
    """An element-wise activation: subclasses give ``forward``, ``derivative`` and ``second``."""

    name = ""

    def forward(self, z):
        raise NotImplementedError

    def derivative(self, z, a):
        r""":math:`\sigma'(z)`, element-wise."""
        raise NotImplementedError

    def second(self, z, a):
        r""":math:`\sigma''(z)`, element-wise."""
        raise NotImplementedError

    def backward(self, z, a, dC_da):
        return self.derivative(z, a) * dC_da                # dC/dz = sigma'(z) * dC/da

    def r_forward(self, z, a, Rz):
        return self.derivative(z, a) * Rz                   # R{a} = sigma'(z) R{z}

    def r_backward(self, z, a, dC_da, Rz, R_dC_da):
        # R{dC/dz} = sigma''(z) R{z} dC/da + sigma'(z) R{dC/da}
        return self.second(z, a) * Rz * dC_da + self.derivative(z, a) * R_dC_da

    def __repr__(self):
        return f"{type(self).__name__}()"


class Sigmoid(Activation):
    r""":math:`\sigma(z) = 1/(1+e^{-z})`; :math:`\sigma' = a(1-a) \le 1/4` (it saturates: ≈ 0 for
    large :math:`|z|`); :math:`\sigma'' = a(1-a)(1-2a)`."""

    name = "sigmoid"

    def forward(self, z):
        return 0.5 * (1.0 + np.tanh(0.5 * z))              # 1/(1+e^-z) without exp overflow

    def derivative(self, z, a):
        return a * (1.0 - a)                                # sigma'(z) = a (1 - a)

    def second(self, z, a):
        return a * (1.0 - a) * (1.0 - 2.0 * a)              # sigma''(z) = a (1 - a)(1 - 2a)

    def backward(self, z, a, dC_da):
        return a * (1.0 - a) * dC_da


class Tanh(Activation):
    r""":math:`\tanh z`, zero-centred; :math:`\tanh' = 1 - a^2`; :math:`\tanh'' = -2a(1-a^2)`."""

    name = "tanh"

    def forward(self, z):
        return np.tanh(z)

    def derivative(self, z, a):
        return 1.0 - a * a                                  # tanh'(z) = 1 - a^2

    def second(self, z, a):
        return -2.0 * a * (1.0 - a * a)                     # tanh''(z) = -2 a (1 - a^2)

    def backward(self, z, a, dC_da):
        return (1.0 - a * a) * dC_da


class ReLU(Activation):
    r""":math:`\max(0, z)`; derivative 1 for :math:`z > 0`, else 0 (0 at z = 0, as scikit-learn);
    second derivative 0 (almost everywhere)."""

    name = "relu"

    def forward(self, z):
        return np.maximum(z, 0.0)

    def derivative(self, z, a):
        return (z > 0).astype(z.dtype)

    def second(self, z, a):
        return np.zeros_like(z)

    def backward(self, z, a, dC_da):
        return dC_da * (z > 0)                              # dC/dz = dC/da where z > 0, else 0

    def r_backward(self, z, a, dC_da, Rz, R_dC_da):
        return R_dC_da * (z > 0)                            # sigma'' = 0: only the second term


class LeakyReLU(Activation):
    r""":math:`z` for :math:`z > 0`, else :math:`\text{slope}\cdot z` (a small gradient where ReLU
    has none); second derivative 0 (almost everywhere)."""

    name = "leaky_relu"

    def __init__(self, slope: float = 0.01):
        self.slope = float(slope)

    def forward(self, z):
        return np.where(z > 0, z, self.slope * z)

    def derivative(self, z, a):
        return np.where(z > 0, 1.0, self.slope)

    def second(self, z, a):
        return np.zeros_like(z)

    def backward(self, z, a, dC_da):
        return np.where(z > 0, dC_da, self.slope * dC_da)

    def r_backward(self, z, a, dC_da, Rz, R_dC_da):
        return self.backward(z, a, R_dC_da)

    def __repr__(self):
        return f"LeakyReLU(slope={self.slope})"


class Linear(Activation):
    r"""The identity :math:`a = z` (a linear output for regression); :math:`\sigma' = 1`."""

    name = "linear"

    def forward(self, z):
        return z

    def derivative(self, z, a):
        return np.ones_like(z)

    def second(self, z, a):
        return np.zeros_like(z)

    def backward(self, z, a, dC_da):
        return dC_da

    def r_forward(self, z, a, Rz):
        return Rz

    def r_backward(self, z, a, dC_da, Rz, R_dC_da):
        return R_dC_da


class Softmax(Activation):
    r""":math:`a_i = e^{z_i} / \sum_j e^{z_j}` over one sample's outputs (an output layer only).

    Backward is the Jacobian-vector product
    :math:`\partial C/\partial z = a \odot (\partial C/\partial a
    - \langle a, \partial C/\partial a\rangle)`.
    """

    name = "softmax"

    def forward(self, z):
        e = np.exp(z - z.max(axis=1, keepdims=True))        # shift: same a, no overflow
        return e / e.sum(axis=1, keepdims=True)

    def derivative(self, z, a):
        raise TypeError("softmax has a Jacobian, not an element-wise derivative; use backward().")

    def backward(self, z, a, dC_da):
        # dC/dz_i = sum_j a_j (delta_ij - a_i) dC/da_j = a_i (dC/da_i - <a, dC/da>)
        return a * (dC_da - np.sum(a * dC_da, axis=1, keepdims=True))

    def r_forward(self, z, a, Rz):
        return a * (Rz - np.sum(a * Rz, axis=1, keepdims=True))   # R{a} = J R{z}

    def r_backward(self, z, a, dC_da, Rz, R_dC_da):
        # product rule on a (g - <a, g>) with R{a} = J R{z}, g = dC/da
        Ra = self.r_forward(z, a, Rz)
        s = np.sum(a * dC_da, axis=1, keepdims=True)
        Rs = np.sum(Ra * dC_da + a * R_dC_da, axis=1, keepdims=True)
        return Ra * (dC_da - s) + a * (R_dC_da - Rs)


ACTIVATIONS: dict[str, type[Activation]] = {
    "sigmoid": Sigmoid, "logistic": Sigmoid, "tanh": Tanh, "relu": ReLU,
    "leaky_relu": LeakyReLU, "linear": Linear, "identity": Linear, "softmax": Softmax,
}


def get_activation(spec) -> Activation:
    """An :class:`Activation` from a name ("sigmoid", "tanh", "relu", "leaky_relu", "linear",
    "softmax"; scikit-learn's "logistic" and "identity" too) or an instance."""
    if isinstance(spec, Activation):
        return spec
    try:
        return ACTIVATIONS[spec]()
    except (KeyError, TypeError):
        raise ValueError(f"Unknown activation {spec!r}; choose one of "
                         f"{sorted(set(ACTIVATIONS))}.") from None
