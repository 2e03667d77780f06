r"""Linear base learners: logistic regression, least squares, ridge and a linear max-margin classifier.

Every model here scores a sample with a linear function :math:`z = x \cdot w + b` and differs only in
the loss it minimises:

* :class:`LogisticRegression` - cross-entropy of :math:`\sigma(z)` (binary) or of the softmax over
  one :math:`z_k` per class, plus an L2 penalty :math:`\lVert w\rVert^2 / (2C)`; solved by Newton's
  method (exact Hessian) for small problems and by L-BFGS otherwise;
* :class:`LinearRegression` / :class:`Ridge` - (penalised) squared error, solved in closed form;
* :class:`LinearSVC` - (squared) hinge loss with an L2 penalty, the linear max-margin classifier.

Each accepts ``sample_weight`` (the lecture's :math:`u^n`): the loss becomes
:math:`\sum_n u^n l(x^n, y^n)`, so an integer weight is the same as repeating the row.
"""

from __future__ import annotations

import warnings

import numpy as np

from ._base import BaseEstimator, ClassifierMixin, RegressorMixin
from ._constraints import MAX_ITER, Interval, Options
from ._validation import (check_classification_targets, check_magnitude, check_n_features,
                          check_sample_weight, check_X_y, class_weights)

# the largest penalty weight used: a penalty beyond it pins the weights at 0 just the same
_MAX_PENALTY = 1e200
# the largest weight of one example's loss in the linear SVM (C u^n): beyond it the penalty is
# negligible already
_MAX_LOSS_WEIGHT = 1e100

_QUIET = {"n_jobs": [None, Interval(int, None, None, "neither")],
          "verbose": ["boolean", Interval(int, 0, None, "left")]}


class ConvergenceWarning(UserWarning):
    """An iterative solver stopped at ``max_iter`` before reaching ``tol``."""


# --------------------------------------------------------------------------------------------
# Shared numerics
# --------------------------------------------------------------------------------------------

def _logsumexp_rows(Z: np.ndarray) -> np.ndarray:
    m = Z.max(axis=1, keepdims=True)
    return (m + np.log(np.exp(Z - m).sum(axis=1, keepdims=True))).ravel()


def _softmax(Z: np.ndarray) -> np.ndarray:
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    E /= E.sum(axis=1, keepdims=True)
    return E


def _expit(z: np.ndarray) -> np.ndarray:
    # Split by sign so neither branch overflows.
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def _add_intercept_column(X: np.ndarray, value: float = 1.0) -> np.ndarray:
    return np.hstack([X, np.full((X.shape[0], 1), value)])


def _lbfgs(fun_grad, theta0: np.ndarray, *, tol: float, max_iter: int, memory: int = 10):
    r"""Minimise a smooth convex function with limited-memory BFGS.

    The two-loop recursion builds :math:`H_k \nabla F` from the last ``memory`` pairs
    :math:`s = \theta_{k+1} - \theta_k`, :math:`y = \nabla F_{k+1} - \nabla F_k`; the step length is
    found by backtracking until the Armijo condition
    :math:`F(\theta + t d) \le F(\theta) + 10^{-4}\, t\, \nabla F \cdot d` holds.
    Stops when :math:`\max_j |\partial F / \partial\theta_j| \le` ``tol``.
    Returns ``(theta, n_iter, converged)``.
    """
    theta = theta0.copy()
    f, g = fun_grad(theta)
    S: list[np.ndarray] = []
    Y: list[np.ndarray] = []
    for it in range(1, max_iter + 1):
        if np.max(np.abs(g)) <= tol:
            return theta, it - 1, True
        q = g.copy()
        alphas = []
        for s, y in zip(reversed(S), reversed(Y)):
            a = s @ q / (y @ s)
            alphas.append(a)
            q -= a * y
        if S:
            q *= (S[-1] @ Y[-1]) / (Y[-1] @ Y[-1])
        else:
            q /= max(np.linalg.norm(g), 1.0)
        for (s, y), a in zip(zip(S, Y), reversed(alphas)):
            q += s * (a - (y @ q) / (y @ s))
        d = -q
        slope = g @ d
        if slope >= 0:  # lost descent: restart from steepest descent
            S.clear(), Y.clear()
            d, slope = -g, -(g @ g)
        t = 1.0
        for _ in range(50):
            f_new, g_new = fun_grad(theta + t * d)
            if f_new <= f + 1e-4 * t * slope:
                break
            t *= 0.5
        else:
            return theta, it, False
        s, y = t * d, g_new - g
        if s @ y > 1e-12 * (y @ y):
            S.append(s), Y.append(y)
            if len(S) > memory:
                S.pop(0), Y.pop(0)
        theta, f, g = theta + s, f_new, g_new
    return theta, max_iter, bool(np.max(np.abs(g)) <= tol)


