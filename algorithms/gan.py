r"""A generative adversarial network on the neural-network core (docs/lecture.md §8), every step
recorded.

A generator G maps noise z ~ p(z) (N(0, I) or U(−1, 1)^d) to the data space; it never writes a
density down, it only samples (an implicit density model). A discriminator D(x) ∈ (0, 1) learns
to tell real samples from G's, and G learns through D's judgement: its gradient reaches θ_G
through D's input, ∂C/∂θ_G = (∂x/∂θ_G)ᵀ ∂C/∂x with x = G(z).

One training step (``step`` s = 1, 2, …) is k discriminator updates, then one generator update.
With the logit z_D of D (D = σ(z_D)) and m samples per batch:

* D's update descends L_D = −(1/m) Σ log D(x) − (1/m) Σ log(1 − D(G(z))), that is
  ∂L_D/∂z_D = −(1 − D(x))/m on a real x and D(G(z))/m on a generated one;
* G's update descends one of two losses on fresh noise:

  - minimax: L_G = (1/m) Σ log(1 − D(G(z))), ∂L_G/∂z_D = −D(G(z))/m. When D confidently rejects
    G's samples (D(G(z)) ≈ 0, early in training) this gradient vanishes: the loss saturates;
  - non-saturating: L_G = −(1/m) Σ log D(G(z)), ∂L_G/∂z_D = −(1 − D(G(z)))/m, large exactly
    where the minimax one vanishes (the same fixed points, a different way there).

Recorded for every step: D's loss and its mean outputs on the real and the generated batch before
each of its k updates, G's loss and mean D(G(z)) before its update, and the norm of G's gradient
under *both* losses on the same samples (the one in use drives the update). Every
``record_every`` steps the parameters of both networks are kept (the snapshots a player walks);
every ``checkpoint_every`` steps the whole training state (parameters, optimiser moments, the
random generator) is kept too, so that any step can be replayed exactly, one update ("phase") at
a time (:meth:`GAN.replay`, :meth:`GAN.advance`).
"""

from __future__ import annotations

import copy
import numbers
from dataclasses import dataclass

import numpy as np

from ._base import BaseEstimator
from ._constraints import Interval, Options
from ._validation import check_array, check_is_fitted, check_random_state
from .nn import Network
from .nn.optim import SGD, Adam

LOSSES = ("non_saturating", "minimax")
MAX_STEPS = 100_000
MAX_WIDTH = 512
MAX_LAYERS = 8
#: Largest number of parameter values the snapshots may hold (8 bytes each: 200 MB).
MAX_SNAPSHOT_VALUES = 25_000_000


def _softplus(z):
    """ln(1 + e^z), exact for any z (no overflow)."""
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def generator_loss_gradient(loss: str, d_fake: np.ndarray, m: int) -> np.ndarray:
    r"""∂L_G/∂z_D for each generated sample, given D(G(z)) (a column): −D/m for the minimax loss,
    −(1 − D)/m for the non-saturating one."""
    if loss == "minimax":
        return -d_fake / m                                   # d/dz (1/m) log(1 - sigma(z)) = -D/m
    return -(1.0 - d_fake) / m                               # d/dz -(1/m) log sigma(z) = -(1-D)/m


def generator_loss_value(loss: str, logit: np.ndarray) -> float:
    r"""L_G from D's logits on G's samples: (1/m) Σ log(1 − D) or −(1/m) Σ log D."""
    if loss == "minimax":
        return float(-_softplus(logit).mean())               # log(1 - sigma(z)) = -softplus(z)
    return float(_softplus(-logit).mean())                   # -log sigma(z) = softplus(-z)


@dataclass(frozen=True)
class DiscriminatorGradient:
    loss: float  # L_D
    grad: np.ndarray  # dL_D/dtheta_D (flat)
    d_real: float  # mean D(x) on the real batch
    d_fake: float  # mean D(G(z)) on the generated batch


