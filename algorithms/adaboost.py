r"""AdaBoost, exactly as the lecture derives it (docs/lecture.md §3), and AdaBoost.R2 for regression.

Binary labels $y^n \in \{+1, -1\}$ (``classes_[1]`` is +1). Start with $u_1^n = 1$ (or the given
``sample_weight``). For $t = 1, \dots, T$ (one call of ``_boost`` per round):

1. train $f_t$ on the training set weighted by $u_t$ (re-weighting; learners whose ``fit`` has no
   ``sample_weight`` are trained on a re-sample drawn with probabilities $u_t^n / Z_t$ instead);
2. weighted error $\varepsilon_t = \sum_n u_t^n\,\delta(f_t(x^n) \ne y^n) / Z_t$ with
   $Z_t = \sum_n u_t^n$;
3. $d_t = \sqrt{(1-\varepsilon_t)/\varepsilon_t}$ and $\alpha_t = \ln d_t$;
4. $u_{t+1}^n = u_t^n \exp(-y^n f_t(x^n)\,\alpha_t)$: misclassified examples are multiplied by $d_t$,
   correct ones divided by $d_t$, after which $f_t$'s weighted error under $u_{t+1}$ is exactly 0.5.

The ensemble is $H(x) = \mathrm{sign}(g(x))$ with $g(x) = \sum_t \alpha_t f_t(x)$. Its training error
is at most $Z_{T+1} / Z_1 = \prod_t Z_{t+1}/Z_t = \prod_t 2\sqrt{\varepsilon_t(1-\varepsilon_t)}$
(``error_bound_``), which falls with every round because each factor is < 1.

``learning_rate`` $\eta$ shrinks every step: $\alpha_t = \eta \ln d_t$, and the update uses that
$\alpha_t$ ($u_{t+1}^n = u_t^n e^{\pm\alpha_t}$); $\eta = 1$ is the lecture's algorithm. Whatever
$\eta$, ``estimator_factors_`` holds $e^{\alpha_t}$ (the lecture's $d_t$ when $\eta = 1$), and
the bound's factor is $Z_{t+1}/Z_t = (1-\varepsilon_t)/e^{\alpha_t} + \varepsilon_t e^{\alpha_t}$.

Stopping: $\varepsilon_t \ge 1 - 1/K$ means $f_t$ is no better than chance; it is dropped and training
stops. $\varepsilon_t = 0$ means $f_t$ is perfect on the training set; it is kept with $\alpha_t$
computed from $\varepsilon_t$ clipped to ``EPS_FLOOR`` (so that H equals $f_t$ on the training set),
and training stops. Both are recorded in ``stop_reason_`` (an :class:`EngineMessage`).

More than two classes: SAMME (Zhu et al. 2009), $\alpha_t = \eta\,(\ln\frac{1-\varepsilon_t}
{\varepsilon_t} + \ln(K-1))$, misclassified weights multiplied by $d_t = e^{\alpha_t}$ and correct
ones left as they are, $H(x) = \arg\max_k g_k(x)$ with $g_k(x) = \sum_t \alpha_t \delta(f_t(x) = k)$.
For K = 2 SAMME's $\alpha$ is twice the lecture's and $H$ is the same; the binary case here always
uses the lecture's $\alpha_t = \ln d_t$. SAMME has no training-error bound of the binary kind
(``error_bound_`` is None), and SAMME's condition $\varepsilon_t < 1 - 1/K$ does not make the
training error fall: a learner that can name only some of the classes (a stump names two) can meet
it round after round while the weights go round in a cycle. On four Gaussian blobs at 90° two
stumps, one naming the top and bottom classes and one the left and right, each with
$\varepsilon = 1/4$ and $\alpha = \ln 9$, then take turns forever; H after an even number of
rounds is decided by the rounds before the cycle and after an odd number by the last stump, so the
test error alternates (scikit-learn's SAMME does exactly the same on the same stumps). Trees of
depth 2 name up to four classes and settle.

Margins (one definition for every K): $m_t(x, y) = (g_{t,y}(x) - \max_{k \ne y} g_{t,k}(x)) /
\sum_{\tau \le t} \alpha_\tau$, the vote share of the true class minus the largest share of any
other class, in [-1, 1] and > 0 exactly when $H_t$ is right. For K = 2 it is the lecture's
normalized margin $y\,g_t(x) / \sum_{\tau\le t}\alpha_\tau$.

Regression, AdaBoost.R2 (Drucker 1997, as scikit-learn implements it): $f_t$ is trained on a re-sample
drawn with probabilities $u_t^n / Z_t$; each example's loss $L_t^n \in [0, 1]$ is its error
$|f_t(x^n) - y^n|$ divided by the largest one (squared, or $1 - e^{-L}$, for ``loss="square"`` /
``"exponential"``); $\bar L_t = \sum_n u_t^n L_t^n / Z_t$ (``estimator_errors_``) must stay below 0.5;
$\beta_t = \bar L_t / (1 - \bar L_t)$, $\alpha_t = \eta \ln(1/\beta_t)$ and
$u_{t+1}^n = u_t^n \beta_t^{\eta (1 - L_t^n)}$ (well-predicted examples lose weight). The prediction
is the $\alpha$-weighted median of the $f_t(x)$.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass

import numpy as np

from ._base import (BaseEstimator, ClassifierMixin, EngineMessage, RegressorMixin, clone,
                    has_fit_parameter, is_classifier, is_regressor)
from ._binning import Binner
from ._constraints import MAX_ESTIMATORS, Interval, Options
from ._stumps import StumpSearch, even_ties, stump_tree
from ._validation import (check_classification_targets, check_is_fitted, check_n_features,
                          check_random_state, check_sample_weight, check_X_y)
from .tree import DecisionTreeClassifier, DecisionTreeRegressor

__all__ = ["AdaBoostClassifier", "AdaBoostRegressor"]

EPS_FLOOR = 1e-10
_OUTPUT_BLOCK = 1 << 21   # members' outputs computed at once: (members x rows) numbers
# an error within this of chance level (1 - 1/K) is chance level: its alpha would be ~1e-12, and
# whether the sum of the weights rounds above or below must not decide how many rounds run
_CHANCE_ROUNDING = 1e-12
# only ratios of u matter; when their sum leaves this range they are rescaled (Z_t with them)
_U_RANGE = (1e-200, 1e200)

_STOP_TEXT = {
    "no_better_than_chance": "round {round}: epsilon = {epsilon:.4f} >= {chance:.2f}, the learner "
                             "is no better than chance; it was dropped and boosting stopped.",
    "perfect_fit": "round {round}: epsilon = 0, the learner classifies every training example "
                   "correctly; boosting stopped (alpha from epsilon clipped to {floor:g}).",
    "loss_at_least_half": "round {round}: the average loss {epsilon:.4f} is >= 0.5; the learner "
                          "was {fate} and boosting stopped.",
    "perfect_regression": "round {round}: the learner predicts every training target exactly; "
                          "boosting stopped (alpha from the loss clipped to {floor:g}).",
    "weight_cycle": "from round {round} on, the weights u_t repeat every {period} rounds: the same "
                    "{period} learners take turns, and H alternates with them instead of "
                    "improving.",
}
_CYCLE_PERIODS = (1, 2, 3, 4)
_CYCLE_RTOL = 1e-9   # weights (shares of Z_t) this close count as repeated


def _stop(code: str, **fields) -> EngineMessage:
    return EngineMessage(code, _STOP_TEXT[code], **fields)


@dataclass
class _Round:
    """Everything round t computed, in the lecture's symbols."""
    f: object              # f_t
    u: np.ndarray          # u_t
    Z: float               # Z_t = sum_n u_t^n
    wrong: np.ndarray      # classification: f_t(x^n) != y^n; regression: the loss L_t^n
    eps: float             # epsilon_t (regression: the average loss)
    alpha: float           # alpha_t
    d: float               # classification: d_t = e^{alpha_t}; regression: beta_t
    u_next: np.ndarray     # u_{t+1}