def _newton(fun_grad_hess, fun, theta0: np.ndarray, *, tol: float, max_iter: int,
            null_space: np.ndarray | None = None):
    r"""Newton's method with backtracking: :math:`\theta \leftarrow \theta - t H^{-1}\nabla F`.

    ``null_space`` holds orthonormal columns along which the objective is flat (the common shift
    of all softmax intercepts, and of all classes' weights of an unpenalized feature); adding
    :math:`N N^\top` to :math:`H` makes it invertible without changing the step, because the
    gradient is orthogonal to those directions.
    Returns ``(theta, n_iter, converged)``.
    """
    theta = theta0.copy()
    for it in range(1, max_iter + 1):
        f, g, H = fun_grad_hess(theta)
        if np.max(np.abs(g)) <= tol:
            return theta, it - 1, True
        if null_space is not None:
            H = H + null_space @ null_space.T
        try:
            d = -np.linalg.solve(H, g)
        except np.linalg.LinAlgError:
            d = -np.linalg.lstsq(H, g, rcond=None)[0]
        slope = g @ d
        if slope >= 0:
            d, slope = -g, -(g @ g)
        t = 1.0
        for _ in range(50):
            if fun(theta + t * d) <= f + 1e-4 * t * slope:
                break
            t *= 0.5
        else:
            return theta, it, False
        theta = theta + t * d
    f, g, _ = fun_grad_hess(theta)
    return theta, max_iter, bool(np.max(np.abs(g)) <= tol)


# --------------------------------------------------------------------------------------------
# Logistic regression
# --------------------------------------------------------------------------------------------

class _LinearClassifierMixin:
    """``decision_function`` / ``predict`` shared by the linear classifiers."""

    def decision_function(self, X):
        r"""Scores :math:`z = X w^\top + b`: shape (n,) for two classes, (n, K) otherwise."""
        X = check_n_features(self, X, keep_float32=True)
        Z = X @ self.coef_.T + self.intercept_
        return Z.ravel() if Z.shape[1] == 1 else Z

    def predict(self, X):
        z = self.decision_function(X)
        idx = (z > 0).astype(np.intp) if z.ndim == 1 else np.argmax(z, axis=1)
        return self.classes_[idx]


