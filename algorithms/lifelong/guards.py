r"""How much each parameter mattered for a task: the guards :math:`b_i` of the lifelong-learning
loss :math:`L'(\theta) = L(\theta) + \lambda\sum_i b_i(\theta_i - \theta_i^b)^2` (docs/lecture.md §7).

Each estimator looks at the network at the end of a task, :math:`\theta^* = \theta^b`, on that
task's inputs :math:`x^1, \dots, x^N`, and returns one :math:`b_i \ge 0` per parameter (a flat
vector like ``net.theta``; ``net.unflatten(b)`` views it per layer):

* **L2**: :math:`b_i = 1` — every parameter guarded alike;
* **EWC** (Kirkpatrick et al., PNAS 2017): the diagonal of the Fisher information
  :math:`b_i = F_{ii} = \frac1N\sum_n \mathbb{E}_{y\sim p(y|x^n,\theta^*)}
  \big[(\partial \ln p(y|x^n,\theta^*)/\partial\theta_i)^2\big]` — large where the
  log-likelihood is sensitive to :math:`\theta_i`. ``fisher="model"`` (the default) takes the
  expectation over the model's own predictive distribution, exactly: a sum over the K classes
  weighted by :math:`p(k|x^n)` (for a linear output with squared error, the Gaussian
  :math:`y \sim N(f(x), I)`, whose Fisher is :math:`\sum_k (\partial f_k/\partial\theta_i)^2`).
  ``fisher="empirical"`` puts the true label :math:`y^n` in place of the expectation (the
  "empirical Fisher", cheaper, and biased toward the examples the model gets wrong);
* **MAS** (Aljundi et al., ECCV 2018): :math:`b_i = \frac1N\sum_n
  \lvert\partial\lVert f(x^n)\rVert^2/\partial\theta_i\rvert`, the sensitivity of the squared
  norm of the output (no labels);
* **SCP** (Sliced Cramér Preservation, Kolouri et al., ICLR 2020): draw L directions
  :math:`\xi_1, \dots, \xi_L` uniformly on the unit sphere of the output space and take
  :math:`b_i = \frac1L\sum_l \big(\partial/\partial\theta_i\,
  \tfrac1N\sum_n \xi_l\cdot f(x^n)\big)^2` — how much each parameter moves the mean of the
  outputs' projections on random directions (the first-order change of the sliced Cramér
  distance between the output distributions before and after).

Here f is the network's last pre-activation :math:`z^L` (the logits of a classifier, the output
itself of a linear one), as MAS's and SCP's own implementations use the network's raw output.

All of them come from the core's batched backward passes (one per output for EWC's expectation
and SCP's mean Jacobian, one for MAS): a weight's per-sample gradient is
:math:`a_j^{l-1}\,\partial C^n/\partial z_i^l`, so sums of its square or absolute value over the
examples are one matrix product per layer. The tests recompute each one example at a time.
"""

from __future__ import annotations

import numbers

import numpy as np

from .._validation import check_random_state
from ..nn import Network
from ..nn.activations import Linear, Sigmoid, Softmax

#: Rows per batched pass (bounds the memory of the backward passes' tables).
CHUNK = 1024

METHODS = ("finetune", "l2", "ewc", "mas", "scp")
FISHER = ("model", "empirical")


def _inputs(net: Network, X) -> np.ndarray:
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != net.layer_sizes[0] or len(X) < 1:
        raise ValueError(f"the task's inputs must have shape (n_samples >= 1, "
                         f"{net.layer_sizes[0]}); got {X.shape}.")
    return X


def _chunks(n: int):
    for start in range(0, n, CHUNK):
        yield slice(start, min(start + CHUNK, n))


def l2_importance(net: Network) -> np.ndarray:
    r""":math:`b_i = 1` for every parameter (masked parameters 0: they never move)."""
    b = np.ones_like(net.theta)
    return b if net.mask is None else b * net.mask


def _sums_over_samples(net: Network, fwd, dzs: list, weights: list, power: int) -> np.ndarray:
    r""":math:`\sum_k\sum_n w_{nk}\,\lvert\partial C^n_k/\partial\theta_i\rvert^p` for every
    parameter, where cost :math:`C^n_k` enters the output layer with
    :math:`\partial C^n_k/\partial z^L` = ``dzs[k][n]``.

    A weight's per-sample gradient is :math:`a_j^{l-1}\,\partial C^n/\partial z_i^l` (the
    lecture's :math:`\partial C/\partial w = a_{in}\,\partial C/\partial z`), so its p-th power
    is :math:`|a_j^{l-1}|^p\,|\partial C^n/\partial z_i^l|^p` and the sum over n is one matrix
    product per layer, :math:`(|A^{l-1}|^p)^\top D^l` with
    :math:`D^l_{ni} = \sum_k w_{nk}|\partial C^n_k/\partial z^l_i|^p` — the n x P table of
    per-sample gradients is never formed."""
    L = len(net.layers)
    D = [None] + [np.zeros_like(fwd.z[l]) for l in range(1, L + 1)]
    for dz, w in zip(dzs, weights):
        bwd = net.backward(fwd, dC_dz=dz, input_gradient=False)   # per sample: not averaged
        for l in range(1, L + 1):
            D[l] += w[:, None] * np.abs(bwd.dz[l]) ** power
    out = np.empty_like(net.theta)
    views = net.unflatten(out)
    for l in range(1, L + 1):
        views[l - 1][...] = (np.abs(fwd.a[l - 1]) ** power).T @ D[l]  # weights w_ij^l
        views[L + l - 1][...] = D[l].sum(axis=0)                       # biases b_i^l
    return out if net.mask is None else out * net.mask


