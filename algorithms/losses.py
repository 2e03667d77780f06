r"""The losses gradient boosting can minimise, each with the four pieces the lecture's recipe needs.

The recipe (docs/lecture.md §4): start from the constant $g_0$ that minimises the loss, then for
$t = 1..T$ fit $f_t$ to the *pseudo-residuals* $r^n = -\partial l(y^n, g)/\partial g$ at
$g_{t-1}(x^n)$, choose the step by line search and set $g_t = g_{t-1} + \eta\,\alpha_t f_t$.

Every loss below therefore provides

* ``init_value(y, w)``: $g_0 = \arg\min_c \sum_n w^n l(y^n, c)$, one value per tree of a stage;
* ``negative_gradient(y, g)``: the pseudo-residuals $r^n$, shape (n, K);
* ``leaf_values(...)``: the per-leaf line search $\gamma_j = \arg\min_\gamma \sum_{n \in j}
  w^n l(y^n, g^n + \gamma)$ (Friedman's "TreeBoost"), exactly where it has a closed form (medians,
  quantiles), one Newton step $\sum r / \sum l''$ where it does not (log-loss, exponential);
* ``line_search(y, g, f, w)``: the lecture's single step $\alpha_t = \arg\min_\alpha
  \sum_n w^n l(y^n, g^n + \alpha f^n)$ for the whole stage;
* ``__call__(y, g, w)``: the weighted mean loss, on the scale scikit-learn reports in
  ``train_score_`` (mean squared error, binomial deviance $= 2\times$ log-loss, ...), so curves
  can be compared.

Targets arrive encoded: floats for regression, ``0/1`` for binary classification (the exponential
loss maps them to the lecture's $y \in \{-1, +1\}$ itself), class codes ``0..K-1`` for multiclass.
Raw scores ``g`` are always 2-D, shape (n, K) with K = 1 except for multiclass log-loss.
"""

from __future__ import annotations

import numpy as np

_EPS = np.finfo(np.float64).eps


def _safe_ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """num / den, 0 where den is (numerically) 0: a pure leaf has no better step than none."""
    out = np.zeros_like(num, dtype=np.float64)
    ok = np.abs(den) >= 1e-150
    np.divide(num, den, out=out, where=ok)
    return out


def weighted_percentile(values: np.ndarray, w: np.ndarray, q: float) -> float:
    """Smallest v with (weight of values <= v) >= q * total weight ("inverted cdf")."""
    return float(grouped_weighted_percentile(values, w, np.zeros(len(values), np.int64), 1, q)[0])