class LogisticRegression(_LinearClassifierMixin, ClassifierMixin, BaseEstimator):
    r"""L2-regularised logistic regression, binary or softmax (multinomial) multiclass.

    Minimises, like scikit-learn's ``LogisticRegression(C=C)`` with the lbfgs solver,

    .. math::
        F(w, b) = C \sum_n u^n\, l\big(y^n, z^n\big) + \tfrac12 \lVert w \rVert^2,
        \qquad z^n_k = x^n \cdot w_k + b_k,

    with :math:`l = -\log \mathrm{softmax}(z^n)_{y^n}` (for two classes one score
    :math:`z = x\cdot w + b` and :math:`l = \log(1 + e^{z}) - y z`). The intercept is not penalised.
    ``penalty=None`` or ``C=np.inf`` drops the penalty (plain maximum likelihood).
    ``class_weight`` multiplies each example's :math:`u^n` by its class's weight (``"balanced"``:
    :math:`\sum_n u^n / (K \sum_{y^n = c} u^n)`, scikit-learn's).

    Solver ``"newton"`` uses the exact Hessian
    :math:`\nabla^2 F = \tilde X^\top \mathrm{diag}(u\,p(1-p)) \tilde X + \mathrm{diag}(1/C)`
    (softmax: blocks :math:`\tilde X^\top \mathrm{diag}(u\,(p_k\delta_{kl} - p_k p_l))\tilde X`);
    ``"lbfgs"`` needs only gradients; ``"auto"`` picks Newton when there are at most 400
    parameters. Internally the objective is divided by :math:`\sum_n u^n`, so ``tol`` bounds the
    largest gradient entry of the per-sample average loss, as in scikit-learn.

    ``random_state``, ``n_jobs`` and ``verbose`` are accepted for scikit-learn code and change
    nothing: both solvers are deterministic and run on one thread, silently. float32 input gives
    float32 ``coef_``, ``intercept_`` and outputs (computed in float64), as scikit-learn's.
    """

    _parameter_constraints = {
        "C": [Interval(float, 0, None, closed="neither"), Options({np.inf})],
        "penalty": [Options({"l2"}), None],
        "fit_intercept": ["boolean"],
        "max_iter": [Interval(int, 0, MAX_ITER, closed="both")],
        "tol": [Interval(float, 0, None, closed="left")],
        "solver": [Options({"auto", "newton", "lbfgs"})],
        "class_weight": [Options({"balanced"}), "dict", None],
        "random_state": ["random_state"],
        **_QUIET,
    }

    def __init__(self, C=1.0, *, penalty="l2", fit_intercept=True, max_iter=100, tol=1e-4,
                 solver="auto", class_weight=None, random_state=None, n_jobs=None, verbose=0):
        self.C = C
        self.penalty = penalty
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol
        self.solver = solver
        self.class_weight = class_weight
        self.random_state = random_state
        self.n_jobs = n_jobs
        self.verbose = verbose

    def fit(self, X, y, sample_weight=None):
        self._validate_params()
        X, y = check_X_y(X, y, estimator=self, keep_float32=True)
        dtype, X = X.dtype, X.astype(np.float64, copy=False)
        check_magnitude(X, self)
        self.classes_, y_idx = check_classification_targets(y)
        # a factor common to every weight scales the loss against the penalty: it goes into C
        u, scale = check_sample_weight(sample_weight, X.shape[0], y=y_idx, return_scale=True)
        u, scale2 = check_sample_weight(
            u * class_weights(self.class_weight, self.classes_, y_idx, u)[y_idx], X.shape[0],
            y=y_idx, return_scale=True)
        C = self.C * scale * scale2
        self.n_features_in_ = X.shape[1]
        n, d = X.shape
        K = len(self.classes_)
        Xt = _add_intercept_column(X) if self.fit_intercept else X
        p = Xt.shape[1]
        # F / sum(u): a per-sample-average loss, so tol means what scikit-learn's tol means.
        unpenalized = self.penalty is None or self.C == np.inf
        with np.errstate(over="ignore", divide="ignore"):
            lam = np.full(p, 0.0 if unpenalized else min(1.0 / (C * u.sum()), _MAX_PENALTY))
        u = u / u.sum()
        if self.fit_intercept:
            lam[-1] = 0.0

        if K == 2:
            yb = (y_idx == 1).astype(float)

            def fun(theta):
                z = Xt @ theta
                return u @ (np.logaddexp(0.0, z) - yb * z) + 0.5 * theta @ (lam * theta)

            def fun_grad(theta):
                z = Xt @ theta
                f = u @ (np.logaddexp(0.0, z) - yb * z) + 0.5 * theta @ (lam * theta)
                return f, Xt.T @ (u * (_expit(z) - yb)) + lam * theta

            def fun_grad_hess(theta):
                z = Xt @ theta
                prob = _expit(z)
                f = u @ (np.logaddexp(0.0, z) - yb * z) + 0.5 * theta @ (lam * theta)
                g = Xt.T @ (u * (prob - yb)) + lam * theta
                H = (Xt * (u * prob * (1.0 - prob))[:, None]).T @ Xt
                H[np.diag_indices(p)] += lam
                return f, g, H

            theta0, null = np.zeros(p), None
        else:
            Y = np.zeros((n, K))
            Y[np.arange(n), y_idx] = 1.0
            lamK = np.tile(lam, K)

            def _loss(theta):
                Z = Xt @ theta.reshape(K, p).T
                return Z, u @ (_logsumexp_rows(Z) - Z[np.arange(n), y_idx])

            def fun(theta):
                return _loss(theta)[1] + 0.5 * theta @ (lamK * theta)

            def fun_grad(theta):
                Z, f = _loss(theta)
                G = Xt.T @ ((_softmax(Z) - Y) * u[:, None])
                return f + 0.5 * theta @ (lamK * theta), G.T.ravel() + lamK * theta

            def fun_grad_hess(theta):
                Z, f = _loss(theta)
                P = _softmax(Z)
                G = Xt.T @ ((P - Y) * u[:, None])
                H = np.empty((K * p, K * p))
                for k in range(K):
                    for j in range(k, K):
                        # d^2 l / dz_k dz_j = p_k (delta_kj - p_j)
                        c = u * P[:, k] * ((k == j) - P[:, j])
                        block = (Xt * c[:, None]).T @ Xt
                        H[k * p:(k + 1) * p, j * p:(j + 1) * p] = block
                        H[j * p:(j + 1) * p, k * p:(k + 1) * p] = block.T
                H[np.diag_indices(K * p)] += lamK
                return f + 0.5 * theta @ (lamK * theta), G.T.ravel() + lamK * theta, H

            theta0 = np.zeros(K * p)
            # adding the same number to every class's coordinate j changes no softmax: a flat
            # direction wherever that coordinate is unpenalized (the intercept; every weight
            # when there is no penalty)
            flat = np.flatnonzero(lam == 0.0)
            null = None
            if flat.size:
                null = np.zeros((K, p, flat.size))
                null[:, flat, np.arange(flat.size)] = 1.0 / np.sqrt(K)
                null = null.reshape(K * p, flat.size)

        solver = self.solver
        if solver == "auto":
            solver = "newton" if theta0.size <= 400 else "lbfgs"
        if solver == "newton":
            theta, n_iter, ok = _newton(fun_grad_hess, fun, theta0, tol=self.tol,
                                        max_iter=self.max_iter, null_space=null)
        else:
            theta, n_iter, ok = _lbfgs(fun_grad, theta0, tol=self.tol, max_iter=self.max_iter)
        if not ok and self.max_iter > 0:
            warnings.warn(f"LogisticRegression ({solver}) did not converge in max_iter="
                          f"{self.max_iter} iterations; increase max_iter or scale the data.",
                          ConvergenceWarning, stacklevel=2)
        W = theta.reshape(-1, p)
        if self.fit_intercept:
            self.coef_ = W[:, :-1].astype(dtype)
            b = W[:, -1].copy()
            self.intercept_ = (b - b.mean() if K > 2 else b).astype(dtype)  # centre the flat b_k
        else:
            self.coef_ = W.astype(dtype)
            self.intercept_ = np.zeros(W.shape[0], dtype=dtype)
        self.n_iter_ = np.array([n_iter])
        return self

    def predict_proba(self, X):
        r""":math:`[1-\sigma(z), \sigma(z)]` for two classes, :math:`\mathrm{softmax}(z)` otherwise."""
        z = self.decision_function(X)
        if z.ndim == 1:
            p1 = _expit(z)
            return np.column_stack([1.0 - p1, p1])
        return _softmax(z)

    def predict_log_proba(self, X):
        z = self.decision_function(X)
        if z.ndim == 1:
            z = np.column_stack([np.zeros_like(z), z])
        return z - _logsumexp_rows(z)[:, None]


