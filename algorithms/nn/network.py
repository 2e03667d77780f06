r"""A fully connected network, its forward pass, its backward pass and its exact Hessian-vector
product, written layer by layer in the lecture's symbols.

Layer :math:`l = 1, \dots, L` computes :math:`z^l = W^l a^{l-1} + b^l` and :math:`a^l = \sigma(z^l)`
with :math:`a^0 = x`. A mini-batch is a matrix with one sample per *row*, and the weights are stored
as scikit-learn stores ``coefs_``: ``W`` has shape (fan_in, fan_out), so ``W[j, i]`` is the
lecture's :math:`w_{ij}^l` (from neuron j of layer l-1 to neuron i of layer l) and the layer reads
``Z = A_prev @ W + b``.

The loss is :math:`L(\theta) = \sum_n u^n C^n(\theta) / \sum_n u^n` (+ penalties), the weighted
mean of the per-sample costs. The backward pass runs the network in reverse:

.. math::
    \frac{\partial C}{\partial z^L} = \sigma'(z^L) \odot \frac{\partial C}{\partial a^L},\qquad
    \frac{\partial C}{\partial z^{l}} = \sigma'(z^{l}) \odot (W^{l+1})^\top
        \frac{\partial C}{\partial z^{l+1}},\qquad
    \frac{\partial C}{\partial w_{ij}^l} = a_j^{l-1}\,\frac{\partial C}{\partial z_i^l},\qquad
    \frac{\partial C}{\partial b_i^l} = \frac{\partial C}{\partial z_i^l},

and one step further gives the input gradient
:math:`\partial C/\partial a^0 = (W^1)^\top \partial C/\partial z^1` (a GAN's generator learns
through its discriminator this way).

All parameters live in one flat vector :math:`\theta` (``net.theta``): first every layer's
weights, then every layer's biases, each layer's ``W`` and ``b`` being views into it. Copying,
comparing and restoring parameters is copying, comparing and assigning that vector; optimisers
update it with a few array operations; ``net.unflatten(vector)`` views any vector of the same
length (a gradient, a guard :math:`b_i`, a mask) per layer.

The Hessian-vector product :math:`H v = \nabla^2 L(\theta)\, v` is exact (Pearlmutter's
R-operator, "forward over reverse"): a forward pass of directional derivatives
:math:`R\{z^l\} = R\{W^l\} a^{l-1} + W^l R\{a^{l-1}\} + R\{b^l\}`,
:math:`R\{a^l\} = \sigma'(z^l) R\{z^l\}`, then the backward pass above differentiated along
:math:`v` by the product rule, e.g.
:math:`R\{\partial C/\partial w_{ij}\} = R\{a_j^{l-1}\}\,\partial C/\partial z_i^l +
a_j^{l-1}\,R\{\partial C/\partial z_i^l\}` - one extra forward and backward sweep, no finite
differences.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from .._validation import check_random_state
from .activations import Activation, Softmax, get_activation
from .init import get_initialiser
from .losses import Loss, get_loss

#: Largest number of parameters a network may have (each copy of theta takes 8 bytes per
#: parameter; Adam keeps three more): 10 million is 80 MB per copy.
MAX_PARAMETERS = 10_000_000


_ONES: dict[int, np.ndarray] = {}


def _ones(n: int) -> np.ndarray:
    """A cached vector of n ones: 1^T dz sums a batch's rows about 4x faster than dz.sum(0)."""
    v = _ONES.get(n)
    if v is None:
        if len(_ONES) > 64:
            _ONES.clear()
        v = _ONES[n] = np.ones(n)
    return v


