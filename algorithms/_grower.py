r"""Grow decision trees level by level on binned data, many trees at once if asked.

Every row carries a few *channels* of statistics (for classification the weight of each class,
``w * onehot(y)``; for regression ``(w, w y)``). A split "bin <= b goes left" of node i on feature j
is scored from the sums of those channels on each side, and those sums are prefix sums over a
histogram indexed by (node, feature, bin). One ``np.bincount`` per channel builds the histograms of
*all* nodes of a level at once; ``np.cumsum`` over the bins gives every candidate split's left
statistics; right = node total - left. No Python loop runs over rows or thresholds.

Split score (larger is better, the parent's score is subtracted to get the impurity decrease):

* Gini:     $\mathrm{score}(S) = \sum_c S_c^2 / W$  (so $W\,\mathrm{gini} = W - \mathrm{score}$)
* entropy:  $\mathrm{score}(S) = \sum_c S_c \ln S_c - W \ln W$  (so $W\,H = -\mathrm{score}$)
* squared error: $\mathrm{score}(W, S) = S^2 / W$  (so $\sum w (y - \bar y)^2 = \sum w y^2 - \mathrm{score}$)

Deep levels hold many nodes with few rows each; there a dense (node, feature, bin) histogram would be
mostly zeros, so rows are sorted by (node, feature, bin) instead and the prefix sums run over the
sorted rows. A forest is grown in one pass: its rows are (tree, sample) pairs, each tree a root.
Boosting's trees (histogram subtraction, every feature at every split) take a leaner loop,
``_grow_subtracting``, with the same arithmetic and so the same trees; a depth-1 tree takes
``_grow_stump``.

Ties between equally good splits go to the lower feature index, then the lower threshold.
"""

from __future__ import annotations

import numpy as np

from ._tree_structure import Tree

_TIE = 1e-10          # relative tolerance under which two split gains count as equal
_DENSE_FACTOR = 1.5   # dense histograms while cells <= _DENSE_FACTOR * (row, feature) pairs
_MAX_CELLS = 2_000_000  # histogram cells per channel built at once (memory bound)


class _RowStats:
    """Per-row statistics of the active rows: class index + weight (classification), or channels."""

    __slots__ = ("C", "cls", "w", "ch", "unit")

    def __init__(self, C, cls=None, w=None, ch=None, unit=False):
        self.C, self.cls, self.w, self.ch = C, cls, w, ch
        self.unit = unit   # regression with every weight 1: the weight channel is the row count

    @classmethod
    def from_channels(cls_, channels, criterion):
        C = channels.shape[1]
        if criterion == "squared_error":
            return cls_(C, ch=channels, unit=bool(np.all(channels[:, 0] == 1.0)))
        nz = channels > 0
        if (nz.sum(axis=1) <= 1).all():  # one class per row: keep (class, weight)
            return cls_(C, cls=channels.argmax(axis=1), w=channels.sum(axis=1))
        return cls_(C, ch=channels)

    def take(self, idx):
        if self.cls is not None:
            return _RowStats(self.C, cls=self.cls[idx], w=self.w[idx])
        return _RowStats(self.C, ch=self.ch[idx], unit=self.unit)

    def channels(self):
        if self.ch is not None:
            return self.ch
        out = np.zeros((self.cls.shape[0], self.C))
        out[np.arange(self.cls.shape[0]), self.cls] = self.w
        return out

    def node_sums(self, node_of, m):
        """(m, C) channel sums per node."""
        if self.cls is not None:
            return np.bincount(node_of * self.C + self.cls, weights=self.w,
                               minlength=m * self.C).reshape(m, self.C)
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
def _weight(S: np.ndarray, criterion: str) -> np.ndarray:
    return S[0] if criterion == "squared_error" else S.sum(axis=0)


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