# --------------------------------------------------------------------------------------------
# Least squares
# --------------------------------------------------------------------------------------------

def _regression_data(est, X, y, sample_weight):
    """(X, y, u, dtype of the fitted numbers): float64 for the solve; float32 input keeps
    float32 coefficients and predictions, as in scikit-learn."""
    X, y = check_X_y(X, y, estimator=est, y_numeric=True, keep_float32=True)
    dtype, X = X.dtype, X.astype(np.float64, copy=False)
    check_magnitude(X, est)
    check_magnitude(y[:, None], est, name="y")
    u, scale = check_sample_weight(sample_weight, X.shape[0], return_scale=True)
    est.n_features_in_ = X.shape[1]
    est._weight_scale = scale   # Ridge: the loss is scaled against alpha by it
    return X, y, u, dtype


def _set_linear(est, coef, x_mean, y_mean, dtype):
    est.coef_ = coef.astype(dtype)
    est.intercept_ = dtype.type(y_mean - x_mean @ coef) if est.fit_intercept else dtype.type(0.0)


def _center(X, y, u, fit_intercept):
    if not fit_intercept:
        return X, y, np.zeros(X.shape[1]), 0.0
    x_mean = u @ X / u.sum()
    y_mean = float(u @ y / u.sum())
    return X - x_mean, y - y_mean, x_mean, y_mean


