r"""The best decision stump for a training set under many weightings (AdaBoost's rounds).

A stump asks one question, "x_j <= threshold?". AdaBoost asks for the best stump under new example
weights u_t every round, on the same X and y. So each feature is sorted once (``StumpSearch``),
and a round costs a gather and a cumulative sum per class over the sorted rows: the class weights
left of every candidate threshold of every feature at once, right = total - left.

Candidate thresholds are the midpoints between consecutive distinct values (CART's, and
scikit-learn's), so the stumps are exact whatever the number of distinct values. Rows whose
starting weight is 0 neither propose thresholds nor count as samples (weight 0 == row removed).

The split score is the grower's (:mod:`algorithms._grower`), larger is better:
Gini $\sum_c S_c^2 / W$ and entropy $\sum_c S_c \ln S_c - W \ln W$ summed over the two sides, with
the same tie rule: among scores within $10^{-10}(|\text{parent}| + W)$ of the best, the lower
feature, then the lower threshold. For two classes and Gini the score is
$W - 2P + 2(P_L^2/W_L + P_R^2/W_R)$ (P the weight of class 1), so only class 1 is summed.
"""

from __future__ import annotations

import numpy as np

from ._tree_structure import Tree

_TIE = 1e-10  # the grower's relative tolerance under which two split scores count as equal
_EVEN = 1e-12  # class weights of a node within this share of its total count as equal


def even_ties(S: np.ndarray) -> np.ndarray:
    """A node's class weights with those equal to rounding made exactly equal (to the largest),
    so its class is the lowest-index largest one whatever order the weights were summed in.
    AdaBoost makes such ties itself: after its update f_t's mistakes weigh exactly as much as
    the rest (binary), so a leaf splitting them evenly is a tie."""
    S = np.array(S, dtype=np.float64)
    top = S.max()
    S[top - S <= _EVEN * S.sum()] = top
    return S


def _xlogx(S):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(S > 0, S * np.log(S), 0.0)


