"""The backpropagation lab, one training point at a time, and its deep comparison.

For a pinned training point at epoch t the engine's own passes give every number the page shows:
``net.forward`` z and a in every neuron, ``net.backward`` ∂C/∂z in every neuron (through σ′(z))
and ∂C/∂w = a_in · ∂C/∂z for every weight, ``numerical_gradient`` the finite-difference check,
``SGD.step`` the update of the step by hand. The deep comparison trains a 6-layer sigmoid and a
6-layer ReLU network on the same data and keeps their per-layer gradient norms and activations.
Nothing here computes a derivative itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from algorithms.nn import SGD, Adam, Network
from algorithms.nn.features import feature_map
from algorithms.nn.gradcheck import numerical_gradient, weight_index
from algorithms.nn.recording import TrainingRecord, record_training
from algorithms.nn.saturation import curve, saturated_regions
from playground.compute.data import TTL, DataKey, dataset
from playground.compute.nn import (NetSpec, NNRun, activations, epochs_within_budget, network,
                                   targets, trainer)

FD_STEP = 1e-5  # h of the central differences
DEEP_HIDDEN = (8, 8, 8, 8, 8, 8)
DEEP_ACTIVATIONS = ("sigmoid", "relu")
HIST_BINS = 24


@dataclass(frozen=True)
class PointPass:
    """One training point's forward and backward pass at epoch t (lists indexed by layer
    l = 0..L; index 0 of z, dz, dW, db is None, a[0] = φ(x))."""

    t: int
    n: int  # index among the training points
    x: np.ndarray  # raw inputs
    y: float  # target: class index or number
    z: list
    a: list
    dz: list  # ∂C/∂z per neuron
    dW: list  # ∂C/∂w_ij^l = a_j^{l-1} ∂C/∂z_i^l
    db: list
    cost: float  # C of this point
    prediction: float  # class index or number


def point(run: NNRun, t: int, n: int) -> PointPass:
    n = int(min(max(n, 0), len(run.phi_tr) - 1))
    net = run.net_at(t)
    phi = run.phi_tr[n:n + 1]
    y = run.y_tr[n:n + 1]
    fwd = net.forward(phi)
    bwd = net.backward(fwd, y)                       # C of one sample: dz is its own ∂C/∂z
    L = run.L
    row = lambda arrs: [None] + [np.array(arrs[l][0]) for l in range(1, L + 1)]  # noqa: E731
    out = fwd.output[0]
    if run.regression:
        pred = float(out[0])
    else:
        pred = float(out.argmax() if len(out) > 1 else int(out[0] > 0.5))
    return PointPass(int(t), n, run.X_tr[n].copy(), float(y[0]), row(fwd.z),
                     [phi[0].copy()] + row(fwd.a)[1:], row(bwd.dz),
                     [None] + [bwd.dW[l].copy() for l in range(1, L + 1)],
                     [None] + [bwd.db[l].copy() for l in range(1, L + 1)],
                     float(net.loss_value(phi, y)), pred)


@dataclass(frozen=True)
class ChainRule:
    """∂C/∂w_ij^l for one weight, the chain rule's two factors and the finite difference."""

    l: int  # layer 1..L
    j: int  # from neuron j of layer l-1 (0-based)
    i: int  # to neuron i of layer l (0-based)
    w: float
    a_in: float  # a_j^{l-1}: ∂z_i/∂w_ij, from the forward pass
    dz: float  # ∂C/∂z_i^l, from the backward pass
    dC_dw: float  # the backward pass's ∂C/∂w_ij^l
    fd: float  # (C(w + h) - C(w - h)) / 2h
    sigma_prime: float  # σ′(z_i^l) (nan at the output, where ∂C/∂z = a - y)
    onward: tuple  # ((w_ki^{l+1}, ∂C/∂z_k^{l+1}) for every neuron k of layer l+1)


def chain(run: NNRun, p: PointPass, l: int, j: int, i: int) -> ChainRule:
    net = run.net_at(p.t)
    k = weight_index(net, l, j, i)
    phi, y = run.phi_tr[p.n:p.n + 1], run.y_tr[p.n:p.n + 1]
    fd = float(numerical_gradient(net, phi, y, [k], h=FD_STEP)[0])
    L = run.L
    if l < L:
        act = net.layers[l - 1].activation
        sp = float(act.derivative(p.z[l][None, i:i + 1], p.a[l][None, i:i + 1])[0, 0])
        onward = tuple((float(w), float(d)) for w, d in zip(net.layers[l].W[i], p.dz[l + 1]))
    else:
        sp, onward = float("nan"), ()
    return ChainRule(l, j, i, float(net.layers[l - 1].W[j, i]), float(p.a[l - 1][j]),
                     float(p.dz[l][i]), float(p.dW[l][j, i]), fd, sp, onward)


