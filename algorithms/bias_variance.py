r"""Why bagging works, measured: bias, variance and noise of a learner over many training sets.

docs/lecture.md §1 says bagging helps a complex model that overfits (high variance, low bias) — a deep
tree — and does little for a simple one (high bias); boosting, by contrast, turns weak learners
into a strong one. Here those words become numbers. Draw many training sets :math:`D` from a data
set's *known* generator, fit the same method on each, and look at the predictions
:math:`\hat y_D(x)` on the same test points :math:`x`.

**Regression (squared loss).** With the truth :math:`y = f(x) + \varepsilon`,
:math:`E[\varepsilon] = 0`, :math:`E[\varepsilon^2] = \sigma^2(x)`, and the main prediction
:math:`\bar y(x) = E_D[\hat y_D(x)]`:

.. math::

    E_{D,\varepsilon}[(y - \hat y_D(x))^2]
      = \underbrace{\sigma^2(x)}_{\text{noise}}
      + \underbrace{(\bar y(x) - f(x))^2}_{\text{bias}^2}
      + \underbrace{E_D[(\hat y_D(x) - \bar y(x))^2]}_{\text{variance}}.

**Classification (0-1 loss), Domingos (2000).** The main prediction :math:`y_m(x)` is the mode of
:math:`\hat y_D(x)` over the training sets; :math:`y_*(x)` the Bayes-optimal label (the most
probable class given x); the noise :math:`N(x) = P_t(t \ne y_*)`. Then

.. math::

    E_{D,t}[L(t, \hat y_D)] = c_1 N(x) + B(x) + c_2 V(x),

with bias :math:`B = [y_m \ne y_*]`, variance :math:`V = P_D(\hat y_D \ne y_m)`,
:math:`c_2 = 1` where :math:`B = 0` and :math:`c_2 = -P_D(\hat y_D = y_* \mid \hat y_D \ne y_m)`
where :math:`B = 1` (for two classes, -1: variance *helps* where the main prediction is wrong),
and :math:`c_1 = P_D(\hat y_D = y_*) - P_D(\hat y_D \ne y_*)\,P_t(t = \hat y_D \mid t \ne y_*)`.
Averaged over x: the *unbiased variance* :math:`V_u = E_x[(1 - B) V]`, the *biased variance*
:math:`V_b = E_x[B\,(-c_2) V] = E_x[B\,P_D(\hat y_D = y_*)]` (for two classes exactly
:math:`E_x[B V]`), and the *net variance* :math:`V_u - V_b`. Without a posterior (noise-free
labels :math:`t = y_*`) the noise term is 0 and the identity holds with :math:`N = 0`.

Both identities hold exactly for the empirical distribution over the drawn training sets (means
over D, not estimates of them), so the parts add up to the expected loss computed directly, to
floating-point rounding, for every test point and every ensemble size.

Everything here takes and returns plain arrays; the generator is passed in as a callable
``sample(seed) -> (X, y)``, so this module knows nothing of the playground's data sets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._base import clone
from ._validation import check_random_state


# --------------------------------------------------------------------------- training sets, fits
def draw_training_sets(sample: Callable[[int], tuple], n_sets: int, random_state=None) -> list:
    """``n_sets`` training sets ``sample(seed)``, one fresh seed each (drawn from
    ``random_state``): independent draws from the generator, as the decomposition assumes."""
    if isinstance(n_sets, bool) or not isinstance(n_sets, (int, np.integer)) or n_sets < 2:
        raise ValueError(f"n_sets must be a whole number of at least 2 (a variance needs two "
                         f"training sets), got {n_sets!r}.")
    rng = check_random_state(random_state)
    seeds = rng.choice(2**31 - 1, size=int(n_sets), replace=False)
    sets = []
    for seed in seeds:
        X, y = sample(int(seed))
        X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
        if X.ndim != 2 or y.ndim != 1 or len(X) != len(y):
            raise ValueError(f"sample(seed) must return X of shape (n, d) and y of shape (n,); "
                             f"got X {X.shape} and y {y.shape}.")
        if not np.isfinite(X).all():
            raise ValueError("sample(seed) returned X with NaN or infinite values.")
        if sets and X.shape[1] != sets[0][0].shape[1]:
            raise ValueError(f"every training set needs the same features; one has "
                             f"{X.shape[1]}, another {sets[0][0].shape[1]}.")
        sets.append((X, y))
    return sets


def staged_predictions(estimator, sets: list, X_test, *, classes=None,
                       random_state=None) -> np.ndarray:
    """Predictions of ``estimator`` fitted on each training set, after every stage.

    Returns shape (S, T, m): S training sets, T stages (``staged_predict``: one fit gives every
    ensemble size 1..T; T = 1 for a learner without it), m test points. With ``classes`` the
    labels come back as indices into ``classes`` (int16), the form :func:`zero_one_decomposition`
    takes. Each set's clone gets its own ``random_state`` (drawn from ``random_state``), so the
    randomness of bagging and forests varies from set to set as it would in practice.
    """
    X_test = np.asarray(X_test, dtype=np.float64)
    if X_test.ndim != 2 or len(X_test) == 0:
        raise ValueError(f"X_test must be a non-empty 2-D array of test points, got shape "
                         f"{X_test.shape}.")
    rng = check_random_state(random_state)
    seeds = rng.integers(0, 2**31 - 1, size=len(sets))
    out = None
    for s, ((X, y), seed) in enumerate(zip(sets, seeds)):
        est = clone(estimator)
        if "random_state" in est.get_params(deep=False):
            est.set_params(random_state=int(seed))
        est.fit(X, y)
        if hasattr(est, "staged_predict"):
            stages = np.stack(list(est.staged_predict(X_test)))
        else:
            stages = est.predict(X_test)[None]
        if classes is not None:
            stages = _class_index(classes, stages)
        if out is None:
            out = np.empty((len(sets),) + stages.shape, dtype=stages.dtype)
        elif stages.shape != out.shape[1:]:
            raise ValueError(f"training set {s + 1} gave {stages.shape[0]} stages where the "
                             f"first gave {out.shape[1]}: switch early stopping off to compare "
                             "ensemble sizes across training sets.")
        out[s] = stages
    return out


def _class_index(classes, labels) -> np.ndarray:
    classes = np.asarray(classes)
    idx = np.clip(np.searchsorted(classes, labels), 0, len(classes) - 1)
    if np.any(classes[idx] != labels):
        raise ValueError("a learner predicted a label that is not one of the classes given.")
    return idx.astype(np.int16)


def _weights(weights, m: int) -> np.ndarray:
    """Test-point weights normalised to sum 1 (uniform when None)."""
    if weights is None:
        return np.full(m, 1.0 / m)
    w = np.asarray(weights, dtype=np.float64)
    if w.shape != (m,) or not np.isfinite(w).all() or (w < 0).any() or w.sum() <= 0:
        raise ValueError(f"weights must be {m} finite non-negative numbers, not all zero.")
    return w / w.sum()


# --------------------------------------------------------------------------- squared loss
@dataclass(frozen=True)
class SquaredLossDecomposition:
    r"""Per test point (leading axes: those of the predictions after S, e.g. the stage t):
    main prediction :math:`\bar y`, bias², variance, noise :math:`\sigma^2` and the expected
    squared error, each shape (..., m); ``weights`` (m,) sum to 1."""

    main: np.ndarray
    bias2: np.ndarray
    variance: np.ndarray
    noise: np.ndarray
    error: np.ndarray
    weights: np.ndarray

    def mean(self, name: str) -> np.ndarray:
        """The weighted mean over the test points of one part ("bias2", "variance", "noise",
        "error"): shape (...) — e.g. (T,), one number per ensemble size."""
        return getattr(self, name) @ self.weights


def squared_loss_decomposition(predictions, f, noise_var=0.0, *,
                               weights=None) -> SquaredLossDecomposition:
    r"""Bias², variance and noise of predictions (S, ..., m) against the truth f (m,).

    ``noise_var`` is :math:`\sigma^2` (a number or one per test point). The expected error is
    computed on its own, :math:`\sigma^2 + E_D[(f - \hat y_D)^2]` (the cross term
    :math:`2E[\varepsilon](f - \hat y_D)` vanishes: the noise has mean 0 and is independent of
    the training set), so that bias² + variance + noise = error is a check, not a definition.
    """
    P = np.asarray(predictions, dtype=np.float64)
    f = np.asarray(f, dtype=np.float64)
    if P.ndim < 2 or P.shape[0] < 2:
        raise ValueError(f"predictions must have shape (S, ..., m) with S >= 2 training sets, "
                         f"got {P.shape}.")
    m = P.shape[-1]
    if f.shape != (m,):
        raise ValueError(f"f must hold the truth at the {m} test points, got shape {f.shape}.")
    noise = np.broadcast_to(np.asarray(noise_var, dtype=np.float64), (m,))
    if not np.isfinite(noise).all() or (noise < 0).any():
        raise ValueError("noise_var must be finite and non-negative.")
    main = P.mean(axis=0)                                # ȳ(x) = E_D[ŷ_D(x)]
    bias2 = (main - f) ** 2                              # (ȳ − f)²
    variance = ((P - main) ** 2).mean(axis=0)            # E_D[(ŷ_D − ȳ)²]
    error = noise + ((f - P) ** 2).mean(axis=0)          # σ² + E_D[(f − ŷ_D)²]
    return SquaredLossDecomposition(main, bias2, variance, np.broadcast_to(noise, main.shape),
                                    error, _weights(weights, m))


# --------------------------------------------------------------------------- 0-1 loss (Domingos)
@dataclass(frozen=True)
class ZeroOneDecomposition:
    r"""Domingos's decomposition per test point (shape (..., m)) and its weighted means.

    ``main`` :math:`y_m` (class index), ``bias`` :math:`B \in \{0, 1\}`, ``variance``
    :math:`V = P_D(\hat y_D \ne y_m)`, ``net_variance`` :math:`c_2 V`, ``noise`` :math:`c_1 N`,
    ``loss`` the expected 0-1 loss :math:`E_{D,t}[L(t, \hat y_D)]` computed directly, and
    ``bayes_error`` :math:`N`, and ``votes`` (..., m, K): :math:`P_D(\hat y_D = c)`, the share
    of training sets whose learner predicts class c. Pointwise ``noise + bias + net_variance ==
    loss``.
    """

    votes: np.ndarray
    main: np.ndarray
    bias: np.ndarray
    variance: np.ndarray
    net_variance: np.ndarray
    noise: np.ndarray
    loss: np.ndarray
    bayes_error: np.ndarray
    weights: np.ndarray

    def mean(self, name: str) -> np.ndarray:
        """Weighted mean over the test points of "bias", "variance", "net_variance", "noise",
        "loss", "bayes_error", "unbiased_variance" or "biased_variance"."""
        if name == "unbiased_variance":                  # V_u = E_x[(1 − B) V]
            part = (1.0 - self.bias) * self.variance
        elif name == "biased_variance":                  # V_b = E_x[B (−c₂) V] = E_x[B P_D(ŷ = y*)]
            part = np.where(self.bias > 0, -self.net_variance, 0.0)
        else:
            part = getattr(self, name)
        return part @ self.weights


def zero_one_decomposition(predictions, y_star, n_classes: int, *, posterior=None,
                           weights=None) -> ZeroOneDecomposition:
    r"""Domingos's (2000) 0-1 loss decomposition of class-index predictions (S, ..., m).

    ``y_star`` (m,): the Bayes-optimal class index at each test point. ``posterior`` (m, K):
    :math:`P(t = c \mid x)` of the generator; with it the loss is measured against labels t drawn
    from it (noise term :math:`c_1 N`, exact for any number of classes); without it against
    :math:`y_*` itself (noise 0). The main prediction breaks ties towards the lower class index;
    the identity holds whichever mode is taken.
    """
    P = np.asarray(predictions)
    if P.ndim < 2 or P.shape[0] < 2 or P.dtype.kind not in "iu":
        raise ValueError(f"predictions must be class indices of shape (S, ..., m) with S >= 2 "
                         f"training sets, got {P.dtype} {P.shape}.")
    S, m, K = P.shape[0], P.shape[-1], int(n_classes)
    y_star = np.asarray(y_star)
    if y_star.shape != (m,) or y_star.dtype.kind not in "iu":
        raise ValueError(f"y_star must be {m} class indices, got {y_star.dtype} {y_star.shape}.")
    if K < 2 or P.min() < 0 or P.max() >= K or y_star.min() < 0 or y_star.max() >= K:
        raise ValueError(f"class indices must lie in 0..{K - 1} (n_classes = {K}).")
    if posterior is None:
        posterior = np.eye(K)[y_star]                    # noise-free labels: t = y*
    posterior = np.asarray(posterior, dtype=np.float64)
    if posterior.shape != (m, K) or not np.allclose(posterior.sum(axis=1), 1.0) or \
            (posterior < 0).any():
        raise ValueError(f"posterior must hold {m} rows of {K} class probabilities summing to 1.")
    # q_c(x) = P_D(ŷ_D = c): the share of training sets whose learner predicts class c
    q = np.stack([(P == c).mean(axis=0) for c in range(K)], axis=-1)       # (..., m, K)
    main = q.argmax(axis=-1)                                               # y_m: the mode
    q_main = np.take_along_axis(q, main[..., None], -1)[..., 0]
    q_star = np.take_along_axis(q, np.broadcast_to(y_star[:, None], q.shape[:-1] + (1,)),
                                -1)[..., 0]
    p_star = posterior[np.arange(m), y_star]
    bias = (main != y_star).astype(np.float64)                             # B = [y_m ≠ y*]
    variance = 1.0 - q_main                                                # V = P_D(ŷ ≠ y_m)
    # c₂V: +V where unbiased; where biased −P_D(ŷ = y* | ŷ ≠ y_m)·V = −P_D(ŷ = y*)
    net_variance = np.where(bias > 0, -q_star, variance)
    N = 1.0 - p_star                                                       # N = P_t(t ≠ y*)
    # c₁N = P_D(ŷ = y*)·N − Σ_{c ≠ y*} P_D(ŷ = c)·P_t(t = c)
    noise = q_star * N - ((q * posterior).sum(axis=-1) - q_star * p_star)
    loss = (q * (1.0 - posterior)).sum(axis=-1)                            # Σ_c P_D(c)·P_t(t ≠ c)
    return ZeroOneDecomposition(q, main, bias, variance, net_variance, noise, loss,
                                np.broadcast_to(N, loss.shape), _weights(weights, m))


# --------------------------------------------------------------------------- the Bayes labels
def gaussian_noise_posterior(X, clean: list, sigma: float, priors=None) -> np.ndarray:
    r""":math:`P(c \mid x)` for a generator that draws a clean point z of class c uniformly from
    ``clean[c]`` (points (Q_c, d) covering the class's noise-free shape, e.g. a quadrature of an
    arc) and adds :math:`\varepsilon \sim N(0, \sigma^2 I)`:

    .. math:: p(x \mid c) = \frac{1}{Q_c} \sum_q N(x; z_{cq}, \sigma^2 I), \quad
              P(c \mid x) \propto \pi_c\, p(x \mid c).

    Computed in log space (log-sum-exp), so tiny σ is safe; σ = 0 gives the class of the nearest
    clean point. Returns (m, K); its argmax is the Bayes-optimal label.
    """
    X = np.asarray(X, dtype=np.float64)
    K = len(clean)
    priors = np.full(K, 1.0 / K) if priors is None else np.asarray(priors, dtype=np.float64)
    if K < 2 or priors.shape != (K,) or (priors <= 0).any():
        raise ValueError("need clean points for at least two classes and one positive prior "
                         "per class.")
    if not np.isfinite(sigma) or sigma < 0:
        raise ValueError(f"sigma must be a finite number >= 0, got {sigma!r}.")
    log_p = np.empty((len(X), K))
    for c, Z in enumerate(clean):
        Z = np.asarray(Z, dtype=np.float64).reshape(len(Z), -1)
        d2 = ((X ** 2).sum(1)[:, None] + (Z ** 2).sum(1)[None, :] - 2.0 * X @ Z.T).clip(0.0)
        if sigma == 0:
            log_p[:, c] = -d2.min(axis=1)                # the limit σ → 0: nearest clean point
            continue
        e = -d2 / (2.0 * sigma ** 2)                     # log N(x; z, σ²I) up to a constant
        top = e.max(axis=1, keepdims=True)
        log_p[:, c] = top[:, 0] + np.log(np.exp(e - top).mean(axis=1)) + np.log(priors[c])
    if sigma == 0:
        return np.eye(K)[log_p.argmax(axis=1)]
    log_p -= log_p.max(axis=1, keepdims=True)
    p = np.exp(log_p)
    return p / p.sum(axis=1, keepdims=True)