def discriminator_gradient(D: Network, real: np.ndarray, fake: np.ndarray) -> DiscriminatorGradient:
    r"""L_D = −(1/m) Σ log D(x) − (1/n) Σ log(1 − D(G(z))) on a real batch and a generated one,
    and its gradient with respect to D's parameters (one backward pass from the logits)."""
    m, n = len(real), len(fake)
    zs, As = D._forward(np.concatenate([real, fake]))
    z_d, d = zs[-1], As[-1]                                  # logits z_D and D = sigma(z_D)
    dC_dz = np.concatenate([-(1.0 - d[:m]) / m,              # dL_D/dz_D = -(1 - D(x))/m
                            d[m:] / n])                      #           and D(G(z))/n
    loss = float(_softplus(-z_d[:m]).mean() + _softplus(z_d[m:]).mean())
    grad = np.empty_like(D.theta)
    D._backward(zs, As, dC_dz, grad, input_gradient=False)
    return DiscriminatorGradient(loss, grad, float(d[:m].mean()), float(d[m:].mean()))


@dataclass(frozen=True)
class GeneratorGradients:
    loss: dict  # {"minimax": L_G, "non_saturating": L_G} on the same samples
    grad: dict  # the same losses' dL_G/dtheta_G (flat)
    d_fake: float  # mean D(G(z))


def generator_gradients(G: Network, D: Network, z: np.ndarray) -> GeneratorGradients:
    r"""Both generator losses on the samples G(z) and their gradients with respect to G's
    parameters: from ∂L_G/∂z_D back through D to its input x = G(z), then back through G."""
    m = len(z)
    zs_g, As_g = G._forward(z)                               # x = G(z)
    zs_d, As_d = D._forward(As_g[-1])                        # D(x)
    out = G.layers[-1].activation
    losses, grads = {}, {}
    for name in LOSSES:
        dx = input_gradient(D, zs_d, As_d, generator_loss_gradient(name, As_d[-1], m))
        grad = np.empty_like(G.theta)                        # dL_G/dx, then back through G
        G._backward(zs_g, As_g, out.backward(zs_g[-1], As_g[-1], dx), grad, input_gradient=False)
        losses[name], grads[name] = generator_loss_value(name, zs_d[-1]), grad
    return GeneratorGradients(losses, grads, float(As_d[-1].mean()))


def input_gradient(net: Network, zs: list, As: list, dC_dz: np.ndarray) -> np.ndarray:
    r"""∂C/∂x of a forward pass (``zs``, ``As``) from a given ∂C/∂z^L: the backward pass without
    the parameters' gradients, ∂C/∂a^{l−1} = (W^l)ᵀ ∂C/∂z^l and
    ∂C/∂z^{l−1} = σ′(z^{l−1}) ⊙ ∂C/∂a^{l−1}."""
    dz = dC_dz
    for l in range(len(net.layers), 0, -1):
        da = dz @ net.layers[l - 1].W.T                      # dC/da^{l-1} = W^T dC/dz^l
        if l == 1:
            return da                                        # a^0 = x
        dz = net.layers[l - 2].activation.backward(zs[l - 1], As[l - 1], da)


@dataclass
class TrainingState:
    """Everything training depends on at one moment: after ``step`` complete steps and
    ``phase`` discriminator updates of the next one (0 <= phase <= k)."""

    step: int
    phase: int
    generator: Network
    discriminator: Network
    g_optimiser: object
    d_optimiser: object
    rng: np.random.Generator

    def copy(self) -> "TrainingState":
        rng = np.random.Generator(type(self.rng.bit_generator)())
        rng.bit_generator.state = self.rng.bit_generator.state
        return TrainingState(self.step, self.phase, self.generator.copy(),
                             self.discriminator.copy(), copy.deepcopy(self.g_optimiser),
                             copy.deepcopy(self.d_optimiser), rng)