def gradient_check(run: NNRun, p: PointPass, l: int) -> tuple[float, int, tuple]:
    """Every weight and bias of layer l for this point, backward pass against finite difference:
    (largest |backward − fd| / max(1e-8, |backward| + |fd|), number of parameters, (l, j, i) of
    the worst weight, or () when the worst is a bias)."""
    net = run.net_at(p.t)
    phi, y = run.phi_tr[p.n:p.n + 1], run.y_tr[p.n:p.n + 1]
    layer = net.layers[l - 1]
    first = weight_index(net, l, 0, 0)
    bias0 = net.n_weights + sum(lay.fan_out for lay in net.layers[:l - 1])
    idx = np.r_[first:first + layer.fan_in * layer.fan_out, bias0:bias0 + layer.fan_out]
    fd = numerical_gradient(net, phi, y, idx, h=FD_STEP)
    bp = net.backward(net.forward(phi), y).grad[idx]
    rel = np.abs(bp - fd) / np.maximum(1e-8, np.abs(bp) + np.abs(fd))
    worst = int(rel.argmax())
    where = (l, *divmod(worst, layer.fan_out)) if worst < layer.fan_in * layer.fan_out else ()
    return float(rel[worst]), int(rel.size), where


@dataclass(frozen=True)
class HandStep:
    """One step of gradient descent on the pinned point's cost alone: θ' = θ − η ∂C/∂θ."""

    lr: float
    cost_before: float
    cost_after: float
    output_before: np.ndarray
    output_after: np.ndarray
    W_after: list  # W'[l] for l = 1..L


def hand_step(run: NNRun, p: PointPass) -> HandStep:
    net = run.net_at(p.t)
    phi, y = run.phi_tr[p.n:p.n + 1], run.y_tr[p.n:p.n + 1]
    fwd = net.forward(phi)
    g = net.backward(fwd, y).grad
    SGD(run.spec.lr).step(net.theta, g)              # θ' = θ − η g, the optimiser's own update
    return HandStep(run.spec.lr, p.cost, float(net.loss_value(phi, y)), fwd.output[0].copy(),
                    net.predict(phi)[0], [None] + [lay.W.copy() for lay in net.layers])


# ---- the deep comparison: sigmoid against ReLU, six hidden layers -------------------------------

@dataclass
class DeepRun:
    """Two deep networks trained alike; per activation its record and its network's template."""

    records: dict  # activation -> TrainingRecord
    templates: dict  # activation -> Network
    phi_tr: np.ndarray
    stopped: dict  # activation -> why recording stopped early ("" if it did not)
    his: dict = None  # activation -> top of its activations' scale (sigmoid 1, ReLU from the run)

    @property
    def T(self) -> int:
        return min(r.epochs for r in self.records.values())

    def norms(self, t: int) -> dict:
        """|∂L/∂W^l| per layer at epoch t, per activation."""
        return {a: r.grad_norms[min(t, r.epochs)] for a, r in self.records.items()}

    def hidden(self, name: str, t: int) -> list[np.ndarray]:
        """a^1 .. a^6 of the training points at epoch t."""
        rec = self.records[name]
        net = self.templates[name].copy()
        net.set_theta(rec.theta[min(t, rec.epochs)])
        return activations(net, self.phi_tr)[1:len(DEEP_HIDDEN) + 1]

    def activations(self, t: int) -> dict:
        """Per activation: the hidden layers' a^l over the training points at epoch t, as
        (bin edges over [0, his[activation]], (bins, layers) shares of the points; values above
        the top count in the top bin)."""
        out = {}
        for name in self.records:
            layers = self.hidden(name, t)
            hi = self.his[name]
            edges = np.linspace(0.0, hi, HIST_BINS + 1)
            counts = np.stack([np.histogram(np.clip(a.ravel(), 0, hi), edges)[0] / a.size
                               for a in layers], axis=1)
            out[name] = (edges, counts)
        return out

    def ratio(self, name: str, lo: int = 1, hi: int = 6) -> float:
        """log10 of |∂L/∂W^lo| / |∂L/∂W^hi|, the median over the recorded epochs in which layer
        ``hi`` still has a gradient (a norm of exactly 0 counts as 1e-300); nan if none has."""
        g = self.records[name].grad_norms[1:]
        alive = g[:, hi - 1] > 0
        if not alive.any():
            return float("nan")
        g = np.maximum(g[alive], 1e-300)
        return float(np.median(np.log10(g[:, lo - 1]) - np.log10(g[:, hi - 1])))

    def dead_from(self, name: str) -> int | None:
        """The first epoch after which every gradient of the network is exactly 0 (every neuron
        of some layer outputs a constant for every point: dead ReLUs), or None."""
        g = self.records[name].grad_norms
        dead = np.flatnonzero((g == 0).all(axis=1))
        return int(dead[0]) if len(dead) else None


