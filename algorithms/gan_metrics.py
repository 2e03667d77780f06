r"""How far a generator's samples are from the real ones: a kernel MMD, and for a mixture the number
of its modes the samples cover (docs/lecture.md §8: mode collapse is G covering only some modes).

* Maximum mean discrepancy (Gretton et al. 2012) with a kernel k: the squared distance between
  the two distributions' mean embeddings,
  MMD² = E k(x, x′) + E k(y, y′) − 2 E k(x, y), x, x′ ~ P and y, y′ ~ Q;
  zero exactly when P = Q for a characteristic kernel such as the Gaussian
  k(x, y) = exp(−‖x − y‖² / (2h²)). Here k is a sum of Gaussian kernels at several bandwidths
  h, so that both the overall spread and the fine structure (narrow modes) count.
  :func:`mmd2` gives the unbiased estimate (the sums over i ≠ j; it can dip below zero) or the
  biased one (every pair, the squared norm of the difference of the sample means in feature
  space: never negative).
* Modes covered (the rule of PacGAN, Lin et al. 2018): a generated sample is of high quality when
  it lies within 3σ of a mode's centre; a mode is covered when at least 20 % of its fair share
  n/K of the n samples fall within 3σ of it (PacGAN's 20 samples of 2,500 on 25 modes).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validation import check_array, check_random_state


def _sq_distances(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """‖x_i − y_j‖² for every pair, shape (len(X), len(Y)), never negative."""
    d2 = (X * X).sum(1)[:, None] + (Y * Y).sum(1)[None, :] - 2.0 * (X @ Y.T)
    return np.maximum(d2, 0.0, out=d2)


def median_bandwidths(X, levels: int = 4) -> np.ndarray:
    """Bandwidths h, h/2, …, h/2^{levels−1} with h the median distance between the rows of X
    (the median heuristic, at ``levels`` scales)."""
    X = check_array(X)
    d = np.sqrt(_sq_distances(X, X)[np.triu_indices(len(X), 1)])
    h = float(np.median(d)) if d.size else 1.0
    h = h if h > 0 else 1.0
    return h / 2.0 ** np.arange(levels)


def kernel(X: np.ndarray, Y: np.ndarray, bandwidths) -> np.ndarray:
    """Σ_h exp(−‖x − y‖² / (2h²)) for every pair of rows, shape (len(X), len(Y)).

    Bandwidths that halve one after another (as :func:`median_bandwidths` gives them) cost one
    exponential: exp(−d²/(2(h/2)²)) = exp(−d²/(2h²))⁴, two squarings."""
    d2 = _sq_distances(X, Y)
    hs = np.asarray(bandwidths, float)
    k = np.exp(d2 * (-0.5 / (hs[0] * hs[0])))
    total = k.copy()
    for prev, h in zip(hs[:-1], hs[1:]):
        if prev == 2.0 * h:
            np.square(k, out=k)                              # e^{4a} = ((e^a)^2)^2
            np.square(k, out=k)
        else:
            k = np.exp(d2 * (-0.5 / (h * h)))
        total += k
    return total


def mmd2(X, Y, bandwidths=None, *, unbiased: bool = True) -> float:
    r"""The squared MMD between the samples X ~ P and Y ~ Q (rows are points).

    ``bandwidths``: the Gaussian kernels' h (default: :func:`median_bandwidths` of X).
    Unbiased: (1/(m(m−1))) Σ_{i≠j} k(x_i, x_j) + (1/(n(n−1))) Σ_{i≠j} k(y_i, y_j)
    − (2/(mn)) Σ_{i,j} k(x_i, y_j). Biased: the same with every pair, i = j included.
    """
    X, Y = check_array(X, name="X"), check_array(Y, name="Y")
    if X.shape[1] != Y.shape[1]:
        raise ValueError(f"X and Y must have the same number of columns; got {X.shape[1]} and "
                         f"{Y.shape[1]}.")
    if unbiased and (len(X) < 2 or len(Y) < 2):
        raise ValueError("the unbiased MMD needs at least 2 samples on each side.")
    h = median_bandwidths(X) if bandwidths is None else np.atleast_1d(bandwidths)
    if not np.all(np.isfinite(h)) or np.any(h <= 0):
        raise ValueError(f"bandwidths must be positive numbers; got {bandwidths!r}.")
    Kxx, Kyy, Kxy = kernel(X, X, h), kernel(Y, Y, h), kernel(X, Y, h)
    m, n = len(X), len(Y)
    if unbiased:
        xx = (Kxx.sum() - np.trace(Kxx)) / (m * (m - 1))    # sum over i != j
        yy = (Kyy.sum() - np.trace(Kyy)) / (n * (n - 1))
    else:
        xx, yy = Kxx.mean(), Kyy.mean()
    return float(xx + yy - 2.0 * Kxy.mean())


@dataclass(frozen=True)
class ModeCoverage:
    """Which modes of a mixture a set of samples covers."""

    n_covered: int  # modes with at least min_share of their fair share within radius·σ
    covered: np.ndarray  # (K,) bool
    counts: np.ndarray  # (K,) samples within radius·σ of each centre (and nearest to it)
    high_quality: float  # share of the samples within radius·σ of some centre


def modes_covered(samples, centres, std: float, *, radius: float = 3.0,
                  min_share: float = 0.2) -> ModeCoverage:
    """How many of the mixture's modes (``centres``, each of standard deviation ``std``) the
    samples cover: a mode is covered when at least ``min_share`` · n/K samples lie within
    ``radius`` · σ of its centre."""
    Y, C = check_array(samples, name="samples"), check_array(centres, name="centres")
    if Y.shape[1] != C.shape[1]:
        raise ValueError(f"samples and centres must have the same number of columns; got "
                         f"{Y.shape[1]} and {C.shape[1]}.")
    if not np.isfinite(std) or std <= 0:
        raise ValueError(f"std must be a positive number (the spread of each mode); got {std!r}.")
    d2 = _sq_distances(Y, C)
    nearest = d2.argmin(1)
    within = d2[np.arange(len(Y)), nearest] <= (radius * std) ** 2
    counts = np.bincount(nearest[within], minlength=len(C))
    covered = counts >= min_share * len(Y) / len(C)
    return ModeCoverage(int(covered.sum()), covered, counts, float(within.mean()))


@dataclass(frozen=True)
class StagedScores:
    """A fitted GAN's distance to the real data at every snapshot."""

    steps: np.ndarray  # (T,) the snapshots' steps
    mmd2: np.ndarray  # (T,) biased MMD² between G's samples and real ones
    mmd2_floor: float  # the same between two independent real samples of the same size
    n_modes: int  # K (0 without modes)
    modes: np.ndarray | None  # (T,) modes covered
    high_quality: np.ndarray | None  # (T,) share of samples within 3σ of a mode


