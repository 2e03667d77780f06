"""Input checks with error messages that name the problem.

Everything a user can hand to ``fit`` or ``predict`` passes through here: the playground shows these
messages verbatim, so each one says what was wrong and with which argument.
"""

from __future__ import annotations

import numbers
import warnings

import numpy as np


class NotFittedError(ValueError, AttributeError):
    """Raised when ``predict`` (or similar) is called before ``fit``."""


class NonNumericInputError(ValueError, TypeError):
    """X holds values that are not numbers (strings, dicts, ...)."""


class DataConversionWarning(UserWarning):
    """The input was converted (e.g. a column-vector y was flattened)."""


def _is_sparse(X) -> bool:
    module = type(X).__module__ or ""
    return module.startswith("scipy.sparse") or hasattr(X, "tocsr") or hasattr(X, "todense")


def check_array(X, *, name: str = "X", ensure_2d: bool = True, allow_nan: bool = False,
                estimator=None, min_samples: int = 1, keep_float32: bool = False) -> np.ndarray:
    """Return ``X`` as a C-contiguous float64 array, or raise a ``ValueError`` that says why not.

    ``keep_float32``: float32 input stays float32 (estimators whose fitted numbers and outputs
    follow the input's precision, as scikit-learn's do)."""
    owner = f" {type(estimator).__name__}" if estimator is not None else ""
    if X is None:
        raise ValueError(f"{name} is None; expected an array of numbers.")
    if _is_sparse(X):
        raise ValueError(f"{name} is a sparse matrix: sparse input is not supported{owner and ' by' + owner}; "
                         "convert it with .toarray() first.")
    if hasattr(X, "dtypes") and hasattr(X, "columns"):  # a DataFrame: name the bad column
        bad = [str(c) for c, dt in zip(X.columns, X.dtypes)
               if not (np.issubdtype(np.dtype(getattr(dt, "numpy_dtype", "O")), np.number)
                       or str(dt) in ("bool", "boolean"))
               and not _column_is_numeric(X[c])]
        if bad:
            raise NonNumericInputError(
                f"{name} must be numeric, but column(s) {', '.join(bad)} hold non-numeric values.")
    try:
        arr = np.asarray(X)
        if np.iscomplexobj(arr):
            raise ValueError(f"Complex data not supported: {name} holds complex numbers.")
        if arr.dtype.kind in "OUSV" or arr.dtype.kind == "b":
            arr = arr.astype(np.float64)
        elif not (keep_float32 and arr.dtype == np.float32):
            arr = np.asarray(arr, dtype=np.float64)
    except ValueError as exc:
        if "Complex data" in str(exc):
            raise
        raise NonNumericInputError(f"{name} must be numeric: {exc}") from None
    except TypeError as exc:
        raise NonNumericInputError(f"{name} must be numeric: {exc}") from None
    if ensure_2d:
        if arr.ndim == 0:
            raise ValueError(f"Expected a 2-D array for {name}, got a scalar {arr!r}. Reshape your "
                             "data into a table of shape (n_samples, n_features).")
        if arr.ndim == 1:
            raise ValueError(
                f"Expected a 2-D array for {name}, got a 1-D array of shape {arr.shape}. Reshape your "
                "data with X.reshape(-1, 1) for a single feature or X.reshape(1, -1) for a single "
                "sample.")
        if arr.ndim > 2:
            raise ValueError(f"Expected a 2-D array for {name}, got {arr.ndim} dimensions "
                             f"(shape {arr.shape}).")
        if arr.shape[1] == 0:
            raise ValueError(f"Found array with 0 feature(s) (shape={arr.shape}) while a minimum of 1 "
                             f"is required: {name} needs at least one column.")
    if arr.shape[0] < min_samples:
        raise ValueError(f"Found array with {arr.shape[0]} sample(s) (shape={arr.shape}) while a "
                         f"minimum of {min_samples} is required: {name} needs at least "
                         f"{min_samples} row(s).")
    # NaN may be allowed (a missing value, for estimators that learn where it goes); infinity never
    finite = ~np.isinf(arr) if allow_nan else np.isfinite(arr)
    if not finite.all():
        bad = np.argwhere(~finite)[0]
        what = "NaN" if np.isnan(arr[tuple(bad)]) else "infinity"
        where = f"row {bad[0]}, column {bad[1]}" if arr.ndim == 2 else f"index {bad[0]}"
        raise ValueError(f"{name} contains {what} (first at {where}); "
                         f"remove or impute missing and infinite values before fitting.")
    return np.ascontiguousarray(arr)


def _column_is_numeric(col) -> bool:
    try:
        np.asarray(col, dtype=float)
        return True
    except (TypeError, ValueError):
        return False


