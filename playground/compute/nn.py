"""The backpropagation lab's run: a network trained once per setting, every epoch's θ kept.

``nn_run`` asks the engine (``algorithms.nn``) to train the network the page describes for all
its epochs at once (``record_training``: θ, losses, accuracies and per-layer gradient norms after
every epoch). The player then walks through the epochs: :meth:`NNRun.at` hands the view epoch t's
numbers and its surfaces - the output's and every neuron's own, from one forward pass of θ_t over
the grid - as plain arrays, painted when an epoch is first shown and kept in a small LRU. One
training point's forward and backward pass, the chain rule for one weight and the step by hand
are in :mod:`playground.compute.nn_probe`. No learning math lives here.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import streamlit as st

from algorithms.nn import L1, L2, SGD, Adam, Network, Trainer
from algorithms.nn.features import feature_map
from algorithms.nn.recording import TrainingRecord, record_training
from playground.compute.data import TTL, DataKey, Grid, dataset, encoded, grid_for
from playground.compute.paint import Frames, encode, encode_signed

BIG_RES = 100  # the output surface is at most BIG_RES x BIG_RES cells (a forward pass per epoch)
ROWS = 2048  # grid points per forward call (see :func:`activations`)
THUMB = 30  # every neuron's own surface: THUMB x THUMB cells of the same grid
CURVE_POINTS = 200  # 1-D regression: the output curve's points; a neuron's curve takes every 4th
# Training budget of one fit (steps = epochs x batches per epoch): about a second of the engine
# at the playground's sizes. Asking for more epochs records as many as fit, and the page says so.
MAX_STEPS = 24_000
HIDDEN_MAX, WIDTH_MAX = 6, 8
OPTIMISERS = ("sgd", "momentum", "adam")
ACTIVATIONS = ("tanh", "sigmoid", "relu", "leaky_relu", "linear")


@dataclass(frozen=True)
class NetSpec:
    """What shapes a training run (hashable: the cache's key, with the data's)."""

    key: DataKey
    problem: str  # "2d" (classification) or "1d" (regression)
    features: tuple[str, ...]
    hidden: tuple[int, ...]  # neurons per hidden layer; () is a model without hidden layers
    activation: str
    lr: float
    batch: int
    reg: str = "none"  # "none" | "l1" | "l2"
    reg_rate: float = 0.0
    optimiser: str = "sgd"  # "sgd" | "momentum" (μ = 0.9) | "adam"
    epochs: int = 100


def activations(net: Network, phi: np.ndarray, upto: int | None = None) -> list[np.ndarray]:
    """a^0 .. a^L (or a^upto) of many points, :data:`ROWS` points per forward call: a product of
    10,000 rows makes OpenBLAS start threads, which on a busy 2-core machine cost 10-50x the
    arithmetic (one grid's pass for the largest network: ~200 ms in one call, ~50 ms in chunks)."""
    parts = [net.forward(phi[i:i + ROWS]).a for i in range(0, len(phi), ROWS)]
    last = len(parts[0]) if upto is None else upto + 1
    return [np.concatenate([p[l] for p in parts]) for l in range(last)]


def value_range(activation: str) -> tuple[float, float]:
    """(centre, half width) of a neuron's colour scale: a sigmoid's output lives in (0, 1), the
    others are drawn on [-1, 1] (larger values at full colour)."""
    return (0.5, 0.5) if activation in ("sigmoid", "softmax") else (0.0, 1.0)


def network(spec: NetSpec, n_outputs: int, seed: int) -> Network:
    """The network the page describes; its output and cost follow the problem (sigmoid or softmax
    with cross-entropy for classes, a linear output with squared error for numbers)."""
    if spec.problem == "1d":
        output, loss = "linear", "squared_error"
    else:
        output, loss = ("sigmoid" if n_outputs == 1 else "softmax"), "cross_entropy"
    sizes = (len(spec.features), *spec.hidden, n_outputs)
    return Network(sizes, activation=spec.activation, output=output, loss=loss,
                   random_state=seed)


def trainer(spec: NetSpec, net: Network, seed: int) -> Trainer:
    opt = {"sgd": lambda: SGD(spec.lr), "momentum": lambda: SGD(spec.lr, momentum=0.9),
           "adam": lambda: Adam(spec.lr)}[spec.optimiser]()
    penalties = {"l1": [L1(spec.reg_rate)], "l2": [L2(spec.reg_rate)]}.get(spec.reg, [])
    return Trainer(net, opt, batch_size=spec.batch, penalties=penalties, random_state=seed)


def epochs_within_budget(epochs: int, n_train: int, batch: int) -> int:
    """Epochs that fit :data:`MAX_STEPS` (at least one)."""
    per_epoch = -(-max(n_train, 1) // max(batch, 1))
    return max(1, min(int(epochs), MAX_STEPS // per_epoch))


@dataclass(frozen=True)
class NNStep:
    """Epoch t of a run, as plain arrays (what the page draws)."""

    t: int
    W: list  # W[l] (fan_in, fan_out) for l = 1..L (index 0 is None): the links' weights
    b: list
    out: np.ndarray  # 2-D: uint8 codes of the output surface; 1-D: the output curve (float32)
    neurons: list  # [l] for l = 1..L: (n_l, THUMB, THUMB) uint8 codes, or (n_l, points) curves
    train_loss: float
    test_loss: float
    train_acc: float
    test_acc: float
    grad_norms: np.ndarray  # (L,)


@dataclass
class NNRun:
    """One training run and its records; :meth:`at` gives epoch t (1..T)."""

    spec: NetSpec
    classes: np.ndarray | None  # None for regression
    sizes: tuple[int, ...]
    activations: tuple[str, ...]  # per layer 1..L (the output's last)
    record: TrainingRecord
    X_tr: np.ndarray  # raw inputs
    y_tr: np.ndarray  # targets as the network sees them (class indices or numbers)
    X_te: np.ndarray
    y_te: np.ndarray
    phi_tr: np.ndarray  # a^0 = φ(x) of the training points
    grid: Grid | None  # 2-D
    xs: np.ndarray | None  # 1-D: the curve's x values
    inputs: np.ndarray  # (n_features, THUMB, THUMB) codes or (n_features, points) curves
    epochs_asked: int
    template: Network = field(repr=False)
    fit_ms: float = 0.0
    frames: Frames | None = field(default=None, repr=False)

    @property
    def T(self) -> int:
        return self.record.epochs

    @property
    def L(self) -> int:
        return len(self.sizes) - 1

    @property
    def regression(self) -> bool:
        return self.classes is None

    @property
    def K(self) -> int:
        return 0 if self.classes is None else len(self.classes)

    def net_at(self, t: int) -> Network:
        """A copy of the network at θ_t (t = 0 is the start): each caller its own copy, since the
        run is shared by every session."""
        net = self.template.copy()
        net.set_theta(self.record.theta[int(t)])
        return net

    def grid_inputs(self) -> np.ndarray:
        return feature_map(self.grid.points if self.grid is not None else self.xs[:, None],
                           self.spec.features)

    def at(self, t: int) -> NNStep:
        t = int(min(max(t, 1), self.T))
        rec = self.record
        net = self.net_at(t)
        W = [None] + [layer.W for layer in net.layers]
        b = [None] + [layer.b for layer in net.layers]
        out, neurons = self.frames[t - 1]
        return NNStep(t, W, b, out, neurons, float(rec.train_loss[t]), float(rec.test_loss[t]),
                      float(rec.train_accuracy[t]), float(rec.test_accuracy[t]),
                      rec.grad_norms[t].copy())

    # ---- surfaces -----------------------------------------------------------------------

    def _thumb_index(self) -> np.ndarray:
        res = len(self.grid.xs)
        idx = np.unique(np.linspace(0, res - 1, THUMB).round().astype(int))
        return np.ix_(idx, idx)

    def neuron_codes(self, values: np.ndarray, activation: str, shape) -> np.ndarray:
        """A neuron's values over the grid as uint8 codes on its colour scale."""
        centre, half = value_range(activation)
        return encode_signed(values - centre, 1.0 / half).reshape(shape)

    def output_codes(self, out: np.ndarray) -> np.ndarray:
        """The output surface: class probabilities as the ensemble pages' codes."""
        if out.shape[1] == 1:  # a sigmoid's P(class 1): the binary diverging scale
            return encode_signed(out[:, 0] - 0.5, 2.0).reshape(self.grid.shape)
        return encode(out, self.grid.shape)

    def frame(self, i: int):
        """Epoch i + 1's output and every neuron's own surface (or curve), one forward pass."""
        acts = activations(self.net_at(i + 1), self.grid_inputs())
        if self.grid is None:
            out = acts[-1][:, 0].astype(np.float32)
            neurons = [None] + [acts[l][::4].T.astype(np.float32) for l in range(1, self.L + 1)]
            return out, neurons
        sub = self._thumb_index()
        neurons = [None]
        for l in range(1, self.L + 1):
            a = acts[l].reshape(*self.grid.shape, -1)[sub]
            neurons.append(np.stack([self.neuron_codes(a[..., k], self.activations[l - 1],
                                                       a.shape[:2])
                                     for k in range(a.shape[-1])]))
        return self.output_codes(acts[-1]), neurons

    def focus_surface(self, t: int, l: int, k: int) -> np.ndarray:
        """Neuron k of layer l (l = 0: input feature k) at the output's resolution, epoch t."""
        phi = self.grid_inputs()
        if l == 0:
            values = phi[:, k]
            scale = np.abs(values).max() or 1.0
            return encode_signed(values, 1.0 / scale).reshape(self.grid.shape)
        a = activations(self.net_at(t), phi, upto=l)[l]
        return self.neuron_codes(a[:, k], self.activations[l - 1], self.grid.shape)


def _inputs_view(run: NNRun) -> np.ndarray:
    """Each input feature's own surface (codes scaled to its largest |value|) or curve."""
    phi = run.grid_inputs()
    if run.grid is None:
        return phi[::4].T.astype(np.float32)
    scale = np.abs(phi).max(axis=0)
    scale[scale == 0] = 1.0
    sub = run._thumb_index()
    return np.stack([encode_signed(phi[:, k] / scale[k], 1.0).reshape(run.grid.shape)[sub]
                     for k in range(phi.shape[1])])


def targets(spec: NetSpec, d: dict) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
    """(classes or None, training targets, test targets) as the network sees them."""
    if spec.problem == "1d":
        return None, np.asarray(d["y_tr"], float), np.asarray(d["y_te"], float)
    classes = d["classes"]
    return classes, encoded(classes, d["y_tr"]), encoded(classes, d["y_te"])


@st.cache_resource(max_entries=8, ttl=TTL, show_spinner=False)
def nn_run(spec: NetSpec, res: int = BIG_RES) -> NNRun:
    """Train once for all epochs (within :data:`MAX_STEPS`); surfaces are painted per epoch
    when first shown. A training that diverges keeps the epochs before it (``record.stopped``);
    one that diverges in its first epoch raises the engine's ValueError."""
    d = dataset(spec.key)
    classes, y_tr, y_te = targets(spec, d)
    n_out = 1 if classes is None or len(classes) == 2 else len(classes)
    phi_tr = feature_map(d["X_tr"], spec.features)
    phi_te = feature_map(d["X_te"], spec.features) if len(d["X_te"]) else phi_tr[:0]
    seed = spec.key.seed
    net = network(spec, n_out, seed)
    template = net.copy()
    epochs = epochs_within_budget(spec.epochs, len(phi_tr), spec.batch)
    start = time.perf_counter()
    record = record_training(trainer(spec, net, seed), phi_tr, y_tr, epochs, phi_te, y_te)
    fit_ms = 1000 * (time.perf_counter() - start)
    if record.epochs == 0:
        raise ValueError(record.stopped)
    X_all = np.r_[d["X_tr"], d["X_te"]]
    grid = xs = None
    if spec.problem == "1d":
        lo, hi = X_all[:, 0].min(), X_all[:, 0].max()
        pad = 0.05 * (hi - lo) + 1e-9
        xs = np.linspace(lo - pad, hi + pad, CURVE_POINTS)
    else:
        grid = grid_for(X_all, min(int(res), BIG_RES))
    acts = tuple(layer.activation.name for layer in template.layers)
    run = NNRun(spec, classes, template.layer_sizes, acts, record, d["X_tr"], y_tr, d["X_te"],
                y_te, phi_tr, grid, xs, np.zeros(0), spec.epochs, template, fit_ms)
    run.inputs = _inputs_view(run)
    run.frames = Frames(run.T, run.frame, keep=24)
    return run
