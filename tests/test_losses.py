"""The losses' four pieces, checked against hand-computed numbers and independent references."""

import numpy as np
import pytest

from algorithms.losses import (AbsoluteError, BinomialLogLoss, ExponentialLoss, HuberLoss,
                               MultinomialLogLoss, QuantileLoss, SquaredError,
                               grouped_weighted_percentile, make_loss, weighted_percentile)

rng = np.random.default_rng(0)


def _numeric_grad(loss, y, g, h=1e-6):
    """Central difference of the per-sample loss, one score column at a time."""
    out = np.empty_like(g)
    for k in range(g.shape[1]):
        e = np.zeros_like(g)
        e[:, k] = h
        out[:, k] = (loss.pointwise(y, g + e) - loss.pointwise(y, g - e)) / (2 * h)
    return out


# -------------------------------------------------------------------------------- g_0 = argmin
def test_init_values_by_hand():
    y = np.array([1.0, 2.0, 4.0, 10.0])
    w = np.ones(4)
    assert SquaredError().init_value(y, w)[0] == pytest.approx(17 / 4)
    assert AbsoluteError().init_value(y, w)[0] == pytest.approx(3.0)      # median of 1 2 4 10
    assert QuantileLoss(alpha=0.25).init_value(y, w)[0] == pytest.approx(np.percentile(y, 25))
    yb = np.array([0.0, 1.0, 1.0, 1.0])
    assert BinomialLogLoss().init_value(yb, w)[0] == pytest.approx(np.log(3))          # log-odds
    assert ExponentialLoss().init_value(yb, w)[0] == pytest.approx(0.5 * np.log(3))    # half
    yk = np.array([0, 1, 1, 2, 2, 2])
    g0 = MultinomialLogLoss(n_classes=3).init_value(yk, np.ones(6))
    assert np.allclose(np.exp(g0) / np.exp(g0).sum(), [1 / 6, 2 / 6, 3 / 6])
    assert g0.sum() == pytest.approx(0.0)


@pytest.mark.parametrize("loss", [SquaredError(), AbsoluteError(), QuantileLoss(alpha=0.8),
                                  BinomialLogLoss(), ExponentialLoss()])
def test_init_value_is_the_best_constant(loss):
    y = (rng.random(41) < 0.3).astype(float) if loss.is_classification else rng.normal(size=41)
    w = rng.uniform(0.5, 2.0, size=41)
    c = loss.init_value(y, w)[0]
    best = loss(y, np.full((41, 1), c), w)
    for delta in (-1e-2, -1e-3, 1e-3, 1e-2):
        assert loss(y, np.full((41, 1), c + delta), w) >= best - 1e-12


# -------------------------------------------------------------------------- pseudo-residuals
@pytest.mark.parametrize("loss, half", [
    (SquaredError(), True), (BinomialLogLoss(), True), (ExponentialLoss(), False),
    (MultinomialLogLoss(n_classes=3), False), (AbsoluteError(), False),
    (QuantileLoss(alpha=0.3), False)])
def test_negative_gradient_is_minus_the_derivative(loss, half):
    """r = -dl/dg. The reported squared error and binomial deviance are twice the loss whose
    gradient the trees follow (as in scikit-learn), hence the factor 1/2 there."""
    n = 30
    if isinstance(loss, MultinomialLogLoss):
        y, g = rng.integers(0, 3, n), rng.normal(size=(n, 3))
    elif loss.is_classification:
        y, g = rng.integers(0, 2, n).astype(float), rng.normal(size=(n, 1))
    else:
        y, g = rng.normal(size=n), rng.normal(size=(n, 1))
    num = _numeric_grad(loss, y, g)
    assert np.allclose(loss.negative_gradient(y, g), -(0.5 if half else 1.0) * num, atol=1e-5)


def test_huber_gradient_is_clipped_residual():
    loss = HuberLoss(alpha=0.5)
    y = np.array([0.0, 0.0, 0.0, 0.0])
    g = np.array([[-3.0], [-0.5], [0.2], [4.0]])
    loss.begin_stage(y, g, np.ones(4))
    assert loss.delta == pytest.approx(0.5)   # 50 % quantile of |d| = (0.2, 0.5, 3, 4) -> 0.5
    assert np.allclose(loss.negative_gradient(y, g)[:, 0], [0.5, 0.5, -0.2, -0.5])


def test_exponential_pseudo_residual_carries_adaboost_weights():
    """r = y u with u = exp(-y g): the lecture's example weights are |r|."""
    y01 = np.array([1.0, 0.0, 1.0])
    g = np.array([[0.5], [0.5], [-1.0]])
    r = ExponentialLoss().negative_gradient(y01, g)[:, 0]
    assert np.allclose(r, [np.exp(-0.5), -np.exp(0.5), np.exp(1.0)])


# ------------------------------------------------------------------------- per-leaf line search
def test_leaf_values_by_hand():
    # two leaves: rows 0-2 in leaf 1, rows 3-4 in leaf 2 (node 0 is the root)
    node = np.array([1, 1, 1, 2, 2])
    y = np.array([1.0, 2.0, 6.0, -1.0, 3.0])
    g = np.zeros((5, 1))
    w = np.ones(5)
    sq = SquaredError()
    assert np.allclose(sq.leaf_values(y, g, sq.negative_gradient(y, g), w, node, 3, 0)[1:],
                       [3.0, 1.0])
    ab = AbsoluteError()
    assert np.allclose(ab.leaf_values(y, g, ab.negative_gradient(y, g), w, node, 3, 0)[1:],
                       [2.0, -1.0])   # weighted median, lower middle on even counts
    yb = np.array([1.0, 0.0, 1.0, 0.0, 0.0])
    bl = BinomialLogLoss()
    # p = 0.5 everywhere: Newton step = sum(y - 0.5) / (n * 0.25)
    vals = bl.leaf_values(yb, g, bl.negative_gradient(yb, g), w, node, 3, 0)
    assert np.allclose(vals[1:], [0.5 / 0.75, -1.0 / 0.5])
    ex = ExponentialLoss()
    # at g = 0 the Newton step is (W+ - W-) / (W+ + W-)
    vals = ex.leaf_values(yb, g, ex.negative_gradient(yb, g), w, node, 3, 0)
    assert np.allclose(vals[1:], [1 / 3, -1.0])