class Dense:
    r"""Fully connected layer l: :math:`z^l = W^l a^{l-1} + b^l`, :math:`a^l = \sigma(z^l)`.

    ``W`` (fan_in, fan_out) and ``b`` (fan_out,) are views into the network's :math:`\theta`.
    """

    def __init__(self, fan_in: int, fan_out: int, activation: Activation):
        self.fan_in, self.fan_out, self.activation = fan_in, fan_out, activation
        self.W = self.b = None

    def forward(self, a_prev):
        z = a_prev @ self.W                                  # z^l = W^l a^{l-1} + b^l
        z += self.b
        return z, self.activation.forward(z)                 # a^l = sigma(z^l)

    def backward(self, a_prev, dz, dW, db, input_gradient: bool = True):
        r"""From :math:`\partial C/\partial z^l` (one row per sample) fill ``dW`` and ``db`` in
        place and return :math:`\partial C/\partial a^{l-1}`."""
        np.matmul(a_prev.T, dz, out=dW)                      # dC/dw_ij = a_j^{l-1} dC/dz_i, sum n
        np.matmul(_ones(len(dz)), dz, out=db)                # dC/db_i = dC/dz_i (sum over n)
        if input_gradient:
            return dz @ self.W.T                             # dC/da_j^{l-1} = sum_i w_ij dC/dz_i
        return None

    def r_forward(self, a_prev, Ra_prev, VW, Vb, z, a):
        r""":math:`R\{z^l\} = R\{W\} a^{l-1} + W R\{a^{l-1}\} + R\{b\}`,
        :math:`R\{a^l\} = \sigma'(z^l) R\{z^l\}`."""
        Rz = a_prev @ VW
        Rz += Vb
        if Ra_prev is not None:
            Rz += Ra_prev @ self.W
        return Rz, self.activation.r_forward(z, a, Rz)

    def r_backward(self, a_prev, Ra_prev, dz, Rdz, VW, RdW, Rdb, input_gradient: bool = True):
        r"""The backward step differentiated along the direction: fill
        :math:`R\{\partial C/\partial W\}` and :math:`R\{\partial C/\partial b\}`; return
        :math:`R\{\partial C/\partial a^{l-1}\}`."""
        np.matmul(a_prev.T, Rdz, out=RdW)                    # a^{l-1} R{dC/dz} ...
        if Ra_prev is not None:
            RdW += Ra_prev.T @ dz                            # ... + R{a^{l-1}} dC/dz
        np.matmul(_ones(len(Rdz)), Rdz, out=Rdb)             # R{dC/db} = R{dC/dz}
        if input_gradient:
            # R{W^T dC/dz} = W^T R{dC/dz} + R{W}^T dC/dz
            return Rdz @ self.W.T + dz @ VW.T
        return None

    def __repr__(self):
        return f"Dense({self.fan_in} -> {self.fan_out}, {self.activation.name})"


@dataclass
class ForwardPass:
    r"""Every layer's :math:`z^l` and :math:`a^l` for a batch (one row per sample).

    Indexed by the lecture's layer number: ``a[0]`` is the input x, ``a[l]`` and ``z[l]`` for
    l = 1..L; ``z[0]`` is None.
    """

    z: list
    a: list

    @property
    def output(self) -> np.ndarray:
        r""":math:`a^L`."""
        return self.a[-1]


@dataclass
class BackwardPass:
    r"""Every neuron's :math:`\partial C/\partial z` and every parameter's gradient.

    ``dz[l]`` (n, n_l), ``dW[l]`` (fan_in, fan_out), ``db[l]`` (n_l,) for l = 1..L (index 0 is
    None); ``dx`` is :math:`\partial C/\partial a^0`, the gradient with respect to the inputs (None
    if not asked for); ``grad`` is the flat gradient (``dW`` and ``db`` are views into it).
    With targets, C is the batch loss :math:`L`, so ``dz[l][n]`` is
    :math:`(u^n/\sum u)\,\partial C^n/\partial z^l`; for a single sample that is its
    :math:`\partial C/\partial z^l`.
    """

    dz: list
    dW: list
    db: list
    dx: np.ndarray | None
    grad: np.ndarray


