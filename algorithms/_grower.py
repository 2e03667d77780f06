r"""Grow decision trees level by level on coded features, many trees at once if asked.

Every row carries a few *channels* of statistics (for classification the weight of each class,
``w * onehot(y)``; for regression ``(w, w y)``). A split "code <= b goes left" of node i on feature
j is scored from the sums of those channels on each side. All nodes of a level are searched at once,
two ways:

* **dense histograms** while a level's (node, feature, code) cells are few next to its rows (shallow
  levels, few distinct values): one ``np.bincount`` per feature gives every node's histogram, a
  ``np.cumsum`` over the codes every candidate split's left statistics, right = node total - left;
* **sorted rows** otherwise (deep levels, or features with thousands of distinct values: exact
  trees). Each (feature, node, code, row) becomes one 64-bit key; one ``np.sort`` orders every
  node's rows by code, feature by feature, and prefix sums over the sorted rows give the left
  statistics at every position where the code changes. When the weights are small integers (no
  weights, bootstrap counts) the row's class and weight ride in the key's low bits and the prefix
  sums are integer sums: no gather, and exact.

No Python loop runs over rows, nodes or thresholds.

Split score (larger is better, the parent's score is subtracted to get the impurity decrease):

* Gini:     $\mathrm{score}(S) = \sum_c S_c^2 / W$  (so $W\,\mathrm{gini} = W - \mathrm{score}$)
* entropy:  $\mathrm{score}(S) = \sum_c S_c \ln S_c - W \ln W$  (so $W\,H = -\mathrm{score}$)
* squared error: $\mathrm{score}(W, S) = S^2 / W$  (so $\sum w (y - \bar y)^2 = \sum w y^2 - \mathrm{score}$)

Missing values have their own code, after every value's. Each split is scored twice, missing rows
on the right (the codes' order) and on the left (their sums moved to the left side), as
scikit-learn does; the better one says where missing values go. A node that saw none sends them to
its larger child.

A forest is grown in one pass: its rows are (tree, sample) pairs, each tree a root. Boosting's
trees (binned codes, every feature at every split) take ``_grow_subtracting``: histogram
subtraction, the same arithmetic and so the same trees; a depth-1 tree takes ``_grow_stump``.

Ties between equally good splits go to the lower feature index, then the lower threshold.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._tree_structure import Tree

_TIE = 1e-10          # relative tolerance under which two split gains count as equal
_DENSE_FACTOR = 1.5   # dense histograms while cells <= _DENSE_FACTOR * (row, feature) pairs
_MAX_CELLS = 2_000_000  # histogram cells per channel built at once (memory bound)
_DENSE_MAX_CODES = 1024  # more codes than this: dense histograms only for a single (node, feature)
_MAX_KEYS = 1 << 20     # (feature, row) keys sorted at once (memory bound)
_MAX_INT_WEIGHT = 1 << 20  # integer weights up to this ride in the sort keys
_U64 = np.uint64


def _ones(n):
    """A read-only view of n ones (unit weights are never written)."""
    return np.broadcast_to(np.float64(1.0), (n,))


class _Leaf(NamedTuple):
    """What a child must hold: ``n`` samples (``min_samples_leaf``) and ``w`` weight
    (``min_weight_fraction_leaf`` times the tree's total weight)."""
    n: int = 1
    w: float = 0.0


def _weight_of(S, criterion):
    """Weight of channel sums (a list or array of C channels)."""
    return S[0] if criterion == "squared_error" else _channel_sum(S)


class _RowStats:
    """Per-row statistics of the active rows.

    Classification: ``cls`` (class index) and ``w`` (weight); ``iw`` the same weights as integers
    when every weight is a small whole number (no weights, bootstrap counts), else None.
    Regression: ``ch`` (w, w y). ``unit``: every weight is 1.
    """

    __slots__ = ("C", "cls", "w", "iw", "ch", "unit")

    def __init__(self, C, cls=None, w=None, iw=None, ch=None, unit=False):
        self.C, self.cls, self.w, self.iw, self.ch, self.unit = C, cls, w, iw, ch, unit

    @classmethod
    def from_channels(cls_, channels, criterion):
        C = channels.shape[1]
        if criterion == "squared_error":
            return cls_(C, ch=channels, unit=bool(np.all(channels[:, 0] == 1.0)))
        nz = channels > 0
        if (nz.sum(axis=1) <= 1).all():  # one class per row: keep (class, weight)
            w = channels.sum(axis=1)
            iw = None
            if w.size and w.max() <= _MAX_INT_WEIGHT and np.all(w == np.floor(w)):
                iw = w.astype(np.int64)
            return cls_(C, cls=channels.argmax(axis=1), w=w, iw=iw,
                        unit=iw is not None and bool(np.all(iw == 1)))
        return cls_(C, ch=channels)

    def take(self, idx):
        if self.cls is not None:
            if self.unit:   # every weight is 1: the class alone says it all
                ones = _ones(idx.shape[0] if idx.dtype != bool else int(idx.sum()))
                return _RowStats(self.C, cls=self.cls[idx], w=ones, iw=ones, unit=True)
            return _RowStats(self.C, cls=self.cls[idx], w=self.w[idx],
                             iw=None if self.iw is None else self.iw[idx], unit=self.unit)
        return _RowStats(self.C, ch=self.ch[idx], unit=self.unit)

    def node_sums(self, node_of, m):
        """(m, C) channel sums per node."""
        if self.cls is not None:
            key = node_of * self.C + self.cls
            if self.unit:
                return np.bincount(key, minlength=m * self.C).reshape(m, self.C).astype(float)
            return np.bincount(key, weights=self.w, minlength=m * self.C).reshape(m, self.C)
        return np.column_stack([np.bincount(node_of, weights=self.ch[:, c], minlength=m)
                                for c in range(self.C)])

    def columns(self) -> list:
        """The C channels as separate contiguous columns (gathered and summed one at a time)."""
        if self.cls is not None:
            return [np.where(self.cls == c, self.w, 0.0) for c in range(self.C)]
        return [np.ascontiguousarray(self.ch[:, c]) for c in range(self.C)]


# --------------------------------------------------------------------------------------------------
# Criteria: score a (C, ...) array of channel sums; node value and impurity from node sums.
# --------------------------------------------------------------------------------------------------
def _filled(shape, value, dtype=np.float64) -> np.ndarray:
    """``np.full`` without its Python-level overhead (called many times per level)."""
    out = np.empty(shape, dtype=dtype)
    out.fill(value)
    return out


def _weight(S, criterion: str) -> np.ndarray:
    return S[0] if criterion == "squared_error" else _channel_sum(S)


def _channel_sum(S) -> np.ndarray:
    """S[0] + S[1] + ...: a loop of adds beats ``sum(axis=0)`` over a short leading axis."""
    out = S[0].copy()
    for c in range(1, len(S)):
        out += S[c]
    return out


def _score(S, criterion: str) -> np.ndarray:
    """Split score of channel sums S (C, ...), an array or a list of C arrays. Callers only read it
    where W > 0 (elsewhere it is nan, and they mask it), so there is no per-element branch here."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return _score_unchecked(S, criterion)


def _score_unchecked(S, criterion: str) -> np.ndarray:
    """``_score`` for callers that already silence 0 / 0 (one ``np.errstate`` for many scores)."""
    if criterion == "squared_error":
        return S[1] * S[1] / S[0]
    if criterion == "gini":
        sq = S[0] * S[0]
        for c in range(1, len(S)):
            sq += S[c] * S[c]
        return sq / _channel_sum(S)
    W = _channel_sum(S)   # entropy: 0 log 0 = 0 needs the branch
    out = -np.where(W > 0, W * np.log(W), 0.0)
    for c in range(len(S)):
        out += np.where(S[c] > 0, S[c] * np.log(S[c]), 0.0)
    return out


def _node_value_impurity(S: np.ndarray, sq: np.ndarray | None, criterion: str):
    """``S`` is (m, C) node sums; ``sq`` the node sums of w y^2 (regression only)."""
    if criterion == "squared_error":
        W = S[:, 0]
        mean = S[:, 1] / W
        impurity = np.maximum(sq / W - mean * mean, 0.0)
        return mean[:, None], impurity
    W = S.sum(axis=1, keepdims=True)
    p = S / W
    if criterion == "gini":
        impurity = 1.0 - np.sum(p * p, axis=1)
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            impurity = -np.sum(np.where(p > 0, p * np.log2(p), 0.0), axis=1)
    return p, np.maximum(impurity, 0.0)


def _can_split(n_node, value, impurity, criterion, min_split):
    """Nodes with enough rows that are not already pure (regression: not constant)."""
    ok = n_node >= min_split
    if criterion == "squared_error":
        return ok & (impurity > 1e-14 * np.maximum(np.abs(value[:, 0]) ** 2, 1.0))
    return ok & (value.max(axis=1) < 1.0 - 1e-12)


def _best_per_group(gain, group, n_groups, tol):
    """Per group: the best gain (-inf if none) and the first candidate within ``tol`` of it.

    Candidates arrive sorted by group and, inside a group, in tie-break order.
    """
    best = _filled(n_groups, -np.inf)
    first = np.full(n_groups, -1)
    if gain.size == 0:
        return best, first
    seg = (np.r_[True, group[1:] != group[:-1]]).nonzero()[0]
    present = group[seg]
    top = np.fmax.reduceat(gain, seg)                    # fmax: nan (empty side) never wins
    best[present] = np.where(np.isnan(top), -np.inf, top)
    ok = gain >= (best - tol)[group]
    idx = np.where(ok, np.arange(gain.size), gain.size)
    lowest = np.minimum.reduceat(idx, seg)
    first[present] = np.where(lowest < gain.size, lowest, -1)
    first[best == -np.inf] = -1
    return best, first


# --------------------------------------------------------------------------------------------------
# Best split of every node of a level, from dense histograms.
# --------------------------------------------------------------------------------------------------
def _histograms(bins_t, node_of, rs, m, k, B, with_counts):
    """(C [+1 counts], m, k, B) sums of each channel per (node, slot, code).

    One ``np.bincount`` per slot: for classification the class index rides in the key
    (node, code, class) with the row weight as the bincount weight, so all class channels come out
    of a single pass.
    """
    C = rs.C
    hist = np.empty((C + with_counts, m, k, B))
    base_node = node_of * B if m > 1 else None
    for j in range(k):
        # (intp: a uint8 key times C would wrap around)
        base = bins_t[j].astype(np.intp) if base_node is None else base_node + bins_t[j]
        if rs.cls is not None:
            key = base * C + rs.cls
            h = (np.bincount(key, minlength=m * B * C) if rs.unit else
                 np.bincount(key, weights=rs.w, minlength=m * B * C))
            hist[:C, :, j, :] = h.reshape(m, B, C).transpose(2, 0, 1)
            if with_counts:
                hist[C, :, j, :] = (hist[:C, :, j, :].sum(axis=0) if rs.unit else
                                    np.bincount(base, minlength=m * B).reshape(m, B))
            continue
        if rs.unit:   # unit weights: the weight channel is the count (a cheaper bincount)
            hist[0, :, j, :] = np.bincount(base, minlength=m * B).reshape(m, B)
        else:
            hist[0, :, j, :] = np.bincount(base, weights=rs.ch[:, 0],
                                           minlength=m * B).reshape(m, B)
        for c in range(1, C):
            hist[c, :, j, :] = np.bincount(base, weights=rs.ch[:, c],
                                           minlength=m * B).reshape(m, B)
        if with_counts:
            hist[C, :, j, :] = (hist[0, :, j, :] if rs.unit else
                                np.bincount(base, minlength=m * B).reshape(m, B))
    return hist


def _best_from_histograms(hist, C, m, k, B, criterion, min_leaf, parent_score, W_node,
                          missing=None):
    """Best split per node from dense histograms (C [+1 counts], m, k, B).

    Returns ``(gain, slot, code, next_code, missing_left)``: the impurity decrease, the slot and
    code of the split "code <= code goes left", the node's next non-empty code after it (for the
    threshold; ``missing`` when only missing values are right of it) and whether missing values go
    left. Only non-empty codes are candidates: a split after an empty code separates the rows as
    the split after the previous non-empty code does (and the earlier, lower threshold wins ties).
    """
    Ct = hist.shape[0]
    Bv = B if missing is None else missing          # codes of values; the missing code follows
    flat = hist.reshape(Ct, m * k, B)
    use = C + (min_leaf.n > 1)                       # the count channel only for min_samples_leaf
    vals = flat[:use, :, :Bv]
    W_bin = vals[0] if criterion == "squared_error" else _channel_sum(vals[:C])
    nonempty = W_bin > 0
    cum = np.cumsum(vals, axis=2)
    total = cum[:, :, -1:]
    miss = None
    if missing is not None:
        miss = flat[:use, :, missing][:, :, None]
        total = total + miss
    tol = _TIE * (np.abs(parent_score) + W_node)
    with np.errstate(divide="ignore", invalid="ignore"):
        right = total - cum
        gain = _score_unchecked(cum[:C], criterion) + _score_unchecked(right[:C], criterion)
        W_right = right[0] if criterion == "squared_error" else _channel_sum(right[:C])
        valid = nonempty & (W_right > 0)
        if min_leaf.n > 1:
            valid &= (cum[C] >= min_leaf.n) & (right[C] >= min_leaf.n)
        if min_leaf.w > 0:
            valid &= (_weight_of(cum[:C], criterion) >= min_leaf.w) & (W_right >= min_leaf.w)
        gain = np.where(valid, gain, -np.inf).reshape(m, k, Bv)
        best_mk = np.fmax.reduce(gain, axis=2)         # per (node, slot)
        left_mk = np.zeros((m, k), dtype=bool)
        if miss is not None:
            W_miss = miss[0] if criterion == "squared_error" else _channel_sum(miss[:C])
            if (W_miss > 0).any():   # the same splits with the missing rows on the left
                left_m = cum + miss
                right_m = total - left_m
                gain_m = (_score_unchecked(left_m[:C], criterion)
                          + _score_unchecked(right_m[:C], criterion))
                W_rm = (right_m[0] if criterion == "squared_error"
                        else _channel_sum(right_m[:C]))
                valid_m = nonempty & (W_rm > 0) & (W_miss > 0)
                if min_leaf.n > 1:
                    valid_m &= (left_m[C] >= min_leaf.n) & (right_m[C] >= min_leaf.n)
                if min_leaf.w > 0:
                    valid_m &= ((_weight_of(left_m[:C], criterion) >= min_leaf.w)
                                & (W_rm >= min_leaf.w))
                gain_m = np.where(valid_m, gain_m, -np.inf).reshape(m, k, Bv)
                best_m = np.fmax.reduce(gain_m, axis=2)
                # per feature: missing-right first, missing-left only if strictly better
                left_mk = best_m > np.where(np.isnan(best_mk), -np.inf, best_mk) + tol[:, None]
                best_mk = np.where(left_mk, best_m, best_mk)
    best_mk = np.where(np.isnan(best_mk), -np.inf, best_mk)
    best = best_mk.max(axis=1)
    slot = np.argmax(best_mk >= (best - tol)[:, None], axis=1)
    at = np.arange(m)
    miss_left = left_mk[at, slot]
    row = gain[at, slot]
    if miss_left.any():
        row = np.where(miss_left[:, None], gain_m[at, slot], row)
    code = np.argmax(row >= (best_mk[at, slot] - tol)[:, None], axis=1)
    rows = nonempty.reshape(m, k, Bv)[np.arange(m), slot]
    after = rows & (np.arange(Bv) > code[:, None])
    has = after.any(axis=1)
    nxt = np.where(has, np.argmax(after, axis=1), Bv if missing is None else missing)
    return best - parent_score, slot, code, nxt, miss_left


# --------------------------------------------------------------------------------------------------
# Best split of every node of a level, from rows sorted by (feature, node, code).
# --------------------------------------------------------------------------------------------------
def _key_low_bits(rs, N, two):
    """The low bits of every row's sort key, what they hold, and how many there are.

    * ``("sums", sp)``: two-channel scores (``two``) with small integer weights: the row's
      (w, S) as the one integer ``S << sp | w`` (S = w for class 1, else 0), so that one integer
      prefix sum carries both channels (``sp`` bits hold any range's total weight);
    * ``("packed", wb)``: classification with small integer weights: class << wb | weight
      (wb = 0 for unit weights);
    * ``("row", None)``: the row's index, to gather its channels.
    """
    if rs.cls is not None and rs.iw is not None:
        cb = int(rs.C - 1).bit_length()
        if rs.unit:
            return rs.cls.astype(_U64), cb, ("packed", 0)
        wb = max(int(rs.iw.max()).bit_length(), 1) if rs.iw.size else 1
        if two:
            sp = max(int(rs.iw.sum()).bit_length(), 1)
            iw = rs.iw.astype(_U64)
            return ((iw * rs.cls.astype(_U64)) << _U64(sp)) | iw, sp + wb, ("sums", sp)
        return (rs.cls.astype(_U64) << _U64(wb)) | rs.iw.astype(_U64), cb + wb, ("packed", wb)
    return np.arange(N, dtype=_U64), max(int(N - 1).bit_length(), 1), ("row", None)


def _two_channel(criterion, C):
    r"""Regression and two-class Gini share one score: with W the weight and S the target sum
    (w y; for Gini the weight of class 1), $\mathrm{score} = S_L^2 / W_L + S_R^2 / W_R$ up to
    per-node constants (two-class Gini: $\sum_c S_c^2 / W = W - 2 S + 2 S^2 / W$)."""
    return criterion == "squared_error" or (criterion == "gini" and C == 2)


def _sorted_prefix_sums(key, sh_code, kind, rs, two):
    """Prefix sums along the sorted rows, as ``(how, arrays, shift)``; ``_range_sums`` reads them.

    ``two`` (see ``_two_channel``) wants the channels [W, S], otherwise the C channels. Packed
    keys give exact integer sums without a gather: ``"sums"`` keys are summed as they are (W in
    the low ``shift`` bits, S above); with unit weights only the class-1 count is summed
    (``"count"``: W is the number of rows). Row keys gather each channel by row index
    (``"plain"``; W None for unit weights).
    """
    how, arg = kind
    low_mask = _U64((1 << sh_code) - 1)
    if how == "sums":
        return "sums", [_cumsum0(key & low_mask)], arg
    if how == "packed":
        low = key & low_mask
        cls = (low >> _U64(arg) if arg else low).astype(np.intp)
        if two and rs.unit:
            return "count", [_cumsum0(cls, np.int64)], 0
        if rs.unit:
            W = np.arange(key.shape[0] + 1)
            per = [_cumsum0(cls == c, np.int64) for c in range(1, rs.C)]
            return "plain", [W - sum(per)] + per, 0
        w = (low & _U64((1 << arg) - 1)).astype(np.int64)
        if two:
            return "plain", [_cumsum0(w), _cumsum0(np.where(cls == 1, w, 0))], 0
        per = [_cumsum0(np.where(cls == c, w, 0)) for c in range(1, rs.C)]
        return "plain", [_cumsum0(w) - sum(per)] + per, 0
    idx = (key & low_mask).astype(np.intp)
    if two:
        if rs.cls is not None:
            one = np.where(rs.cls == 1, rs.w, 0.0)
            return "plain", [_cumsum0(rs.w.take(idx)), _cumsum0(one.take(idx))], 0
        return "plain", [None if rs.unit else _cumsum0(rs.ch[:, 0].take(idx)),
                         _cumsum0(rs.ch[:, 1].take(idx))], 0
    return "plain", [_cumsum0(col.take(idx)) for col in rs.columns()], 0


def _range_sums(prefix, first, last):
    """Channel sums over the sorted positions ``first .. last`` (arrays of equal length)."""
    how, arrays, shift = prefix

    def span(cs):      # cs[i] = sum of positions < i (a leading 0): no special case at 0
        out = cs.take(last + 1)
        out -= cs.take(first)
        return out

    if how == "count":
        return [last - first + 1, span(arrays[0])]
    if how == "sums":   # unsigned: a range's difference is exact even if the sums wrapped
        both = span(arrays[0])
        return [both & _U64((1 << shift) - 1), both >> _U64(shift)]
    return [last - first + 1 if cs is None else span(cs) for cs in arrays]


def _cumsum0(x, dtype=None):
    """Prefix sums with a leading 0: ``out[i]`` = sum of ``x[:i]``."""
    out = np.empty(x.shape[0] + 1, dtype=dtype or x.dtype)
    out[0] = 0
    np.cumsum(x, out=out[1:])
    return out


def _sorted_splits(bins, node_of, rs, m, k, criterion, min_leaf, parent_score, W_node, missing,
                   n_codes):
    """Best split per node (as ``_best_from_histograms``) by sorting the rows, slots in chunks."""
    N = node_of.shape[0]
    C = rs.C
    low, bl, kind = _key_low_bits(rs, N, _two_channel(criterion, C))
    bc = max(int(n_codes - 1).bit_length(), 1)
    sh_code, sh_group = bl, bl + bc
    row_part = node_of.astype(_U64)
    row_part <<= _U64(sh_group)
    row_part |= low
    tol = np.abs(parent_score)
    tol += W_node
    tol *= _TIE
    per = max(1, min(k, _MAX_KEYS // max(N, 1)))
    while per > 1 and int(per * m - 1).bit_length() + sh_group > 64:
        per //= 2
    if int(per * m - 1).bit_length() + sh_group > 64:
        raise ValueError("a tree level too large for 64-bit sort keys")  # pragma: no cover
    # (N, k) codes (drawn features) build keys row by row, (k, N) codes slot by slot
    rows_first = bins.T.flags.c_contiguous and not bins.flags.c_contiguous
    found = []
    for s0 in range(0, k, per):
        s1 = min(k, s0 + per)
        kk = s1 - s0
        if rows_first:
            part = bins.T[:, s0:s1]
            key = np.empty(part.shape, dtype=_U64)
            np.left_shift(part, _U64(sh_code), out=key, casting="unsafe")
            key |= row_part[:, None]
            if kk > 1:
                key += (np.arange(kk, dtype=_U64) * _U64(m) << _U64(sh_group))[None, :]
        else:
            part = bins[s0:s1]
            key = np.empty(part.shape, dtype=_U64)
            np.left_shift(part, _U64(sh_code), out=key, casting="unsafe")
            key |= row_part
            if kk > 1:
                key += (np.arange(kk, dtype=_U64) * _U64(m) << _U64(sh_group))[:, None]
        key = key.ravel()
        key.sort()
        found.append(_scan_sorted(key, kind, rs, C, sh_code, sh_group, bc, kk * m, criterion,
                                  min_leaf, tol if kk == 1 else tol.repeat(kk).reshape(m, kk).T.ravel(),
                                  missing))
    gains, code, nxt, mleft = (part[0] if len(found) == 1 else np.concatenate(part)
                               for part in zip(*found))
    if k == 1:
        gains -= parent_score
        return gains, np.zeros(m, dtype=np.int64), code, nxt, mleft
    gains = gains.reshape(k, m)
    best = gains.max(axis=0)
    slot = (gains >= best - tol).argmax(axis=0)
    pick = slot * m + np.arange(m)
    best -= parent_score
    return best, slot, code.take(pick), nxt.take(pick), mleft.take(pick)


def _scan_sorted(key, kind, rs, C, sh_code, sh_group, bc, n_groups, criterion, min_leaf, tol,
                 missing):
    """Scan keys sorted by (group = slot * m + node, code, ...): per group, the best gain (in the
    criterion's score units), the codes on either side of its split, and whether missing rows go
    left. ``tol``: per group.

    A candidate split sits after every position p whose code differs from the next one in the same
    group (a *segment* of the sorted keys); its left sums are prefix sums from the segment's start.
    """
    E = key.shape[0]
    out_gain = _filled(n_groups, -np.inf)
    out_codes = np.zeros((2, n_groups), dtype=np.int64)     # code, next code
    out_left = np.zeros(n_groups, dtype=bool)
    if E < 2:
        return out_gain, out_codes[0], out_codes[1], out_left
    change = key[1:] ^ key[:-1]                         # highest differing bit: what changed
    new_group = change >= _U64(1 << sh_group)           # position p + 1 starts a group
    two = _two_channel(criterion, C)
    if (two and criterion == "gini" and kind[0] in ("sums", "count") and min_leaf.n == 1
            and min_leaf.w == 0):
        cand_mask = _boundary_candidates(key, change, new_group, kind, sh_code)
    else:   # the code changed but not the group: 2**sh_code <= change < 2**sh_group
        change -= _U64(1 << sh_code)                    # (unsigned wrap-around)
        cand_mask = change < _U64((1 << sh_group) - (1 << sh_code))
    cand = cand_mask.nonzero()[0]
    if cand.size == 0:
        return out_gain, out_codes[0], out_codes[1], out_left
    bounds = new_group.nonzero()[0]                     # last position of every segment but one
    seg = bounds.searchsorted(cand)                     # segment of each candidate
    first = np.empty(bounds.size + 1, dtype=np.intp)    # each segment's first and last position
    first[0] = 0
    np.add(bounds, 1, out=first[1:])
    last = np.empty(bounds.size + 1, dtype=np.intp)
    last[:-1] = bounds
    last[-1] = E - 1
    seg_first, seg_last = first.take(seg), last.take(seg)
    prefix = _sorted_prefix_sums(key, sh_code, kind, rs, two)
    lefts = _range_sums(prefix, seg_first, cand)
    totals = _range_sums(prefix, seg_first, seg_last)
    gain = _scan_gain(lefts, totals, two, criterion)
    if min_leaf.n > 1:
        gain[((cand - seg_first) < min_leaf.n - 1) | ((seg_last - cand) < min_leaf.n)] = -np.inf
    if min_leaf.w > 0:
        _mask_light_sides(gain, lefts, totals, two, criterion, min_leaf.w)
    # the present segments (those with candidates) and where their candidates begin
    begin = (seg[1:] != seg[:-1]).nonzero()[0]
    begin += 1
    begin = np.concatenate(([0], begin))
    group = key.take(cand.take(begin)) >> _U64(sh_group)
    group = group.astype(np.intp)
    scale = 2.0 if (two and criterion == "gini") else 1.0   # Gini = const + 2 (S_L^2/W_L + ...)
    p, best = _segment_best(gain, begin, tol.take(group) / scale)
    at = cand.take(p)
    out_gain[group] = _scan_score(best, totals, p, two, criterion)
    code_mask = _U64((1 << bc) - 1)
    out_codes[0, group] = (key.take(at) >> _U64(sh_code)) & code_mask
    out_codes[1, group] = (key.take(at + 1) >> _U64(sh_code)) & code_mask
    if missing is not None:
        _scan_missing_left(key, sh_code, sh_group, code_mask, missing, cand, seg, first, last,
                           seg_first,
                           seg_last, lefts, totals, prefix, two, criterion, min_leaf, tol,
                           scale, out_gain, out_codes, out_left)
    return out_gain, out_codes[0], out_codes[1], out_left


def _scan_missing_left(key, sh_code, sh_group, code_mask, missing, cand, seg, first, last,
                       seg_first,
                       seg_last, lefts, totals, prefix, two, criterion, min_leaf, tol, scale,
                       out_gain, out_codes, out_left):
    """The same candidates with the segment's missing rows (its largest codes, at its end) moved
    to the left side; a group takes it where strictly better. Updates the outputs in place."""
    codes_at_end = (key.take(last) >> _U64(sh_code)) & code_mask
    if not (codes_at_end == _U64(missing)).any():
        return
    is_miss = ((key >> _U64(sh_code)) & code_mask) == _U64(missing)
    n_miss = np.add.reduceat(is_miss, first, dtype=np.int64)
    last_value = last - n_miss                          # last position of a value in a segment
    ok = (n_miss.take(seg) > 0) & (cand < last_value.take(seg))   # between two values
    if not ok.any():
        return
    c2, s2 = cand[ok], seg[ok]
    sf, sl, lv = seg_first[ok], seg_last[ok], last_value.take(s2)
    values = _range_sums(prefix, sf, np.maximum(lv, sf))
    has_values = lv >= sf
    lefts_m = []
    for c, (a, t, v) in enumerate(zip(lefts, totals, values)):
        miss = t[ok] - np.where(has_values, v, 0)
        lefts_m.append(a[ok] + miss)
    totals_m = [t[ok] for t in totals]
    gain_m = _scan_gain(lefts_m, totals_m, two, criterion)
    if min_leaf.n > 1:
        nl = c2 - sf + 1 + n_miss.take(s2)
        nr = sl - sf + 1 - nl
        gain_m[(nl < min_leaf.n) | (nr < min_leaf.n)] = -np.inf
    if min_leaf.w > 0:
        _mask_light_sides(gain_m, lefts_m, totals_m, two, criterion, min_leaf.w)
    begin = (s2[1:] != s2[:-1]).nonzero()[0]
    begin += 1
    begin = np.concatenate(([0], begin))
    group = (key.take(c2.take(begin)) >> _U64(sh_group)).astype(np.intp)
    p, best = _segment_best(gain_m, begin, tol.take(group) / scale)
    score = _scan_score(best, totals_m, p, two, criterion)
    better = score > out_gain.take(group) + tol.take(group)
    if better.any():
        g, at = group[better], c2.take(p[better])
        out_gain[g] = score[better]
        out_codes[0, g] = (key.take(at) >> _U64(sh_code)) & code_mask
        out_codes[1, g] = (key.take(at + 1) >> _U64(sh_code)) & code_mask
        out_left[g] = True


def _boundary_candidates(key, change, new_group, kind, sh_code):
    """Candidate positions of a two-class Gini scan, boundary points only.

    Between two neighbouring codes that each hold a single row of the same class, a split is
    never the best one: along a run of rows of one class the two-class score
    $S_L^2/W_L + S_R^2/W_R$ is convex in the rows moved left, so its maximum is at an end of the
    run, strictly unless the node is pure (Fayyad and Irani's boundary points; the same holds
    with missing rows moved left). Dropping those positions leaves the same best split and halves
    the candidates of a mixed node. Without ``min_samples_leaf`` only: a run's inside may be the
    best split that leaves enough rows on each side.
    """
    code_change = change >= _U64(1 << sh_code)          # code or group changes after p
    cand = code_change & ~new_group
    how, arg = kind
    mask = _U64(1) if how == "count" else _U64(((1 << sh_code) - 1) ^ ((1 << arg) - 1))
    cls = (key & mask) != 0                             # class 1 (S > 0)
    same = cls[1:] == cls[:-1]
    single_left = np.empty_like(code_change)            # p is alone in its code
    single_left[0] = True
    single_left[1:] = code_change[:-1]
    single_right = np.empty_like(code_change)           # p + 1 is alone in its code
    single_right[-1] = True
    single_right[:-1] = code_change[1:]
    cand &= ~(same & single_left & single_right)
    return cand


def _mask_light_sides(gain, lefts, totals, two, criterion, min_weight):
    """-inf for candidates leaving less than ``min_weight`` on a side."""
    if two or criterion == "squared_error":
        WL, WT = lefts[0], totals[0]
    else:
        WL, WT = sum(lefts), sum(totals)
    gain[(WL < min_weight) | ((WT - WL) < min_weight)] = -np.inf


def _scan_gain(lefts, totals, two, criterion):
    """Split scores of candidates with left sums ``lefts`` and node sums ``totals`` (one value
    per candidate; two-channel form: $S_L^2/W_L + S_R^2/W_R$ only, the per-node constant left
    out)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        if two:   # in place: these arrays hold one value per candidate, often millions
            WL, SL = lefts
            WR = totals[0] - WL
            SR = totals[1] - SL
            q = np.square(SL, dtype=np.float64)
            q /= WL
            r = np.square(SR, dtype=np.float64)
            r /= WR
            q += r
            return q
        L = [a.astype(np.float64) for a in lefts]
        R = [t - a for t, a in zip(totals, L)]
        return _score_unchecked(L, criterion) + _score_unchecked(R, criterion)


def _scan_score(best, totals, at, two, criterion):
    """The criterion's full split score from ``_scan_gain``'s value at candidates ``at`` (adds
    the per-node constant of the two-channel form of two-class Gini)."""
    if two and criterion == "gini":
        return totals[0].take(at) - 2.0 * totals[1].take(at) + 2.0 * best
    return best


def _segment_best(gain, begin, tol):
    """Per run of candidates (run r = ``begin[r] : begin[r + 1]``, in tie-break order): the index
    of the first candidate within ``tol[r]`` of the run's best gain, and that best gain."""
    top = np.fmax.reduceat(gain, begin)                  # fmax: nan never wins
    np.fmax(top, -np.inf, out=top)                       # (a run of nan only: -inf)
    counts = np.empty(begin.shape[0], dtype=np.intp)
    counts[:-1] = begin[1:] - begin[:-1]
    counts[-1] = gain.shape[0] - begin[-1]
    near = (gain >= (top - tol).repeat(counts)).nonzero()[0]
    return near.take(near.searchsorted(begin)), top


def _best_splits(codes, codes_t, xrow, node_of, rs, m, feat_sel, criterion, min_leaf,
                 parent_score, W_node, missing, n_codes, hist_out=None):
    """Best (gain, feature, code, next code, missing left) of each of the m nodes, given each
    node's candidate features (``feat_sel`` (m, k), or None: every feature).

    ``hist_out``: a list that receives the level's dense histograms (None if the level was
    searched otherwise), for a caller that subtracts histograms.
    """
    d = codes.shape[1]
    k = d if feat_sel is None else feat_sel.shape[1]
    N = node_of.shape[0]
    # codes slot-major, (k, rows): each slot's column contiguous. All features: columns of the
    # transposed codes (no copy at all when every row is in, in order: xrow None); drawn
    # features: a flat take (twice as fast as 2-D fancy indexing).
    if feat_sel is None:
        bins = codes_t if xrow is None else codes_t[:, xrow]
    else:
        xrow = np.arange(N) if xrow is None else xrow
        flat = feat_sel.take(node_of, axis=0)       # (N, k): row-major, one gather
        flat += (xrow * d)[:, None]
        bins = codes.ravel().take(flat).T           # (k, N) view of (N, k) codes
    C = rs.C
    B = n_codes
    cells = m * k * B
    with_counts = min_leaf.n > 1 or hist_out is not None
    # dense histograms pay for few codes; thousands of codes (exact trees on continuous
    # features) are faster sorted even at the root
    if cells <= _DENSE_FACTOR * N * k and (B <= _DENSE_MAX_CODES or m * k <= 1):
        chunk = max(1, _MAX_CELLS // (k * B))
        if m <= chunk:
            hist = _histograms(bins, node_of, rs, m, k, B, with_counts)
            if hist_out is not None:
                hist_out.append(hist)
            out = _best_from_histograms(hist, C, m, k, B, criterion, min_leaf, parent_score,
                                        W_node, missing)
        else:  # bound memory: nodes in chunks
            if hist_out is not None:
                hist_out.append(None)
            out = [np.full(m, -np.inf), np.zeros(m, dtype=np.int64), np.zeros(m, dtype=np.int64),
                   np.zeros(m, dtype=np.int64), np.zeros(m, dtype=bool)]
            for lo in range(0, m, chunk):
                hi = min(m, lo + chunk)
                r = (node_of >= lo) & (node_of < hi)
                hist = _histograms(bins[:, r], node_of[r] - lo, rs.take(r), hi - lo, k, B,
                                   with_counts)
                part = _best_from_histograms(hist, C, hi - lo, k, B, criterion, min_leaf,
                                             parent_score[lo:hi], W_node[lo:hi], missing)
                for o, p in zip(out, part):
                    o[lo:hi] = p
    else:
        if hist_out is not None:
            hist_out.append(None)
        out = _sorted_splits(bins, node_of, rs, m, k, criterion, min_leaf, parent_score, W_node,
                             missing, n_codes)
    gain, slot, code, nxt, mleft = out
    feature = slot if feat_sel is None else feat_sel[np.arange(m), slot]
    return gain, feature, code, nxt, mleft


def _draw_features(rng, m, d, k):
    """k distinct features per node, sorted so ties still go to the lower feature index."""
    return np.sort(np.argsort(rng.random((m, d)), axis=1)[:, :k], axis=1)


def _retry_other_features(codes, xrow, node_of, rs, retry, feat_sel, d, criterion, min_leaf,
                          parent_score, W_node, missing, n_codes, found):
    """Nodes whose drawn features allow no split try all remaining features (as CART does)."""
    in_retry = np.zeros(feat_sel.shape[0], dtype=bool)
    in_retry[retry] = True
    rows = in_retry[node_of]
    if not rows.any():
        return found
    local = np.full(feat_sel.shape[0], -1)
    local[retry] = np.arange(retry.size)
    mask = np.ones((retry.size, d), dtype=bool)
    mask[np.arange(retry.size)[:, None], feat_sel[retry]] = False
    k2 = d - feat_sel.shape[1]
    others = np.nonzero(mask)[1].reshape(retry.size, k2)
    again = _best_splits(codes, None, xrow[rows], local[node_of[rows]], rs.take(rows),
                         retry.size, others, criterion, min_leaf, parent_score[retry],
                         W_node[retry], missing, n_codes)
    found = [a.copy() for a in found]
    for a, b in zip(found, again):
        a[retry] = b
    return found


# --------------------------------------------------------------------------------------------------
def grow(codes, binner, channels, criterion, *, max_depth=None, min_samples_split=2,
         min_samples_leaf=1, max_features=None, rng=None, rows=None, roots=None, n_roots=1,
         min_impurity_decrease=0.0, min_weight_fraction_leaf=0.0, subtract_histograms=False,
         codes_t=None):
    """Grow ``n_roots`` trees level-wise. Returns ``(trees, leaf_of_row)``.

    ``codes`` (n, d): the binner's codes of X. ``channels`` (n_rows, C): per-row statistics
    (positive weights only). ``rows`` maps each channel row to a row of ``codes`` (default: the
    identity). ``roots`` gives each row's tree (default 0). ``max_features`` is the number of
    features drawn afresh at every split (None = all). ``min_impurity_decrease``: a split must
    lower the impurity, weighted by its share of its tree's weight, by at least this.
    ``subtract_histograms`` builds only the smaller child's histogram and gets its sibling as
    parent - child (worth it for boosting, whose binned trees see every feature at every split).
    ``codes_t`` is ``codes`` transposed and C-contiguous (a booster passes it once for all stages).
    """
    channels = np.asarray(channels, dtype=np.float64)
    R, C = channels.shape
    stats = _RowStats.from_channels(channels, criterion)
    d = codes.shape[1]
    missing, n_codes = binner.missing_code_, binner.n_codes_
    # a child's least weight: min_weight_fraction_leaf of its tree's (of the first tree's: the
    # trees of one pass have equal weights or none is asked)
    min_weight = 0.0
    if min_weight_fraction_leaf > 0 and R:
        first_root = channels if roots is None else channels[np.asarray(roots) == 0]
        min_weight = min_weight_fraction_leaf * float(_weight_of(first_root.sum(axis=0),
                                                                 criterion))
    min_leaf = _Leaf(max(int(min_samples_leaf), 1), min_weight)
    if max_features is not None and max_features >= d:
        max_features = None
    if (max_depth == 1 and n_roots == 1 and max_features is None and R > 0
            and min_impurity_decrease == 0 and min_weight == 0):
        return _grow_stump(codes, codes_t, binner, channels, stats, criterion, min_samples_split,
                           min_leaf, rows)
    if max_features is None and codes_t is None:
        codes_t = np.ascontiguousarray(codes.T)
    xrow_all = np.arange(R) if rows is None else np.asarray(rows, dtype=np.int64)
    root_all = np.zeros(R, dtype=np.int64) if roots is None else np.asarray(roots, dtype=np.int64)
    max_depth = np.iinfo(np.int64).max if max_depth is None else int(max_depth)
    sq_all = None
    if criterion == "squared_error":
        with np.errstate(divide="ignore", invalid="ignore"):
            sq_all = np.where(channels[:, 0] > 0, channels[:, 1] ** 2 / channels[:, 0], 0.0)
    if (subtract_histograms and max_features is None and stats.ch is not None and R > 0
            and n_codes <= 256 and min_impurity_decrease == 0 and min_weight == 0):
        return _grow_subtracting(codes, codes_t, binner, stats, sq_all, criterion, max_depth,
                                 min_samples_split, min_leaf, None if rows is None else xrow_all,
                                 root_all, n_roots)
    min_split = max(min_samples_split, 2 * min_leaf.n)
    # a split's weighted impurity decrease in the criterion's units (entropy in bits, as
    # scikit-learn) is its gain / ln 2 for entropy, the gain itself otherwise
    unit = np.log(2.0) if criterion == "entropy" else 1.0

    # per level: the nodes' (feature, code, next code, missing left, left child) in one array,
    # values, impurities, sample counts, weights, tree ids
    rec = {k: [] for k in ("split", "value", "impurity", "n", "w", "tree")}
    leaf_of_row = np.empty(R, dtype=np.int64)   # global node id for now

    act = np.arange(R)
    node_of = root_all.copy()
    tree_of_node = np.arange(n_roots)
    next_id = n_roots
    first_id = 0          # global id of the level's first node (levels are numbered in order)
    depth = 0
    W_tree = None
    counts_are_weights = stats.unit and stats.cls is not None

    while act.size:
        m = tree_of_node.shape[0]
        rs = stats if depth == 0 else stats.take(act)
        S = rs.node_sums(node_of, m)
        n_node = S.sum(axis=1) if counts_are_weights else np.bincount(node_of, minlength=m)
        sq = None if sq_all is None else np.bincount(
            node_of, weights=sq_all if depth == 0 else sq_all[act], minlength=m)
        value, impurity = _node_value_impurity(S, sq, criterion)
        W_node = n_node.astype(np.float64) if counts_are_weights else _weight(S.T, criterion)
        if W_tree is None:
            W_tree = W_node.copy()
        can_split = _can_split(n_node, value, impurity, criterion, min_split)
        if min_leaf.w > 0:
            can_split &= W_node >= 2 * min_leaf.w
        if depth >= max_depth:
            can_split[:] = False

        split_rec = np.zeros((5, m), dtype=np.int64)     # feature, code, next, mleft, left
        feature = split_rec[0]
        feature.fill(-1)
        if can_split.any():
            parent_score = _score(S.T, criterion)
            sub = can_split.nonzero()[0]
            everyone = sub.size == m
            if everyone:
                rs_sel, node_sel = rs, node_of
                xrow_sel = (None if rows is None else xrow_all) if depth == 0 else xrow_all[act]
                ps, W_sub = parent_score, W_node
            else:
                sel = can_split[node_of]
                local = np.cumsum(can_split) - 1         # node -> its rank among splittable
                rs_sel = rs.take(sel)
                xrow_sel = xrow_all[act[sel]]
                node_sel = local[node_of[sel]]
                ps, W_sub = parent_score[sub], W_node[sub]
            feat_sel = None
            if max_features is not None:
                feat_sel = _draw_features(rng, sub.size, d, max_features)
            found = _best_splits(codes, codes_t, xrow_sel, node_sel, rs_sel, sub.size, feat_sel,
                                 criterion, min_leaf, ps, W_sub, missing, n_codes)
            if max_features is not None:
                retry = (~np.isfinite(found[0])).nonzero()[0]
                if retry.size:
                    xrow_retry = xrow_all[act] if xrow_sel is None else xrow_sel
                    found = _retry_other_features(codes, xrow_retry, node_sel, rs_sel, retry,
                                                  feat_sel, d, criterion, min_leaf, ps, W_sub,
                                                  missing, n_codes, found)
            gain = found[0]
            ok = np.isfinite(gain)
            if min_impurity_decrease > 0:
                decrease = gain / unit / W_tree[tree_of_node[sub]]
                ok &= decrease + np.finfo(float).eps >= min_impurity_decrease
            at = sub[ok]
            for r in range(4):
                split_rec[r, at] = found[r + 1][ok]
        split = feature >= 0
        n_split = int(split.sum())
        left = split_rec[4]
        left.fill(-1)
        left[split] = np.arange(next_id, next_id + 2 * n_split, 2)

        # rows of leaves are done; rows of split nodes move to a child
        row_split = split[node_of]
        if n_split < m:
            done = ~row_split
            leaf_of_row[act[done]] = node_of[done] + first_id
        if n_split:
            if n_split < m:
                act, node_of = act[row_split], node_of[row_split]
            c = codes.ravel().take(xrow_all.take(act) * d + feature.take(node_of))
            go_right = c > split_rec[1].take(node_of)
            # missing values: where the split learnt; a node that saw none: its larger child
            n_right = np.bincount(node_of, weights=go_right, minlength=m)
            if missing is None:
                split_rec[3] = split & ((n_node - n_right) > n_right)
            else:
                split_rec[3] = _missing_left(c, missing, node_of, m, split,
                                             split_rec[3].astype(bool), n_node, n_right)
                is_miss = c == missing
                if is_miss.any():
                    go_right &= ~(is_miss & split_rec[3].astype(bool)[node_of])
        rec["split"].append(split_rec)
        rec["value"].append(value)
        rec["impurity"].append(impurity)
        rec["n"].append(n_node)
        rec["w"].append(W_node)
        rec["tree"].append(tree_of_node)
        if n_split == 0:
            break
        rank = np.cumsum(split)
        rank -= 1
        node_of = rank.take(node_of) * 2 + go_right
        tree_of_node = tree_of_node[split].repeat(2)
        first_id, next_id = next_id, next_id + 2 * n_split
        depth += 1

    return _assemble(rec, binner, leaf_of_row, root_all, n_roots)


def _missing_left(c, missing, node_of, m, split, mleft, n_node, n_right):
    """Where each split node sends missing values: as learnt if its rows held some, else to the
    child with more samples (scikit-learn's rule; ties go right)."""
    saw = np.bincount(node_of[c == missing], minlength=m) > 0
    larger_left = (n_node - n_right) > n_right
    return np.where(split, np.where(saw, mleft, larger_left), False)


# --------------------------------------------------------------------------------------------------
def _grow_subtracting(codes, codes_t, binner, stats, sq_all, criterion, max_depth,
                      min_samples_split, min_leaf, rows, root_all, n_roots):
    r"""``grow`` with histogram subtraction (boosting: binned codes, every feature at every split).

    The same levels, decisions and arithmetic as the general loop (so the same trees, bit for bit),
    with less bookkeeping per level, which is most of the cost of a shallow boosting tree:

    * rows never leave the arrays: each keeps its global node id (a finished row keeps its leaf's).
      Nodes are numbered level by level, so a level's nodes are the ids ``lo..hi-1`` and its sums
      are ``np.bincount`` over all rows sliced to them; a bincount adds each bin's rows in row
      order, which is the order the general loop adds the active rows in. While every node has
      split so far, every row is active and no row selection is needed at all;
    * the rows' codes are gathered once per call, not once per level;
    * a level's histograms are one ``np.bincount`` per channel over all features at once
      (key = (node, feature, code); each bin still receives its rows in row order). Below the root
      only the smaller child of each pair is built; its sibling is parent - child.

    Levels too sparse for dense histograms search their splits through ``_best_splits``, exactly
    as the general loop does.
    """
    R, C = stats.ch.shape
    d = codes_t.shape[0]
    missing, n_bins = binner.missing_code_, binner.n_codes_
    cols = stats.columns()                               # contiguous per-row channel columns
    sub_codes = codes_t if rows is None else codes_t[:, rows]   # (d, R) codes of every row
    block = d * n_bins                                   # histogram cells per node
    # every (feature, row)'s cell in a node's block of (feature, code) histogram cells
    cell = sub_codes + (np.arange(d) * n_bins)[:, None]
    min_split = max(min_samples_split, 2 * min_leaf.n)
    levels = []       # per level: feature, code, next, mleft, left, value, impurity, n, w, tree, m
    node = root_all.copy()           # global node id of every row
    lo, hi, depth = 0, n_roots, 0
    all_active = True                # no row has reached a leaf yet
    tree_of_node = np.arange(n_roots) if n_roots > 1 else None   # one tree: no tree ids needed
    hist = None                      # histograms of this level's nodes, once a level kept them
    while True:
        m = hi - lo
        n_node = np.bincount(node, minlength=hi)[lo:]
        S = np.empty((m, C))
        for c in range(C):           # unit weights: the weight sums are the counts (exact)
            S[:, c] = n_node if c == 0 and stats.unit else \
                np.bincount(node, weights=cols[c], minlength=hi)[lo:]
        sq = None if sq_all is None else np.bincount(node, weights=sq_all, minlength=hi)[lo:]
        value, impurity = _node_value_impurity(S, sq, criterion)
        W_node = _weight(S.T, criterion)
        can_split = n_node >= min_split
        if depth < max_depth and can_split.any():
            can_split &= _can_split(n_node, value, impurity, criterion, min_split)
        else:
            can_split[:] = False
        feature = _filled(m, -1, np.int64)
        code = np.zeros(m, dtype=np.int64)
        nxt = np.zeros(m, dtype=np.int64)
        mleft = np.zeros(m, dtype=bool)
        if can_split.any():
            parent_score = _score(S.T, criterion)
            if hist is not None:   # children of the last level's split nodes: subtract
                pair_small = (n_node[1::2] < n_node[::2]).astype(np.int64)
                small_child = 2 * np.arange(m // 2) + pair_small
                mark = np.zeros(hi, dtype=bool)
                mark[lo + small_child] = True
                sel = mark[node].nonzero()[0]
                key = cell.take(sel, axis=1)
                if m > 2:
                    key += ((node[sel] - lo) >> 1) * block
                small = _stacked_histograms(key, [col[sel] for col in cols], stats.unit, m // 2,
                                            d, n_bins)
                hist = _siblings(hist, small, small_child, pair_small, C, criterion)
                gain, feat, b, bn, ml = _best_from_histograms(
                    hist, C, m, d, n_bins, criterion, min_leaf, parent_score, W_node, missing)
                ok = can_split & np.isfinite(gain)
                feature[ok], code[ok], nxt[ok], mleft[ok] = feat[ok], b[ok], bn[ok], ml[ok]
                hist_nodes = None                        # hist holds every node of the level
            else:                  # the nodes that may split, from their rows
                sub_nodes = can_split.nonzero()[0]
                m_sub = sub_nodes.size
                if all_active and m_sub == m:
                    sel, n_sel = slice(None), R
                else:
                    mark = np.zeros(hi, dtype=bool)
                    mark[lo + sub_nodes] = True
                    sel = mark[node].nonzero()[0]
                    n_sel = sel.size
                local = np.zeros(hi, dtype=np.int64)
                local[lo + sub_nodes] = np.arange(m_sub)
                ps, W_sub = parent_score[sub_nodes], W_node[sub_nodes]
                # _best_splits' choice: dense histograms unless sparse or too many cells at once
                if (m_sub * block <= _DENSE_FACTOR * max(n_sel * d, 1 << 14)
                        and m_sub <= max(1, _MAX_CELLS // block)):
                    key = cell if n_sel == R else cell.take(sel, axis=1)
                    if m_sub > 1:
                        key = key + local[node[sel]] * block
                    hist = _stacked_histograms(key, [col[sel] for col in cols], stats.unit,
                                               m_sub, d, n_bins)
                    gain, feat, b, bn, ml = _best_from_histograms(
                        hist, C, m_sub, d, n_bins, criterion, min_leaf, ps, W_sub, missing)
                else:
                    cache = []
                    gain, feat, b, bn, ml = _best_splits(
                        codes, codes_t, rows if n_sel == R else (sel if rows is None else rows[sel]),
                        local[node[sel]], stats if n_sel == R else stats.take(sel), m_sub,
                        None, criterion, min_leaf, ps, W_sub, missing, n_bins, hist_out=cache)
                    hist = cache[0]
                ok = np.isfinite(gain)
                feature[sub_nodes[ok]], code[sub_nodes[ok]] = feat[ok], b[ok]
                nxt[sub_nodes[ok]], mleft[sub_nodes[ok]] = bn[ok], ml[ok]
                hist_nodes = sub_nodes
        split = feature >= 0
        n_split = int(np.count_nonzero(split))
        left = _filled(m, -1, np.int64)
        left[split] = hi + 2 * np.arange(n_split)
        if n_split:
            # rows of split nodes move to a child: left[i] + (code > the split's code)
            if all_active and n_split == m:
                moving = slice(None)
                at = node - lo
                c = sub_codes.ravel().take(feature[at] * R + np.arange(R))
            else:
                moves = np.zeros(hi, dtype=bool)
                moves[lo:] = split
                moving = moves[node].nonzero()[0]
                at = node[moving] - lo
                c = sub_codes[feature[at], moving]
            go_right = c > code[at]
            n_right = np.bincount(at, weights=go_right, minlength=m)
            n_here = n_node
            if missing is None:
                mleft = np.where(split, (n_here - n_right) > n_right, False)
            else:
                mleft = _missing_left(c, missing, at, m, split, mleft, n_here, n_right)
                is_miss = c == missing
                if is_miss.any():
                    go_right &= ~(is_miss & mleft[at])
        levels.append((feature, code, nxt, mleft, left, value, impurity, n_node, W_node,
                       tree_of_node, m))
        if n_split == 0:
            break
        node[moving] = left[at] + go_right
        all_active &= n_split == m
        if hist is not None:       # the split nodes' histograms are the next level's parents'
            if hist_nodes is not None or n_split < m:
                hist = hist[:, split if hist_nodes is None else split[hist_nodes]]
        if n_roots > 1:
            tree_of_node = np.repeat(tree_of_node[split], 2)
        lo, hi, depth = hi, hi + 2 * n_split, depth + 1
    rec = {"split": [np.stack([lev[0], lev[1], lev[2], lev[3].astype(np.int64), lev[4]])
                     for lev in levels]}
    for i, k in enumerate(("value", "impurity", "n", "w", "tree"), start=5):
        rec[k] = [lev[i] for lev in levels]
    return _assemble(rec, binner, node, root_all, n_roots)


def _stacked_histograms(key, cols, unit, m, k, B):
    """(C + 1 counts, m, k, B) histograms of the rows whose (node, slot, code) cell is ``key``
    (k, rows): one ``np.bincount`` per channel for all slots; the same sums as ``_histograms``."""
    key = key.ravel()
    C = len(cols)
    hist = np.empty((C + 1, m, k, B))
    size = m * k * B
    hist[C] = np.bincount(key, minlength=size).reshape(m, k, B)
    for c in range(C):
        hist[c] = hist[C] if c == 0 and unit else np.bincount(
            key, weights=np.concatenate((cols[c],) * k), minlength=size).reshape(m, k, B)
    return hist


def _siblings(parent_hist, small, small_child, pair_small, C, criterion):
    """Both children's histograms of every pair: the smaller child's as built, its sibling's as
    parent - smaller child, in node order (children 2p and 2p + 1 of pair p)."""
    n_pairs = small.shape[1]
    big = parent_hist - small
    # Parents' histograms may themselves come from a subtraction, so a bin the sibling does not
    # hold can keep a rounding residue: the exact count channel says which bins are empty. Rounding
    # must not turn a weight negative either (target sums, regression channel 1, may be negative).
    np.copyto(big, 0.0, where=big[C] <= 0)
    weights = big[:1] if criterion == "squared_error" else big[:C]
    np.maximum(weights, 0.0, out=weights)
    hist = np.empty((parent_hist.shape[0], 2 * n_pairs) + parent_hist.shape[2:])
    hist[:, small_child] = small
    hist[:, 2 * np.arange(n_pairs) + 1 - pair_small] = big
    return hist


def _grow_stump(codes, codes_t, binner, channels, stats, criterion, min_samples_split, min_leaf,
                rows):
    """``grow`` for one tree of depth 1 (AdaBoost's stump), without the level loop's bookkeeping.

    The same steps as the level-wise growth with the same helpers, so the same numbers: root
    sums, the best split of the root, then the two leaves' sums.
    """
    R = channels.shape[0]
    xrow = None if rows is None else np.asarray(rows, dtype=np.int64)
    missing = binner.missing_code_
    zero = np.zeros(R, dtype=np.int64)
    sq_all = None
    if criterion == "squared_error":
        with np.errstate(divide="ignore", invalid="ignore"):
            sq_all = np.where(channels[:, 0] > 0, channels[:, 1] ** 2 / channels[:, 0], 0.0)

    def level(node_of, m):
        S = stats.node_sums(node_of, m)
        sq = None if sq_all is None else np.bincount(node_of, weights=sq_all, minlength=m)
        value, impurity = _node_value_impurity(S, sq, criterion)
        return S, np.bincount(node_of, minlength=m), value, impurity, _weight(S.T, criterion)

    S, n_root, value, impurity, W_root = level(zero, 1)
    can_split = _can_split(n_root, value, impurity, criterion,
                           max(min_samples_split, 2 * min_leaf.n))[0]
    gain = np.array([-np.inf])
    if can_split:
        if codes_t is None:
            codes_t = np.ascontiguousarray(codes.T)
        gain, feat, b, bn, ml = _best_splits(codes, codes_t, xrow, zero, stats, 1, None,
                                             criterion, min_leaf, _score(S.T, criterion), W_root,
                                             missing, binner.n_codes_)
    if not np.isfinite(gain[0]):
        tree = Tree([-1], [np.nan], [-1], value, impurity, n_root, W_root, [0])
        return [tree], zero
    f, b, bn = int(feat[0]), int(b[0]), int(bn[0])
    c = codes[:, f] if xrow is None else codes[xrow, f]
    go_right = c > b
    n_right = int(go_right.sum())
    if missing is not None and (c == missing).any():
        mleft = bool(ml[0])
        if mleft:
            go_right &= c != missing
    else:
        mleft = (R - n_right) > n_right
    leaf = go_right.astype(np.int64)
    _, n_leaf, v_leaf, imp_leaf, W_leaf = level(leaf, 2)
    threshold = binner.split_thresholds([f], [b], [bn])[0]
    tree = Tree([f, -1, -1], [threshold, np.nan, np.nan], [1, -1, -1],
                np.concatenate([value, v_leaf]), np.concatenate([impurity, imp_leaf]),
                np.concatenate([n_root, n_leaf]), np.concatenate([W_root, W_leaf]), [0, 1, 1],
                [mleft, 0, 0])
    return [tree], leaf + 1


def _assemble(rec, binner, leaf_of_row, root_all, n_roots):
    """Split the level-by-level global records into one ``Tree`` per root, renumbered (with one
    root, ``rec["tree"]`` is not read)."""
    feature, code, nxt, mleft, left = np.concatenate(rec["split"], axis=1)
    value = np.concatenate(rec["value"])
    impurity = np.concatenate(rec["impurity"])
    n = np.concatenate(rec["n"])
    w = np.concatenate(rec["w"])
    depth = np.repeat(np.arange(len(rec["n"])), [a.shape[0] for a in rec["n"]])
    threshold = _filled(feature.shape[0], np.nan)
    inner = feature >= 0
    if inner.any():
        threshold[inner] = binner.split_thresholds(feature[inner], code[inner], nxt[inner])
    if n_roots == 1:   # one tree: global ids are already its own
        return [Tree(feature, threshold, left, value, impurity, n, w, depth, mleft)], leaf_of_row
    # per-tree renumbering: stable order by tree keeps level order (children stay adjacent)
    tree = np.concatenate(rec["tree"])
    order = np.argsort(tree, kind="stable")
    counts = np.bincount(tree, minlength=n_roots)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    new_id = np.empty(feature.shape[0], dtype=np.int64)
    new_id[order] = np.arange(feature.shape[0]) - np.repeat(starts, counts)
    left_new = np.where(left >= 0, new_id[np.maximum(left, 0)], -1)
    trees = []
    for t in range(n_roots):
        idx = order[starts[t]:starts[t] + counts[t]]
        trees.append(Tree(feature[idx], threshold[idx], left_new[idx], value[idx], impurity[idx],
                          n[idx], w[idx], depth[idx], mleft[idx]))
    return trees, new_id[leaf_of_row]
