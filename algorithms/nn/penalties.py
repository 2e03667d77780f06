r"""Terms added to the loss, :math:`L'(\theta) = L(\theta) + \Omega(\theta)`, each with its gradient
and its Hessian-vector product (so the network's exact :math:`Hv` includes them).

Every penalty works on the network's flat parameter vector :math:`\theta` (weights first, then
biases; see :class:`~algorithms.nn.network.Network`). ``total_weight`` is the batch's
:math:`\sum_n u^n`; only scikit-learn's per-sample convention (``per_sample=True``) uses it.

* :class:`L2`: :math:`\Omega = \tfrac{\alpha}{2}\sum_l \lVert W^l\rVert^2` (weights only),
  :math:`\nabla\Omega = \alpha W`, :math:`H v = \alpha v` on the weights;
* :class:`L1`: :math:`\Omega = \alpha\sum |w|`, :math:`\nabla\Omega = \alpha\,\mathrm{sign}(w)`,
  :math:`Hv = 0` (zero almost everywhere);
* :class:`Anchor`: the lifelong-learning lecture's
  :math:`\Omega = \lambda\sum_i b_i(\theta_i - \theta_i^b)^2`,
  :math:`\nabla\Omega = 2\lambda\, b \odot (\theta - \theta^b)`, :math:`Hv = 2\lambda\, b \odot v`
  (EWC, MAS, SCP differ only in the guards :math:`b_i`; L2-to-old is :math:`b_i = 1`).
"""

from __future__ import annotations

import numpy as np


class Penalty:
    """A term of the loss: ``value``, ``gradient`` and ``hvp`` over the flat parameters."""

    def value(self, net, total_weight: float = 1.0) -> float:
        raise NotImplementedError

    def gradient(self, net, total_weight: float = 1.0) -> np.ndarray:
        raise NotImplementedError

    def hvp(self, net, v, total_weight: float = 1.0) -> np.ndarray:
        raise NotImplementedError


class L2(Penalty):
    r""":math:`\tfrac{\alpha}{2}\sum_l\lVert W^l\rVert^2` over the weights (biases are not
    penalised).

    ``per_sample=True`` divides by the batch's :math:`\sum_n u^n`, scikit-learn's MLP convention
    (the penalty then joins the *summed* cost:
    :math:`(\sum_n u^n C^n + \tfrac{\alpha}{2}\lVert W\rVert^2)/\sum_n u^n`).
    """

    def __init__(self, alpha: float, *, per_sample: bool = False):
        self.alpha, self.per_sample = float(alpha), per_sample

    def _scale(self, total_weight):
        return self.alpha / total_weight if self.per_sample else self.alpha

    def value(self, net, total_weight=1.0):
        w = net.theta[:net.n_weights]
        return 0.5 * self._scale(total_weight) * float(w @ w)      # alpha/2 sum w^2

    def gradient(self, net, total_weight=1.0):
        g = np.zeros_like(net.theta)
        g[:net.n_weights] = self._scale(total_weight) * net.theta[:net.n_weights]   # alpha w
        return g

    def hvp(self, net, v, total_weight=1.0):
        out = np.zeros_like(net.theta)
        out[:net.n_weights] = self._scale(total_weight) * v[:net.n_weights]        # alpha v
        return out

    def __repr__(self):
        return f"L2(alpha={self.alpha}{', per_sample=True' if self.per_sample else ''})"


class L1(Penalty):
    r""":math:`\alpha\sum|w|` over the weights; it drives unimportant weights to exactly zero
    (with a proximal step) or near zero (with plain gradient steps, as here)."""

    def __init__(self, alpha: float):
        self.alpha = float(alpha)

    def value(self, net, total_weight=1.0):
        return self.alpha * float(np.abs(net.theta[:net.n_weights]).sum())   # alpha sum |w|

    def gradient(self, net, total_weight=1.0):
        g = np.zeros_like(net.theta)
        g[:net.n_weights] = self.alpha * np.sign(net.theta[:net.n_weights])   # alpha sign(w)
        return g

    def hvp(self, net, v, total_weight=1.0):
        return np.zeros_like(net.theta)                      # |w|'' = 0 for w != 0

    def __repr__(self):
        return f"L1(alpha={self.alpha})"


class Anchor(Penalty):
    r""":math:`\lambda\sum_i b_i(\theta_i - \theta_i^b)^2`: keep each parameter near its value
    :math:`\theta^b` from the previous tasks, as firmly as its guard :math:`b_i` says.

    ``b`` and ``theta_b`` are flat vectors like ``net.theta`` (or lists of arrays like
    ``net.parameters()``); both are copied.
    """

    def __init__(self, lam: float, b, theta_b):
        self.lam = float(lam)
        self.b = _flat(b)
        self.theta_b = _flat(theta_b)
        if self.b.shape != self.theta_b.shape:
            raise ValueError(f"Anchor: b has {self.b.size} entries but theta_b has "
                             f"{self.theta_b.size}; both need one per parameter.")

    def _check(self, net):
        if self.b.size != net.theta.size:
            raise ValueError(f"Anchor: b and theta_b have {self.b.size} entries but the network "
                             f"has {net.theta.size} parameters.")

    def value(self, net, total_weight=1.0):
        self._check(net)
        d = net.theta - self.theta_b
        return self.lam * float(self.b @ (d * d))           # lambda sum_i b_i (theta_i - theta^b_i)^2

    def gradient(self, net, total_weight=1.0):
        self._check(net)
        # 2 lambda b_i (theta_i - theta^b_i)
        return 2.0 * self.lam * self.b * (net.theta - self.theta_b)

    def hvp(self, net, v, total_weight=1.0):
        return 2.0 * self.lam * self.b * v                   # 2 lambda b_i v_i

    def __repr__(self):
        return f"Anchor(lam={self.lam}, {self.b.size} parameters)"


def _flat(x) -> np.ndarray:
    if isinstance(x, (list, tuple)):
        return np.concatenate([np.asarray(p, dtype=np.float64).ravel() for p in x])
    return np.array(x, dtype=np.float64).ravel()
