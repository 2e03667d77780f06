r"""Smaller trees from a grown one: best-first growth (``max_leaf_nodes``) and cost-complexity
pruning (``ccp_alpha``), both as a choice of which nodes to keep.

**Best first.** A node's best split depends only on its own rows, so the tree grown best-first
with at most L leaves is a subtree of the tree grown level by level: starting from the root,
split the leaf whose split lowers the weighted impurity most, $W_t I_t - W_l I_l - W_r I_r$, until
there are L leaves (scikit-learn's ``BestFirstTreeBuilder``).

**Cost-complexity pruning** (Breiman et al. 1984, ch. 3; the lecture's "a simpler tree that fits
almost as well"). With $R(t) = \frac{W_t}{W} I_t$ the share of impurity a node would have as a
leaf and $R(T_t)$ the sum over the leaves of its branch, collapsing the branch costs
$R(t) - R(T_t)$ and saves $|T_t| - 1$ leaves: its *effective alpha* is
$$\alpha_{\mathrm{eff}}(t) = \frac{R(t) - R(T_t)}{|T_t| - 1}.$$
Weakest-link pruning collapses the branch of smallest $\alpha_{\mathrm{eff}}$, again and again; the
alphas met on the way are the pruning path, and ``ccp_alpha`` keeps the largest subtree whose
next collapse would cost more than ``ccp_alpha`` per leaf. Ties go to the node scikit-learn's
depth-first numbering meets first, so the path is scikit-learn's.
"""

from __future__ import annotations

import heapq

import numpy as np

from ._tree_structure import Tree


def best_first_nodes(tree: Tree, max_leaf_nodes: int) -> np.ndarray:
    """Mask of the nodes kept by best-first growth with at most ``max_leaf_nodes`` leaves."""
    keep = np.zeros(tree.node_count, dtype=bool)
    keep[0] = True
    gain = tree.improvement()
    frontier = [(-gain[0], 0)] if tree.left[0] >= 0 else []
    leaves = 1
    while frontier and leaves < max_leaf_nodes:
        _, node = heapq.heappop(frontier)
        for child in (tree.left[node], tree.right[node]):
            keep[child] = True
            if tree.left[child] >= 0:
                heapq.heappush(frontier, (-gain[child], child))
        leaves += 1
    return keep


def _preorder(tree: Tree):
    """Depth-first preorder rank of every node (scikit-learn's numbering) and each node's
    number of descendants (its branch is the next that many nodes in preorder)."""
    n = tree.node_count
    rank = np.empty(n, dtype=np.int64)
    order = np.empty(n, dtype=np.int64)
    stack = [0]
    i = 0
    left, right = tree.left.tolist(), tree.right.tolist()
    while stack:
        node = stack.pop()
        rank[node] = i
        order[i] = node
        i += 1
        if left[node] >= 0:
            stack.append(right[node])
            stack.append(left[node])
    size = np.ones(n, dtype=np.int64)                  # nodes in each branch, itself included
    for node in range(n - 1, -1, -1):                  # children have larger ids (level order)
        if left[node] >= 0:
            size[node] += size[left[node]] + size[right[node]]
    return rank, order, size - 1


def weakest_link_pruning(tree: Tree, ccp_alpha: float | None = None):
    """Prune weakest links until the next one costs more than ``ccp_alpha`` (None: prune down to
    the root). Returns ``(keep, alphas, impurities)``: the kept nodes and the path so far
    (``alphas[0] = 0`` and ``impurities[0]`` = the full tree's total leaf impurity)."""
    n = tree.node_count
    w, imp = tree.weighted_n_node_samples, tree.impurity
    r_node = w * imp / w[0]
    left, right = tree.left, tree.right
    parent = np.full(n, -1)
    inner = np.flatnonzero(left >= 0)
    parent[left[inner]] = inner
    parent[right[inner]] = inner
    # leaves under each node and their total R, children before parents (level order)
    n_leaves = np.where(left < 0, 1, 0)
    r_branch = np.where(left < 0, r_node, 0.0)
    for node in inner[::-1]:
        n_leaves[node] = n_leaves[left[node]] + n_leaves[right[node]]
        r_branch[node] = r_branch[left[node]] + r_branch[right[node]]
    rank, order, n_desc = _preorder(tree)
    in_subtree = np.ones(n, dtype=bool)
    candidate = left >= 0
    alphas, impurities = [0.0], [float(r_branch[0])]
    # work in preorder so that argmin's first hit is scikit-learn's first node
    r_node_p, cand_p = r_node[order], candidate[order]
    while cand_p[0]:
        with np.errstate(divide="ignore", invalid="ignore"):
            eff = (r_node_p - r_branch[order]) / (n_leaves[order] - 1)
        eff = np.where(cand_p, eff, np.inf)
        at = int(np.argmin(eff))
        alpha = float(eff[at])
        if ccp_alpha is not None and ccp_alpha < alpha:
            break
        node = int(order[at])
        branch = slice(at + 1, at + 1 + n_desc[node])  # its descendants leave the subtree
        in_subtree[order[branch]] = False
        cand_p[branch] = False
        cand_p[at] = False
        pruned = n_leaves[node] - 1
        diff = r_node[node] - r_branch[node]
        n_leaves[node], r_branch[node] = 1, r_node[node]
        up = parent[node]
        while up >= 0:
            n_leaves[up] -= pruned
            r_branch[up] += diff
            up = parent[up]
        alphas.append(alpha)
        impurities.append(float(r_branch[0]))
    return in_subtree, np.array(alphas), np.array(impurities)


class PruningPath(dict):
    """``ccp_alphas`` and ``impurities`` of the pruning path, as keys and as attributes (the way
    scikit-learn's ``Bunch`` reads)."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None