@pytest.mark.parametrize("loss", [AbsoluteError(), QuantileLoss(alpha=0.9), QuantileLoss(0.2)])
def test_quantile_leaf_values_are_exact_line_searches(loss):
    n = 60
    node = rng.integers(1, 4, n)
    y, g, w = rng.normal(size=n), rng.normal(size=(n, 1)), rng.uniform(0.1, 3, n)
    vals = loss.leaf_values(y, g, loss.negative_gradient(y, g), w, node, 4, 0)
    for j in (1, 2, 3):
        m = node == j
        # candidate minimisers of a piecewise-linear convex function: its kinks
        cands = (y - g[:, 0])[m]
        obj = [np.sum(w[m] * loss.pointwise(y[m], g[m] + c)) for c in cands]
        assert np.sum(w[m] * loss.pointwise(y[m], g[m] + vals[j])) == pytest.approx(min(obj))


def test_huber_leaf_value_is_friedmans_formula():
    loss = HuberLoss(alpha=0.9)
    loss.delta = 1.0
    d = np.array([0.0, 0.5, 1.0, 5.0])        # residuals in one leaf; median (lower) = 0.5
    vals = loss.leaf_values(d, np.zeros((4, 1)), None, np.ones(4), np.ones(4, dtype=int), 2, 0)
    # 0.5 + mean(sign(d - 0.5) * min(1, |d - 0.5|)) = 0.5 + (-0.5 + 0 + 0.5 + 1) / 4
    assert vals[1] == pytest.approx(0.75)


def test_multinomial_leaf_value_has_friedmans_factor():
    loss = MultinomialLogLoss(n_classes=3)
    y = np.array([0, 1, 2, 0])
    g = np.zeros((4, 3))
    r = loss.negative_gradient(y, g)          # p = 1/3 everywhere
    vals = loss.leaf_values(y, g, r, np.ones(4), np.ones(4, dtype=int), 2, 0)
    # (K-1)/K * sum(y0 - 1/3) / sum(p (1-p)) = 2/3 * (2 - 4/3) / (4 * 2/9)
    assert vals[1] == pytest.approx(2 / 3 * (2 / 3) / (8 / 9))


# ----------------------------------------------------------------------- per-stage line search
def test_exponential_line_search_matches_lecture_table():
    """The lecture's toy: eps_1 = 0.3 -> alpha_1 = ln sqrt(0.7/0.3) = 0.424."""
    y01 = np.array([1.0] * 5 + [0.0] * 5)
    f = np.where(y01 == 1, 1.0, -1.0)
    f[[0, 1, 5]] *= -1                          # three of ten misclassified
    alpha = ExponentialLoss().line_search(y01, np.zeros((10, 1)), f, np.ones(10))
    assert alpha == pytest.approx(0.5 * np.log(0.7 / 0.3))
    assert round(alpha, 3) == 0.424


@pytest.mark.parametrize("loss", [SquaredError(), AbsoluteError(), BinomialLogLoss(),
                                  ExponentialLoss(), MultinomialLogLoss(n_classes=3)])
def test_line_search_minimises_the_stage_loss(loss):
    n = 50
    if isinstance(loss, MultinomialLogLoss):
        y, g, f = rng.integers(0, 3, n), rng.normal(size=(n, 3)), rng.normal(size=(n, 3))
    elif loss.is_classification:
        y, g, f = rng.integers(0, 2, n).astype(float), rng.normal(size=(n, 1)), rng.normal(size=n)
    else:
        y, g, f = rng.normal(size=n), rng.normal(size=(n, 1)), rng.normal(size=n)
    w = rng.uniform(0.5, 2, n)
    a = loss.line_search(y, g, f, w)
    f2 = f.reshape(g.shape)
    best = loss(y, g + a * f2, w)
    for delta in (-1e-3, 1e-3, -0.1, 0.1):
        assert loss(y, g + (a + delta) * f2, w) >= best - 1e-10


# ------------------------------------------------------------------------------- percentiles
def test_weighted_percentile_matches_numpy_inverted_cdf():
    x = rng.normal(size=37)
    for q in (0.1, 0.5, 0.9):
        assert weighted_percentile(x, np.ones(37), q) == pytest.approx(
            np.quantile(x, q, method="inverted_cdf"))


def test_grouped_percentile_integer_weights_equal_repeats():
    x = rng.integers(0, 20, 40).astype(float)
    w = rng.integers(1, 4, 40).astype(float)
    groups = rng.integers(0, 3, 40)
    got = grouped_weighted_percentile(x, w, groups, 3, 0.7)
    for j in range(3):
        rep = np.repeat(x[groups == j], w[groups == j].astype(int))
        assert got[j] == np.quantile(rep, 0.7, method="inverted_cdf")


def test_make_loss_rejects_exponential_multiclass_and_unknown():
    with pytest.raises(ValueError, match="exponential.*3 classes"):
        make_loss("exponential", n_classes=3)
    with pytest.raises(ValueError, match="Unknown loss"):
        make_loss("hinge")