# --------------------------------------------------------------------------------------------------
# Best split of every node of a level.
# --------------------------------------------------------------------------------------------------
def _histograms(bins_t, node_of, rs, m, k, B, with_counts):
    """(C [+1 counts], m, k, B) sums of each channel per (node, slot, bin).

    One ``np.bincount`` per slot: for classification the class index rides in the key
    (node, bin, class) with the row weight as the bincount weight, so all class channels come out
    of a single pass.
    """
    C = rs.C
    hist = np.empty((C + with_counts, m, k, B))
    base_node = node_of * B if m > 1 else None
    for j in range(k):
        # (intp: a uint8 key times C would wrap around)
        base = bins_t[j].astype(np.intp) if base_node is None else base_node + bins_t[j]
        if rs.cls is not None:
            h = np.bincount(base * C + rs.cls, weights=rs.w, minlength=m * B * C)
            hist[:C, :, j, :] = h.reshape(m, B, C).transpose(2, 0, 1)
        elif rs.unit:   # unit weights: the weight channel is the count (a cheaper bincount)
            hist[0, :, j, :] = np.bincount(base, minlength=m * B).reshape(m, B)
            for c in range(1, C):
                hist[c, :, j, :] = np.bincount(base, weights=rs.ch[:, c],
                                               minlength=m * B).reshape(m, B)
            if with_counts:
                hist[C, :, j, :] = hist[0, :, j, :]
            continue
        else:
            for c in range(C):
                hist[c, :, j, :] = np.bincount(base, weights=rs.ch[:, c],
                                               minlength=m * B).reshape(m, B)
        if with_counts:
            hist[C, :, j, :] = np.bincount(base, minlength=m * B).reshape(m, B)
    return hist