def _check_layer_sizes(layer_sizes) -> tuple[int, ...]:
    try:
        sizes = tuple(layer_sizes)
    except TypeError:
        raise ValueError(f"layer_sizes must be a sequence of ints (inputs, hidden..., outputs); "
                         f"got {layer_sizes!r}.") from None
    if len(sizes) < 2 or not all(isinstance(s, numbers.Integral) and not isinstance(s, bool)
                                 and s >= 1 for s in sizes):
        raise ValueError(f"layer_sizes must hold at least two positive ints (inputs, hidden..., "
                         f"outputs); got {layer_sizes!r}.")
    sizes = tuple(int(s) for s in sizes)
    n_params = sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))
    if n_params > MAX_PARAMETERS:
        raise ValueError(f"layer_sizes {sizes} make {n_params:,} parameters; at most "
                         f"{MAX_PARAMETERS:,} are allowed (each copy of the parameters takes 8 "
                         "bytes per parameter).")
    return sizes


class Network:
    r"""A fully connected network :math:`x = a^0 \to a^1 \to \dots \to a^L` with a loss.

    Parameters
    ----------
    layer_sizes : sequence of int
        Neurons per layer, inputs first and outputs last, e.g. ``(2, 8, 8, 1)``.
    activation : str, Activation or a sequence of them
        The hidden layers' :math:`\sigma` (one for all, or one per hidden layer): "sigmoid",
        "tanh", "relu", "leaky_relu", "linear".
    output : str or Activation
        The output layer's activation: "linear", "sigmoid", "softmax", ...
    loss : str or Loss
        "squared_error" or "cross_entropy" (cross-entropy needs a sigmoid or softmax output).
    init : str or callable
        How :math:`W` and :math:`b` start (see :mod:`algorithms.nn.init`).
    random_state : None, int or numpy Generator
        Seeds the initial parameters.
    """

    def __init__(self, layer_sizes, activation="relu", output="linear", loss="squared_error", *,
                 init="glorot_uniform", random_state=None):
        sizes = _check_layer_sizes(layer_sizes)
        n_hidden = len(sizes) - 2
        if isinstance(activation, (str, Activation)):
            hidden = [get_activation(activation) for _ in range(n_hidden)]
        else:
            hidden = [get_activation(a) for a in activation]
            if len(hidden) != n_hidden:
                raise ValueError(f"activation lists {len(hidden)} activations for {n_hidden} "
                                 "hidden layers; give one per hidden layer (or a single name).")
        if any(isinstance(h, Softmax) for h in hidden):
            raise ValueError("softmax normalises a whole layer into a distribution; use it as the "
                             "output activation only.")
        out = get_activation(output)
        self.loss: Loss = get_loss(loss)
        self.loss.check_output(out)
        self.layer_sizes = sizes
        self.layers = [Dense(a, b, act) for a, b, act in zip(sizes[:-1], sizes[1:], hidden + [out])]
        n_w = [a * b for a, b in zip(sizes[:-1], sizes[1:])]
        self.n_weights = int(sum(n_w))
        self.theta = np.zeros(self.n_weights + sum(sizes[1:]))
        self.mask = None
        self._bind()
        initialiser = get_initialiser(init)
        rng = check_random_state(random_state)
        for layer in self.layers:
            W, b = initialiser(layer.fan_in, layer.fan_out, rng, layer.activation.name)
            layer.W[...] = W
            layer.b[...] = b

    # ---------------------------------------------------------------------------------------
    # Parameters: one flat vector theta, viewed per layer
    # ---------------------------------------------------------------------------------------

    def _slices(self) -> list[tuple[slice, tuple]]:
        """(slice into theta, shape) of W^1..W^L then b^1..b^L."""
        out, start = [], 0
        for layer in self.layers:
            size = layer.fan_in * layer.fan_out
            out.append((slice(start, start + size), (layer.fan_in, layer.fan_out)))
            start += size
        for layer in self.layers:
            out.append((slice(start, start + layer.fan_out), (layer.fan_out,)))
            start += layer.fan_out
        return out

    def _bind(self) -> None:
        views = self.unflatten(self.theta)
        L = len(self.layers)
        for layer, W, b in zip(self.layers, views[:L], views[L:]):
            layer.W, layer.b = W, b

    def unflatten(self, vector) -> list[np.ndarray]:
        """Views of a flat vector shaped like :meth:`parameters` (W^1..W^L, then b^1..b^L)."""
        vector = np.asarray(vector)
        if vector.shape != self.theta.shape:
            raise ValueError(f"expected a flat vector of {self.theta.size} values (one per "
                             f"parameter), got shape {vector.shape}.")
        return [vector[s].reshape(shape) for s, shape in self._slices()]

    def flatten(self, arrays) -> np.ndarray:
        """One flat vector from arrays shaped like :meth:`parameters` (a copy)."""
        arrays = list(arrays)
        shapes = [shape for _, shape in self._slices()]
        if len(arrays) != len(shapes) or any(np.shape(a) != s for a, s in zip(arrays, shapes)):
            raise ValueError(f"expected {len(shapes)} arrays shaped {shapes}, got "
                             f"{[np.shape(a) for a in arrays]}.")
        return np.concatenate([np.asarray(a, dtype=np.float64).ravel() for a in arrays])

    def parameters(self) -> list[np.ndarray]:
        """Live views W^1..W^L, b^1..b^L (writing into them changes the network)."""
        return [layer.W for layer in self.layers] + [layer.b for layer in self.layers]

    def parameter_names(self) -> list[str]:
        L = len(self.layers)
        return [f"W{l}" for l in range(1, L + 1)] + [f"b{l}" for l in range(1, L + 1)]

    @property
    def n_parameters(self) -> int:
        return int(self.theta.size)

    def get_theta(self) -> np.ndarray:
        r"""A copy of :math:`\theta` (e.g. :math:`\theta^b` at the end of a task)."""
        return self.theta.copy()

    def set_theta(self, theta) -> None:
        r"""Restore :math:`\theta` from a flat vector or a list like :meth:`parameters` (copied in;
        masked entries stay zero)."""
        if isinstance(theta, (list, tuple)):
            theta = self.flatten(theta)
        theta = np.asarray(theta, dtype=np.float64)
        if theta.shape != self.theta.shape:
            raise ValueError(f"expected {self.theta.size} parameters, got shape {theta.shape}.")
        self.theta[...] = theta
        if self.mask is not None:
            self.theta *= self.mask

    def set_mask(self, mask) -> None:
        r"""Keep only the parameters where ``mask`` is nonzero (pruning); None keeps all.

        ``mask``: a flat vector like ``theta`` or a list like :meth:`parameters` (None entries keep
        that array whole). Masked parameters are set to zero and stay zero: their gradients, their
        Hessian-vector products and their optimiser steps are zero.
        """
        if mask is None:
            self.mask = None
            return
        if isinstance(mask, (list, tuple)):
            mask = self.flatten([np.ones(np.shape(p)) if m is None else m
                                 for m, p in zip(mask, self.parameters())])
        mask = (np.asarray(mask) != 0).astype(np.float64)
        if mask.shape != self.theta.shape:
            raise ValueError(f"mask needs {self.theta.size} entries (one per parameter), got "
                             f"shape {mask.shape}.")
        self.mask = mask
        self.theta *= mask

    def copy(self) -> "Network":
        """An independent copy (parameters, mask and all)."""
        new = object.__new__(Network)
        new.__setstate__(self.__getstate__())
        return new

    def __getstate__(self):
        state = self.__dict__.copy()
        state["theta"] = self.theta.copy()
        state["mask"] = None if self.mask is None else self.mask.copy()
        state["layers"] = [Dense(lay.fan_in, lay.fan_out, lay.activation) for lay in self.layers]
        state.pop("_grad", None)                             # caches, rebuilt on demand
        state.pop("_grad_views", None)
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._bind()  # W and b views into this copy's theta (pickling does not keep views)

    # ---------------------------------------------------------------------------------------
    # Forward and backward passes
    # ---------------------------------------------------------------------------------------

    def _check_X(self, X) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[1] != self.layer_sizes[0]:
            raise ValueError(f"X must have shape (n_samples, {self.layer_sizes[0]}); got "
                             f"{X.shape}.")
        return X

    def targets(self, y, n: int) -> np.ndarray:
        """``y`` as an (n, n_outputs) array: a column for one output, one-hot rows for integer
        class labels when the output is a softmax."""
        y = np.asarray(y)
        k = self.layer_sizes[-1]
        if y.ndim == 1:
            if k > 1 and isinstance(self.layers[-1].activation, Softmax):
                labels = y.astype(np.intp)
                if np.any(labels != y) or labels.min() < 0 or labels.max() >= k:
                    raise ValueError(f"class labels must be integers in [0, {k}).")
                Y = np.zeros((len(y), k))
                Y[np.arange(len(y)), labels] = 1.0
                y = Y
            else:
                y = y.reshape(-1, 1)
        y = np.asarray(y, dtype=np.float64)
        if y.shape != (n, k):
            raise ValueError(f"y must have shape ({n}, {k}) (one row of {k} target(s) per "
                             f"sample); got {y.shape}.")
        return y

    def _forward(self, X):
        zs, As = [None], [X]
        for layer in self.layers:
            z, a = layer.forward(As[-1])
            zs.append(z)
            As.append(a)
        return zs, As

    def forward(self, X) -> ForwardPass:
        r"""Run the network: every layer's :math:`z^l` and :math:`a^l` (a :class:`ForwardPass`)."""
        zs, As = self._forward(self._check_X(X))
        return ForwardPass(z=zs, a=As)

    def predict(self, X) -> np.ndarray:
        r"""The output :math:`a^L` only."""
        a = self._check_X(X)
        for layer in self.layers:
            a = layer.forward(a)[1]
        return a

    def _output_dz(self, zs, As, Y, u):
        """dC/dz^L of the weighted mean cost, and the total weight sum u."""
        out = self.layers[-1].activation
        dz = self.loss.backward(zs[-1], As[-1], Y, out)
        if u is None:
            s = float(len(Y))
            dz *= 1.0 / s                                    # L = (1/n) sum_n C^n
        else:
            s = float(u.sum())
            dz *= (u / s)[:, None]                           # L = sum_n u^n C^n / sum_n u^n
        return dz, s

    def _data_loss(self, zs, As, Y, u, s) -> float:
        costs = self.loss.costs(zs[-1], As[-1], Y, self.layers[-1].activation)
        return float(costs.sum() / s if u is None else (u @ costs) / s)

    def _grad_buffer(self) -> np.ndarray:
        """The training path's reused gradient vector (and its per-layer views)."""
        if getattr(self, "_grad", None) is None:
            self._grad = np.empty_like(self.theta)
            self._grad_views = self.unflatten(self._grad)
        return self._grad

    def _backward(self, zs, As, dz, grad, input_gradient, views=None):
        """Backward pass from dC/dz^L; fills the flat ``grad``; returns dz list and dC/dx."""
        L = len(self.layers)
        if views is None:
            views = self.unflatten(grad)
        dzs = [None] * (L + 1)
        dx = None
        for l in range(L, 0, -1):
            layer = self.layers[l - 1]
            dzs[l] = dz
            need = l > 1 or input_gradient
            da_prev = layer.backward(As[l - 1], dz, views[l - 1], views[L + l - 1], need)
            if l > 1:                                 # dC/dz^{l-1} = sigma'(z^{l-1}) dC/da^{l-1}
                dz = self.layers[l - 2].activation.backward(zs[l - 1], As[l - 1], da_prev)
            else:
                dx = da_prev
        if self.mask is not None:
            grad *= self.mask
        return dzs, dx

    def backward(self, forward: ForwardPass, y=None, *, sample_weight=None, dC_da=None,
                 dC_dz=None, penalties=(), input_gradient: bool = True) -> BackwardPass:
        r"""Run the network backwards from the output (see :class:`BackwardPass`).

        Start from exactly one of

        * ``y``: the targets; C is the network's loss, the weighted mean of the per-sample costs;
        * ``dC_da``: any given :math:`\partial C/\partial a^L` (n, n_outputs), e.g.
          :math:`2 a^L` for :math:`C = \lVert f(x)\rVert^2` (MAS) or a direction for a projection
          (SCP); taken as it is, no averaging;
        * ``dC_dz``: a given :math:`\partial C/\partial z^L` (e.g. a GAN loss written on the
          discriminator's logit).

        ``penalties`` add their gradients to ``dW``/``db`` (not to ``dz``).
        """
        if sum(x is not None for x in (y, dC_da, dC_dz)) != 1:
            raise ValueError("backward needs exactly one of y (targets), dC_da or dC_dz.")
        zs, As = forward.z, forward.a
        n, k = As[-1].shape
        s = 1.0
        if y is not None:
            u = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
            dz, s = self._output_dz(zs, As, self.targets(y, n), u)
        else:
            given = np.asarray(dC_da if dC_da is not None else dC_dz, dtype=np.float64)
            if given.shape != (n, k):
                raise ValueError(f"the output gradient must have shape ({n}, {k}); got "
                                 f"{given.shape}.")
            dz = (self.layers[-1].activation.backward(zs[-1], As[-1], given)
                  if dC_da is not None else given.copy())
        grad = np.empty_like(self.theta)
        dzs, dx = self._backward(zs, As, dz, grad, input_gradient)
        for p in penalties:
            grad += p.gradient(self, s) if self.mask is None else p.gradient(self, s) * self.mask
        views = self.unflatten(grad)
        L = len(self.layers)
        return BackwardPass(dz=dzs, dW=[None] + views[:L], db=[None] + views[L:], dx=dx,
                            grad=grad)

    def per_sample_gradients(self, X, y=None, *, dC_da=None, dC_dz=None) -> np.ndarray:
        r"""Every sample's own gradient :math:`\partial C^n/\partial\theta`, one row per sample
        (n, n_parameters), from one batched forward and backward pass.

        Start from the targets ``y`` (:math:`C^n` is the sample's cost) or from given per-sample
        output gradients ``dC_da`` / ``dC_dz`` (as in :meth:`backward`). A weight's row entry is
        :math:`a_j^{l-1}\,\partial C^n/\partial z_i^l`, a bias's :math:`\partial C^n/\partial z_i^l`
        (the lecture's :math:`\partial C/\partial w = a_{in}\,\partial C/\partial z`, kept per
        sample instead of summed). For EWC's Fisher diagonal (mean of squares) and MAS's mean
        :math:`|\partial\lVert f(x)\rVert^2/\partial\theta_i|`.
        """
        if sum(x is not None for x in (y, dC_da, dC_dz)) != 1:
            raise ValueError("per_sample_gradients needs exactly one of y, dC_da or dC_dz.")
        fwd = self.forward(X)
        n = len(fwd.a[0])
        if y is not None:
            dz = self.loss.backward(fwd.z[-1], fwd.output, self.targets(y, n),
                                    self.layers[-1].activation)   # dC^n/dz^L, not averaged
            bwd = self.backward(fwd, dC_dz=dz, input_gradient=False)
        else:
            bwd = self.backward(fwd, dC_da=dC_da, dC_dz=dC_dz, input_gradient=False)
        L = len(self.layers)
        weights = [np.einsum("nj,ni->nji", fwd.a[l - 1], bwd.dz[l]).reshape(n, -1)
                   for l in range(1, L + 1)]                 # a_j^{l-1} dC^n/dz_i^l per sample
        G = np.hstack(weights + [bwd.dz[l] for l in range(1, L + 1)])
        if self.mask is not None:
            G *= self.mask
        return G

    def loss_value(self, X, y, sample_weight=None, penalties=()) -> float:
        r""":math:`L(\theta) = \sum_n u^n C^n / \sum_n u^n` plus the penalties."""
        X = self._check_X(X)
        Y = self.targets(y, len(X))
        u = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        zs, As = self._forward(X)
        s = float(len(X)) if u is None else float(u.sum())
        return self._data_loss(zs, As, Y, u, s) + sum(p.value(self, s) for p in penalties)

    def loss_and_gradient(self, X, y, sample_weight=None, penalties=()):
        r""":math:`L(\theta)` and :math:`\nabla_\theta L` as a flat vector (views:
        ``net.unflatten(g)``)."""
        X = self._check_X(X)
        Y = self.targets(y, len(X))
        u = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        loss, grad, _ = self._loss_and_gradient(X, Y, u, penalties)
        return loss, grad.copy()

    def _loss_and_gradient(self, X, Y, u, penalties):
        """Unchecked hot path for training: (loss with penalties, flat gradient with penalties,
        data-term gradient norms per layer's W)."""
        zs, As = self._forward(X)
        dz, s = self._output_dz(zs, As, Y, u)
        loss = self._data_loss(zs, As, Y, u, s)
        grad = self._grad_buffer()
        self._backward(zs, As, dz, grad, input_gradient=False, views=self._grad_views)
        starts = self._weight_starts()
        with np.errstate(over="ignore", invalid="ignore"):  # inf: the trainer reports divergence
            w2 = np.add.reduceat(grad[:self.n_weights] ** 2, starts)   # |dL/dW^l|^2 per layer
        for p in penalties:
            loss += p.value(self, s)
            grad += p.gradient(self, s) if self.mask is None else p.gradient(self, s) * self.mask
        return loss, grad, np.sqrt(w2)

    def _weight_starts(self):
        starts = getattr(self, "_starts_cache", None)
        if starts is None:
            starts = np.cumsum([0] + [l.fan_in * l.fan_out for l in self.layers[:-1]])
            self._starts_cache = starts
        return starts

    def hvp(self, X, y, v, sample_weight=None, penalties=()) -> np.ndarray:
        r"""The exact Hessian-vector product :math:`\nabla^2_\theta L(\theta)\, v` (flat), by the
        R-operator (see the module docstring); ``v`` flat or a list like :meth:`parameters`."""
        X = self._check_X(X)
        Y = self.targets(y, len(X))
        u = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        v = self.flatten(v) if isinstance(v, (list, tuple)) else np.asarray(v, dtype=np.float64)
        if v.shape != self.theta.shape:
            raise ValueError(f"v needs {self.theta.size} entries (one per parameter), got shape "
                             f"{v.shape}.")
        if self.mask is not None:
            v = v * self.mask
        L = len(self.layers)
        V = self.unflatten(v)
        zs, As = self._forward(X)
        # forward sweep of directional derivatives R{z^l}, R{a^l} (the input does not move)
        Rzs, Ras = [None], [None]
        for l, layer in enumerate(self.layers, start=1):
            Rz, Ra = layer.r_forward(As[l - 1], Ras[l - 1], V[l - 1], V[L + l - 1], zs[l], As[l])
            Rzs.append(Rz)
            Ras.append(Ra)
        out = self.layers[-1].activation
        dz, s = self._output_dz(zs, As, Y, u)
        Rdz = self.loss.r_backward(zs[-1], As[-1], Y, out, Rzs[-1], Ras[-1])
        Rdz *= (1.0 / s) if u is None else (u / s)[:, None]
        Hv = np.empty_like(self.theta)
        H = self.unflatten(Hv)
        for l in range(L, 0, -1):
            layer = self.layers[l - 1]
            need = l > 1
            Rda_prev = layer.r_backward(As[l - 1], Ras[l - 1], dz, Rdz, V[l - 1], H[l - 1],
                                        H[L + l - 1], need)
            if need:
                act = self.layers[l - 2].activation
                da_prev = dz @ layer.W.T                     # the plain backward step
                dz = act.backward(zs[l - 1], As[l - 1], da_prev)
                Rdz = act.r_backward(zs[l - 1], As[l - 1], da_prev, Rzs[l - 1], Rda_prev)
        for p in penalties:
            Hv += p.hvp(self, v, s)
        if self.mask is not None:
            Hv *= self.mask
        return Hv

    def __repr__(self):
        acts = ", ".join(layer.activation.name for layer in self.layers)
        return (f"Network({self.layer_sizes}, activations=[{acts}], loss={self.loss.name}, "
                f"{self.n_parameters} parameters)")