def deep_run(spec: NetSpec) -> DeepRun:
    """The page's data, features, optimiser, learning rate, batch and epochs, on six hidden
    layers of 8: once with sigmoid, once with ReLU (same seed). The page's own hidden layers,
    activation and penalty do not change it."""
    return _deep_run(NetSpec(spec.key, spec.problem, spec.features, DEEP_HIDDEN, "", spec.lr,
                             spec.batch, "none", 0.0, spec.optimiser, spec.epochs))


@st.cache_resource(max_entries=4, ttl=TTL, show_spinner=False)
def _deep_run(spec: NetSpec) -> DeepRun:
    d = dataset(spec.key)
    classes, y_tr, y_te = targets(spec, d)
    n_out = 1 if classes is None or len(classes) == 2 else len(classes)
    phi_tr = feature_map(d["X_tr"], spec.features)
    phi_te = feature_map(d["X_te"], spec.features) if len(d["X_te"]) else phi_tr[:0]
    epochs = epochs_within_budget(spec.epochs, len(phi_tr), spec.batch)
    records, templates, stopped = {}, {}, {}
    for act in DEEP_ACTIVATIONS:
        deep = NetSpec(spec.key, spec.problem, spec.features, DEEP_HIDDEN, act, spec.lr,
                       spec.batch, "none", 0.0, spec.optimiser, epochs)
        net = network(deep, n_out, spec.key.seed)
        templates[act] = net.copy()
        rec = record_training(trainer(deep, net, spec.key.seed), phi_tr, y_tr, epochs, phi_te,
                              y_te)
        if rec.epochs == 0:
            raise ValueError(rec.stopped)
        records[act], stopped[act] = rec, rec.stopped
    run = DeepRun(records, templates, phi_tr, stopped, {"sigmoid": 1.0})
    # ReLU's scale: the 99th percentile of its activations at five epochs, fixed for the run
    T = records["relu"].epochs
    sample = np.hstack([np.hstack(run.hidden("relu", t)).ravel()
                        for t in sorted({1, T // 4, T // 2, 3 * T // 4, T} - {0})])
    run.his["relu"] = float(max(1e-3, np.quantile(sample, 0.99)))
    return run


@st.cache_data(max_entries=8, ttl=TTL, show_spinner=False)
def activation_curves(names: tuple = ("sigmoid", "tanh", "relu"), lo: float = -6.0,
                      hi: float = 6.0) -> dict:
    """σ(z), σ′(z) and the saturated intervals of each activation (the engine's functions)."""
    z = np.linspace(lo, hi, 481)
    return {name: (z, *curve(name, z), saturated_regions(name, lo, hi)) for name in names}


# ---- what input features buy a linear model ----------------------------------------------------

@st.cache_resource(max_entries=8, ttl=TTL, show_spinner=False)
def linear_features(key: DataKey, epochs: int = 300) -> dict:
    """Test accuracy of a model without hidden layers (logistic regression in its features) with
    x₁, x₂ and with x₁², x₂² added: the same Adam steps on the whole training set."""
    d = dataset(key)
    classes = d["classes"]
    y_tr, y_te = np.searchsorted(classes, d["y_tr"]), np.searchsorted(classes, d["y_te"])
    X_te, y_eval = (d["X_te"], y_te) if len(y_te) else (d["X_tr"], y_tr)
    out = {}
    for label, names in (("plain", ("x1", "x2")), ("squares", ("x1", "x2", "x1sq", "x2sq"))):
        K = len(classes)
        net = Network((len(names), 1 if K == 2 else K), output="sigmoid" if K == 2 else "softmax",
                      loss="cross_entropy", random_state=key.seed)
        opt, phi = Adam(0.05), feature_map(d["X_tr"], names)
        for _ in range(epochs):
            _, g = net.loss_and_gradient(phi, y_tr)
            opt.step(net.theta, g)
        p = net.predict(feature_map(X_te, names))
        pred = (p[:, 0] > 0.5).astype(int) if K == 2 else p.argmax(1)
        out[label] = float(np.mean(pred == y_eval))
    return out


__all__ = ["PointPass", "point", "ChainRule", "chain", "gradient_check", "HandStep", "hand_step",
           "DeepRun", "deep_run", "activation_curves", "linear_features", "TrainingRecord"]
