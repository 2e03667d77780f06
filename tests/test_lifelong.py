"""The lifelong-learning engine (algorithms/lifelong): every guard b_i against an independent
computation done one example at a time (the core's one-sample gradients or finite differences),
the carry-over rules against the papers' per-task sums, λ = 0 as fine-tuning step for step, the
recorded penalty against λ Σ b (θ − θᵇ)² at the recorded θ, the metrics by hand, the task
builders, the two-parameter picture's lesson, and bad input refused by name."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from algorithms.lifelong import (Consolidation, LifelongClassifier, Memory, average_accuracy,
                                 backward_transfer, fisher_diagonal, forgetting, importance,
                                 l2_importance, learning_accuracy, mas_importance,
                                 new_task_accuracy,
                                 penalty_ellipse, penalty_value, permuted_tasks, quadratic_loss,
                                 random_directions, rotated_tasks, rotation_matrix,
                                 scp_importance, staged_metrics, train_sequence,
                                 two_parameter_network, two_parameter_paths, two_parameter_tasks)
from algorithms.nn import Network


def small_net(output="softmax", loss="cross_entropy", k=3, seed=0, hidden=(4, 3)):
    net = Network((5, *hidden, k), ["tanh", "relu"][:len(hidden)], output, loss,
                  init="glorot_normal", random_state=seed)
    net.theta += np.random.default_rng(seed).normal(0, 0.3, net.n_parameters)
    return net


def data(n=7, d=5, seed=1):
    return np.random.default_rng(seed).normal(size=(n, d))


def one_sample_gradient(net, x, y):
    """dC/dtheta of one example's cost, from the core's batch gradient on a batch of one."""
    return net.loss_and_gradient(x[None], y[None] if np.ndim(y) else np.array([y]))[1]


def numeric_gradient(f, net, h=1e-6):
    """Central differences of f(net) over every parameter."""
    theta0 = net.get_theta()
    g = np.zeros_like(theta0)
    for i in range(len(theta0)):
        for sign in (1, -1):
            t = theta0.copy()
            t[i] += sign * h
            net.set_theta(t)
            g[i] += sign * f(net) / (2 * h)
    net.set_theta(theta0)
    return g


# ---- the guards, each against the slow obvious computation ------------------------------------

def test_ewc_fisher_is_the_expected_squared_score_over_the_models_own_classes():
    net, X = small_net(), data()
    slow = np.zeros(net.n_parameters)
    for x in X:                                              # one example ...
        p = net.predict(x[None])[0]
        for k in range(3):                                   # ... one class at a time
            g = one_sample_gradient(net, x, np.eye(3)[k])    # -d ln p(k|x)/dtheta
            slow += p[k] * g * g
    np.testing.assert_allclose(fisher_diagonal(net, X), slow / len(X), rtol=1e-10, atol=1e-14)


def test_empirical_fisher_uses_the_true_labels():
    net, X = small_net(), data()
    y = np.array([0, 2, 1, 1, 0, 2, 2])
    slow = np.mean([one_sample_gradient(net, x, np.eye(3)[c]) ** 2 for x, c in zip(X, y)], 0)
    np.testing.assert_allclose(fisher_diagonal(net, X, y, fisher="empirical"), slow, rtol=1e-10)
    assert not np.allclose(fisher_diagonal(net, X), slow)   # not the model's expectation
    # a linear output: the Gaussian's score (f - y) df/dtheta, the squared error's gradient
    net, Y = small_net("linear", "squared_error", k=2), np.random.default_rng(4).normal(size=(7, 2))
    slow = np.mean([one_sample_gradient(net, x, t) ** 2 for x, t in zip(X, Y)], 0)
    np.testing.assert_allclose(fisher_diagonal(net, X, Y, fisher="empirical"), slow, rtol=1e-10)


def test_fisher_of_sigmoid_outputs_sums_over_every_joint_label():
    """Two sigmoid outputs are two Bernoullis: the expectation runs over the 4 joint labels."""
    net, X = small_net("sigmoid", "cross_entropy", k=2), data()
    slow = np.zeros(net.n_parameters)
    for x in X:
        p = net.predict(x[None])[0]
        for labels in itertools.product((0, 1), repeat=2):
            prob = np.prod([p[j] if labels[j] else 1 - p[j] for j in range(2)])
            g = one_sample_gradient(net, x, np.array(labels, float))
            slow += prob * g * g
    np.testing.assert_allclose(fisher_diagonal(net, X), slow / len(X), rtol=1e-9, atol=1e-14)


def test_fisher_of_a_linear_output_is_the_squared_output_gradient():
    """y ~ N(f(x), I): F_ii = sum_k (df_k/dtheta_i)^2, the output's gradient by differences."""
    net, X = small_net("linear", "squared_error", k=2), data(n=4)
    slow = np.zeros(net.n_parameters)
    for x in X:
        for k in range(2):
            g = numeric_gradient(lambda nt: nt.predict(x[None])[0, k], net)
            slow += g * g
    np.testing.assert_allclose(fisher_diagonal(net, X), slow / len(X), rtol=1e-5, atol=1e-9)