class LinearRegression(RegressorMixin, BaseEstimator):
    r"""Ordinary least squares: minimise :math:`\sum_n u^n (y^n - x^n\cdot w - b)^2`.

    The intercept is removed by centring X and y on their weighted means; the rest is the
    minimum-norm least-squares solution of :math:`\sqrt{u}\,X_c w = \sqrt{u}\,y_c`, and
    :math:`b = \bar y - \bar x \cdot w`. ``n_jobs`` is accepted and changes nothing (one solve).
    """

    _parameter_constraints = {"fit_intercept": ["boolean"], "n_jobs": _QUIET["n_jobs"]}

    def __init__(self, *, fit_intercept=True, n_jobs=None):
        self.fit_intercept = fit_intercept
        self.n_jobs = n_jobs

    def fit(self, X, y, sample_weight=None):
        self._validate_params()
        X, y, u, dtype = _regression_data(self, X, y, sample_weight)
        Xc, yc, x_mean, y_mean = _center(X, y, u, self.fit_intercept)
        s = np.sqrt(u)
        coef, _, self.rank_, self.singular_ = np.linalg.lstsq(Xc * s[:, None], yc * s, rcond=None)
        _set_linear(self, coef, x_mean, y_mean, dtype)
        return self

    def predict(self, X):
        X = check_n_features(self, X, keep_float32=True)
        return X @ self.coef_ + self.intercept_


class Ridge(RegressorMixin, BaseEstimator):
    r"""Ridge regression: minimise :math:`\sum_n u^n (y^n - x^n\cdot w - b)^2 + \alpha\lVert w\rVert^2`.

    After centring, :math:`w = (X_c^\top U X_c + \alpha I)^{-1} X_c^\top U y_c` (or the equivalent
    :math:`w = X_c^\top \sqrt{U} (\sqrt{U} X_c X_c^\top \sqrt{U} + \alpha I)^{-1}\sqrt{U} y_c` when
    there are more features than samples); the intercept is not penalised.

    ``solver``: every scikit-learn name is accepted and reaches the same optimum. "svd" solves
    through the singular values of :math:`A = \sqrt{U} X_c` (:math:`w = V \mathrm{diag}(s/(s^2 +
    \alpha)) U_A^\top t`, safest when A is nearly rank-deficient); "auto", "cholesky" and the
    iterative names ("lsqr", "sparse_cg", "sag", "saga", "lbfgs") solve the normal equations above
    exactly, which is where those iterations converge. ``max_iter``, ``tol`` and ``random_state``
    are accepted for them and change nothing here. float32 input keeps float32 ``coef_`` and
    predictions.
    """

    _parameter_constraints = {
        "alpha": [Interval(float, 0, None, closed="left")],
        "fit_intercept": ["boolean"],
        "solver": [Options({"auto", "svd", "cholesky", "lsqr", "sparse_cg", "sag", "saga",
                            "lbfgs"})],
        "max_iter": [Interval(int, 1, MAX_ITER, closed="both"), None],
        "tol": [Interval(float, 0, None, closed="left")],
        "random_state": ["random_state"],
    }

    def __init__(self, alpha=1.0, *, fit_intercept=True, max_iter=None, tol=1e-4, solver="auto",
                 random_state=None):
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol
        self.solver = solver
        self.random_state = random_state

    def fit(self, X, y, sample_weight=None):
        self._validate_params()
        X, y, u, dtype = _regression_data(self, X, y, sample_weight)
        Xc, yc, x_mean, y_mean = _center(X, y, u, self.fit_intercept)
        s = np.sqrt(u)
        A, t = Xc * s[:, None], yc * s
        n, d = A.shape
        with np.errstate(over="ignore"):   # sum_n (scale u^n) r^2 + alpha |w|^2, divided by scale
            alpha = min(self.alpha / self._weight_scale, _MAX_PENALTY)
        if self.solver == "svd":
            U, sv, Vt = np.linalg.svd(A, full_matrices=False)
            with np.errstate(divide="ignore", invalid="ignore"):
                shrink = np.where(sv > 0, sv / (sv * sv + alpha), 0.0)
            coef = Vt.T @ (shrink * (U.T @ t))
        else:
            try:
                if d <= n:
                    coef = np.linalg.solve(A.T @ A + alpha * np.eye(d), A.T @ t)
                else:
                    coef = A.T @ np.linalg.solve(A @ A.T + alpha * np.eye(n), t)
            except np.linalg.LinAlgError:  # alpha = 0 on rank-deficient data
                coef = np.linalg.lstsq(A, t, rcond=None)[0]
        _set_linear(self, coef, x_mean, y_mean, dtype)
        self.n_iter_ = 1   # one direct solve, whatever the solver's name
        return self

    def predict(self, X):
        X = check_n_features(self, X, keep_float32=True)
        return X @ self.coef_ + self.intercept_