def fisher_diagonal(net: Network, X, y=None, *, fisher: str = "model") -> np.ndarray:
    r"""EWC's :math:`b_i = F_{ii}`, the mean over the task's examples of
    :math:`\mathbb{E}_y[(\partial\ln p(y|x)/\partial\theta_i)^2]` (see the module's docstring).

    ``fisher="model"``: the expectation over the network's own :math:`p(y|x)` (``y`` unused);
    ``fisher="empirical"``: the true labels ``y`` (required)."""
    X = _inputs(net, X)
    if fisher not in FISHER:
        raise ValueError(f"fisher must be one of {FISHER}; got {fisher!r}.")
    out_act = net.layers[-1].activation
    if not isinstance(out_act, (Softmax, Sigmoid, Linear)):
        raise ValueError(f"EWC's Fisher needs a softmax, sigmoid or linear output; got "
                         f"{out_act.name!r}.")
    if fisher == "empirical":
        if y is None:
            raise ValueError('fisher="empirical" needs the task\'s true labels y.')
        Y = net.targets(y, len(X))
    total = np.zeros_like(net.theta)
    K = net.layer_sizes[-1]
    for sl in _chunks(len(X)):
        fwd = net.forward(X[sl])
        a = fwd.output
        n = len(a)
        if fisher == "empirical":
            # d(-ln p(y^n|x^n))/dz^L = a - y for all three outputs (softmax and sigmoid with
            # their log-likelihoods, a linear output with the Gaussian's), whatever the loss
            total += _sums_over_samples(net, fwd, [a - Y[sl]], [np.ones(n)], 2)
            continue
        dzs, weights = [], []
        for k in range(K):
            dz = np.zeros_like(a)
            if isinstance(out_act, Softmax):
                dz[...] = a                                  # d(-ln p_k)/dz = a - e_k ...
                dz[:, k] -= 1.0
                weights.append(a[:, k])                      # ... drawn with p(k|x) = a_k
            elif isinstance(out_act, Sigmoid):
                dz[:, k] = 1.0                               # output k alone: E_y[(a_k - y_k)^2]
                weights.append(a[:, k] * (1.0 - a[:, k]))    #   = a_k (1 - a_k)
            else:
                dz[:, k] = 1.0                               # y ~ N(f, I): E[(y_k - f_k)^2] = 1
                weights.append(np.ones(n))
            dzs.append(dz)
        total += _sums_over_samples(net, fwd, dzs, weights, 2)
    return total / len(X)


def mas_importance(net: Network, X) -> np.ndarray:
    r"""MAS's :math:`b_i = \frac1N\sum_n\lvert\partial\lVert f(x^n)\rVert^2/\partial\theta_i
    \rvert` with f the last pre-activation :math:`z^L`."""
    X = _inputs(net, X)
    total = np.zeros_like(net.theta)
    for sl in _chunks(len(X)):
        fwd = net.forward(X[sl])
        z = fwd.z[-1]
        # d||z||^2/dz = 2z; |a_j dz_i| = |a_j| |dz_i|
        total += _sums_over_samples(net, fwd, [2.0 * z], [np.ones(len(z))], 1)
    return total / len(X)


def mean_output_jacobian(net: Network, X) -> np.ndarray:
    r"""(K, n_parameters): :math:`\bar J_{k,i} = \partial/\partial\theta_i\,\frac1N\sum_n
    z^L_k(x^n)`, one backward pass per output."""
    X = _inputs(net, X)
    K = net.layer_sizes[-1]
    J = np.zeros((K, net.n_parameters))
    for sl in _chunks(len(X)):
        fwd = net.forward(X[sl])
        for k in range(K):
            dz = np.zeros((sl.stop - sl.start, K))
            dz[:, k] = 1.0 / len(X)                          # d(mean_n z_k)/dz^n = e_k / N
            J[k] += net.backward(fwd, dC_dz=dz, input_gradient=False).grad
    return J


def random_directions(n_outputs: int, n_directions: int, random_state=None) -> np.ndarray:
    r"""(L, K): L directions :math:`\xi_l` uniform on the unit sphere of :math:`\mathbb{R}^K`."""
    if not isinstance(n_directions, numbers.Integral) or isinstance(n_directions, bool) \
            or n_directions < 1:
        raise ValueError(f"n_directions must be a whole number >= 1; got {n_directions!r}.")
    xi = check_random_state(random_state).standard_normal((int(n_directions), n_outputs))
    return xi / np.linalg.norm(xi, axis=1, keepdims=True)


def scp_importance(net: Network, X, n_directions: int = 100, random_state=None) -> np.ndarray:
    r"""SCP's :math:`b_i = \frac1L\sum_l (\xi_l^\top \bar J_{:,i})^2`: the squared gradient of the
    mean projection :math:`\frac1N\sum_n \xi_l\cdot z^L(x^n)`, averaged over L random
    directions. The gradient is linear in :math:`\xi_l`, so all L come from one mean Jacobian."""
    xi = random_directions(net.layer_sizes[-1], n_directions, random_state)
    g = xi @ mean_output_jacobian(net, X)                    # (L, P): d(mean xi_l . f)/dtheta
    return np.mean(g * g, axis=0)


def importance(method: str, net: Network, X, y=None, *, fisher: str = "model",
               n_directions: int = 100, random_state=None) -> np.ndarray:
    """The guards of ``method`` ("finetune": all 0, "l2", "ewc", "mas", "scp") on a task."""
    if method == "finetune":
        return np.zeros_like(net.theta)
    if method == "l2":
        return l2_importance(net)
    if method == "ewc":
        return fisher_diagonal(net, X, y, fisher=fisher)
    if method == "mas":
        return mas_importance(net, X)
    if method == "scp":
        return scp_importance(net, X, n_directions, random_state)
    raise ValueError(f"method must be one of {METHODS}; got {method!r}.")