def test_mas_is_the_mean_absolute_gradient_of_the_squared_output_norm():
    net, X = small_net(), data(n=5)
    slow = np.zeros(net.n_parameters)
    for x in X:                                              # ||z^L(x)||^2 of one example
        g = numeric_gradient(lambda nt: float(np.sum(nt.forward(x[None]).z[-1] ** 2)), net)
        slow += np.abs(g)
    np.testing.assert_allclose(mas_importance(net, X), slow / len(X), rtol=1e-5, atol=1e-8)


def test_scp_averages_the_squared_gradient_of_each_directions_mean_projection():
    net, X = small_net(k=4), data(n=6)
    L = 7
    xi = random_directions(4, L, np.random.default_rng(3))
    slow = np.zeros(net.n_parameters)
    for direction in xi:                                     # one direction at a time ...
        g = np.zeros(net.n_parameters)
        for x in X:                                          # ... one example at a time
            g += numeric_gradient(lambda nt: float(nt.forward(x[None]).z[-1][0] @ direction),
                                  net) / len(X)
        slow += g * g / L
    fast = scp_importance(net, X, L, np.random.default_rng(3))
    np.testing.assert_allclose(fast, slow, rtol=1e-5, atol=1e-10)


def test_random_directions_are_unit_vectors_spread_over_the_sphere():
    xi = random_directions(10, 4000, 0)
    np.testing.assert_allclose(np.linalg.norm(xi, axis=1), 1.0)
    assert np.abs(xi.mean(axis=0)).max() < 0.02              # no preferred direction
    np.testing.assert_allclose(xi.T @ xi / 4000, np.eye(10) / 10, atol=0.01)   # isotropic


def test_l2_guards_every_parameter_alike_and_masked_ones_not_at_all():
    net = small_net()
    assert np.array_equal(l2_importance(net), np.ones(net.n_parameters))
    net.set_mask([None, None, None, np.zeros(4), None, None])
    b = importance("l2", net, data())
    assert b[net.unflatten(np.arange(net.n_parameters))[3]].sum() == 0 and b.sum() > 0
    for method in ("ewc", "mas", "scp"):                    # the mask holds for every method
        assert not net.unflatten(importance(method, net, data()))[3].any(), method


def test_guards_are_nonnegative_and_large_batches_are_cut_into_chunks(monkeypatch):
    from algorithms.lifelong import guards as imp
    net, X = small_net(), data(n=50)
    whole = {m: importance(m, net, X, random_state=np.random.default_rng(0))
             for m in ("ewc", "mas", "scp")}
    monkeypatch.setattr(imp, "CHUNK", 7)                      # 50 rows in 8 chunks: same sums
    for m, b in whole.items():
        assert (b >= 0).all() and b.any(), m
        np.testing.assert_allclose(importance(m, net, X, random_state=np.random.default_rng(0)),
                                   b, rtol=1e-12, atol=1e-15)


# ---- carrying theta^b and b over tasks ----------------------------------------------------------

def test_ewc_keeps_one_quadratic_per_task_merged_exactly():
    rng = np.random.default_rng(0)
    net = small_net()
    P, lam = net.n_parameters, 0.7
    mem = Memory("ewc", lam, P)
    F = [rng.uniform(0, 2, P) * (rng.random(P) > 0.2) for _ in range(3)]
    ends = [rng.normal(size=P) for _ in range(3)]
    for f, e in zip(F, ends):
        mem.remember(f, e)
    pen = mem.penalty()
    for _ in range(3):
        net.set_theta(rng.normal(size=P))
        papers = lam * sum(np.sum(f * (net.theta - e) ** 2) for f, e in zip(F, ends))
        assert pen.value(net) == pytest.approx(papers, rel=1e-12)
        grad = 2 * lam * sum(f * (net.theta - e) for f, e in zip(F, ends))
        np.testing.assert_allclose(pen.gradient(net), grad, rtol=1e-10, atol=1e-12)