# --------------------------------------------------------------------------------------------
# Linear max-margin classifier
# --------------------------------------------------------------------------------------------

def _svm_squared_hinge(Z: np.ndarray, c: np.ndarray, tol: float, max_iter: int):
    r"""Primal Newton for :math:`\tfrac12\lVert w\rVert^2 + \sum_n c_n \max(0, 1 - z^n)^2`,
    where row n of ``Z`` is :math:`y^n \tilde x^n` so :math:`z^n = y^n\, w\cdot\tilde x^n`.

    On the active set :math:`I = \{n: z^n < 1\}` the objective is quadratic: gradient
    :math:`w - 2\sum_{I} c_n (1 - z^n) Z_n`, generalised Hessian
    :math:`I + 2 Z_I^\top \mathrm{diag}(c_I) Z_I`.
    """
    w = np.zeros(Z.shape[1])

    def fun(w):
        m = np.maximum(0.0, 1.0 - Z @ w)
        return 0.5 * w @ w + c @ (m * m)

    for it in range(1, max_iter + 1):
        m = np.maximum(0.0, 1.0 - Z @ w)
        act = m > 0
        g = w - 2.0 * Z[act].T @ (c[act] * m[act])
        if np.linalg.norm(g) <= tol * max(1.0, np.linalg.norm(w)):
            return w, it - 1, True
        ZA = Z[act]
        H = np.eye(len(w)) + 2.0 * (ZA * c[act][:, None]).T @ ZA
        d = -np.linalg.solve(H, g)
        f0, slope, t = fun(w), g @ d, 1.0
        for _ in range(50):
            if fun(w + t * d) <= f0 + 1e-4 * t * slope:
                break
            t *= 0.5
        w = w + t * d
    return w, max_iter, False


def _svm_hinge_dual(Z: np.ndarray, c: np.ndarray, tol: float, max_iter: int):
    r"""The hinge-loss SVM through its dual, with accelerated projected gradient (FISTA).

    Dual: :math:`\max_{0 \le a_n \le c_n} \sum_n a_n - \tfrac12 \lVert Z^\top a\rVert^2`, primal
    :math:`w = Z^\top a`. Each step is two matrix-vector products; it stops when the duality gap
    :math:`P(w) - D(a) \le` ``tol`` :math:`\cdot \max(1, P(w))` (with restarts when the dual stalls).
    """
    L = float(np.linalg.eigvalsh(Z.T @ Z)[-1]) or 1.0
    a = np.zeros(Z.shape[0])
    v, t = a.copy(), 1.0
    dual_prev = 0.0
    for it in range(1, max_iter + 1):
        grad = Z @ (Z.T @ v) - 1.0  # gradient of the negated dual
        a_new = np.clip(v - grad / L, 0.0, c)
        t_new = 0.5 * (1.0 + np.sqrt(1.0 + 4.0 * t * t))
        v = a_new + ((t - 1.0) / t_new) * (a_new - a)
        a, t = a_new, t_new
        w = Z.T @ a
        dual = a.sum() - 0.5 * w @ w
        if dual < dual_prev:  # adaptive restart keeps FISTA monotone
            v, t = a.copy(), 1.0
        dual_prev = dual
        if it % 10 == 0:
            primal = 0.5 * w @ w + c @ np.maximum(0.0, 1.0 - Z @ w)
            if primal - dual <= tol * max(1.0, primal):
                return w, it, True
    return Z.T @ a, max_iter, False


