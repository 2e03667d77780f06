r"""Gradient-descent optimisers over the flat parameter vector :math:`\theta`.

Both update ``theta`` in place from the gradient ``g`` of the loss (one vector for all layers, so
an update is a handful of array operations however many layers the network has). Their state
(velocity, moments, step count) lives in the optimiser and is created at the first step.

* :class:`SGD` with momentum (scikit-learn's form):
  :math:`v \leftarrow \mu v - \eta g`, :math:`\theta \leftarrow \theta + v`
  (Nesterov: :math:`\theta \leftarrow \theta + \mu v - \eta g`); :math:`\mu = 0` is plain
  gradient descent :math:`\theta \leftarrow \theta - \eta g`.
* :class:`Adam` (Kingma & Ba 2015, the paper's Algorithm 1 with the bias corrections folded into
  the step size, as scikit-learn and the paper's section 2 write it):
  :math:`m \leftarrow \beta_1 m + (1-\beta_1) g`, :math:`s \leftarrow \beta_2 s + (1-\beta_2) g^2`,
  :math:`\theta \leftarrow \theta - \eta_t\, m / (\sqrt{s} + \epsilon)`,
  :math:`\eta_t = \eta\sqrt{1-\beta_2^t}/(1-\beta_1^t)`.

``lr`` may be changed between steps (learning-rate schedules).
"""

from __future__ import annotations

import numpy as np


class SGD:
    """Stochastic gradient descent with (optionally Nesterov) momentum."""

    def __init__(self, lr: float = 0.01, momentum: float = 0.0, nesterov: bool = False):
        self.lr, self.momentum, self.nesterov = float(lr), float(momentum), bool(nesterov)
        self.t = 0
        self.velocity = None

    def step(self, theta: np.ndarray, g: np.ndarray) -> None:
        """One update of ``theta`` (in place) from the gradient ``g``."""
        self.t += 1
        if self.momentum == 0.0:
            theta -= self.lr * g                             # theta <- theta - eta g
            return
        if self.velocity is None:
            self.velocity = np.zeros_like(theta)
        v = self.velocity
        v *= self.momentum
        v -= self.lr * g                                     # v <- mu v - eta g
        if self.nesterov:
            theta += self.momentum * v - self.lr * g         # theta <- theta + mu v - eta g
        else:
            theta += v                                       # theta <- theta + v

    def reset(self) -> None:
        self.t, self.velocity = 0, None

    def __repr__(self):
        return f"SGD(lr={self.lr}, momentum={self.momentum}, nesterov={self.nesterov})"


class Adam:
    """Adam: a step per parameter scaled by running estimates of the gradient's two moments."""

    def __init__(self, lr: float = 0.001, beta_1: float = 0.9, beta_2: float = 0.999,
                 epsilon: float = 1e-8):
        self.lr, self.beta_1, self.beta_2, self.epsilon = (float(lr), float(beta_1),
                                                           float(beta_2), float(epsilon))
        self.t = 0
        self.m = self.s = None

    def step(self, theta: np.ndarray, g: np.ndarray) -> None:
        """One update of ``theta`` (in place) from the gradient ``g``."""
        if self.m is None:
            self.m, self.s = np.zeros_like(theta), np.zeros_like(theta)
        self.t += 1
        b1, b2, m, s = self.beta_1, self.beta_2, self.m, self.s
        m *= b1
        m += (1.0 - b1) * g                                  # m <- b1 m + (1 - b1) g
        s *= b2
        s += (1.0 - b2) * (g * g)                            # s <- b2 s + (1 - b2) g^2
        lr_t = self.lr * np.sqrt(1.0 - b2 ** self.t) / (1.0 - b1 ** self.t)
        theta -= lr_t * m / (np.sqrt(s) + self.epsilon)      # theta -= eta_t m / (sqrt s + eps)

    def reset(self) -> None:
        self.t, self.m, self.s = 0, None, None

    def __repr__(self):
        return (f"Adam(lr={self.lr}, beta_1={self.beta_1}, beta_2={self.beta_2}, "
                f"epsilon={self.epsilon})")


OPTIMISERS = {"sgd": SGD, "adam": Adam}


def get_optimiser(spec, **kwargs):
    """An optimiser from a name ("sgd", "adam") with keyword settings, or an instance."""
    if hasattr(spec, "step"):
        return spec
    try:
        cls = OPTIMISERS[spec]
    except (KeyError, TypeError):
        raise ValueError(f"Unknown optimiser {spec!r}; choose one of "
                         f"{sorted(OPTIMISERS)}.") from None
    return cls(**kwargs)