def test_mas_and_scp_add_up_the_guards_and_anchor_at_the_last_task():
    rng = np.random.default_rng(1)
    for method in ("mas", "scp"):
        mem = Memory(method, 2.0, 6)
        b1, b2 = rng.random(6), rng.random(6)
        mem.remember(b1, np.zeros(6))
        mem.remember(b2, np.ones(6))
        np.testing.assert_allclose(mem.b, b1 + b2)
        np.testing.assert_allclose(mem.penalty().theta_b, np.ones(6))
    mem = Memory("l2", 2.0, 6)
    mem.remember(np.ones(6), np.zeros(6))
    mem.remember(np.ones(6), np.ones(6))
    assert np.array_equal(mem.b, np.ones(6)) and mem.penalty().const == 0
    assert Memory("finetune", 2.0, 6).penalty() is None


def test_consolidation_is_the_lecture_anchor_plus_a_constant():
    net = small_net()
    rng = np.random.default_rng(2)
    b, tb = rng.random(net.n_parameters), rng.normal(size=net.n_parameters)
    pen = Consolidation(1.5, b, tb, const=0.25)
    expect = 1.5 * (np.sum(b * (net.theta - tb) ** 2) + 0.25)
    assert pen.value(net) == pytest.approx(expect, rel=1e-12)


# ---- the sequential loop ------------------------------------------------------------------------