# ------------------------------------------------------------------------------------------------
# How f_t is trained each round (speed paths; each returns f_t and its output on every row)
# ------------------------------------------------------------------------------------------------
_STUMP_PARAMS = {"max_depth", "criterion", "min_samples_split", "min_samples_leaf", "random_state"}


def _is_plain_stump(est) -> bool:
    """A ``DecisionTreeClassifier(max_depth=1)`` whose other parameters the stump search honours
    (criterion, min_samples_split, min_samples_leaf) or are at their defaults."""
    if type(est) is not DecisionTreeClassifier:
        return False
    params = est.get_params(deep=False)
    if params.get("max_depth") != 1 or params.get("criterion") not in ("gini", "entropy",
                                                                       "log_loss"):
        return False
    defaults = {p.name: p.default for p in
                inspect.signature(DecisionTreeClassifier.__init__).parameters.values()}
    return all(_same(value, defaults.get(name)) for name, value in params.items()
               if name not in _STUMP_PARAMS)


def _same(a, b) -> bool:
    try:
        return bool(a is b or a == b)
    except (TypeError, ValueError):  # arrays compare element-wise
        return False


def _stump_rounds(template, X, y, K, u_start):
    """Default learner: the exact best stump each round from features sorted once."""
    params = template.get_params(deep=False)
    criterion = "gini" if params["criterion"] == "gini" else "entropy"
    search = StumpSearch(X, y, K, u_start, criterion=criterion,
                         min_samples_split=params["min_samples_split"],
                         min_samples_leaf=params["min_samples_leaf"])

    def fit_f(u):
        split = search.best(u)
        S_root = even_ties(search.class_weights(u[search.rows]))
        f = clone(template)
        f.classes_, f.n_classes_ = np.arange(K), K
        f.n_features_in_ = f.max_features_ = X.shape[1]
        f.tree_ = stump_tree(split, S_root, search.rows.size, criterion)
        if split is None:
            return f, np.full(X.shape[0], int(S_root.argmax()))
        j, threshold, S_left, S_right, _ = split
        return f, np.where(X[:, j] > threshold, S_right.argmax(), S_left.argmax())
    return fit_f