class StumpSearch:
    """Presorted features of the rows with ``u_1 > 0``; ``best(u)`` is the best stump under u."""

    def __init__(self, X: np.ndarray, y_enc: np.ndarray, n_classes: int, u_start: np.ndarray, *,
                 criterion: str = "gini", min_samples_split=2, min_samples_leaf=1):
        self.rows = np.flatnonzero(u_start > 0)
        Xk = X[self.rows]
        n, d = Xk.shape
        self.n_features = d
        self.K = n_classes
        self.criterion = criterion
        self.y = y_enc[self.rows]
        self.order = np.ascontiguousarray(np.argsort(Xk, axis=0, kind="stable").T)  # (d, n)
        xs = np.take_along_axis(Xk.T, self.order, axis=1)
        mid = (xs[:, :-1] + xs[:, 1:]) / 2.0
        # the midpoint of two adjacent floats can round up to the upper one; keep it below
        self.threshold = np.where(mid >= xs[:, 1:], xs[:, :-1], mid)
        msl = min_samples_leaf
        if isinstance(msl, float):
            msl = max(1, int(np.ceil(msl * n)))
        mss = min_samples_split
        if isinstance(mss, float):
            mss = max(2, int(np.ceil(mss * n)))
        self.can_split = n >= max(mss, 2 * msl)
        # position i splits after the (i+1)-th smallest value: it needs a gap to the next value
        # and min_samples_leaf rows on each side
        valid = xs[:, :-1] < xs[:, 1:]
        n_left = np.arange(1, n)
        valid &= (n_left >= msl) & (n - n_left >= msl)
        self.invalid = np.flatnonzero(~valid.ravel())
        self.onehot = [(self.y == c).astype(np.float64) for c in range(n_classes)]
        self.all_rows = self.rows.size == u_start.shape[0]
        # which sorted positions hold class 1 (two classes) or each class's index (more)
        self.y_sorted = self.y[self.order]
        self.is1_sorted = self.y_sorted == 1

    def best(self, u: np.ndarray):
        """The best stump under weights u (all rows): ``(feature, threshold, S_left, S_right,
        n_left)`` with S the class-weight sums of each side, or None when no split is allowed."""
        uk = u if self.all_rows else u[self.rows]
        n = uk.shape[0]
        S = self.class_weights(uk)                              # class weights of the root
        W = S.sum()
        if not self.can_split or n < 2 or S.max() >= (1.0 - 1e-12) * W:
            return None
        u_sorted = uk[self.order]                               # (d, n): weights in x_j order
        WL = np.cumsum(u_sorted, axis=1)[:, :-1]
        binary_gini = self.K == 2 and self.criterion == "gini"
        if binary_gini:
            np.multiply(u_sorted, self.is1_sorted, out=u_sorted)   # class 1's weights only
            PL = np.cumsum(u_sorted, axis=1)[:, :-1]
            PR = S[1] - PL
            WR = W - WL
            with np.errstate(divide="ignore", invalid="ignore"):
                score = PL * PL
                score /= WL
                right = PR * PR
                right /= WR
                score += right        # W - 2P + 2 * score is the Gini score of the split
            parent = (S @ S) / W
            tol = 0.5 * _TIE * (abs(parent) + W)
        else:
            SL = [np.cumsum(np.where(self.y_sorted == c, u_sorted, 0.0), axis=1)[:, :-1]
                  for c in range(self.K)]
            score = self._side_score(SL, WL) + self._side_score(
                [S[c] - SL[c] for c in range(self.K)], W - WL)
            parent = float(self._side_score([np.array(s) for s in S], np.array(W)))
            tol = _TIE * (abs(parent) + W)
        flat = score.ravel()
        if self.invalid.size:
            flat[self.invalid] = -np.inf
        top = np.fmax.reduce(flat)           # fmax: a nan (an empty side) never wins
        if not np.isfinite(top):
            return None
        first = int(np.argmax(flat >= top - tol))   # lower feature, then lower threshold
        j, i = divmod(first, n - 1)
        if binary_gini:
            p_left = PL[j, i]
            S_left = np.array([WL[j, i] - p_left, p_left])
        else:
            S_left = np.array([s[j, i] for s in SL])
        return j, float(self.threshold[j, i]), even_ties(S_left), even_ties(S - S_left), i + 1

    def class_weights(self, uk: np.ndarray) -> np.ndarray:
        """Each class's total weight (``uk``: the weights of the searched rows)."""
        return np.array([uk @ oh for oh in self.onehot])

    def _side_score(self, S, W):
        if self.criterion == "gini":
            with np.errstate(divide="ignore", invalid="ignore"):
                return sum(s * s for s in S) / W
        return sum(_xlogx(s) for s in S) - _xlogx(W)


def stump_tree(split, S_root: np.ndarray, n_root: int, criterion: str) -> Tree:
    """The fitted ``Tree`` of a stump (or of a single leaf when ``split`` is None): node values
    are class fractions, impurities Gini or entropy (bits), as the tree engine records them."""
    if split is None:
        S, n, feature, threshold, left, depth = [S_root], [n_root], [-1], [np.nan], [-1], [0]
    else:
        j, thr, S_left, S_right, n_left = split
        S = [S_root, S_left, S_right]
        n = [n_root, n_left, n_root - n_left]
        feature, threshold, left, depth = [j, -1, -1], [thr, np.nan, np.nan], [1, -1, -1], \
            [0, 1, 1]
    S = np.array(S)
    W = S.sum(axis=1)
    p = S / W[:, None]
    if criterion == "gini":
        impurity = 1.0 - np.sum(p * p, axis=1)
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            impurity = -np.sum(np.where(p > 0, p * np.log2(p), 0.0), axis=1)
    return Tree(feature, threshold, left, p, np.maximum(impurity, 0.0), n, W, depth)