def staged_scores(gan, real, *, n: int = 500, centres=None, std: float | None = None,
                  random_state=0) -> StagedScores:
    """MMD² (and, with the mixture's ``centres`` and ``std``, the modes covered) of G's samples
    at every snapshot of a fitted :class:`~algorithms.gan.GAN`, against the real sample ``real``.

    The same n noise draws z are pushed through every snapshot's G, and the same n real points
    are compared with them, so the curves follow G and not the draw. ``mmd2_floor`` is the MMD²
    between two other disjoint sets of n real points: what "as close as two real samples" looks
    like. Biased estimates (never negative, on a log scale)."""
    real = check_array(real, name="real")
    rng = check_random_state(random_state)
    order = rng.permutation(len(real))
    if len(real) < 2 * n:
        raise ValueError(f"staged_scores compares {n} generated points with {n} real ones and "
                         f"two real sets with each other: it needs at least {2 * n} real points; "
                         f"got {len(real)}.")
    X_ref, X_other = real[order[:n]], real[order[n:2 * n]]
    h = median_bandwidths(X_ref)
    Kxx = kernel(X_ref, X_ref, h).mean()
    floor = Kxx + kernel(X_other, X_other, h).mean() - 2.0 * kernel(X_ref, X_other, h).mean()
    z = gan.sample_noise(n, rng)
    K = 0 if centres is None else len(centres)
    mmd, modes, quality = [], [], []
    for Y in gan.staged_generate(z):
        if not np.isfinite(Y).all():
            raise ValueError("the generator's samples are not finite: training diverged.")
        mmd.append(Kxx + kernel(Y, Y, h).mean() - 2.0 * kernel(X_ref, Y, h).mean())
        if K:
            cov = modes_covered(Y, centres, std)
            modes.append(cov.n_covered)
            quality.append(cov.high_quality)
    return StagedScores(np.asarray(gan.snapshot_steps_), np.asarray(mmd), float(floor), K,
                        np.asarray(modes) if K else None, np.asarray(quality) if K else None)


@dataclass(frozen=True)
class Saturation:
    """G's gradient under both losses at the early steps where D rejects G's samples."""

    window: int  # the early steps looked at: 1..window
    threshold: float  # D rejects G's samples at a step when their mean D(G(z)) is below this
    steps: np.ndarray  # those steps (1-based)
    ratios: np.ndarray  # ‖∇_θG L_non-saturating‖ / ‖∇_θG L_minimax‖ at each, on the same samples
    lowest: float  # the lowest mean D(G(z)) in the window
    lowest_step: int  # and its step

    @property
    def median_ratio(self) -> float:
        return float(np.median(self.ratios)) if len(self.ratios) else float("nan")

    @property
    def smallest_ratio(self) -> float:
        return float(self.ratios.min()) if len(self.ratios) else float("nan")


def saturation(gan, *, threshold: float = 0.1, early: float = 0.2) -> Saturation:
    """The steps in the first ``early`` share of training at which D rejects G's samples (mean
    D(G(z)) on G's batch below ``threshold``), and at each the ratio of the non-saturating loss's
    gradient norm to the minimax loss's, both recorded on the same samples by
    :class:`~algorithms.gan.GAN`. Where D rejects, D(G(z)) ≈ 0 and the minimax gradient, which
    carries a factor D(G(z)), vanishes; the non-saturating one carries 1 − D(G(z)) ≈ 1."""
    if not 0 < early <= 1 or not 0 < threshold < 1:
        raise ValueError("early must be a share of the steps in (0, 1] and threshold a "
                         "probability in (0, 1).")
    window = max(1, int(round(early * len(gan.g_fake_))))
    d_fake = np.asarray(gan.g_fake_[:window])
    idx = np.flatnonzero(d_fake < threshold)
    ratios = gan.g_grad_norm_non_saturating_[idx] / gan.g_grad_norm_minimax_[idx]
    low = int(np.argmin(d_fake))
    return Saturation(window, threshold, idx + 1, ratios, float(d_fake[low]), low + 1)