def _best_from_histograms(hist, C, m, k, B, criterion, min_leaf, parent_score, W_node):
    """Best split per node from dense histograms, evaluating only after non-empty bins.

    A split after an empty bin separates the rows exactly as the split after the previous non-empty
    bin does, so only non-empty bins are candidates (and the earlier, lower threshold wins ties).
    """
    Ct = hist.shape[0]
    flat = hist.reshape(Ct, m * k * B)
    W_bin = flat[0] if criterion == "squared_error" else _channel_sum(flat[:C])
    nonempty = W_bin > 0
    n_nz = int(np.count_nonzero(nonempty))
    if n_nz == 0:
        return np.full(m, -np.inf), np.zeros(m, dtype=np.int64), np.zeros(m, dtype=np.int64)
    if min_leaf == 1:      # counts (kept for subtraction) are not needed to score splits
        Ct = C
    cum = np.cumsum(hist[:Ct].reshape(Ct, m * k, B), axis=2)
    if n_nz * 4 >= m * k * B:
        # mostly non-empty (shallow levels): evaluate every cell in place, no gathers
        right = cum[:, :, -1:] - cum
        with np.errstate(divide="ignore", invalid="ignore"):
            gain = _score_unchecked(cum[:C], criterion)
            gain += _score_unchecked(right[:C], criterion)
        # An empty side makes the gain nan (0 / 0), and fmax skips nans; a split after an empty
        # bin repeats the previous bin's gain exactly, so the first (lower) threshold still wins.
        if min_leaf > 1 or criterion == "entropy":
            W_right = right[0] if criterion == "squared_error" else _channel_sum(right[:C])
            valid = (W_right > 0) & nonempty.reshape(m * k, B)
            if min_leaf > 1:
                valid &= (cum[C] >= min_leaf) & (right[C] >= min_leaf)
            gain = np.where(valid, gain, -np.inf)
        gain = gain.reshape(m, k * B)
        best = np.fmax.reduce(gain, axis=1)
        tol = _TIE * (np.abs(parent_score) + W_node)
        first = np.argmax(gain >= (best - tol)[:, None], axis=1)
        return (best - parent_score, *np.divmod(first, B))
    nz = np.flatnonzero(nonempty)
    cum = cum.reshape(Ct, -1)
    last = (nz // B) * B + (B - 1)
    left = [cum[c].take(nz) for c in range(Ct)]          # 1-D takes, channel by channel
    right = [cum[c].take(last) - left[c] for c in range(Ct)]
    gain = _score(left[:C], criterion) + _score(right[:C], criterion)   # nan if a side is empty
    if min_leaf > 1 or criterion == "entropy":
        W_right = right[0] if criterion == "squared_error" else _channel_sum(right[:C])
        valid = W_right > 0
        if min_leaf > 1:
            valid &= (left[C] >= min_leaf) & (right[C] >= min_leaf)
        gain = np.where(valid, gain, -np.inf)
    return _pick(gain, nz // (k * B), nz, m, k, B, parent_score, W_node)


def _pick(gain, node_c, pos_key, m, k, B, parent_score, W_node):
    """Per node: the best gain, and among gains within tolerance of it the first candidate.

    Candidates arrive sorted by (node, slot, bin), so "first" means lower feature, then lower
    threshold: the documented tie-break.
    """
    node_start = np.flatnonzero(np.r_[True, node_c[1:] != node_c[:-1]])
    present = node_c[node_start]
    best = np.full(m, -np.inf)
    best[present] = np.fmax.reduceat(gain, node_start)   # fmax: nan (empty side) never wins
    tol = _TIE * (np.abs(parent_score) + W_node)
    ok = gain >= (best - tol)[node_c]
    idx = np.where(ok, np.arange(gain.size), gain.size)
    first = np.minimum(np.minimum.reduceat(idx, node_start), gain.size - 1)
    choice = np.zeros(m, dtype=np.int64)
    choice[present] = pos_key[first]
    return best - parent_score, (choice // B) % k, choice % B


def _best_sparse(bins_t, node_of, rs, m, k, B, criterion, min_leaf, parent_score, W_node):
    """Rows sorted by (node, bin), slot by slot; prefix sums over the sorted rows; best per node.

    Only positions where the bin changes inside a node are candidate splits, so gains are computed
    there alone. Rows arrive grouped by node, which keeps the stable sort cheap. Keys pack
    (node, bin) as ``node << 8 | bin`` (bins are uint8).
    """
    node_key = node_of.astype(np.uint32 if m < 2**24 else np.int64) << 8
    cols = rs.columns()                                  # C per-row channel columns
    N = node_key.shape[0]
    gains = np.full((k, m), -np.inf)
    bins_best = np.zeros((k, m), dtype=np.int64)
    new_node = np.empty(N, dtype=bool)
    new_node[0] = True
    for j in range(k):
        key = node_key | bins_t[j]
        order = np.argsort(key, kind="stable")
        sk = key[order]
        node_s = sk >> 8
        np.not_equal(node_s[1:], node_s[:-1], out=new_node[1:])
        cand = np.flatnonzero((sk[1:] != sk[:-1]) & ~new_node[1:])   # split after position p
        if cand.size == 0:
            continue
        starts = np.flatnonzero(new_node)
        ends = np.append(starts[1:], N) - 1
        seg = (np.cumsum(new_node) - 1)[cand]
        left, right = [], []
        for col in cols:        # channel by channel: 1-D takes are much faster than 2-D gathers
            cs = np.cumsum(col[order])
            before = cs[starts - 1]
            before[0] = 0.0                                  # starts[0] == 0
            left.append(cs.take(cand) - before.take(seg))
            right.append((cs.take(ends) - before).take(seg) - left[-1])
        gain = _score(left, criterion) + _score(right, criterion)
        if min_leaf > 1:
            n_left = cand - starts[seg] + 1
            n_right = ends[seg] - cand
            gain = np.where((n_left >= min_leaf) & (n_right >= min_leaf), gain, -np.inf)
        g, _, b = _pick(gain, node_s[cand].astype(np.int64), sk[cand].astype(np.int64), m, 1, 256,
                        np.zeros(m), W_node + np.abs(parent_score))
        gains[j], bins_best[j] = g, b
    best = gains.max(axis=0)
    tol = _TIE * (np.abs(parent_score) + W_node)
    slot = np.argmax(gains >= best - tol, axis=0)
    return best - parent_score, slot, bins_best[slot, np.arange(m)]


def _best_splits(Xb, Xb_t, xrow, node_of, rs, m, feat_sel, n_bins, criterion, min_leaf,
                 parent_score, W_node, hist_cache=None, hist_given=None):
    # Histograms kept for subtraction carry a count channel: counts subtract exactly, which
    # tells a truly empty bin from one holding the rounding residue of a subtraction.
    """Best (gain, feature, bin) of each of the m nodes, given each node's candidate features."""
    k = Xb.shape[1] if feat_sel is None else feat_sel.shape[1]
    C = rs.C
    with_counts = min_leaf > 1 or hist_cache is not None
    if hist_given is not None:
        hist = hist_given
        if hist_cache is not None:
            hist_cache.append(hist)
        gain, slot, bin_ = _best_from_histograms(hist, C, m, k, n_bins, criterion, min_leaf,
                                                 parent_score, W_node)
    else:
        # bin codes slot-major, (k, rows): each slot's column is contiguous for its bincount/sort.
        # All features: columns of the transposed codes (no copy at all when every row is in, in
        # order: xrow None); drawn features: a flat take (twice as fast as 2-D fancy indexing).
        if feat_sel is None:
            bins = Xb_t if xrow is None else Xb_t[:, xrow]
        else:
            xrow = np.arange(len(node_of)) if xrow is None else xrow
            bins = Xb.ravel().take(xrow[None, :] * Xb.shape[1] + feat_sel[node_of].T)
        cells = m * k * n_bins
        if cells <= _DENSE_FACTOR * max(len(node_of) * k, 1 << 14):
            chunk = max(1, _MAX_CELLS // (k * n_bins))
            if m <= chunk:
                hist = _histograms(bins, node_of, rs, m, k, n_bins, with_counts)
                if hist_cache is not None:
                    hist_cache.append(hist)
                gain, slot, bin_ = _best_from_histograms(hist, C, m, k, n_bins, criterion,
                                                         min_leaf, parent_score, W_node)
            else:  # bound memory: nodes in chunks
                if hist_cache is not None:
                    hist_cache.append(None)
                gain = np.full(m, -np.inf)
                slot = np.zeros(m, dtype=np.int64)
                bin_ = np.zeros(m, dtype=np.int64)
                for lo in range(0, m, chunk):
                    hi = min(m, lo + chunk)
                    r = (node_of >= lo) & (node_of < hi)
                    hist = _histograms(bins[:, r], node_of[r] - lo, rs.take(r), hi - lo, k, n_bins,
                                       with_counts)
                    gain[lo:hi], slot[lo:hi], bin_[lo:hi] = _best_from_histograms(
                        hist, C, hi - lo, k, n_bins, criterion, min_leaf, parent_score[lo:hi],
                        W_node[lo:hi])
        else:
            if hist_cache is not None:
                hist_cache.append(None)
            gain, slot, bin_ = _best_sparse(bins, node_of, rs, m, k, n_bins, criterion, min_leaf,
                                            parent_score, W_node)
    feature = slot if feat_sel is None else feat_sel[np.arange(m), slot]
    return gain, feature, bin_


def _draw_features(rng, m, d, k):
    """k distinct features per node, sorted so ties still go to the lower feature index."""
    return np.sort(np.argsort(rng.random((m, d)), axis=1)[:, :k], axis=1)


# --------------------------------------------------------------------------------------------------
def grow(Xb, thresholds, channels, criterion, *, max_depth=None, min_samples_split=2,
         min_samples_leaf=1, max_features=None, rng=None, rows=None, roots=None, n_roots=1,
         subtract_histograms=False, Xb_t=None):
    """Grow ``n_roots`` trees level-wise. Returns ``(trees, leaf_of_row)``.

    ``channels`` (n_rows, C): per-row statistics (positive weights only). ``rows`` maps each channel
    row to a row of ``Xb`` (default: the identity). ``roots`` gives each row's tree (default 0).
    ``max_features`` is the number of features drawn afresh at every split (None = all).
    ``subtract_histograms`` builds only the smaller child's histogram and gets its sibling as
    parent - child (worth it for boosting, whose trees see every feature at every split).
    ``Xb_t`` is ``Xb`` transposed and C-contiguous (a booster passes it once for all its stages).
    """
    channels = np.asarray(channels, dtype=np.float64)
    R, C = channels.shape
    stats = _RowStats.from_channels(channels, criterion)
    d = Xb.shape[1]
    if (max_depth == 1 and n_roots == 1 and (max_features is None or max_features >= d)
            and R > 0):
        return _grow_stump(Xb, thresholds, channels, stats, criterion, min_samples_split,
                           max(int(min_samples_leaf), 1), rows, Xb_t)
    xrow_all = np.arange(R) if rows is None else np.asarray(rows, dtype=np.int64)
    root_all = np.zeros(R, dtype=np.int64) if roots is None else np.asarray(roots, dtype=np.int64)
    n_bins = int(max(len(t) for t in thresholds)) + 1 if len(thresholds) else 1
    max_depth = np.iinfo(np.int64).max if max_depth is None else int(max_depth)
    min_leaf = max(int(min_samples_leaf), 1)
    if max_features is not None and max_features >= d:
        max_features = None
    use_subtraction = subtract_histograms and max_features is None
    if max_features is None and Xb_t is None:
        Xb_t = np.ascontiguousarray(Xb.T)
    sq_all = None
    if criterion == "squared_error":
        with np.errstate(divide="ignore", invalid="ignore"):
            sq_all = np.where(channels[:, 0] > 0, channels[:, 1] ** 2 / channels[:, 0], 0.0)
    if use_subtraction and stats.ch is not None and R > 0:
        return _grow_subtracting(Xb, Xb_t, thresholds, stats, sq_all, criterion, max_depth,
                                 min_samples_split, min_leaf, None if rows is None else xrow_all,
                                 root_all, n_roots, n_bins)

    # per-node records, appended level by level
    rec = {k: [] for k in ("feature", "bin", "left", "value", "impurity", "n", "w", "depth", "tree")}
    leaf_of_row = np.empty(R, dtype=np.int64)   # global node id for now

    act = np.arange(R)
    node_of = root_all.copy()
    gid = np.arange(n_roots)
    tree_of_node = np.arange(n_roots)
    next_id = n_roots
    depth = 0
    prev_hist = None       # (C+1, m', d, B) histograms of this level's nodes `hist_nodes`
    hist_nodes = None
    pair_small = None      # for each child pair, which child (0/1) was the smaller one

    while act.size:
        m = gid.size
        # act is every row in order at level 0, and stays so in subtraction mode (rows are never
        # regrouped there) until a leaf retires some: then no gather is needed
        identity = depth == 0 or (use_subtraction and act.size == R)
        rs = stats if identity else stats.take(act)
        S = rs.node_sums(node_of, m)
        n_node = np.bincount(node_of, minlength=m)
        sq = None if sq_all is None else np.bincount(
            node_of, weights=sq_all if identity else sq_all[act], minlength=m)
        value, impurity = _node_value_impurity(S, sq, criterion)
        W_node = _weight(S.T, criterion)
        parent_score = _score(S.T, criterion)

        can_split = (n_node >= max(min_samples_split, 2 * min_leaf)) & (depth < max_depth)
        if criterion == "squared_error":
            can_split &= impurity > 1e-14 * np.maximum(np.abs(value[:, 0]) ** 2, 1.0)
        else:
            can_split &= value.max(axis=1) < 1.0 - 1e-12

        feature = np.full(m, -1)
        bin_ = np.zeros(m, dtype=np.int64)
        if can_split.any():
            hist_given = None
            if use_subtraction and prev_hist is not None:
                hist_given = _children_hist(Xb_t, xrow_all if identity else xrow_all[act], node_of,
                                            rs, m, n_bins,
                                            prev_hist,
                                            pair_small, criterion)
                prev_hist = None
            sel = can_split[node_of] if hist_given is None else np.ones(act.size, dtype=bool)
            sub_nodes = np.flatnonzero(can_split) if hist_given is None else np.arange(m)
            local = np.full(m, -1)
            local[sub_nodes] = np.arange(sub_nodes.size)
            feat_sel = None
            if max_features is not None:
                feat_sel = _draw_features(rng, sub_nodes.size, d, max_features)
            cache = [] if use_subtraction else None
            everyone = sub_nodes.size == m
            rs_sel = rs if everyone else rs.take(sel)
            if everyone:
                xrow_sel = (None if rows is None else xrow_all) if identity else xrow_all[act]
            else:
                xrow_sel = xrow_all[act[sel]]
            node_sel = local[node_of] if everyone else local[node_of[sel]]
            gain, feat, b = _best_splits(
                Xb, Xb_t, xrow_sel, node_sel, rs_sel, sub_nodes.size, feat_sel,
                n_bins, criterion, min_leaf, parent_score[sub_nodes], W_node[sub_nodes],
                hist_cache=cache, hist_given=hist_given)
            if hist_given is not None:  # gains of nodes that may not split are discarded below
                gain = np.where(can_split, gain, -np.inf)
            ok = np.isfinite(gain)
            if max_features is not None:
                # As in CART, keep looking past the drawn features when none of them can split.
                retry = np.flatnonzero(~ok)
                if retry.size:
                    xrow_retry = xrow_all[act] if xrow_sel is None else xrow_sel
                    gain, feat, b = _retry_other_features(
                        Xb, xrow_retry, node_sel, rs_sel, retry, feat_sel, d,
                        n_bins, criterion, min_leaf, parent_score[sub_nodes], W_node[sub_nodes],
                        gain, feat, b)
                    ok = np.isfinite(gain)
            feature[sub_nodes[ok]] = feat[ok]
            bin_[sub_nodes[ok]] = b[ok]
            if use_subtraction:
                prev_hist = cache[0] if cache else None
                hist_nodes = sub_nodes
        split = feature >= 0
        n_split = int(split.sum())
        left = np.full(m, -1)
        left[split] = next_id + 2 * np.arange(n_split)

        rec["feature"].append(feature)
        rec["bin"].append(bin_)
        rec["left"].append(left)
        rec["value"].append(value)
        rec["impurity"].append(impurity)
        rec["n"].append(n_node)
        rec["w"].append(W_node)
        rec["depth"].append(np.full(m, depth))
        rec["tree"].append(tree_of_node)

        # rows of leaves are done; rows of split nodes move to a child
        row_split = split[node_of]
        done = ~row_split
        leaf_of_row[act[done]] = gid[node_of[done]]
        if n_split == 0:
            break
        act, node_of = act[row_split], node_of[row_split]
        rank = np.cumsum(split) - 1
        f_row = feature[node_of]
        still_identity = identity and act.size == R     # no row retired at this level
        go_right = Xb[xrow_all if still_identity else xrow_all[act], f_row] > bin_[node_of]
        new_node = 2 * rank[node_of] + go_right
        if use_subtraction and prev_hist is not None:
            lookup = np.full(m, -1)
            lookup[hist_nodes] = np.arange(hist_nodes.size)
            idx = lookup[np.flatnonzero(split)]
            prev_hist = prev_hist[:, idx] if (idx >= 0).all() else None
            counts = np.bincount(new_node, minlength=2 * n_split).reshape(n_split, 2)
            pair_small = (counts[:, 1] < counts[:, 0]).astype(np.int64)
        else:
            prev_hist = None
        if use_subtraction:   # dense histograms throughout: row order does not matter
            node_of = new_node
        else:                 # rows grouped by node keep the sparse path's sorts cheap
            regroup = np.argsort(new_node, kind="stable")
            act, node_of = act[regroup], new_node[regroup]
        gid = (left[split][:, None] + np.arange(2)).ravel()   # each split node's two children
        tree_of_node = np.repeat(tree_of_node[split], 2)
        next_id += 2 * n_split
        depth += 1

    return _assemble(rec, thresholds, leaf_of_row, root_all, n_roots)


def _grow_subtracting(Xb, Xb_t, thresholds, stats, sq_all, criterion, max_depth,
                      min_samples_split, min_leaf, rows, root_all, n_roots, n_bins):
    r"""``grow`` with histogram subtraction (boosting: every feature at every split), lean.

    The same levels, decisions and arithmetic as the general loop (so the same trees, bit for bit),
    with less bookkeeping per level, which is most of the cost of a shallow boosting tree:

    * rows never leave the arrays: each keeps its global node id (a finished row keeps its leaf's).
      Nodes are numbered level by level, so a level's nodes are the ids ``lo..hi-1`` and its sums
      are ``np.bincount`` over all rows sliced to them; a bincount adds each bin's rows in row
      order, which is the order the general loop adds the active rows in. While every node has
      split so far, every row is active and no row selection is needed at all;
    * the rows' bin codes are gathered once per call, not once per level;
    * a level's histograms are one ``np.bincount`` per channel over all features at once
      (key = (node, feature, bin); each bin still receives its rows in row order). Below the root
      only the smaller child of each pair is built; its sibling is parent - child.

    Levels too sparse for dense histograms search their splits through ``_best_splits``, exactly
    as the general loop does.
    """
    R, C = stats.ch.shape
    d = Xb_t.shape[0]
    cols = stats.columns()                               # contiguous per-row channel columns
    codes = Xb_t if rows is None else Xb_t[:, rows]      # (d, R) bin codes of every row
    block = d * n_bins                                   # histogram cells per node
    # every (feature, row)'s cell in a node's block of (feature, bin) histogram cells
    cell = codes + (np.arange(d) * n_bins)[:, None]
    min_split = max(min_samples_split, 2 * min_leaf)
    levels = []       # per level: feature, bin, left, value, impurity, n, w, tree (or None), m
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
            if criterion == "squared_error":
                can_split &= impurity > 1e-14 * np.maximum(np.abs(value[:, 0]) ** 2, 1.0)
            else:
                can_split &= value.max(axis=1) < 1.0 - 1e-12
        else:
            can_split[:] = False
        feature = np.full(m, -1)
        bin_ = np.zeros(m, dtype=np.int64)
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
                gain, feat, b = _best_from_histograms(hist, C, m, d, n_bins, criterion,
                                                      min_leaf, parent_score, W_node)
                ok = can_split & np.isfinite(gain)
                feature[ok], bin_[ok] = feat[ok], b[ok]
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
                    gain, feat, b = _best_from_histograms(hist, C, m_sub, d, n_bins, criterion,
                                                          min_leaf, ps, W_sub)
                else:
                    cache = []
                    gain, feat, b = _best_splits(
                        Xb, Xb_t, rows if n_sel == R else (sel if rows is None else rows[sel]),
                        local[node[sel]], stats if n_sel == R else stats.take(sel), m_sub,
                        None, n_bins, criterion, min_leaf, ps, W_sub, hist_cache=cache)
                    hist = cache[0]
                ok = np.isfinite(gain)
                feature[sub_nodes[ok]], bin_[sub_nodes[ok]] = feat[ok], b[ok]
                hist_nodes = sub_nodes
        split = feature >= 0
        n_split = int(np.count_nonzero(split))
        left = np.full(m, -1)
        left[split] = hi + 2 * np.arange(n_split)
        levels.append((feature, bin_, left, value, impurity, n_node, W_node, tree_of_node, m))
        if n_split == 0:
            break
        # rows of split nodes move to a child: left[i] + (bin > the split's bin)
        if all_active and n_split == m:
            moving = slice(None)
            at = node - lo
            go_right = codes.ravel().take(feature[at] * R + np.arange(R))
        else:
            moves = np.zeros(hi, dtype=bool)
            moves[lo:] = split
            moving = moves[node].nonzero()[0]
            at = node[moving] - lo
            go_right = codes[feature[at], moving]
        node[moving] = left[at] + (go_right > bin_[at])
        all_active &= n_split == m
        if hist is not None:       # the split nodes' histograms are the next level's parents'
            if hist_nodes is not None or n_split < m:
                hist = hist[:, split if hist_nodes is None else split[hist_nodes]]
        if n_roots > 1:
            tree_of_node = np.repeat(tree_of_node[split], 2)
        lo, hi, depth = hi, hi + 2 * n_split, depth + 1
    names = ("feature", "bin", "left", "value", "impurity", "n", "w", "tree")
    rec = {k: [lev[i] for lev in levels] for i, k in enumerate(names)}
    rec["depth"] = [np.repeat(np.arange(len(levels)), [lev[-1] for lev in levels])]
    return _assemble(rec, thresholds, node, root_all, n_roots)


def _stacked_histograms(key, cols, unit, m, k, B):
    """(C + 1 counts, m, k, B) histograms of the rows whose (node, slot, bin) cell is ``key``
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


def _grow_stump(Xb, thresholds, channels, stats, criterion, min_samples_split, min_leaf, rows,
                Xb_t):
    """``grow`` for one tree of depth 1 (AdaBoost's stump), without the level loop's bookkeeping.

    The same steps as the level-wise growth with the same helpers, so the same numbers: root
    sums, the best split from the root's histograms, then the two leaves' sums.
    """
    R = channels.shape[0]
    xrow = None if rows is None else np.asarray(rows, dtype=np.int64)
    n_bins = int(max(len(t) for t in thresholds)) + 1 if len(thresholds) else 1
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
    can_split = n_root[0] >= max(min_samples_split, 2 * min_leaf)
    if criterion == "squared_error":
        can_split &= impurity[0] > 1e-14 * max(abs(value[0, 0]) ** 2, 1.0)
    else:
        can_split &= value[0].max() < 1.0 - 1e-12
    gain = np.array([-np.inf])
    if can_split:
        if Xb_t is None:
            Xb_t = np.ascontiguousarray(Xb.T)
        gain, feat, b = _best_splits(Xb, Xb_t, xrow, zero, stats, 1, None, n_bins, criterion,
                                     min_leaf, _score(S.T, criterion), W_root)
    if not np.isfinite(gain[0]):
        tree = Tree([-1], [np.nan], [-1], value, impurity, n_root, W_root, [0])
        return [tree], zero
    f, b = int(feat[0]), int(b[0])
    go_right = (Xb[:, f] if xrow is None else Xb[xrow, f]) > b
    leaf = go_right.astype(np.int64)
    _, n_leaf, v_leaf, imp_leaf, W_leaf = level(leaf, 2)
    tree = Tree([f, -1, -1], [thresholds[f][b], np.nan, np.nan], [1, -1, -1],
                np.concatenate([value, v_leaf]), np.concatenate([impurity, imp_leaf]),
                np.concatenate([n_root, n_leaf]), np.concatenate([W_root, W_leaf]), [0, 1, 1])
    return [tree], leaf + 1


def _children_hist(Xb_t, xrow, node_of, rs, m, n_bins, parent_hist, pair_small, criterion):
    """Histograms of all children: build the smaller child of each pair, sibling = parent - child."""
    n_pairs = m // 2
    small_child = 2 * np.arange(n_pairs) + pair_small
    is_small = np.zeros(m, dtype=bool)
    is_small[small_child] = True
    rows = is_small[node_of]
    C = rs.C
    small = _histograms(Xb_t[:, xrow[rows]], node_of[rows] // 2, rs.take(rows), n_pairs,
                        Xb_t.shape[0], n_bins, True)
    return _siblings(parent_hist, small, small_child, pair_small, C, criterion)


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


def _retry_other_features(Xb, xrow, node_of, rs, retry, feat_sel, d, n_bins, criterion, min_leaf,
                          parent_score, W_node, gain, feat, b):
    """Nodes whose drawn features allow no split try all remaining features."""
    in_retry = np.zeros(feat_sel.shape[0], dtype=bool)
    in_retry[retry] = True
    rows = in_retry[node_of]
    if not rows.any():
        return gain, feat, b
    local = np.full(feat_sel.shape[0], -1)
    local[retry] = np.arange(retry.size)
    mask = np.ones((retry.size, d), dtype=bool)
    mask[np.arange(retry.size)[:, None], feat_sel[retry]] = False
    k2 = d - feat_sel.shape[1]
    others = np.nonzero(mask)[1].reshape(retry.size, k2)
    g2, f2, b2 = _best_splits(Xb, None, xrow[rows], local[node_of[rows]], rs.take(rows), retry.size, others,
                              n_bins, criterion, min_leaf, parent_score[retry], W_node[retry])
    gain, feat, b = gain.copy(), feat.copy(), b.copy()
    gain[retry], feat[retry], b[retry] = g2, f2, b2
    return gain, feat, b


def _assemble(rec, thresholds, leaf_of_row, root_all, n_roots):
    """Split the level-by-level global records into one ``Tree`` per root, renumbered (with one
    root, ``rec["tree"]`` is not read)."""
    feature = np.concatenate(rec["feature"])
    bin_ = np.concatenate(rec["bin"])
    left = np.concatenate(rec["left"])
    value = np.concatenate(rec["value"])
    impurity = np.concatenate(rec["impurity"])
    n = np.concatenate(rec["n"])
    w = np.concatenate(rec["w"])
    depth = np.concatenate(rec["depth"])
    threshold = np.full(feature.shape[0], np.nan)
    inner = feature >= 0
    if inner.any():
        f_in, b_in = feature[inner], bin_[inner]
        threshold[inner] = [thresholds[f][bb] for f, bb in zip(f_in.tolist(), b_in.tolist())] \
            if f_in.size < 64 else _lookup_thresholds(thresholds, f_in, b_in)
    if n_roots == 1:   # one tree: global ids are already its own
        return [Tree(feature, threshold, left, value, impurity, n, w, depth)], leaf_of_row
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
                          n[idx], w[idx], depth[idx]))
    return trees, new_id[leaf_of_row]


def _lookup_thresholds(thresholds, f, b):
    B = max(len(t) for t in thresholds)
    table = np.full((len(thresholds), max(B, 1)), np.nan)
    for j, t in enumerate(thresholds):
        table[j, :len(t)] = t
    return table[f, b]