def column_or_1d(y, *, name: str = "y") -> np.ndarray:
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] == 1:
        warnings.warn("A column-vector y was passed when a 1d array was expected. Please change "
                      "the shape of y to (n_samples,), for example using ravel().",
                      DataConversionWarning, stacklevel=3)
        return y.ravel()
    if y.ndim == 2:
        raise ValueError(f"{name} has shape {y.shape}: multi-output targets ({y.shape[1]} "
                         "columns) are not supported; fit one model per column.")
    if y.ndim != 1:
        raise ValueError(f"{name} must be 1-D (one label per sample), got shape {y.shape}.")
    return y


def check_X_y(X, y, *, estimator=None, y_numeric: bool = False, keep_float32: bool = False,
              allow_nan: bool = False):
    """Validate a training pair: X 2-D numeric and finite (NaN allowed as a missing value with
    ``allow_nan``), y 1-D of the same length."""
    if y is None:
        name = type(estimator).__name__ if estimator is not None else "This estimator"
        raise ValueError(f"{name} requires y to be passed, but the target y is None.")
    X = check_array(X, estimator=estimator, keep_float32=keep_float32, allow_nan=allow_nan)
    if _is_sparse(y):
        raise ValueError("y is a sparse matrix: sparse input is not supported.")
    y = column_or_1d(y)
    if len(y) != X.shape[0]:
        raise ValueError(f"X and y have inconsistent numbers of samples: len(X) = {X.shape[0]} "
                         f"but len(y) = {len(y)}.")
    if y_numeric or y.dtype.kind in "fc":
        if y.dtype.kind == "O" or y.dtype.kind in "US":
            try:
                y = y.astype(np.float64)
            except (TypeError, ValueError):
                if y_numeric:
                    raise NonNumericInputError("y must be numeric for a regressor.") from None
        if y.dtype.kind in "fiub" and not np.isfinite(y.astype(float)).all():
            raise ValueError("y contains NaN or infinity; every sample needs a finite target.")
    if y_numeric:
        y = y.astype(np.float64)
    return X, y


