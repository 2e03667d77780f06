r"""Bagging: train one learner per bootstrap set, then average (regression) or vote (classification).

docs/lecture.md §1. From N training examples draw N' with replacement (a bootstrap set), train f_k on it,
repeat for k = 1..T; the ensemble averages the outputs

$$ H(x) = \frac{1}{T}\sum_{k=1}^{T} f_k(x) \quad\text{(regression; for classification the vote is
the average of class probabilities, a majority vote for fully grown trees)}.$$

Each example n is *out of bag* for the learners whose bootstrap set missed it (about
$(1-1/N)^N \approx 36.8\%$ of the learners). Scoring every example with only those learners gives the
out-of-bag (OOB) error, an estimate of the test error without a validation set; ``oob_errors_[k-1]``
is that estimate using the first k learners, the curve the playground draws as T grows.

Learners that accept ``sample_weight`` are trained with the bootstrap counts as weights (equivalent
to repeating the drawn rows); others are trained on the drawn rows themselves.

Sample weights, as in scikit-learn, are frequencies: a bootstrap set draws each row with probability
proportional to its weight, so a row of weight 0 is never drawn and one of weight 2 is drawn as
often as two copies of a row would be. Every learner then sees the same thing, whether its ``fit``
takes weights or not. Without bootstrap (``bootstrap=False``) the subsets are drawn from the rows of
positive weight and the weights are passed on to the learners.

``max_features`` < 1 (or ``bootstrap_features``) gives every learner its own random subset of the
features too ("random subspaces"); our trees keep the global feature numbers, so every member
reads the full X. ``warm_start=True`` keeps the fitted learners and adds new ones up to
``n_estimators``. ``n_jobs`` grows our trees in ``n_jobs`` chunks on threads (see
``_grow_in_threads``); other learners are fitted one after another whatever ``n_jobs`` says.
``verbose`` is accepted (scikit-learn's signature) and prints nothing.
"""

from __future__ import annotations

import numbers
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from ._base import BaseEstimator, ClassifierMixin, RegressorMixin, clone, has_fit_parameter
from ._constraints import Interval, RealNotInt
from ._grower import grow
from ._validation import (check_classification_targets, check_is_fitted, check_n_features,
                          check_random_state, check_sample_weight, check_X_y)
from .tree import (DecisionTreeClassifier, DecisionTreeRegressor, code_features,
                   resolve_max_features)

#: Upper bound of ``n_estimators`` (forests, bagging, gradient boosting): a stated limit instead of
#: running out of memory or time.
MAX_ESTIMATORS = 10_000
#: (tree, sample) rows grown in one pass: bounds memory (a forest at n = 100,000 grows 4 trees
#: at a time)
_ROWS_PER_CHUNK = 400_000


def draw_samples(rng, n_samples: int, n_draw: int, n_estimators: int, bootstrap: bool,
                 p=None, population=None):
    """Index sets, one per learner: with replacement (repeats kept) for bootstrap, else without.

    ``p``: the probability of drawing each row (bootstrap with sample weights; None = uniform).
    ``population``: the rows a set without replacement is drawn from (None = all rows).
    """
    if bootstrap:
        if p is None:
            return list(rng.integers(0, n_samples, size=(n_estimators, n_draw)))
        return list(rng.choice(n_samples, size=(n_estimators, n_draw), replace=True, p=p))
    rows = np.arange(n_samples) if population is None else population
    return [rows[rng.permutation(rows.size)[:n_draw]] for _ in range(n_estimators)]