class LinearSVC(_LinearClassifierMixin, ClassifierMixin, BaseEstimator):
    r"""Linear support vector classifier: the maximum-margin linear boundary.

    For labels :math:`\hat y^n \in \{-1, +1\}` it minimises, like scikit-learn's ``LinearSVC``
    (liblinear),

    .. math::
        \tfrac12 \lVert \tilde w\rVert^2 + C \sum_n u^n\, \ell\big(\hat y^n\, \tilde w\cdot\tilde x^n\big),
        \qquad \tilde x = [x, s],\; b = s\,\tilde w_{d+1},

    with :math:`\ell(m) = \max(0, 1-m)^2` (``"squared_hinge"``, solved by primal Newton) or
    :math:`\max(0, 1-m)` (``"hinge"``, solved in the dual). As in liblinear the intercept is the
    weight of a constant feature :math:`s` = ``intercept_scaling`` and so is penalised too.
    More than two classes: one-vs-rest, one boundary per class, predict the largest score.
    ``class_weight`` scales each class's C (scikit-learn's); ``random_state`` and ``verbose`` are
    accepted and change nothing (both solvers are deterministic and silent).
    """

    _parameter_constraints = {
        "C": [Interval(float, 0, None, closed="neither")],
        "loss": [Options({"hinge", "squared_hinge"})],
        "fit_intercept": ["boolean"],
        "intercept_scaling": [Interval(float, 0, None, closed="neither")],
        "tol": [Interval(float, 0, None, closed="neither")],
        "max_iter": [Interval(int, 1, MAX_ITER, closed="both")],
        "class_weight": [Options({"balanced"}), "dict", None],
        "random_state": ["random_state"],
        "verbose": _QUIET["verbose"],
    }

    def __init__(self, C=1.0, *, loss="squared_hinge", fit_intercept=True, intercept_scaling=1.0,
                 class_weight=None, tol=1e-4, max_iter=1000, random_state=None, verbose=0):
        self.C = C
        self.loss = loss
        self.fit_intercept = fit_intercept
        self.intercept_scaling = intercept_scaling
        self.class_weight = class_weight
        self.tol = tol
        self.max_iter = max_iter
        self.random_state = random_state
        self.verbose = verbose

    def fit(self, X, y, sample_weight=None):
        self._validate_params()
        X, y = check_X_y(X, y, estimator=self)
        check_magnitude(X, self)
        self.classes_, y_idx = check_classification_targets(y)
        u, scale = check_sample_weight(sample_weight, X.shape[0], y=y_idx, return_scale=True)
        u, scale2 = check_sample_weight(
            u * class_weights(self.class_weight, self.classes_, y_idx, u)[y_idx], X.shape[0],
            y=y_idx, return_scale=True)
        # C sum_n u^n loss: the weights' own scale counts (as in liblinear); past C u = 1e100 the
        # penalty is already negligible, and larger values would overflow the Hessian
        u = u * min(scale * scale2, _MAX_LOSS_WEIGHT / (self.C * u.max()))
        self.n_features_in_ = X.shape[1]
        s = float(self.intercept_scaling)
        Xt = _add_intercept_column(X, s) if self.fit_intercept else X
        c = self.C * u
        K = len(self.classes_)
        targets = [1] if K == 2 else range(K)  # one-vs-rest
        solve = _svm_squared_hinge if self.loss == "squared_hinge" else _svm_hinge_dual
        W, iters, all_ok = [], [], True
        for k in targets:
            yk = np.where(y_idx == k, 1.0, -1.0)
            w, n_iter, ok = solve(Xt * yk[:, None], c, self.tol, self.max_iter)
            W.append(w), iters.append(n_iter)
            all_ok &= ok
        if not all_ok:
            warnings.warn(f"LinearSVC ({self.loss}) did not converge in max_iter={self.max_iter} "
                          "iterations; increase max_iter or scale the data.",
                          ConvergenceWarning, stacklevel=2)
        W = np.array(W)
        if self.fit_intercept:
            self.coef_, self.intercept_ = W[:, :-1].copy(), W[:, -1] * s
        else:
            self.coef_, self.intercept_ = W, np.zeros(W.shape[0])
        self.n_iter_ = int(max(iters))
        return self