def check_classification_targets(y) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(classes_, y_encoded)`` for a classifier, after checking y is a set of labels."""
    y = np.asarray(y)
    if y.dtype.kind == "f":
        if not np.all(np.isfinite(y)):
            raise ValueError("y contains NaN or infinity; every sample needs a class label.")
        if np.any(y != np.round(y)):
            raise ValueError(
                "Unknown label type: continuous. Maybe you are trying to fit a classifier, which "
                "expects discrete classes, on a regression target with continuous values.")
    elif y.dtype.kind == "O":
        kinds = {type(v) for v in y.tolist()}
        if any(issubclass(k, float) for k in kinds):
            vals = np.asarray(y, dtype=float)
            if np.any(vals != np.round(vals)):
                raise ValueError("Unknown label type: continuous (object array of floats).")
        if len({k if not issubclass(k, numbers.Number) else numbers.Number for k in kinds}) > 1:
            raise ValueError("Unknown label type: y mixes strings and numbers.")
    classes, encoded = np.unique(y, return_inverse=True)
    if len(classes) < 2:
        raise ValueError(f"y has 1 class ({classes[0]!r}); a classifier needs samples of at least "
                         "2 classes to learn a boundary.")
    return classes, encoded.ravel().astype(np.intp)


# Weights are rescaled to mean 1 when their sum is outside this range, so that neither denormal
# nor near-overflow weights reach sums and products (every estimator here is invariant to a
# common factor on the weights, as scikit-learn's are).
_WEIGHT_SUM_RANGE = (1e-100, 1e100)


def check_sample_weight(sample_weight, n_samples: int, *, y=None, return_scale: bool = False):
    """Return float64 weights of length ``n_samples`` (ones when None); reject bad ones by name.

    ``y``: a classifier's labels (raw or encoded). Weights that leave samples of fewer than two
    classes with a positive weight are refused: the fit would learn a single class.

    ``return_scale``: also return the factor the weights were divided by (1.0 unless their sum
    left [1e-100, 1e100]). Penalised models need it: a common factor on the weights changes the
    balance between the loss and the penalty (scikit-learn's, too), so they fold it into C or
    alpha instead of losing it.
    """
    if sample_weight is None:
        ones = np.ones(n_samples, dtype=np.float64)
        return (ones, 1.0) if return_scale else ones
    if isinstance(sample_weight, numbers.Number):
        sample_weight = np.full(n_samples, float(sample_weight))
    try:
        w = np.asarray(sample_weight, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError("sample_weight must be an array of numbers.") from None
    if w.ndim != 1:
        raise ValueError(f"sample_weight must be 1-D, got shape {w.shape}.")
    if w.shape[0] != n_samples:
        raise ValueError(f"sample_weight.shape == {w.shape}, expected ({n_samples},): one weight "
                         "per sample.")
    if not np.all(np.isfinite(w)):
        raise ValueError("sample_weight contains NaN or infinity.")
    if np.any(w < 0):
        raise ValueError(f"sample_weight has negative values (first at index "
                         f"{int(np.argmax(w < 0))}); weights must be >= 0.")
    if not np.any(w > 0):
        raise ValueError("sample_weight is all zero: at least one sample needs a positive weight.")
    w = w.copy()
    scale = 1.0
    total = float(np.sum(w / n_samples)) * n_samples  # no overflow on the way to the sum
    if not _WEIGHT_SUM_RANGE[0] <= total <= _WEIGHT_SUM_RANGE[1]:
        top = float(np.max(w))
        w = w / top  # exact for huge weights; denormals become normal numbers
        share = float(np.sum(w)) / n_samples
        w *= 1.0 / share
        scale = top * share   # the original weights are w * scale
    if y is not None:
        kept = np.unique(np.asarray(y)[w > 0]).tolist()
        if len(kept) < 2:
            raise ValueError(
                f"sample_weight leaves only samples of one class ({kept[0]!r}) with a positive "
                "weight; a classifier needs positive weight on samples of at least 2 classes.")
    return (w, scale) if return_scale else w


def check_random_state(seed) -> np.random.Generator:
    """None -> fresh entropy, int -> seeded, Generator -> used as is (so callers can share one)."""
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, np.random.RandomState):
        return np.random.default_rng(seed.randint(0, 2**32 - 1, dtype=np.uint64))
    if seed is None or (isinstance(seed, numbers.Integral) and not isinstance(seed, bool)):
        return np.random.default_rng(seed)
    raise ValueError(f"random_state must be None, an int or a numpy Generator; got {seed!r}.")


def check_is_fitted(estimator, attribute: str) -> None:
    if not hasattr(estimator, attribute):
        raise NotFittedError(
            f"This {type(estimator).__name__} instance is not fitted yet. Call 'fit' with "
            "appropriate arguments before using this estimator.")


def check_n_features(estimator, X, *, name: str = "X", keep_float32: bool = False,
                     allow_nan: bool = False) -> np.ndarray:
    """Validate X at predict time and check it has as many columns as at fit time."""
    check_is_fitted(estimator, "n_features_in_")
    X = check_array(X, name=name, estimator=estimator, keep_float32=keep_float32,
                    allow_nan=allow_nan)
    if X.shape[1] != estimator.n_features_in_:
        raise ValueError(
            f"X has {X.shape[1]} features, but {type(estimator).__name__} is expecting "
            f"{estimator.n_features_in_} features as input.")
    return X


def check_magnitude(X, estimator, *, limit: float = 1e100, name: str = "X") -> None:
    """Refuse values beyond ``limit`` in absolute value, by column, for estimators whose sums of
    squares and products would overflow there (beyond ~1e154 a square is infinite)."""
    big = np.abs(X) > limit
    if big.any():
        row, col = np.argwhere(big)[0]
        raise ValueError(
            f"{type(estimator).__name__}: {name} holds values as large as "
            f"{float(np.max(np.abs(X))):.3g} "
            f"(first at row {row}, column {col}); beyond {limit:.0e} its sums of squares overflow. "
            "Scale the features first (e.g. StandardScaler) or divide them by a constant.")


def class_weights(class_weight, classes: np.ndarray, y_enc: np.ndarray,
                  sample_weight: np.ndarray) -> np.ndarray:
    """One weight per class (scikit-learn's ``class_weight``): None -> 1; ``"balanced"`` ->
    sum(w) / (K * sum of w over the class); a dict ``{label: weight}`` -> that weight, 1 for a
    label it does not name."""
    K = len(classes)
    if class_weight is None:
        return np.ones(K)
    if isinstance(class_weight, str) and class_weight == "balanced":
        totals = np.bincount(y_enc, weights=sample_weight, minlength=K)
        with np.errstate(divide="ignore"):
            return np.where(totals > 0, totals.sum() / (K * totals), 0.0)
    known = {c.item() if hasattr(c, "item") else c: i for i, c in enumerate(classes)}
    out = np.ones(K)
    for label, weight in class_weight.items():
        key = label.item() if hasattr(label, "item") else label
        if key not in known:
            raise ValueError(f"class_weight names label {label!r}, which is not among y's "
                             f"classes {classes.tolist()!r}.")
        if not (isinstance(weight, numbers.Real) and np.isfinite(weight) and weight >= 0):
            raise ValueError(f"class_weight[{label!r}] must be a finite number >= 0, got "
                             f"{weight!r}.")
        out[known[key]] = float(weight)
    return out