@dataclass(frozen=True)
class PhaseRecord:
    """What one update computed (before it changed the parameters)."""

    step: int  # the step it belongs to (1-based)
    kind: str  # "D" or "G"
    index: int  # D's update number within the step (1..k), or 0 for G's
    loss: float  # L_D or L_G on the update's batch
    d_real: float  # mean D(x) on the real batch (nan for G's update)
    d_fake: float  # mean D(G(z)) on the generated batch
    grad_norm: float  # ‖∂L/∂θ‖ of the network updated
    grad_norm_minimax: float = np.nan  # G's update only: both losses' ‖∂L_G/∂θ_G‖ on its samples
    grad_norm_non_saturating: float = np.nan


class GAN(BaseEstimator):
    r"""A GAN in the plane (or any small dimension), trained step by step with every step recorded.

    Parameters
    ----------
    noise_dim : int
        Dimension of z.
    noise : {"normal", "uniform"}
        p(z): N(0, I) or U(−1, 1)^d.
    g_layers, g_width, g_activation : int, int, str
        G's hidden layers, neurons per hidden layer, and their activation; G's output is linear.
    d_layers, d_width, d_activation : int, int, str
        The same for D; D's output is a sigmoid, D(x) = σ(z_D).
    g_lr, d_lr : float
        Learning rates η of G's and D's optimiser.
    g_optimizer, d_optimizer : {"adam", "sgd"}
        Adam (β₁ = ``beta_1``, β₂ = 0.999) or plain gradient descent θ ← θ − η g.
    beta_1 : float
        Adam's first-moment decay (0.5 is the usual choice for GANs).
    k : int
        Discriminator updates per generator update.
    loss : {"non_saturating", "minimax"}
        The generator's loss.
    batch_size : int
        m: real samples and noise samples per update.
    n_steps : int
        Training steps (each is k D updates and one G update).
    d_head_start : int
        D's head start: for the first this many steps G's update is computed and recorded but
        not applied, so D learns alone and comes to reject G's samples, as it does early in
        training when G's samples are obviously fake (the situation in which the minimax loss
        saturates). 0 starts both at once.
    record_every : int
        Keep both networks' parameters every this many steps (and at steps 0 and ``n_steps``).
    checkpoint_every : int
        Keep the whole training state every this many steps, for exact replays.
    random_state : None, int or Generator
        Seeds the initial weights, the batches and the noise.
    """

    _parameter_constraints = {
        "noise_dim": [Interval(int, 1, 64, closed="both")],
        "noise": [Options({"normal", "uniform"})],
        "g_layers": [Interval(int, 0, MAX_LAYERS, closed="both")],
        "g_width": [Interval(int, 1, MAX_WIDTH, closed="both")],
        "g_activation": [Options({"relu", "leaky_relu", "tanh", "sigmoid"})],
        "d_layers": [Interval(int, 0, MAX_LAYERS, closed="both")],
        "d_width": [Interval(int, 1, MAX_WIDTH, closed="both")],
        "d_activation": [Options({"relu", "leaky_relu", "tanh", "sigmoid"})],
        "g_lr": [Interval(float, 0, 10, closed="right")],
        "d_lr": [Interval(float, 0, 10, closed="right")],
        "g_optimizer": [Options({"adam", "sgd"})],
        "d_optimizer": [Options({"adam", "sgd"})],
        "beta_1": [Interval(float, 0, 1, closed="left")],
        "k": [Interval(int, 1, 20, closed="both")],
        "loss": [Options(set(LOSSES))],
        "batch_size": [Interval(int, 1, 10_000, closed="both")],
        "n_steps": [Interval(int, 1, MAX_STEPS, closed="both")],
        "d_head_start": [Interval(int, 0, MAX_STEPS, closed="both")],
        "record_every": [Interval(int, 1, MAX_STEPS, closed="both")],
        "checkpoint_every": [Interval(int, 1, MAX_STEPS, closed="both")],
        "random_state": ["random_state"],
    }

    def __init__(self, *, noise_dim=2, noise="normal", g_layers=2, g_width=32, g_activation="relu",
                 d_layers=2, d_width=32, d_activation="relu", g_lr=1e-3, d_lr=1e-3,
                 g_optimizer="adam", d_optimizer="adam", beta_1=0.5, k=1, loss="non_saturating",
                 batch_size=128, n_steps=3000, d_head_start=500, record_every=10,
                 checkpoint_every=100, random_state=None):
        self.noise_dim = noise_dim
        self.noise = noise
        self.g_layers = g_layers
        self.g_width = g_width
        self.g_activation = g_activation
        self.d_layers = d_layers
        self.d_width = d_width
        self.d_activation = d_activation
        self.g_lr = g_lr
        self.d_lr = d_lr
        self.g_optimizer = g_optimizer
        self.d_optimizer = d_optimizer
        self.beta_1 = beta_1
        self.k = k
        self.loss = loss
        self.batch_size = batch_size
        self.n_steps = n_steps
        self.d_head_start = d_head_start
        self.record_every = record_every
        self.checkpoint_every = checkpoint_every
        self.random_state = random_state

    # ---------------------------------------------------------------------------------------
    # The two networks and their optimisers
    # ---------------------------------------------------------------------------------------

    def _networks(self, n_features: int, rng) -> tuple[Network, Network]:
        g_sizes = (self.noise_dim, *[self.g_width] * self.g_layers, n_features)
        d_sizes = (n_features, *[self.d_width] * self.d_layers, 1)
        G = Network(g_sizes, self.g_activation, "linear", "squared_error", random_state=rng)
        D = Network(d_sizes, self.d_activation, "sigmoid", "cross_entropy", random_state=rng)
        return G, D

    def _optimiser(self, name: str, lr: float):
        return Adam(lr, beta_1=self.beta_1) if name == "adam" else SGD(lr)

    def sample_noise(self, n: int, random_state=None) -> np.ndarray:
        """n draws of z from p(z), one per row."""
        return self._noise(check_random_state(random_state), int(n))

    def _noise(self, rng, n: int) -> np.ndarray:
        if self.noise == "uniform":
            return rng.uniform(-1.0, 1.0, (n, self.noise_dim))
        return rng.standard_normal((n, self.noise_dim))

    # ---------------------------------------------------------------------------------------
    # One update ("phase") of each network: fit and replay share these, so a replay is exact
    # ---------------------------------------------------------------------------------------

    def _discriminator_update(self, s: TrainingState, X: np.ndarray) -> PhaseRecord:
        m = self.batch_size
        real = X[s.rng.integers(0, len(X), m)]               # x ~ p_r (the training sample)
        fake = s.generator.predict(self._noise(s.rng, m))    # G(z), z ~ p(z)
        r = discriminator_gradient(s.discriminator, real, fake)
        s.d_optimiser.step(s.discriminator.theta, r.grad)
        s.phase += 1
        return PhaseRecord(s.step + 1, "D", s.phase, r.loss, r.d_real, r.d_fake,
                           float(np.sqrt(r.grad @ r.grad)))

    def _generator_update(self, s: TrainingState) -> PhaseRecord:
        z = self._noise(s.rng, self.batch_size)              # fresh z ~ p(z)
        r = generator_gradients(s.generator, s.discriminator, z)
        norms = {name: float(np.sqrt(g @ g)) for name, g in r.grad.items()}
        if s.step >= self.d_head_start:                      # D's head start: G waits
            s.g_optimiser.step(s.generator.theta, r.grad[self.loss])
        s.step += 1
        s.phase = 0
        return PhaseRecord(s.step, "G", 0, r.loss[self.loss], np.nan, r.d_fake,
                           norms[self.loss], norms["minimax"], norms["non_saturating"])

    def advance(self, state: TrainingState) -> PhaseRecord:
        """Apply the next update of the recorded schedule to ``state`` (in place): one of D's k
        updates, or G's update once D has had its k. Returns what the update computed."""
        check_is_fitted(self, "real_")
        if state.phase < self.k:
            return self._discriminator_update(state, self.real_)
        return self._generator_update(state)

    # ---------------------------------------------------------------------------------------
    # fit
    # ---------------------------------------------------------------------------------------

    def _check(self, X) -> np.ndarray:
        self._validate_params()
        X = check_array(X, estimator=self)
        if len(X) < 2:
            raise ValueError(f"a GAN needs at least 2 real samples to learn from; got {len(X)}.")
        G, D = self._networks(X.shape[1], np.random.default_rng(0))
        n_snap = self.n_steps // self.record_every + 2
        if n_snap * (G.n_parameters + D.n_parameters) > MAX_SNAPSHOT_VALUES:
            raise ValueError(
                f"keeping both networks' {G.n_parameters + D.n_parameters:,} parameters at "
                f"{n_snap:,} snapshots would take more than {MAX_SNAPSHOT_VALUES * 8 / 1e6:.0f} "
                "MB: record less often (a larger record_every), train fewer steps or use smaller "
                "networks.")
        return X

    def fit(self, X, y=None):
        """Train on the real samples X (one per row) for ``n_steps`` steps, recording them."""
        X = self._check(X)
        rng = check_random_state(self.random_state)
        G, D = self._networks(X.shape[1], rng)
        state = TrainingState(0, 0, G, D, self._optimiser(self.g_optimizer, self.g_lr),
                              self._optimiser(self.d_optimizer, self.d_lr), rng)
        self.real_ = X
        self.n_features_in_ = X.shape[1]
        S, k = self.n_steps, self.k
        steps = np.unique(np.r_[np.arange(0, S, self.record_every), S])
        self.snapshot_steps_ = steps
        self.generator_thetas_ = np.empty((len(steps), G.n_parameters))
        self.discriminator_thetas_ = np.empty((len(steps), D.n_parameters))
        self.d_loss_ = np.empty((S, k))
        self.d_real_ = np.empty((S, k))
        self.d_fake_ = np.empty((S, k))
        self.d_grad_norm_ = np.empty((S, k))
        self.g_loss_ = np.empty(S)
        self.g_fake_ = np.empty(S)
        self.g_grad_norm_ = np.empty(S)
        self.g_grad_norm_minimax_ = np.empty(S)
        self.g_grad_norm_non_saturating_ = np.empty(S)
        self.checkpoints_ = {}
        with np.errstate(over="ignore", invalid="ignore"):  # a divergence is reported below
            self._train(state, X, steps)
        self.generator_, self.discriminator_ = G, D
        return self

    def _train(self, state: TrainingState, X: np.ndarray, steps: np.ndarray) -> None:
        G, D, S, snap = state.generator, state.discriminator, self.n_steps, 0
        for s in range(S + 1):                               # s = steps completed
            if s % self.checkpoint_every == 0:
                self.checkpoints_[s] = state.copy()
            if snap < len(steps) and steps[snap] == s:
                self.generator_thetas_[snap] = G.theta
                self.discriminator_thetas_[snap] = D.theta
                snap += 1
            if s == S:
                return
            for j in range(self.k):
                r = self._discriminator_update(state, X)
                self.d_loss_[s, j], self.d_real_[s, j] = r.loss, r.d_real
                self.d_fake_[s, j], self.d_grad_norm_[s, j] = r.d_fake, r.grad_norm
            r = self._generator_update(state)
            self.g_loss_[s], self.g_fake_[s], self.g_grad_norm_[s] = r.loss, r.d_fake, r.grad_norm
            self.g_grad_norm_minimax_[s] = r.grad_norm_minimax
            self.g_grad_norm_non_saturating_[s] = r.grad_norm_non_saturating
            if not (np.isfinite(r.loss) and np.isfinite(self.d_loss_[s]).all()
                    and np.isfinite(r.grad_norm)):
                raise ValueError(
                    f"training diverged at step {s + 1}: a loss became {r.loss}. The learning "
                    "rates are too large for these networks: lower them.")

    # ---------------------------------------------------------------------------------------
    # Reading the recorded run
    # ---------------------------------------------------------------------------------------

    @property
    def n_snapshots(self) -> int:
        check_is_fitted(self, "snapshot_steps_")
        return len(self.snapshot_steps_)

    def _snapshot_index(self, i: int) -> int:
        T = self.n_snapshots
        if not isinstance(i, numbers.Integral) or not -T <= i < T:
            raise ValueError(f"snapshot index must be a whole number in [0, {T - 1}]; got {i!r}.")
        return int(i) % T

    def generator_at(self, i: int) -> Network:
        """G at snapshot i (after step ``snapshot_steps_[i]``), an independent copy."""
        G = self.generator_.copy()
        G.set_theta(self.generator_thetas_[self._snapshot_index(i)])
        return G

    def discriminator_at(self, i: int) -> Network:
        """D at snapshot i (after step ``snapshot_steps_[i]``), an independent copy."""
        D = self.discriminator_.copy()
        D.set_theta(self.discriminator_thetas_[self._snapshot_index(i)])
        return D

    def staged_generate(self, z):
        """G(z) at every snapshot, in order (scikit-learn's ``staged_*``): how the same noise
        samples move as G learns."""
        check_is_fitted(self, "snapshot_steps_")
        z = check_array(z, name="z")
        if z.shape[1] != self.noise_dim:
            raise ValueError(f"z must have {self.noise_dim} columns (noise_dim); got "
                             f"{z.shape[1]}.")
        G = self.generator_.copy()
        for theta in self.generator_thetas_:
            G.set_theta(theta)
            yield G.predict(z)

    def generate(self, n: int, random_state=None) -> np.ndarray:
        """n samples of the trained G: G(z) for fresh z ~ p(z)."""
        check_is_fitted(self, "generator_")
        return self.generator_.predict(self.sample_noise(n, random_state))

    def replay(self, step: int, phase: int = 0) -> TrainingState:
        """The exact training state after ``step`` steps and ``phase`` more D updates, rebuilt
        from the nearest checkpoint at or before it (parameters, optimiser moments and the random
        generator as they were)."""
        check_is_fitted(self, "checkpoints_")
        if not isinstance(step, numbers.Integral) or not 0 <= step <= self.n_steps:
            raise ValueError(f"step must be a whole number in [0, {self.n_steps}]; got {step!r}.")
        if not isinstance(phase, numbers.Integral) or not 0 <= phase <= self.k:
            raise ValueError(f"phase must be a whole number of D updates in [0, {self.k}]; got "
                             f"{phase!r}.")
        start = max(c for c in self.checkpoints_ if c <= step)
        state = self.checkpoints_[start].copy()
        while (state.step, state.phase) < (step, phase):
            self.advance(state)
        return state


def generator_pull(discriminator: Network, X, loss: str = "non_saturating") -> np.ndarray:
    r"""−∂C/∂x for each row x of X, C = that sample's generator loss (log(1 − D(x)) or
    −log D(x)): the direction in which G's loss pulls a generated sample; G's update moves G(z)
    along it through G's parameters (the arrows of GAN Lab)."""
    if loss not in LOSSES:
        raise ValueError(f"loss must be one of {', '.join(LOSSES)}; got {loss!r}.")
    judged = discriminator.forward(X)
    dC_dz = generator_loss_gradient(loss, judged.output, 1)     # per sample: no 1/m
    return -discriminator.backward(judged, dC_dz=dC_dz).dx