def _tree_rounds(template, X, y, K, u_start):
    """Deeper trees: one binning shared by every round; the training rows' leaves come from
    growth."""
    binner = Binner().fit(X[u_start > 0])
    Xb = binner.transform(X)

    def fit_f(u):
        f = clone(template)
        f.classes_, f.n_classes_ = np.arange(K), K
        f._fit_encoded(X, y, u, binner=binner, Xb=Xb)
        leaves = f._train_leaves.copy()
        unseen = leaves < 0                 # zero-weight rows were not grown on
        if unseen.any():
            leaves[unseen] = f.tree_.apply(X[unseen])
        return f, f.tree_.value[leaves].argmax(axis=1)
    return fit_f


def _reweighted_rounds(template, X, y, rng):
    def fit_f(u):
        f = _seeded(template, rng)
        f.fit(X, y, sample_weight=u / u.mean())
        return f, np.asarray(f.predict(X))
    return fit_f


def _resampled_rounds(template, X, y, rng):
    def fit_f(u):
        f = _seeded(template, rng)
        drawn = rng.choice(len(u), size=len(u), replace=True, p=u / u.sum())
        f.fit(X[drawn], y[drawn])
        return f, np.asarray(f.predict(X))
    return fit_f


def _seeded(template, rng):
    f = clone(template)
    if "random_state" in f.get_params(deep=False):
        f.set_params(random_state=int(rng.integers(2**31 - 1)))
    return f


def _representable(u: np.ndarray) -> np.ndarray:
    total = u.sum()
    if _U_RANGE[0] < total < _U_RANGE[1]:
        return u
    return u * (len(u) / total)


def _weight_cycle(U: np.ndarray, Z: np.ndarray):
    """An :class:`EngineMessage` "weight_cycle" (round, period) when, from some round to the last,
    u_{t+p} / Z_{t+p} = u_t / Z_t: boosting goes round in a cycle of p learners (SAMME's stumps
    on four blobs take turns in twos). None otherwise. A cycle must repeat at least twice."""
    T = U.shape[0]
    shares = U / Z[:, None]
    for p in _CYCLE_PERIODS:
        if T < 3 * p:
            break
        same = np.all(np.abs(shares[p:] - shares[:-p]) <= _CYCLE_RTOL * shares.max(axis=1)[p:, None],
                      axis=1)                      # same[t]: round t+1+p repeats round t+1
        if not same[-1]:
            continue
        start = T - p - int(np.argmin(same[::-1])) if not same.all() else 0
        if T - start >= 3 * p:
            return _stop("weight_cycle", round=start + 1, period=p)
    return None