def blobs_tasks(n_tasks=3, seed=0):
    """Three little 3-class tasks whose inputs drift (each task its own shift and mix)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(0, 2.0, (3, 4))
    tasks = []
    for k in range(n_tasks):
        y = rng.integers(0, 3, 90)
        mix = np.eye(4) + 0.6 * k * rng.normal(size=(4, 4))
        tasks.append(((centres[y] + rng.normal(size=(90, 4))) @ mix, y))
    return tasks


def fitted(method, lam, seed=0, **kw):
    kw = dict(hidden_layer_sizes=(8,), epochs=4, batch_size=16, learning_rate=0.01) | kw
    return LifelongClassifier(method, lam, random_state=seed, **kw).fit(blobs_tasks())


@pytest.mark.parametrize("method", ["l2", "ewc", "mas", "scp"])
def test_lambda_zero_is_fine_tuning_step_for_step(method):
    ft, zero = fitted("finetune", 0.0), fitted(method, 0.0)
    assert np.array_equal(zero.network_.theta, ft.network_.theta)
    assert np.array_equal(zero.step_data_loss_, ft.step_data_loss_)
    assert np.array_equal(zero.accuracy_history_, ft.accuracy_history_)
    assert not fitted(method, 1.0).network_.theta.tolist() == ft.network_.theta.tolist()


@pytest.mark.parametrize("method", ["l2", "ewc", "mas", "scp"])
def test_the_penalty_is_positive_after_the_first_task_and_is_what_it_should_be(method):
    est = fitted(method, 0.5)
    h = est.history_
    first = np.flatnonzero(np.r_[True, h.step_task[1:] != h.step_task[:-1]])
    assert not est.step_penalty_[h.step_task == 0].any()      # task 1: no penalty
    later = np.setdiff1d(np.flatnonzero(h.step_task > 0), first)
    assert (est.step_penalty_[later] > 0).all()                # then always pulling back
    assert (est.penalty_share_[est.checkpoint_task_ > 0] > 0).all()
    # the recorded Omega is lambda sum b (theta - theta^b)^2 (+ c) at the recorded theta
    h2 = train_sequence(est.network_.copy(), [(X, np.eye(3)[y]) for X, y in blobs_tasks()],
                        method=method, lam=0.5, epochs=2, batch_size=16, learning_rate=0.01,
                        record_theta=True, random_state=0,
                        score=lambda n, X, y: 0.0)
    for s in np.flatnonzero(h2.step_task > 0)[::5]:
        k = h2.step_task[s]
        d = h2.step_theta[s] - h2.anchors[k]
        assert h2.step_penalty[s] == pytest.approx(
            0.5 * (np.sum(h2.guards[k] * d * d) + h2.consts[k]), rel=1e-10, abs=1e-15)


def test_the_record_is_consistent_with_the_network():
    est = fitted("ewc", 1.0)
    tasks = blobs_tasks()
    T = len(tasks)
    assert est.accuracy_matrix_.shape == (T, T) and est.accuracy_history_.shape == (T * 4, T)
    np.testing.assert_allclose(est.accuracy_matrix_[-1], est.score_tasks(tasks))
    last = [np.flatnonzero(est.checkpoint_task_ == k)[-1] for k in range(T)]
    np.testing.assert_array_equal(est.accuracy_matrix_, est.accuracy_history_[last])
    assert not est.guards_[0].any() and est.guards_[1].any()  # nothing to guard in task 1
    layers = est.guards_by_layer(2)
    assert [n for n, _ in layers] == ["W1", "W2", "b1", "b2"]
    assert layers[0][1].shape == (4, 8) and layers[1][1].shape == (8, 3)
    assert est.average_accuracy_ == pytest.approx(est.accuracy_matrix_[-1].mean())


def test_metrics_by_hand():
    R = np.array([[0.9, 0.1, 0.2], [0.6, 0.8, 0.3], [0.5, 0.7, 0.95]])
    assert average_accuracy(R) == pytest.approx((0.5 + 0.7 + 0.95) / 3)
    assert backward_transfer(R) == pytest.approx(((0.5 - 0.9) + (0.7 - 0.8)) / 2)
    np.testing.assert_allclose(forgetting(R), [0.9 - 0.5, 0.8 - 0.7])
    assert learning_accuracy(R) == pytest.approx((0.9 + 0.8 + 0.95) / 3)
    assert new_task_accuracy(R) == pytest.approx((0.8 + 0.95) / 2)
    with pytest.raises(ValueError, match="square"):
        average_accuracy(np.ones((2, 3)))


def test_staged_metrics_look_only_at_the_tasks_seen_so_far():
    R = np.array([[0.9, 0.1, 0.2], [0.6, 0.8, 0.3], [0.5, 0.7, 0.95]])
    tasks = np.array([0, 0, 1, 1, 2, 2])
    scores = np.array([[0.5, 0.1, 0.1], R[0], [0.7, 0.4, 0.2], R[1], [0.55, 0.75, 0.6], R[2]])
    avg, bwt = staged_metrics(scores, tasks, R)
    np.testing.assert_allclose(avg, [0.5, 0.9, 0.55, 0.7, (0.55 + 0.75 + 0.6) / 3,
                                     average_accuracy(R)])
    np.testing.assert_allclose(bwt, [0, 0, 0.7 - 0.9, 0.6 - 0.9, ((0.55 - 0.9) + (0.75 - 0.8)) / 2,
                                     backward_transfer(R)])


# ---- tasks ---------------------------------------------------------------------------------------

def test_rotations_turn_the_picture():
    rng = np.random.default_rng(0)
    img = rng.random((3, 64))
    np.testing.assert_allclose(img @ rotation_matrix(8, 0), img, atol=1e-12)
    np.testing.assert_allclose(img @ rotation_matrix(8, 360), img, atol=1e-9)
    turned = (img @ rotation_matrix(8, 90)).reshape(3, 8, 8)   # pixel centres land on centres
    np.testing.assert_allclose(turned, np.rot90(img.reshape(3, 8, 8), 1, axes=(1, 2)),
                               atol=1e-12)
    half = img @ rotation_matrix(8, 45)
    assert half.sum() < img.sum()                             # corners leave the frame
    tasks = rotated_tasks(img, 4, 30.0)
    assert len(tasks) == 4 and np.allclose(tasks[0], img)
    np.testing.assert_allclose(tasks[3], img @ rotation_matrix(8, 90), atol=1e-12)


def test_permuted_tasks_reorder_pixels_and_keep_task_one():
    img = np.arange(2 * 16, dtype=float).reshape(2, 16)
    tasks = permuted_tasks(img, 3, random_state=0)
    assert np.array_equal(tasks[0], img)
    for t in tasks[1:]:
        assert sorted(t[0]) == sorted(img[0]) and not np.array_equal(t, img)


@pytest.mark.parametrize("bad, message", [
    (np.ones((3, 10)), "square"), (np.ones(64), "rows of pixels"),
    (np.full((2, 64), np.nan), "NaN")])
def test_bad_images_are_refused_by_name(bad, message):
    with pytest.raises(ValueError, match=message):
        rotated_tasks(bad)


# ---- the two-parameter picture -------------------------------------------------------------------

def test_the_picture_model_has_exactly_two_parameters_and_quadratic_losses():
    net = two_parameter_network()
    tasks = two_parameter_tasks()
    rng = np.random.default_rng(0)
    for _ in range(5):
        t = rng.normal(size=2)
        net.set_theta(np.r_[t, 5.0])                          # the bias is masked: stays 0
        assert net.theta[2] == 0.0
        for X, y in tasks:
            assert quadratic_loss(X, y, t[0], t[1]) == pytest.approx(net.loss_value(X, y),
                                                                       rel=1e-12)
    b, tb = np.array([0.3, 2.0]), np.array([1.0, -1.0])
    pen = Consolidation(1.7, np.r_[b, 0.0], np.r_[tb, 0.0])
    assert penalty_value(1.7, b, tb, t[0], t[1]) == pytest.approx(pen.value(net))


def test_the_penalty_ellipse_is_the_penaltys_level_set():
    b, tb = np.array([0.5, 3.0]), np.array([1.0, -1.0])
    pts = penalty_ellipse(2.0, b, tb, level=0.8)
    np.testing.assert_allclose(penalty_value(2.0, b, tb, pts[:, 0], pts[:, 1]), 0.8, rtol=1e-12)
    flat = penalty_ellipse(2.0, np.array([0.0, 3.0]), tb, level=0.8, reach=7.0)
    assert np.abs(flat[:, 0] - 1.0).max() == pytest.approx(7.0)   # no guard: no pull along θ₁
    assert np.isfinite(penalty_ellipse(0.0, b, tb, level=0.0)).all()


def test_task_one_cares_about_theta2_and_not_theta1():
    (X1, y1), _ = two_parameter_tasks()
    net = two_parameter_network((0.0, 1.0))
    for method in ("ewc", "mas", "scp"):
        b = importance(method, net, X1, y1.reshape(-1, 1),
                       random_state=np.random.default_rng(0))
        assert b[0] < 0.1 * b[1], (method, b)                 # theta_1 barely guarded
    L = quadratic_loss(X1, y1, np.array([-2.0, 2.0, 0.0, 0.0]), np.array([1.0, 1.0, 0.0, 2.0]))
    assert abs(L[0] - L[1]) < 0.1 * abs(L[2] - L[0])          # moving theta_1 costs little


def test_the_lesson_theta1_moves_theta2_stays_and_task_one_is_kept():
    """λ = 1 (the page's default): EWC, MAS and SCP move θ₁ and keep θ₂ while learning task 2;
    fine-tuning moves θ₂ and forgets task 1."""
    _, paths = two_parameter_paths(1.0)
    steps = (len(paths["ewc"].theta) - 1) // 2
    ft = paths["finetune"]
    d_ft = ft.theta[-1] - ft.theta[steps]
    assert abs(d_ft[1]) > 0.5                                   # fine-tuning moves θ₂ ...
    assert ft.task_losses[-1, 0] > 10 * ft.task_losses[steps, 0]   # ... and forgets task 1
    for method in ("ewc", "mas", "scp"):
        p = paths[method]
        d = p.theta[-1] - p.theta[steps]
        assert abs(d[0]) > 0.8 and abs(d[1]) < 0.15 * abs(d_ft[1]), (method, d)
        assert p.task_losses[-1, 0] < 0.1 * ft.task_losses[-1, 0], method
        assert p.task_losses[-1, 1] < p.task_losses[steps, 1] / 5, method   # task 2 learned
    l2 = paths["l2"]                                          # b = 1 holds θ₁ too: too stiff
    assert l2.task_losses[-1, 1] > 5 * paths["ewc"].task_losses[-1, 1]


def test_the_picture_steps_stay_stable_for_a_large_lambda():
    _, paths = two_parameter_paths(50.0, steps=30)
    for p in paths.values():
        assert np.isfinite(p.theta).all() and np.abs(p.theta).max() < 5


# ---- bad input ----------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, message", [
    (dict(method="ewk"), "method"), (dict(lam=-1.0), "lam"), (dict(epochs=0), "epochs"),
    (dict(hidden_layer_sizes=(0,)), "hidden_layer_sizes"), (dict(fisher="true"), "fisher"),
    (dict(n_directions=0), "n_directions")])
def test_bad_parameters_are_refused_by_name(kwargs, message):
    with pytest.raises(ValueError, match=message):
        LifelongClassifier(**kwargs).fit(blobs_tasks())


def test_bad_tasks_are_refused_by_name():
    tasks = blobs_tasks()
    with pytest.raises(ValueError, match="between 1 and"):
        LifelongClassifier().fit([])
    with pytest.raises(ValueError, match="features"):
        LifelongClassifier().fit([tasks[0], (tasks[1][0][:, :3], tasks[1][1])])
    with pytest.raises(ValueError, match="one label per row"):
        LifelongClassifier().fit([(tasks[0][0], tasks[0][1][:5])])
    with pytest.raises(ValueError, match="one \\(X, y\\) per task"):
        LifelongClassifier().fit(tasks, tasks[:2])
    with pytest.raises(ValueError, match="pair"):
        LifelongClassifier().fit([tasks[0][0]])
    with pytest.raises(ValueError, match="empirical"):
        fisher_diagonal(small_net(), data(), fisher="empirical")
    with pytest.raises(ValueError, match="n_directions"):
        random_directions(3, 0)
