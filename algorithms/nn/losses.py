r"""Per-sample costs :math:`C^n` of the network's output :math:`a^L` against a target :math:`y`.

The network's loss is the weighted mean :math:`L = \sum_n u^n C^n / \sum_n u^n` (plus penalties).
Each loss gives, next to its cost, the backward step into the output layer,
:math:`\partial C/\partial z^L`, and that step's R-operator (for Hessian-vector products).

Cross-entropy is computed from :math:`z^L` (the logits), not from a clipped :math:`a^L`: the cost
stays exact when the output saturates, and :math:`\partial C/\partial z^L = a^L - y` (the sigmoid's
and the softmax's :math:`\sigma'` cancel the :math:`1/a` of the log).
"""

from __future__ import annotations

import numpy as np

from .activations import Activation, Sigmoid, Softmax


class Loss:
    """A per-sample cost with its backward step into the output layer."""

    name = ""

    def check_output(self, output: Activation) -> None:
        """Raise a ValueError if this cost does not fit the output activation."""

    def costs(self, z, a, y, output: Activation):
        r"""Each sample's :math:`C^n`, shape (n,)."""
        raise NotImplementedError

    def backward(self, z, a, y, output: Activation):
        r""":math:`\partial C^n/\partial z^L` for every sample, shape (n, k) (unweighted)."""
        raise NotImplementedError

    def r_backward(self, z, a, y, output: Activation, Rz, Ra):
        r""":math:`R\{\partial C^n/\partial z^L\}` given :math:`R\{z^L\}` and :math:`R\{a^L\}`."""
        raise NotImplementedError

    def __repr__(self):
        return f"{type(self).__name__}()"


class SquaredError(Loss):
    r""":math:`C = \tfrac12 \sum_k (a_k - y_k)^2`; :math:`\partial C/\partial a = a - y`,
    :math:`\partial^2 C/\partial a^2 = I`. With a linear output
    :math:`\partial C/\partial z^L = a - y`."""

    name = "squared_error"

    def costs(self, z, a, y, output):
        r = a - y
        return 0.5 * np.einsum("ij,ij->i", r, r)             # C = 1/2 sum_k (a_k - y_k)^2

    def backward(self, z, a, y, output):
        return output.backward(z, a, a - y)                  # dC/dz = sigma'(z) (a - y)

    def r_backward(self, z, a, y, output, Rz, Ra):
        return output.r_backward(z, a, a - y, Rz, Ra)        # R{dC/da} = R{a} (Hessian I)


class CrossEntropy(Loss):
    r"""Cross-entropy of the output's distribution against the target.

    * sigmoid output (one probability per output):
      :math:`C = -\sum_k [y_k \ln a_k + (1-y_k)\ln(1-a_k)] = \sum_k [\ln(1+e^{z_k}) - y_k z_k]`;
    * softmax output: :math:`C = -\sum_k y_k \ln a_k = \ln\sum_k e^{z_k} - \sum_k y_k z_k`
      (for one-hot or any targets that sum to 1).

    Both give :math:`\partial C/\partial z^L = a - y`, so
    :math:`R\{\partial C/\partial z^L\} = R\{a\}`.
    """

    name = "cross_entropy"

    def check_output(self, output):
        if not isinstance(output, (Sigmoid, Softmax)):
            raise ValueError(f"cross_entropy needs a sigmoid or softmax output (a probability); "
                             f"got output activation {output.name!r}. Use squared_error for "
                             "other outputs.")

    def costs(self, z, a, y, output):
        if isinstance(output, Softmax):
            m = z.max(axis=1)
            log_sum = m + np.log(np.exp(z - m[:, None]).sum(axis=1))   # ln sum_k e^{z_k}
            return log_sum * y.sum(axis=1) - np.einsum("ij,ij->i", y, z)
        # ln(1 + e^z) = max(z, 0) + ln(1 + e^-|z|): exact for any z, no overflow
        softplus = np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))
        return (softplus - y * z).sum(axis=1)

    def backward(self, z, a, y, output):
        if isinstance(output, Softmax):
            return a * y.sum(axis=1, keepdims=True) - y      # = a - y for one-hot targets
        return a - y                                         # dC/dz^L = a - y

    def r_backward(self, z, a, y, output, Rz, Ra):
        if isinstance(output, Softmax):
            return Ra * y.sum(axis=1, keepdims=True)
        return Ra                                            # R{a - y} = R{a}


LOSSES: dict[str, type[Loss]] = {"squared_error": SquaredError, "cross_entropy": CrossEntropy}


def get_loss(spec) -> Loss:
    """A :class:`Loss` from a name ("squared_error", "cross_entropy") or an instance."""
    if isinstance(spec, Loss):
        return spec
    try:
        return LOSSES[spec]()
    except (KeyError, TypeError):
        raise ValueError(f"Unknown loss {spec!r}; choose one of {sorted(LOSSES)}.") from None