# ------------------------------------------------------------------------------------------------
# The shared loop
# ------------------------------------------------------------------------------------------------
class _BaseWeightBoosting(BaseEstimator):
    _parameter_constraints = {
        "estimator": ["estimator", None],
        "n_estimators": [Interval(int, 1, MAX_ESTIMATORS, "both")],
        "learning_rate": [Interval(float, 0.0, None, "neither")],
        "random_state": ["random_state"],
    }

    def fit(self, X, y, sample_weight=None):
        """The lecture's loop: $u_1$, then one ``_boost`` per round until T or a stop."""
        self._validate_params()
        template = self._validated_estimator()
        X, y = check_X_y(X, y, estimator=self, y_numeric=not is_classifier(self))
        y = self._encode_targets(y)
        u = check_sample_weight(sample_weight, X.shape[0],              # u_1
                                y=y if is_classifier(self) else None)
        self.n_features_in_ = X.shape[1]
        fit_f = self._round_trainer(template, X, y, u, check_random_state(self.random_state))
        self.estimators_, self.stop_reason_, rounds = [], None, []
        for t in range(1, self.n_estimators + 1):
            r = self._boost(t, u, fit_f, y)
            if r is None:                      # f_t dropped
                break
            rounds.append(r)
            self.estimators_.append(r.f)
            if self.stop_reason_ is not None:  # f_t kept, and boosting ends with it
                break
            u = _representable(r.u_next)
        self._record(rounds)
        return self

    def _record(self, rounds: list) -> None:
        self.sample_weights_ = np.array([r.u for r in rounds])
        self.weight_sums_ = np.array([r.Z for r in rounds])
        self.estimator_errors_ = np.array([r.eps for r in rounds])
        self.estimator_weights_ = np.array([r.alpha for r in rounds])
        self.n_estimators_ = len(rounds)

    def _check_estimator_kind(self, est) -> None:
        raise NotImplementedError

    def _validated_estimator(self):
        est = clone(self.estimator) if self.estimator is not None else self._default_estimator()
        if not hasattr(est, "predict"):
            raise ValueError(f"{type(self).__name__}: estimator {type(est).__name__} has no "
                             "predict method.")
        self._check_estimator_kind(est)
        if hasattr(est, "_validate_params"):  # a bad learner parameter is named before round 1
            est._validate_params()
        return est

    # -- the ensemble ------------------------------------------------------------------------------
    def _member_outputs(self, X):
        """f_t(x) for t = 1..T, one row per member. Stumps (trees of depth <= 1) are evaluated
        all at once in blocks of rows: f_t(x) = right value if x[feature_t] > threshold_t else
        left value."""
        members = self.estimators_
        stumps = all(isinstance(e, (DecisionTreeClassifier, DecisionTreeRegressor))
                     and hasattr(e, "tree_") and e.tree_.node_count <= 3 for e in members)
        if not stumps:
            for est in members:
                yield self._learner_output(est, X)
            return
        trees = [e.tree_ for e in members]
        split = np.array([t.node_count == 3 for t in trees])
        feature = np.array([t.feature[0] if s else 0 for t, s in zip(trees, split)])
        threshold = np.array([t.threshold[0] if s else np.inf for t, s in zip(trees, split)])
        left = np.array([self._leaf_output(t.value[1 if s else 0]) for t, s in zip(trees, split)])
        right = np.array([self._leaf_output(t.value[2 if s else 0]) for t, s in zip(trees, split)])
        block = max(1, _OUTPUT_BLOCK // max(X.shape[0], 1))
        for lo in range(0, len(trees), block):
            sl = slice(lo, lo + block)
            go_right = X[:, feature[sl]].T > threshold[sl, None]
            yield from np.where(go_right, right[sl, None], left[sl, None])

    @property
    def feature_importances_(self) -> np.ndarray:
        r"""$\sum_t \alpha_t\,\mathrm{importance}(f_t) / \sum_t \alpha_t$ (scikit-learn's)."""
        check_is_fitted(self, "estimators_")
        lacking = [type(e).__name__ for e in self.estimators_
                   if not hasattr(e, "feature_importances_")]
        if lacking:
            raise AttributeError(f"{type(self).__name__} has no feature_importances_: its learner "
                                 f"{lacking[0]} has none.")
        alpha = self.estimator_weights_
        total = alpha.sum()
        imp = sum(a * e.feature_importances_ for a, e in zip(alpha, self.estimators_))
        return imp / total if total > 0 else imp

    def staged_score(self, X, y, sample_weight=None):
        """``score`` of the ensemble of the first t learners, for t = 1..T."""
        for pred in self.staged_predict(X):
            yield type(self)._stage_score(pred, y, sample_weight)


class AdaBoostClassifier(ClassifierMixin, _BaseWeightBoosting):
    r"""Discrete AdaBoost (the lecture's; SAMME for more than two classes).

    Parameters
    ----------
    estimator : classifier or None
        The learner of each round (None: a stump, ``DecisionTreeClassifier(max_depth=1)``, found
        exactly each round from features sorted once).
    n_estimators : int in [1, MAX_ESTIMATORS]
        T, the largest number of rounds (fewer if training stops, see ``stop_reason_``). Every
        round records u_t, so T is bounded.
    learning_rate : float > 0
        $\eta$: $\alpha_t = \eta \ln d_t$ (1.0 is the lecture's AdaBoost).
    random_state : None, int or Generator
        Seeds the learners and the re-sampling (learners without ``sample_weight``).

    Attributes (one entry per round t = 1..T)
    ----------
    estimators_ : the f_t (trained on class indices 0..K-1; ``classes_[i]`` maps back).
    sample_weights_ : (T, n) u_t.      weight_sums_ : (T,) Z_t = sum_n u_t^n.
    estimator_errors_ : (T,) epsilon_t.      estimator_weights_ : (T,) alpha_t.
    estimator_factors_ : (T,) d_t = e^{alpha_t}, the factor f_t's mistakes are multiplied by
        (binary: correct examples are divided by it; SAMME: left as they are).
    training_mistakes_ : (T, n) bool, which training examples f_t got wrong.
    error_bound_ : (T,) prod_{tau <= t} Z_{tau+1}/Z_tau, the bound on the (weighted) training error
        of H_t (= prod 2 sqrt(eps (1 - eps)) when learning_rate = 1); binary only, None for SAMME.
    stop_reason_ : None, or an :class:`EngineMessage` with code "perfect_fit" (fields round,
        epsilon, floor) or "no_better_than_chance" (round, epsilon, chance).
    weight_cycle_ : None, or an :class:`EngineMessage` "weight_cycle" (fields round, period): from
        that round to the last, u_t / Z_t repeats every ``period`` rounds (the learners take
        turns and H alternates; see the module notes on SAMME).
    classes_, n_classes_, n_features_in_, n_estimators_ (the T reached), feature_importances_.
    """

    _parameter_constraints = {**_BaseWeightBoosting._parameter_constraints}

    def __init__(self, estimator=None, n_estimators=50, learning_rate=1.0, random_state=None):
        self.estimator = estimator
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.random_state = random_state

    def _default_estimator(self):
        return DecisionTreeClassifier(max_depth=1)

    def _check_estimator_kind(self, est) -> None:
        if is_regressor(est):
            raise ValueError(f"AdaBoostClassifier needs a classifier as its estimator, but "
                             f"{type(est).__name__} is a regressor (AdaBoostRegressor boosts "
                             "regressors).")

    def _encode_targets(self, y):
        self.classes_, y_enc = check_classification_targets(y)
        self.n_classes_ = len(self.classes_)
        return y_enc

    def _round_trainer(self, template, X, y, u_start, rng):
        """``fit_f(u) -> (f_t, f_t's class index on every training row)``, fastest path first."""
        K = self.n_classes_
        if _is_plain_stump(template):
            return _stump_rounds(template, X, y, K, u_start)
        if type(template) is DecisionTreeClassifier:
            return _tree_rounds(template, X, y, K, u_start)
        fit_f = (_reweighted_rounds if has_fit_parameter(template, "sample_weight")
                 else _resampled_rounds)(template, X, y, rng)

        def as_index(u):
            f, pred = fit_f(u)
            return f, pred.astype(np.intp)
        return as_index

    def _boost(self, t: int, u: np.ndarray, fit_f, y: np.ndarray) -> _Round | None:
        r"""Round t (docs/lecture.md §3): train f_t on u_t, then $\varepsilon_t, d_t, \alpha_t$ and
        $u_{t+1}$. Returns None when f_t is no better than chance (it is dropped)."""
        K, eta = self.n_classes_, self.learning_rate
        f, pred = fit_f(u)                          # f_t, trained on the u_t-weighted data
        wrong = pred != y                           # delta(f_t(x^n) != y^n)
        Z = u.sum()                                 # Z_t = sum_n u_t^n
        eps = float(u[wrong].sum() / Z)             # eps_t = sum_n u_t^n delta(f_t != y) / Z_t
        if eps >= 1.0 - 1.0 / K - _CHANCE_ROUNDING:  # chance level (rounding must not decide)
            self.stop_reason_ = _stop("no_better_than_chance", round=t, epsilon=eps,
                                      chance=1.0 - 1.0 / K)
            if t == 1:
                raise ValueError(
                    f"AdaBoostClassifier could not fit: the first learner's weighted error is "
                    f"{eps:.3f} (>= {1 - 1 / K:.2f}), no better than chance. Use a stronger "
                    "base learner.")
            return None
        e = max(eps, EPS_FLOOR)                     # eps_t = 0 would make alpha_t infinite
        if K == 2:
            d = np.sqrt((1.0 - e) / e) ** eta       # d_t = sqrt((1 - eps_t) / eps_t)  (^eta)
            alpha = np.log(d)                       # alpha_t = ln d_t
            u_next = np.where(wrong, u * d, u / d)  # u_{t+1}: u_t d_t if wrong, u_t / d_t if right
        else:  # SAMME
            alpha = eta * (np.log((1.0 - e) / e) + np.log(K - 1.0))   # alpha_t
            d = np.exp(alpha)                       # d_t = e^{alpha_t}
            u_next = np.where(wrong, u * d, u)      # only f_t's mistakes grow
        if eps == 0.0:
            self.stop_reason_ = _stop("perfect_fit", round=t, epsilon=0.0, floor=EPS_FLOOR)
        return _Round(f, u, Z, wrong, eps, float(alpha), float(d), u_next)

    def _record(self, rounds: list) -> None:
        super()._record(rounds)
        self.estimator_factors_ = np.array([r.d for r in rounds])
        self.training_mistakes_ = np.array([r.wrong for r in rounds], dtype=bool)
        self.weight_cycle_ = _weight_cycle(self.sample_weights_, self.weight_sums_)
        if self.n_classes_ == 2:
            eps, d = self.estimator_errors_, self.estimator_factors_
            # Z_{t+1} / Z_t = (1 - eps_t) / d_t + eps_t d_t  (eta = 1: 2 sqrt(eps_t (1 - eps_t)));
            # a perfect f_t (eps_t = 0) takes the limit alpha_t -> infinity: 0
            factor = np.where(eps > 0, (1.0 - eps) / d + eps * d, 0.0)
            self.error_bound_ = np.cumprod(factor)
        else:
            self.error_bound_ = None

    # -- the ensemble ------------------------------------------------------------------------------
    def _learner_output(self, est, X):
        """f_t(x): +-1 (binary) or class index (multiclass)."""
        if isinstance(est, DecisionTreeClassifier) and hasattr(est, "tree_"):
            pred = est.tree_.predict(X).argmax(axis=1)
        else:
            pred = np.asarray(est.predict(X)).astype(np.intp)
        return np.where(pred == 1, 1.0, -1.0) if self.n_classes_ == 2 else pred

    def _leaf_output(self, value):
        k = int(np.argmax(value))
        return (1.0 if k == 1 else -1.0) if self.n_classes_ == 2 else k

    def staged_decision_function(self, X):
        r"""$g_t(x) = \sum_{\tau \le t} \alpha_\tau f_\tau(x)$ for t = 1..T (binary: shape (n,);
        multiclass: (n, K), $g_{t,k}(x) = \sum_{\tau \le t} \alpha_\tau \delta(f_\tau(x) = k)$)."""
        check_is_fitted(self, "estimators_")
        X = check_n_features(self, X)
        K = self.n_classes_
        g = np.zeros(X.shape[0]) if K == 2 else np.zeros((X.shape[0], K))
        rows = np.arange(X.shape[0])
        for f, alpha in zip(self._member_outputs(X), self.estimator_weights_):
            if K == 2:
                g = g + alpha * f                   # g_t = g_{t-1} + alpha_t f_t
            else:
                g = g.copy()
                g[rows, f] += alpha                 # alpha_t goes to the class f_t names
            yield g

    def decision_function(self, X) -> np.ndarray:
        g = None
        for g in self.staged_decision_function(X):
            pass
        return g

    def staged_predict(self, X):
        for g in self.staged_decision_function(X):
            yield self._label(g)

    def predict(self, X) -> np.ndarray:
        """$H(x) = \\mathrm{sign}(g(x))$ (binary) or the class with the largest weighted vote."""
        return self._label(self.decision_function(X))

    def _label(self, g):
        if self.n_classes_ == 2:
            return self.classes_[(g > 0).astype(int)]
        return self.classes_[g.argmax(axis=1)]

    def _proba(self, g):
        if self.n_classes_ == 2:
            # exponential loss's link: g = 1/2 ln(p / (1 - p))  =>  p = 1 / (1 + exp(-2 g))
            p1 = 1.0 / (1.0 + np.exp(-2.0 * g))
            return np.column_stack([1.0 - p1, p1])
        return g / g.sum(axis=1, keepdims=True)

    def staged_predict_proba(self, X):
        for g in self.staged_decision_function(X):
            yield self._proba(g)

    def predict_proba(self, X) -> np.ndarray:
        """Binary: $p(+1 \\mid x) = 1/(1 + e^{-2g(x)})$; multiclass: normalised weighted votes."""
        return self._proba(self.decision_function(X))

    def predict_log_proba(self, X) -> np.ndarray:
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    @staticmethod
    def _stage_score(pred, y, sample_weight):
        hit = (pred == np.asarray(y)).astype(float)
        return float(np.average(hit, weights=sample_weight))

    # -- what the playground draws -----------------------------------------------------------------
    def staged_margins(self, X, y):
        r"""Normalized margins after every round t, each of shape (n,):
        $(g_{t,y}(x) - \max_{k \ne y} g_{t,k}(x)) / \sum_{\tau \le t} \alpha_\tau$, in [-1, 1],
        > 0 exactly where $H_t$ is right. Binary: $y\,g_t(x) / \sum_{\tau\le t}\alpha_\tau$ with
        $y = \pm 1$ (the lecture's, docs/lecture.md §3)."""
        check_is_fitted(self, "estimators_")
        y_enc = self._encode_known(y)
        rows = np.arange(y_enc.shape[0])
        y_pm = np.where(y_enc == 1, 1.0, -1.0)
        for g, total in zip(self.staged_decision_function(X), np.cumsum(self.estimator_weights_)):
            if self.n_classes_ == 2:
                yield y_pm * g / total              # y g_t(x) = votes for y - votes for the other
            else:
                others = g.copy()
                others[rows, y_enc] = -np.inf
                yield (g[rows, y_enc] - others.max(axis=1)) / total

    def surface_terms(self):
        r"""What $g_t = \sum_{\tau \le t} \alpha_\tau f_\tau$ adds up, for painting it on a plane
        (:func:`algorithms.surface.staged_surfaces`): per round, $+\alpha_t$ where $f_t$ says
        ``classes_[1]`` and $-\alpha_t$ elsewhere (two classes), or $\alpha_t$ on the class $f_t$
        picks (SAMME). None unless every $f_t$ is a tree on two features."""
        from .surface import SurfaceTerms, class_columns, spread  # painting is optional here
        check_is_fitted(self, "estimators_")
        if self.n_features_in_ != 2 or not all(hasattr(m, "tree_") for m in self.estimators_):
            return None
        K, alpha = self.n_classes_, np.asarray(self.estimator_weights_, float)

        def values(i):
            m = self.estimators_[i]
            pick = spread(m.tree_.value, class_columns(m, K), K).argmax(1)  # f_i at each node
            if K == 2:
                return alpha[i] * np.where(pick == 1, 1.0, -1.0)[:, None]
            return alpha[i] * (np.arange(K)[None, :] == pick[:, None])

        return SurfaceTerms([m.tree_ for m in self.estimators_], values,
                            np.zeros(1 if K == 2 else K), output=0 if K == 2 else None)

    def weight_shares(self) -> np.ndarray:
        r"""Each training example's share of the total weight in every round,
        $u_t^n / Z_t$, shape (T, n): how much example n counts in $\varepsilon_t$ (the error
        $f_t$ was trained to make small is $\sum_n (u_t^n / Z_t)\,\delta(f_t(x^n) \ne y^n)$).
        Rows sum to 1; the lecture's $u_t^n$ themselves are ``sample_weights_``."""
        check_is_fitted(self, "sample_weights_")
        return self.sample_weights_ / self.weight_sums_[:, None]   # u_t^n / Z_t

    def margins(self, X, y, *, normalized: bool = True) -> np.ndarray:
        r"""``staged_margins`` as one array of shape (T, n); times $\sum_{\tau\le t}\alpha_\tau$
        when not ``normalized``."""
        M = np.array(list(self.staged_margins(X, y)))
        return M if normalized else M * np.cumsum(self.estimator_weights_)[:, None]

    def _encode_known(self, y) -> np.ndarray:
        y = np.asarray(y).ravel()
        idx = np.searchsorted(self.classes_, y)
        idx = np.clip(idx, 0, len(self.classes_) - 1)
        unknown = self.classes_[idx] != y
        if unknown.any():
            raise ValueError(f"y holds label(s) {np.unique(y[unknown]).tolist()!r} the model was "
                             f"not trained on (its classes are {self.classes_.tolist()!r}).")
        return idx


class AdaBoostRegressor(RegressorMixin, _BaseWeightBoosting):
    r"""AdaBoost.R2 (Drucker 1997), as scikit-learn implements it.

    Each round: $f_t$ trained on a re-sample drawn with probabilities $u_t^n / Z_t$; losses
    $L_t^n = |f_t(x^n) - y^n| / \max_n |f_t(x^n) - y^n|$ (``loss``: "linear"; "square" squares
    it; "exponential" takes $1 - e^{-L}$); $\bar L_t = \sum_n u_t^n L_t^n / Z_t$;
    $\beta_t = \bar L_t / (1 - \bar L_t)$; $\alpha_t = \eta \ln(1/\beta_t)$;
    $u_{t+1}^n = u_t^n \beta_t^{\eta(1 - L_t^n)}$. Prediction: the weighted median of the
    $f_t(x)$ with weights $\alpha_t$ (the smallest prediction whose cumulative weight reaches
    half the total). Stops when $\bar L_t \ge 0.5$ (that learner is dropped, unless it is the
    first: then it is kept alone, as in scikit-learn) or $\bar L_t = 0$.

    Attributes: ``estimators_``, ``sample_weights_`` (T, n) u_t, ``weight_sums_`` Z_t,
    ``estimator_errors_`` $\bar L_t$, ``estimator_weights_`` $\alpha_t$, ``estimator_betas_``
    $\beta_t$, ``training_losses_`` (T, n) $L_t^n$, ``stop_reason_`` (None or an
    :class:`EngineMessage`: "loss_at_least_half" with round, epsilon, fate; "perfect_regression"
    with round, floor), ``n_estimators_``, ``n_features_in_``, ``feature_importances_``.
    """

    _parameter_constraints = {**_BaseWeightBoosting._parameter_constraints,
                              "loss": [Options({"linear", "square", "exponential"})]}

    def __init__(self, estimator=None, n_estimators=50, learning_rate=1.0, loss="linear",
                 random_state=None):
        self.estimator = estimator
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.loss = loss
        self.random_state = random_state

    def _default_estimator(self):
        return DecisionTreeRegressor(max_depth=3)

    def _check_estimator_kind(self, est) -> None:
        if is_classifier(est):
            raise ValueError(f"AdaBoostRegressor needs a regressor as its estimator, but "
                             f"{type(est).__name__} is a classifier (AdaBoostClassifier boosts "
                             "classifiers).")

    def _encode_targets(self, y):
        return y

    def _round_trainer(self, template, X, y, u_start, rng):
        """``fit_f(u) -> (f_t, f_t(x^n) for every row)``: always a re-sample (AdaBoost.R2)."""
        fit_f = _resampled_rounds(template, X, y, rng)

        def as_float(u):
            f, pred = fit_f(u)
            return f, pred.astype(np.float64).ravel()
        return as_float

    def _boost(self, t: int, u: np.ndarray, fit_f, y: np.ndarray) -> _Round | None:
        r"""Round t of AdaBoost.R2: f_t on a u_t-re-sample, the losses $L_t^n$, $\bar L_t$,
        $\beta_t$, $\alpha_t$ and $u_{t+1}$. None when f_t is dropped."""
        eta = self.learning_rate
        f, pred = fit_f(u)                          # f_t, trained on rows drawn by u_t / Z_t
        Z = u.sum()                                 # Z_t = sum_n u_t^n
        err = np.abs(pred - y)
        err_max = err[u > 0].max()
        L = err / err_max if err_max > 0 else err   # L_t^n = |f_t(x^n) - y^n| / max |.|, in [0, 1]
        if self.loss == "square":
            L = L * L
        elif self.loss == "exponential":
            L = 1.0 - np.exp(-L)
        eps = float(u @ L / Z)                      # L-bar_t = sum_n u_t^n L_t^n / Z_t
        if eps >= 0.5:
            keep = t == 1
            self.stop_reason_ = _stop("loss_at_least_half", round=t, epsilon=eps,
                                      fate="kept alone" if keep else "dropped")
            # scikit-learn keeps a first learner with weight 0 rather than fail
            return _Round(f, u, Z, L, eps, 0.0, 1.0, u) if keep else None
        e = max(eps, EPS_FLOOR)
        beta = e / (1.0 - e)                        # beta_t = L-bar_t / (1 - L-bar_t) < 1
        alpha = eta * np.log(1.0 / beta)            # alpha_t = ln(1 / beta_t): f_t's say
        u_next = u * beta ** (eta * (1.0 - L))      # u_{t+1} = u_t beta_t^{1 - L}: good -> lighter
        if eps == 0.0:
            self.stop_reason_ = _stop("perfect_regression", round=t, floor=EPS_FLOOR)
        return _Round(f, u, Z, L, eps, float(alpha), float(beta), u_next)

    def _record(self, rounds: list) -> None:
        super()._record(rounds)
        self.estimator_betas_ = np.array([r.d for r in rounds])
        self.training_losses_ = np.array([r.wrong for r in rounds], dtype=np.float64)

    # -- the ensemble ------------------------------------------------------------------------------
    def _learner_output(self, est, X):
        return np.asarray(est.predict(X), dtype=np.float64).ravel()

    def _leaf_output(self, value):
        return float(value[0])

    def _predictions(self, X) -> np.ndarray:
        check_is_fitted(self, "estimators_")
        X = check_n_features(self, X)
        return np.array(list(self._member_outputs(X))).T   # (n, T)

    @staticmethod
    def _weighted_median(P: np.ndarray, alpha: np.ndarray) -> np.ndarray:
        """Per row of P (n, t): the smallest f_t(x) whose cumulative alpha reaches half of all."""
        order = np.argsort(P, axis=1, kind="stable")
        cdf = np.cumsum(alpha[order], axis=1)
        at = np.argmax(cdf >= 0.5 * cdf[:, -1:], axis=1)
        rows = np.arange(P.shape[0])
        return P[rows, order[rows, at]]

    def predict(self, X) -> np.ndarray:
        return self._weighted_median(self._predictions(X), self.estimator_weights_)

    def staged_predict(self, X):
        """The weighted median of the first t learners, t = 1..T (each stage sorts its t
        predictions per row: O(T^2 n) in all)."""
        P = self._predictions(X)
        for t in range(1, P.shape[1] + 1):
            yield self._weighted_median(P[:, :t], self.estimator_weights_[:t])

    @staticmethod
    def _stage_score(pred, y, sample_weight):
        y = np.asarray(y, dtype=float)
        w = np.ones_like(y) if sample_weight is None else np.asarray(sample_weight, float)
        ss_tot = np.sum(w * (y - np.average(y, weights=w)) ** 2)
        ss_res = np.sum(w * (y - pred) ** 2)
        return float(1.0 - ss_res / ss_tot) if ss_tot > 0 else float(ss_res == 0)