def fit_trees_batched(template, X, channels, samples, rng, *, binner=None, Xb=None,
                      class_scale=None, chunk_rows=None):
    """Grow one tree of ``template``'s kind per index set in ``samples``, all in one pass.

    Rows are (tree, sample) pairs weighted by how often the sample was drawn; each tree is a root of
    the same level-wise growth (chunked so that memory stays bounded). ``class_scale`` (T, K):
    per-tree class weights (``class_weight="balanced_subsample"``). Returns fitted estimators.
    """
    n, d = X.shape
    if Xb is None:
        binner, Xb = code_features(X, getattr(template, "max_bins", None))
    mss, msl = template._resolved_counts(n)
    k = resolve_max_features(template.max_features, d)
    T = len(samples)
    per_tree = max(1, min(T, (chunk_rows or _ROWS_PER_CHUNK) // max(n, 1)))
    criterion = template._grow_criterion()
    fitted = []
    for start in range(0, T, per_tree):
        chunk = samples[start:start + per_tree]
        t_idx = np.concatenate([np.full(len(s), t) for t, s in enumerate(chunk)])
        flat = t_idx * n + np.concatenate(chunk)
        counts = np.bincount(flat, minlength=len(chunk) * n)
        pairs = np.flatnonzero(counts)
        roots, rows = pairs // n, pairs % n
        ch = channels[rows] * counts[pairs, None]
        if class_scale is not None:
            ch *= class_scale[start + roots]
        keep = ch[:, 0] > 0 if criterion == "squared_error" else ch.sum(axis=1) > 0
        trees, _ = grow(Xb, binner, ch[keep], criterion,
                        max_depth=template._growth_depth(), min_samples_split=mss,
                        min_samples_leaf=msl, max_features=k, rng=rng, rows=rows[keep],
                        roots=roots[keep], n_roots=len(chunk),
                        min_impurity_decrease=float(template.min_impurity_decrease),
                        min_weight_fraction_leaf=float(template.min_weight_fraction_leaf))
        for tree in trees:
            est = clone(template)
            est.tree_, _ = est._shrink(tree, np.zeros(0, dtype=np.int64), template.ccp_alpha)
            est.n_features_in_ = d
            est.max_features_ = k or d
            fitted.append(est)
    return fitted


def _grow_in_threads(n_jobs, template, X, channels, samples, rng, **kwargs):
    """``fit_trees_batched`` with the trees split in ``n_jobs`` chunks grown on threads.

    numpy releases the GIL inside sorts, gathers and ufuncs on large arrays, so two chunks of
    trees grow side by side on two cores; each chunk draws its features from its own generator
    (seeded from ``rng``), so a fit is reproducible for a given ``n_jobs``.
    """
    jobs = min(int(n_jobs), len(samples))
    if jobs <= 1:
        return fit_trees_batched(template, X, channels, samples, rng, **kwargs)
    binner, Xb = code_features(X, getattr(template, "max_bins", None))
    bounds = np.linspace(0, len(samples), jobs + 1).astype(int)
    seeds = rng.integers(0, 2**63 - 1, size=jobs)
    scale = kwargs.pop("class_scale", None)
    chunk_rows = kwargs.pop("chunk_rows", None) or _ROWS_PER_CHUNK // jobs

    def part(j):
        lo, hi = bounds[j], bounds[j + 1]
        return fit_trees_batched(template, X, channels, samples[lo:hi],
                                 np.random.default_rng(seeds[j]), binner=binner, Xb=Xb,
                                 class_scale=None if scale is None else scale[lo:hi],
                                 chunk_rows=chunk_rows)

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        parts = list(pool.map(part, range(jobs)))
    return [est for p in parts for est in p]


def resolve_n_jobs(n_jobs) -> int:
    """Threads to use: None = 1, -1 = every core, -2 = all but one, as joblib counts."""
    import os
    if n_jobs is None:
        return 1
    cores = os.cpu_count() or 1
    return max(1, cores + 1 + n_jobs) if n_jobs < 0 else int(n_jobs)


class SingleClassLearner(ClassifierMixin, BaseEstimator):
    """The member bagging keeps for a drawn set holding a single class: it predicts that class
    (class indices 0..K-1 of the ensemble, probability 1)."""

    def __init__(self, class_index=0, n_classes=2):
        self.class_index = class_index
        self.n_classes = n_classes

    @property
    def classes_(self):
        return np.array([self.class_index])

    def fit(self, X, y=None):
        return self

    def predict_proba(self, X):
        return np.ones((np.asarray(X).shape[0], 1))

    def predict(self, X):
        return np.full(np.asarray(X).shape[0], self.class_index)


_ENSEMBLE_CONSTRAINTS = {
    "n_estimators": [Interval(int, 1, MAX_ESTIMATORS, "both")],
    "bootstrap": ["boolean"],
    "oob_score": ["boolean"],
    "warm_start": ["boolean"],
    "n_jobs": [Interval(int, None, None, "neither"), None],
    "verbose": [Interval(int, 0, None, "left"), "boolean"],
    "random_state": ["random_state"],
}


class _BaseBagging(BaseEstimator):
    _parameter_constraints = {
        "estimator": ["estimator", None],
        "max_samples": [Interval(int, 1, None, "left"), Interval(RealNotInt, 0.0, 1.0, "right")],
        "max_features": [Interval(int, 1, None, "left"), Interval(RealNotInt, 0.0, 1.0, "right")],
        "bootstrap_features": ["boolean"],
        **_ENSEMBLE_CONSTRAINTS,
    }
    #: bagging draws feature subsets per learner; forests draw features per split instead
    _feature_subsets = True

    def __init__(self, estimator=None, n_estimators=10, *, max_samples=1.0, max_features=1.0,
                 bootstrap=True, bootstrap_features=False, oob_score=False, warm_start=False,
                 n_jobs=None, random_state=None, verbose=0):
        self.estimator = estimator
        self.n_estimators = n_estimators
        self.max_samples = max_samples
        self.max_features = max_features
        self.bootstrap = bootstrap
        self.bootstrap_features = bootstrap_features
        self.oob_score = oob_score
        self.warm_start = warm_start
        self.n_jobs = n_jobs
        self.random_state = random_state
        self.verbose = verbose

    # -- the ensemble as a sequence of learners -----------------------------------------------------
    def __len__(self) -> int:
        check_is_fitted(self, "estimators_")
        return len(self.estimators_)

    def __getitem__(self, index):
        check_is_fitted(self, "estimators_")
        return self.estimators_[index]

    def __iter__(self):
        check_is_fitted(self, "estimators_")
        return iter(self.estimators_)

    # -- fitting ------------------------------------------------------------------------------------
    def _n_draw(self, n, what="training samples"):
        if isinstance(self.max_samples, numbers.Integral):
            if self.max_samples > n:
                raise ValueError(f"max_samples = {self.max_samples} is larger than the number of "
                                 f"{what} ({n}).")
            return int(self.max_samples)
        return max(1, int(round(self.max_samples * n)))

    def _n_features_drawn(self, d) -> int:
        if isinstance(self.max_features, numbers.Integral):
            if self.max_features > d:
                raise ValueError(f"max_features = {self.max_features} is larger than the number "
                                 f"of features ({d}); it must be at most {d}.")
            return int(self.max_features)
        return max(1, int(self.max_features * d))

    def _check_oob(self):
        if self.oob_score and not self.bootstrap:
            raise ValueError("oob_score=True needs bootstrap=True: without bootstrap every learner "
                             "sees every drawn sample, so there are no out-of-bag samples to score.")

    def _template(self):
        return clone(self.estimator) if self.estimator is not None else self._default_estimator()

    def _learner_allows_nan(self) -> bool:
        """NaN in X reaches the learners only if they learn where missing values go (our trees);
        every other learner's ensemble refuses it with the usual message."""
        return bool(getattr(self._template(), "_allow_nan", False))

    @property
    def _allow_nan(self) -> bool:
        return self._learner_allows_nan()

    def _random_state_for(self, n_fitted):
        """The generator of a fit; a warm start adding to ``n_fitted`` learners continues from
        a generator of its own (reproducible for an int ``random_state``)."""
        if n_fitted == 0 or not isinstance(self.random_state, numbers.Integral):
            return check_random_state(self.random_state)
        return np.random.default_rng([int(self.random_state), n_fitted])

    def _start(self):
        """Learners kept from a previous fit (warm start), or a clean slate."""
        if not (self.warm_start and hasattr(self, "estimators_")):
            for attr in ("estimators_", "estimators_samples_", "estimators_features_"):
                self.__dict__.pop(attr, None)
            return 0
        n_fitted = len(self.estimators_)
        if self.n_estimators < n_fitted:
            raise ValueError(f"n_estimators = {self.n_estimators} must be at least the "
                             f"{n_fitted} learners already fitted when warm_start=True.")
        return n_fitted

    def _fit_learners(self, X, y_fit, w, channels, class_scale_of=None):
        """Fit the learners still missing from ``estimators_`` on their drawn sets (batched for
        our own trees).

        ``w``: the sample weights (all ones when none were given). With bootstrap they are the
        drawing probabilities and the learners see counts only; without, they go to the learners.
        ``class_scale_of(samples)``: per-learner class weights (balanced_subsample).
        """
        n, d = X.shape
        self._n_samples_fit = n
        n_fitted = self._start()
        T = self.n_estimators - n_fitted
        rng = self._random_state_for(n_fitted)
        if n_fitted == 0:
            self.estimators_, self.estimators_samples_, self.estimators_features_ = [], [], []
        if T == 0:
            return
        template = self._template()
        takes_weights = has_fit_parameter(template, "sample_weight")
        uniform = bool(np.all(w == w[0]))
        if self.bootstrap:
            samples = draw_samples(rng, n, self._n_draw(n), T, True,
                                   p=None if uniform else w / w.sum())
            row_weight = np.ones(n)
        else:
            positive = np.flatnonzero(w > 0)
            if not uniform and not takes_weights:
                raise ValueError(
                    f"{type(template).__name__}.fit takes no sample_weight, so with "
                    "bootstrap=False the weights cannot reach it; use bootstrap=True (rows are "
                    "then drawn in proportion to their weights).")
            samples = draw_samples(rng, n, self._n_draw(positive.size, "samples of positive weight"),
                                   T, False, population=None if positive.size == n else positive)
            row_weight = w
        features = self._draw_features(rng, T, d)
        is_tree = type(template) in (DecisionTreeClassifier, DecisionTreeRegressor)
        if is_tree and features is None:
            learners = _grow_in_threads(
                resolve_n_jobs(self.n_jobs), template, X, channels * row_weight[:, None],
                samples, rng, class_scale=None if class_scale_of is None else class_scale_of(samples))
        else:
            learners = [self._fit_one(template, X, y_fit, row_weight, idx,
                                      None if features is None else features[t], rng, is_tree)
                        for t, idx in enumerate(samples)]
        if is_tree:
            for est in learners:
                self._finish_tree(est)
        self.estimators_ += learners
        self.estimators_samples_ += samples
        self.estimators_features_ += (features if features is not None
                                      else [np.arange(d)] * T)

    def _draw_features(self, rng, T, d):
        """Per-learner feature subsets (None: every learner sees every feature)."""
        if not self._feature_subsets:
            return None
        k = self._n_features_drawn(d)
        if k == d and not self.bootstrap_features:
            return None
        if self.bootstrap_features:
            return [np.sort(rng.integers(0, d, size=k)) for _ in range(T)]
        return [np.sort(rng.permutation(d)[:k]) for _ in range(T)]

    def _fit_one(self, template, X, y_fit, row_weight, idx, feats, rng, is_tree):
        """One learner on its drawn rows (and features)."""
        n, d = X.shape
        if self._is_single_class(y_fit[idx]):
            # A set of one class (weights that favour a few rows make it likely): every
            # classifier trained on it predicts that class, whether or not its fit would
            # accept one class.
            return SingleClassLearner(int(y_fit[idx[0]]), self.n_classes_)
        est = clone(template)
        if "random_state" in est.get_params(deep=False):
            est.set_params(random_state=int(rng.integers(2**31 - 1)))
        Xf = X if feats is None else X[:, feats]
        if has_fit_parameter(est, "sample_weight"):
            counts = np.bincount(idx, minlength=n) * row_weight
            nz = counts > 0
            est.fit(Xf[nz], y_fit[nz], sample_weight=counts[nz])
        else:
            est.fit(Xf[idx], y_fit[idx])
        if is_tree and feats is not None:
            # the tree's features renumbered to X's columns: every member reads the full X
            inner = est.tree_.children_left >= 0
            est.tree_.feature[inner] = np.asarray(feats)[est.tree_.feature[inner]]
            est.n_features_in_ = d
        return est

    def _member_X(self, k, X):
        """What learner k reads: the full X (trees, or learners of every feature) or its subset."""
        est = self.estimators_[k]
        feats = self.estimators_features_[k] if hasattr(self, "estimators_features_") else None
        if feats is None or len(feats) == X.shape[1] and np.array_equal(feats, np.arange(len(feats))):
            return X
        if isinstance(est, (DecisionTreeClassifier, DecisionTreeRegressor, SingleClassLearner)):
            return X
        return X[:, feats]

    def _finish_tree(self, est):
        pass

    def bootstrap_counts(self) -> np.ndarray:
        """(T, N) int: how many times each training example was drawn into learner k's set
        (0 = out of bag for that learner). Row means of ``== 0`` are each learner's OOB share,
        about (1 - 1/N)^N ~ 36.8 % with bootstrap."""
        check_is_fitted(self, "estimators_samples_")
        n = self._n_samples_fit
        return np.stack([np.bincount(np.asarray(idx), minlength=n)
                         for idx in self.estimators_samples_])

    @property
    def feature_importances_(self) -> np.ndarray:
        """Mean of the learners' ``feature_importances_`` (only when every learner has them)."""
        check_is_fitted(self, "estimators_")
        if not all(hasattr(type(e), "feature_importances_") for e in self.estimators_):
            raise AttributeError(f"{type(self).__name__}'s learners have no feature_importances_")
        return np.mean([e.feature_importances_ for e in self.estimators_], axis=0)

    def _is_single_class(self, y_drawn) -> bool:
        return False

    def _oob_masks(self, n):
        """(T, n) boolean: example n is out of bag for learner k."""
        masks = np.ones((len(self.estimators_samples_), n), dtype=bool)
        for k, idx in enumerate(self.estimators_samples_):
            masks[k, idx] = False
        return masks

    def _check_predict(self, X):
        check_is_fitted(self, "estimators_")
        return check_n_features(self, X, allow_nan=self._learner_allows_nan())


class BaggingClassifier(ClassifierMixin, _BaseBagging):
    """Bagging by majority / probability vote. Default learner: a fully grown decision tree.

    Fitted: ``estimators_``, ``estimators_samples_`` (indices drawn, repeats kept),
    ``estimators_features_``, ``classes_``, and with ``oob_score=True``: ``oob_score_``,
    ``oob_decision_function_``, ``oob_errors_``. ``len(bag)`` and ``bag[k]`` give the learners.
    """

    def _default_estimator(self):
        return DecisionTreeClassifier()

    def fit(self, X, y, sample_weight=None):
        self._validate_params()
        self._check_oob()
        X, y = check_X_y(X, y, estimator=self, allow_nan=self._learner_allows_nan())
        classes, y_enc = check_classification_targets(y)
        if (self.warm_start and hasattr(self, "classes_")
                and not np.array_equal(classes, self.classes_)):
            raise ValueError("warm_start needs the classes of the first fit; got other labels.")
        self.classes_ = classes
        w = self._class_weighted(check_sample_weight(sample_weight, X.shape[0], y=y_enc), y_enc)
        self.n_classes_ = len(self.classes_)
        self.n_features_in_ = X.shape[1]
        onehot = np.zeros((X.shape[0], self.n_classes_))
        onehot[np.arange(X.shape[0]), y_enc] = 1.0
        self._fit_learners(X, y_enc, w, onehot, self._class_scale_of(y_enc))
        for attr in ("oob_score_", "oob_decision_function_", "oob_errors_"):
            self.__dict__.pop(attr, None)
        if self.oob_score:
            self._compute_oob(X, y_enc)
        return self

    def _class_weighted(self, w, y_enc):
        return w

    def _class_scale_of(self, y_enc):
        return None

    def _finish_tree(self, est):
        est.classes_ = np.arange(self.n_classes_)
        est.n_classes_ = self.n_classes_

    def _is_single_class(self, y_drawn) -> bool:
        return bool(np.all(y_drawn == y_drawn[0]))

    def _learner_proba(self, est, X):
        """Class probabilities of one learner over *all* of ``self.classes_``."""
        if hasattr(est, "predict_proba"):
            p = est.predict_proba(X)
            if p.shape[1] == self.n_classes_:
                return p
            out = np.zeros((X.shape[0], self.n_classes_))
            out[:, np.asarray(est.classes_, dtype=int)] = p
            return out
        out = np.zeros((X.shape[0], self.n_classes_))
        out[np.arange(X.shape[0]), np.asarray(est.predict(X), dtype=int)] = 1.0
        return out

    def _compute_oob(self, X, y_enc):
        masks = self._oob_masks(X.shape[0])
        votes = np.zeros((X.shape[0], self.n_classes_))
        errors = np.empty(len(self.estimators_))
        for k, (est, oob) in enumerate(zip(self.estimators_, masks)):
            if oob.any():
                votes[oob] += self._learner_proba(est, self._member_X(k, X[oob]))
            scored = votes.sum(axis=1) > 0
            errors[k] = (np.mean(votes[scored].argmax(axis=1) != y_enc[scored])
                         if scored.any() else np.nan)
        scored = votes.sum(axis=1) > 0
        with np.errstate(invalid="ignore"):
            self.oob_decision_function_ = votes / votes.sum(axis=1, keepdims=True)
        self.oob_errors_ = errors
        self.oob_score_ = float(np.mean(votes[scored].argmax(axis=1) == y_enc[scored]))

    def learner_votes(self, X) -> np.ndarray:
        r"""(T, n) int: the class index (into ``classes_``) learner k votes for at each row,
        $\arg\max_c p_k(c \mid x)$ — what each $f_k$ says before the votes are averaged."""
        check_is_fitted(self, "estimators_")
        X = check_n_features(self, X)
        return np.stack([self._learner_proba(est, X).argmax(axis=1) for est in self.estimators_])

    def staged_oob_proba(self, X) -> np.ndarray:
        r"""(T, n, K): the out-of-bag vote on every training example after the first k learners,
        k = 1..T — the mean class probabilities of the learners among $f_1 \dots f_k$ whose
        bootstrap set missed example n (NaN while none has). ``X`` must be the training set, row
        for row (the bootstrap sets index its rows). Row k = T is ``oob_decision_function_``, and
        the error of its argmax over the examples scored so far is ``oob_errors_[k - 1]``."""
        check_is_fitted(self, "estimators_samples_")
        X = check_n_features(self, X)
        if X.shape[0] != self._n_samples_fit:
            raise ValueError(f"staged_oob_proba needs the training set: the bootstrap sets index "
                             f"its {self._n_samples_fit} rows, X has {X.shape[0]}.")
        oob = self._oob_masks(X.shape[0])                      # (T, n): n missed by f_k's set
        votes = np.cumsum([oob[k][:, None] * self._learner_proba(est, X)
                           for k, est in enumerate(self.estimators_)], axis=0)
        with np.errstate(invalid="ignore"):
            return votes / votes.sum(axis=2, keepdims=True)    # NaN where no OOB vote yet

    def staged_predict_proba(self, X):
        """Average of the first k learners' probabilities, k = 1..T."""
        X = self._check_predict(X)
        total = np.zeros((X.shape[0], self.n_classes_))
        for k, est in enumerate(self.estimators_):
            total += self._learner_proba(est, self._member_X(k, X))
            yield total / (k + 1)

    def staged_predict(self, X):
        for proba in self.staged_predict_proba(X):
            yield self.classes_[proba.argmax(axis=1)]

    def surface_terms(self):
        """The learners' class shares, averaged over the first t (for painting the staged vote on
        a plane: :func:`algorithms.surface.staged_surfaces`); two classes give the share of
        ``classes_[1]``. None unless every learner is a tree on two features."""
        from .surface import SurfaceTerms, class_columns, spread  # painting is optional here
        check_is_fitted(self, "estimators_")
        if self.n_features_in_ != 2 or not all(hasattr(m, "tree_") for m in self.estimators_):
            return None
        K = self.n_classes_
        return SurfaceTerms([m.tree_ for m in self.estimators_],
                            lambda i: spread(self.estimators_[i].tree_.value,
                                             class_columns(self.estimators_[i], K), K),
                            np.zeros(K), average=True, output=1 if K == 2 else None)

    def predict_proba(self, X) -> np.ndarray:
        X = self._check_predict(X)
        total = np.zeros((X.shape[0], self.n_classes_))
        for k, est in enumerate(self.estimators_):
            total += self._learner_proba(est, self._member_X(k, X))
        return total / len(self.estimators_)

    def predict_log_proba(self, X) -> np.ndarray:
        """Log of ``predict_proba`` (-inf where no learner voted for a class)."""
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    def predict(self, X) -> np.ndarray:
        proba = self.predict_proba(X)
        return self.classes_[proba.argmax(axis=1)]


class BaggingRegressor(RegressorMixin, _BaseBagging):
    """Bagging by averaging. Default learner: a fully grown regression tree.

    With ``oob_score=True``: ``oob_score_`` (R^2), ``oob_prediction_``, ``oob_errors_`` (OOB mean
    squared error using the first k learners).
    """

    def _default_estimator(self):
        return DecisionTreeRegressor()

    def fit(self, X, y, sample_weight=None):
        self._validate_params()
        self._check_oob()
        X, y = check_X_y(X, y, estimator=self, y_numeric=True,
                         allow_nan=self._learner_allows_nan())
        w = check_sample_weight(sample_weight, X.shape[0])
        self.n_features_in_ = X.shape[1]
        self._fit_learners(X, y, w, np.column_stack([np.ones_like(y), y]))
        for attr in ("oob_score_", "oob_prediction_", "oob_errors_"):
            self.__dict__.pop(attr, None)
        if self.oob_score:
            self._compute_oob(X, y)
        return self

    def _compute_oob(self, X, y):
        masks = self._oob_masks(X.shape[0])
        total = np.zeros(X.shape[0])
        count = np.zeros(X.shape[0])
        errors = np.empty(len(self.estimators_))
        for k, (est, oob) in enumerate(zip(self.estimators_, masks)):
            if oob.any():
                total[oob] += est.predict(self._member_X(k, X[oob]))
                count[oob] += 1
            scored = count > 0
            errors[k] = (np.mean((total[scored] / count[scored] - y[scored]) ** 2)
                         if scored.any() else np.nan)
        scored = count > 0
        with np.errstate(invalid="ignore", divide="ignore"):
            self.oob_prediction_ = total / count
        self.oob_errors_ = errors
        ys, ps = y[scored], self.oob_prediction_[scored]
        ss_tot = np.sum((ys - ys.mean()) ** 2)
        self.oob_score_ = float(1 - np.sum((ys - ps) ** 2) / ss_tot) if ss_tot > 0 else 0.0

    def staged_predict(self, X):
        X = self._check_predict(X)
        total = np.zeros(X.shape[0])
        for k, est in enumerate(self.estimators_):
            total += est.predict(self._member_X(k, X))
            yield total / (k + 1)

    def surface_terms(self):
        """The trees' predictions averaged over the first t (painted on a plane by
        :func:`algorithms.surface.staged_surfaces`); None unless every learner is a tree on two
        features."""
        from .surface import SurfaceTerms  # painting is optional here
        check_is_fitted(self, "estimators_")
        if self.n_features_in_ != 2 or not all(hasattr(m, "tree_") for m in self.estimators_):
            return None
        return SurfaceTerms([m.tree_ for m in self.estimators_],
                            lambda i: self.estimators_[i].tree_.value[:, :1], np.zeros(1),
                            average=True, output=0)

    def predict(self, X) -> np.ndarray:
        X = self._check_predict(X)
        return np.mean([est.predict(self._member_X(k, X))
                        for k, est in enumerate(self.estimators_)], axis=0)