def grouped_weighted_percentile(values, w, groups, n_groups: int, q: float) -> np.ndarray:
    r"""The weighted ``q``-quantile of ``values`` inside every group, all groups in one sort.

    Rows are sorted by (group, value); inside group $j$ the answer is the first value whose
    cumulative weight reaches $q \cdot W_j$ (scikit-learn's ``_weighted_percentile``, "inverted
    cdf"). Groups without rows get 0.
    """
    values = np.asarray(values, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    groups = np.asarray(groups, dtype=np.int64)
    order = np.lexsort((values, groups))
    v, ww, gg = values[order], w[order], groups[order]
    counts = np.bincount(gg, minlength=n_groups)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    totals = np.bincount(gg, weights=ww, minlength=n_groups)
    cum = np.cumsum(ww)
    # Cumulative weight inside each group: subtract everything before the group's first row.
    before = np.concatenate(([0.0], cum))[starts]
    cum_in = cum - before[gg]
    # A tiny relative tolerance so that e.g. 2 of 4 unit weights counts as reaching 50 %.
    target = q * totals
    below = cum_in < target[gg] * (1 - 1e-12)
    idx = starts + np.bincount(gg, weights=below, minlength=n_groups).astype(np.int64)
    out = np.zeros(n_groups)
    has = counts > 0
    idx = np.minimum(idx, starts + counts - 1)
    out[has] = v[idx[has]]
    return out


def _uniform(w: np.ndarray) -> bool:
    return bool(np.all(w == w[0]))


class Loss:
    """Interface shared by every loss (see the module docstring for the formulas' roles)."""

    name: str = ""
    is_classification = False
    n_trees = 1

    def __init__(self, alpha: float = 0.9, n_classes: int = 2):
        self.alpha = alpha
        self.n_classes = n_classes

    # -- pieces of the recipe -------------------------------------------------------------------
    def init_value(self, y, w) -> np.ndarray:
        raise NotImplementedError

    def negative_gradient(self, y, g) -> np.ndarray:
        raise NotImplementedError

    def pointwise(self, y, g) -> np.ndarray:
        """Per-sample loss on the ``train_score_`` scale, shape (n,)."""
        raise NotImplementedError

    def __call__(self, y, g, w=None) -> float:
        l = self.pointwise(y, np.asarray(g, dtype=np.float64).reshape(len(y), -1))
        if w is None:
            return float(l.mean())
        # np.average(l, weights=w)'s arithmetic, without its argument checks (once per stage)
        total = np.sum(w, dtype=np.float64)
        if total == 0.0:
            raise ZeroDivisionError("Weights sum to zero, can't be normalized")
        return float(np.multiply(l, w, dtype=np.float64).sum() / total)

    def begin_stage(self, y, g, w) -> None:
        """Hook for state fixed once per stage (Huber's delta)."""

    def tree_problem(self, y, g, r, w, k: int, per_stage: bool):
        """(weights, targets) the regression tree of column ``k`` is grown on: (w, r) by default."""
        return w, r[:, k]

    def leaf_values(self, y, g, r, w, node, n_nodes: int, k: int) -> np.ndarray:
        """Per-leaf line search; ``node`` holds each row's leaf id (rows = the in-bag rows)."""
        raise NotImplementedError

    def stage_direction(self, means: np.ndarray) -> np.ndarray:
        """f_t's leaf values when one alpha_t is searched per stage: the fitted leaf means."""
        return means

    def line_search(self, y, g, f, w) -> float:
        r"""$\alpha_t = \arg\min_\alpha \sum_n w^n l(y^n, g^n + \alpha f^n)$ by bisection on the slope.

        The slope $\sum_n w^n f^n \partial_g l(y^n, g^n + \alpha f^n)$ of a convex loss never
        decreases in $\alpha$, so bisection on its sign converges to the minimiser.
        """
        f = f.reshape(g.shape)
        if not np.any(f):
            return 0.0

        def slope(a):
            return -float(np.sum(w[:, None] * f * self.negative_gradient(y, g + a * f)))

        lo, hi = -1.0, 1.0
        for _ in range(60):  # widen until the minimiser is bracketed
            if slope(lo) <= 0:
                break
            lo *= 2
        for _ in range(60):
            if slope(hi) >= 0:
                break
            hi *= 2
        for _ in range(100):
            mid = 0.5 * (lo + hi)
            if slope(mid) > 0:
                hi = mid
            else:
                lo = mid
            if hi - lo <= 1e-12 * max(1.0, abs(mid)):
                break
        return 0.5 * (lo + hi)


# ---------------------------------------------------------------------------------------- regression
class SquaredError(Loss):
    r"""$l = (y - g)^2$ (reported as the mean squared error).

    * $g_0 = \bar y$ (weighted mean);
    * pseudo-residuals $r = y - g$ (up to the factor 2 scikit-learn also drops);
    * the tree's own leaf means already are the exact line search $\gamma_j = \text{mean}_{n\in j}(r)$.
    """

    name = "squared_error"

    def init_value(self, y, w):
        return np.array([np.average(y, weights=w)])

    def negative_gradient(self, y, g):
        return (y - g[:, 0])[:, None]

    def pointwise(self, y, g):
        return (y - g[:, 0]) ** 2

    def leaf_values(self, y, g, r, w, node, n_nodes, k):
        s = np.bincount(node, weights=w * r[:, k], minlength=n_nodes)
        return _safe_ratio(s, np.bincount(node, weights=w, minlength=n_nodes))

    def line_search(self, y, g, f, w):
        r"""Closed form $\alpha = \sum w r f / \sum w f^2$."""
        f = f.reshape(-1)
        den = float(np.sum(w * f * f))
        return float(np.sum(w * (y - g[:, 0]) * f)) / den if den > 0 else 0.0


class AbsoluteError(Loss):
    r"""$l = |y - g|$.

    * $g_0$ = weighted median of y;
    * pseudo-residuals $r = \mathrm{sign}(y - g)$;
    * leaf step $\gamma_j$ = weighted median of $y - g$ over the leaf's rows (exact line search).
    """

    name = "absolute_error"
    quantile = 0.5

    def init_value(self, y, w):
        # Unweighted: numpy's interpolated percentile, as scikit-learn's initial estimator.
        if _uniform(w):
            return np.array([np.percentile(y, 100 * self.quantile)])
        return np.array([weighted_percentile(y, w, self.quantile)])

    def negative_gradient(self, y, g):
        return np.sign(y - g[:, 0])[:, None]

    def pointwise(self, y, g):
        return np.abs(y - g[:, 0])

    def leaf_values(self, y, g, r, w, node, n_nodes, k):
        return grouped_weighted_percentile(y - g[:, 0], w, node, n_nodes, self.quantile)


class QuantileLoss(AbsoluteError):
    r"""Pinball loss $l = \alpha (y-g)$ if $y \ge g$, else $(1-\alpha)(g-y)$; predicts the alpha-quantile.

    * $g_0$ = weighted alpha-quantile of y;
    * pseudo-residuals $r = \alpha$ if $y > g$ else $\alpha - 1$;
    * leaf step = weighted alpha-quantile of $y - g$ in the leaf (exact line search).
    """

    name = "quantile"

    @property
    def quantile(self):
        return self.alpha

    def negative_gradient(self, y, g):
        return np.where(y > g[:, 0], self.alpha, self.alpha - 1.0)[:, None]

    def pointwise(self, y, g):
        d = y - g[:, 0]
        return np.where(d >= 0, self.alpha * d, (self.alpha - 1.0) * d)


class HuberLoss(AbsoluteError):
    r"""Huber: $l = \frac12 d^2$ if $|d| \le \delta$ else $\delta(|d| - \delta/2)$, $d = y - g$.

    $\delta$ is re-chosen at every stage as the weighted alpha-quantile of $|y - g_{t-1}|$, so
    roughly a fraction $1 - \alpha$ of the points count as outliers.

    * $g_0$ = weighted median of y (as scikit-learn);
    * pseudo-residuals $r = d$ if $|d| \le \delta$ else $\delta\,\mathrm{sign}(d)$;
    * leaf step (Friedman's Algorithm 4): $\tilde m + \text{mean}\big(\mathrm{sign}(d - \tilde m)
      \min(\delta, |d - \tilde m|)\big)$ with $\tilde m$ the leaf's median residual.
    """

    name = "huber"
    quantile = 0.5
    delta = 1.0

    def begin_stage(self, y, g, w):
        self.delta = weighted_percentile(np.abs(y - g[:, 0]), w, self.alpha)

    def negative_gradient(self, y, g):
        d = y - g[:, 0]
        return np.where(np.abs(d) <= self.delta, d, self.delta * np.sign(d))[:, None]

    def pointwise(self, y, g):
        a = np.abs(y - g[:, 0])
        return np.where(a <= self.delta, 0.5 * a * a, self.delta * (a - 0.5 * self.delta))

    def leaf_values(self, y, g, r, w, node, n_nodes, k):
        d = y - g[:, 0]
        med = grouped_weighted_percentile(d, w, node, n_nodes, 0.5)
        dev = d - med[node]
        term = np.sign(dev) * np.minimum(self.delta, np.abs(dev))
        s = np.bincount(node, weights=w * term, minlength=n_nodes)
        return med + _safe_ratio(s, np.bincount(node, weights=w, minlength=n_nodes))


# ------------------------------------------------------------------------------------ classification
def _sigmoid(z):
    """Logistic function 1 / (1 + e^{-z}); e^{-z} = inf for z < -709 correctly gives 0."""
    with np.errstate(over="ignore"):
        out = np.exp(-np.asarray(z, dtype=np.float64))
    out += 1.0
    return np.reciprocal(out, out=out)


class BinomialLogLoss(Loss):
    r"""Binary log-loss, $p = \sigma(g)$, $l = -[y \ln p + (1-y)\ln(1-p)]$ (reported as deviance $2l$).

    * $g_0 = \ln\frac{\bar p}{1 - \bar p}$, the log-odds of the (weighted) share of class 1;
    * pseudo-residuals $r = y - \sigma(g)$;
    * leaf step: one Newton step $\gamma_j = \sum w r / \sum w p(1-p)$.
    """

    name = "log_loss"
    is_classification = True

    def init_value(self, y, w):
        p = np.clip(np.average(y, weights=w), _EPS, 1 - _EPS)
        return np.array([np.log(p / (1 - p))])

    def negative_gradient(self, y, g):
        return (y - _sigmoid(g[:, 0]))[:, None]

    def pointwise(self, y, g):
        z = g[:, 0]
        return 2.0 * (np.logaddexp(0.0, z) - y * z)

    def leaf_values(self, y, g, r, w, node, n_nodes, k):
        p = y - r[:, 0]
        num = np.bincount(node, weights=w * r[:, 0], minlength=n_nodes)
        den = np.bincount(node, weights=w * p * (1 - p), minlength=n_nodes)
        return _safe_ratio(num, den)

    #: p(class 1) = sigma(raw_scale * g)
    raw_scale = 1.0

    def proba(self, g):
        p1 = _sigmoid(g[:, 0])
        return np.column_stack([1 - p1, p1])


class MultinomialLogLoss(Loss):
    r"""Multiclass log-loss with softmax $p_k = e^{g_k} / \sum_j e^{g_j}$; K trees per stage.

    * $g_{0,k} = \ln \bar p_k - \frac1K \sum_j \ln \bar p_j$ (log class shares, centred);
    * pseudo-residuals $r_k = \delta(y = k) - p_k$;
    * leaf step of tree k: $\frac{K-1}{K} \sum w r_k / \sum w p_k (1 - p_k)$ (Friedman's Newton
      step, with the factor $(K-1)/K$ scikit-learn keeps).
    """

    name = "log_loss"
    is_classification = True

    @property
    def n_trees(self):
        return self.n_classes

    def init_value(self, y, w):
        share = np.bincount(y, weights=w, minlength=self.n_classes) / np.sum(w)
        logp = np.log(np.clip(share, _EPS, 1 - _EPS))
        return logp - logp.mean()

    def _softmax(self, g):
        z = np.exp(g - g.max(axis=1, keepdims=True))
        return z / z.sum(axis=1, keepdims=True)

    def negative_gradient(self, y, g):
        r = -self._softmax(g)
        r[np.arange(len(y)), y] += 1.0
        return r

    def pointwise(self, y, g):
        m = g.max(axis=1)
        lse = m + np.log(np.exp(g - m[:, None]).sum(axis=1))
        return lse - g[np.arange(len(y)), y]

    def leaf_values(self, y, g, r, w, node, n_nodes, k):
        p = (y == k) - r[:, k]
        K = self.n_classes
        num = np.bincount(node, weights=w * r[:, k], minlength=n_nodes) * (K - 1) / K
        den = np.bincount(node, weights=w * p * (1 - p), minlength=n_nodes)
        return _safe_ratio(num, den)

    def proba(self, g):
        return self._softmax(g)


class ExponentialLoss(Loss):
    r"""AdaBoost's loss $l = \exp(-y g)$ with the lecture's $y \in \{-1, +1\}$ (binary only).

    * $g_0 = \frac12 \ln \frac{W_+}{W_-}$ (its exact argmin; scikit-learn's default) — the
      lecture's $g_0 = 0$ is ``init="zero"`` on the estimator;
    * pseudo-residuals $r = y\,u$ with $u = \exp(-y g_{t-1})$: the lecture's example weights
      $u_t^n$ appear as the size of the gradient;
    * per-leaf step: one Newton step $\sum w r / \sum w u = \frac{W_+ - W_-}{W_+ + W_-}$ in the leaf.

    Lecture mode (one $\alpha_t$ per stage, ``line_search="per_stage"``): the tree is grown on
    targets $y$ with weights $w u$ — the split gain of weighted squared error on $\pm1$ targets is
    twice the weighted Gini gain, so this is the tree AdaBoost trains on $u_t$ — its leaves carry
    the sign of the weighted vote ($f_t \in \{-1, +1\}$), and the line search has the closed form
    $\alpha_t = \ln\sqrt{(1-\varepsilon_t)/\varepsilon_t}$ with
    $\varepsilon_t = \sum_{f_t \ne y} w u / \sum w u$.
    """

    name = "exponential"
    is_classification = True

    @staticmethod
    def _pm(y):
        return 2.0 * y - 1.0

    def init_value(self, y, w):
        p = np.clip(np.average(y, weights=w), _EPS, 1 - _EPS)
        return np.array([0.5 * np.log(p / (1 - p))])

    def negative_gradient(self, y, g):
        s = self._pm(y)
        return (s * np.exp(-s * g[:, 0]))[:, None]

    def pointwise(self, y, g):
        return np.exp(-self._pm(y) * g[:, 0])

    def tree_problem(self, y, g, r, w, k, per_stage):
        if per_stage:
            return w * np.abs(r[:, 0]), self._pm(y)  # weights w u, targets y
        return w, r[:, 0]

    def leaf_values(self, y, g, r, w, node, n_nodes, k):
        num = np.bincount(node, weights=w * r[:, 0], minlength=n_nodes)
        den = np.bincount(node, weights=w * np.abs(r[:, 0]), minlength=n_nodes)
        return _safe_ratio(num, den)

    def stage_direction(self, means):
        # Ties go to -1, as a classifier stump picks the first class on a tie.
        return np.where(means > 0, 1.0, -1.0)

    def line_search(self, y, g, f, w):
        f = f.reshape(-1)
        if not np.all(np.abs(f) == 1.0):
            return super().line_search(y, g, f, w)
        u = w * np.exp(-self._pm(y) * g[:, 0])
        eps = float(np.sum(u[f != self._pm(y)]) / np.sum(u))
        eps = min(max(eps, 1e-300), 1 - 1e-16)
        return 0.5 * np.log((1 - eps) / eps)

    #: p(class 1) = sigma(raw_scale * g): g minimising the exponential loss is half the log-odds
    raw_scale = 2.0

    def proba(self, g):
        p1 = _sigmoid(2.0 * g[:, 0])
        return np.column_stack([1 - p1, p1])


REGRESSION_LOSSES = {"squared_error": SquaredError, "absolute_error": AbsoluteError,
                     "huber": HuberLoss, "quantile": QuantileLoss}
CLASSIFICATION_LOSSES = {"log_loss": None, "exponential": ExponentialLoss}


def make_loss(name: str, *, alpha: float = 0.9, n_classes: int = 2) -> Loss:
    """The loss object for ``name`` (``log_loss`` picks binomial or multinomial from n_classes)."""
    if name in REGRESSION_LOSSES:
        return REGRESSION_LOSSES[name](alpha=alpha)
    if name == "log_loss":
        cls = BinomialLogLoss if n_classes == 2 else MultinomialLogLoss
        return cls(n_classes=n_classes)
    if name == "exponential":
        if n_classes != 2:
            raise ValueError(f"loss='exponential' is only defined for binary classification "
                             f"(AdaBoost's y in {{-1, +1}}), but y has {n_classes} classes; "
                             "use loss='log_loss'.")
        return ExponentialLoss(n_classes=2)
    raise ValueError(f"Unknown loss {name!r}.")
