r"""The lecture's two-parameter picture (docs/lecture.md §7), computed: a model with exactly two
parameters, two tasks, and the path of :math:`\theta = (\theta_1, \theta_2)` while task 2 is
learned under each method.

The model is :math:`f(x) = \theta_1 x_1 + \theta_2 x_2` with the squared error
:math:`C = \tfrac12 (f(x) - y)^2` — the core's ``Network((2, 1))`` with a linear output and its
one bias masked to zero, so exactly two parameters learn. Each task's loss is then an exact
quadratic, :math:`L(\theta) = \tfrac12\theta^\top S\theta - r^\top\theta + \tfrac12 c` with
:math:`S = \frac1N\sum x x^\top`, :math:`r = \frac1N\sum x y`, :math:`c = \frac1N\sum y^2`, whose
contours are the lecture's ellipses.

The two tasks are built so that

* **task 1 cares about θ₂ and not θ₁**: its inputs have :math:`x_1` near 0 (standard deviation
  ``spread``) and :math:`x_2` around 1, so :math:`L_1` changes with :math:`\theta_2` and hardly
  with :math:`\theta_1` (a valley along :math:`\theta_1`, at :math:`\theta_2 = 1`);
* **task 2's valley crosses task 1's**: its inputs lie along the diagonal
  :math:`x \approx s\,(1, 1)/\sqrt2`, so :math:`L_2` is low along the line
  :math:`\theta_1 + \theta_2 = 1.5`. Plain gradient descent from task 1's end point walks down the
  diagonal and moves :math:`\theta_2` too (task 1 is forgotten); a penalty that guards
  :math:`\theta_2` and not :math:`\theta_1` ends where the two valleys cross
  (θ₁ moves, θ₂ stays).

Training is full-batch gradient descent with one step size for every method (see
:func:`two_parameter_paths`), so each path is the penalised loss's own descent, step by step.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._validation import check_random_state
from ..nn import Network
from .guards import METHODS, importance
from .sequence import SequenceHistory, train_sequence

#: Where θ starts before task 1, and task 2's optimum (on its valley θ₁ + θ₂ = 1.5).
START = (-1.5, -1.0)
TASK2_OPTIMUM = (1.5, 0.0)


def two_parameter_tasks(n: int = 200, spread: float = 0.1, noise: float = 0.05,
                        random_state=0) -> list[tuple[np.ndarray, np.ndarray]]:
    r"""[(X₁, y₁), (X₂, y₂)], n examples each (see the module's docstring).

    Task 1: :math:`x_1 \sim N(0, \text{spread}^2)`, :math:`x_2 \sim N(1, 0.3^2)`,
    :math:`y = x_2 + \varepsilon`. Task 2: :math:`x = s\,(1, 1)/\sqrt2 + \text{spread}\cdot e`
    with :math:`s \sim N(0, 1)`, e standard normal, :math:`y = x\cdot(1.5, 0) + \varepsilon`;
    :math:`\varepsilon \sim N(0, \text{noise}^2)`."""
    if not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(f"n must be a whole number >= 2; got {n!r}.")
    if not (np.isfinite(spread) and spread > 0) or not (np.isfinite(noise) and noise >= 0):
        raise ValueError("spread must be > 0 and noise >= 0.")
    rng = check_random_state(random_state)
    X1 = np.column_stack([spread * rng.standard_normal(n), 1.0 + 0.3 * rng.standard_normal(n)])
    y1 = X1[:, 1] + noise * rng.standard_normal(n)
    s = rng.standard_normal(n)
    X2 = np.outer(s, [1.0, 1.0]) / np.sqrt(2.0) + spread * rng.standard_normal((n, 2))
    y2 = X2 @ np.asarray(TASK2_OPTIMUM) + noise * rng.standard_normal(n)
    return [(X1, y1), (X2, y2)]


def two_parameter_network(start=START) -> Network:
    r""":math:`f(x) = \theta_1 x_1 + \theta_2 x_2`: ``Network((2, 1))``, linear, squared error,
    its bias masked to 0; :math:`\theta` = ``start``."""
    net = Network((2, 1), activation="linear", output="linear", loss="squared_error",
                  random_state=0)
    net.set_mask([None, np.zeros(1)])                        # no bias: exactly two parameters
    net.set_theta(np.r_[np.asarray(start, dtype=np.float64), 0.0])
    return net


def quadratic_loss(X, y, theta1, theta2) -> np.ndarray:
    r""":math:`L(\theta) = \frac1N\sum_n\tfrac12(\theta\cdot x^n - y^n)^2` at every
    (θ₁, θ₂) of the arrays ``theta1``, ``theta2`` (any matching shapes), in closed form
    :math:`\tfrac12\theta^\top S\theta - r^\top\theta + \tfrac12 c`."""
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64).ravel()
    S, r, c = X.T @ X / len(X), X.T @ y / len(X), y @ y / len(X)
    t1, t2 = np.asarray(theta1, dtype=np.float64), np.asarray(theta2, dtype=np.float64)
    quad = S[0, 0] * t1 * t1 + 2.0 * S[0, 1] * t1 * t2 + S[1, 1] * t2 * t2
    return 0.5 * quad - (r[0] * t1 + r[1] * t2) + 0.5 * c


def penalty_value(lam: float, b, theta_b, theta1, theta2, const: float = 0.0) -> np.ndarray:
    r""":math:`\lambda\,[b_1(\theta_1 - \theta^b_1)^2 + b_2(\theta_2 - \theta^b_2)^2 + c]` at every
    (θ₁, θ₂)."""
    b, tb = np.asarray(b, dtype=np.float64), np.asarray(theta_b, dtype=np.float64)
    d1 = np.asarray(theta1, dtype=np.float64) - tb[0]
    d2 = np.asarray(theta2, dtype=np.float64) - tb[1]
    return lam * (b[0] * d1 * d1 + b[1] * d2 * d2 + const)


def penalty_ellipse(lam: float, b, theta_b, level: float, n: int = 181,
                    reach: float = 100.0) -> np.ndarray:
    r"""(n, 2) points of the penalty's level set
    :math:`\lambda\,[b_1(\theta_1-\theta^b_1)^2 + b_2(\theta_2-\theta^b_2)^2] = ` ``level``:
    the ellipse about :math:`\theta^b` with semi-axes :math:`\sqrt{\text{level}/(\lambda b_i)}`
    — long where a parameter is barely guarded. A semi-axis is cut at ``reach`` (a guard of 0
    makes it a pair of lines: no pull at all along that parameter)."""
    b, tb = np.asarray(b, dtype=np.float64), np.asarray(theta_b, dtype=np.float64)
    if not (np.isfinite(level) and level >= 0):
        raise ValueError(f"level must be a finite number >= 0; got {level!r}.")
    with np.errstate(divide="ignore"):
        radii = np.minimum(np.sqrt(level / (lam * b)), reach) if lam > 0 else np.full(2, reach)
    phi = np.linspace(0.0, 2.0 * np.pi, n)
    return tb + np.column_stack([radii[0] * np.cos(phi), radii[1] * np.sin(phi)])


@dataclass
class PicturePath:
    """One method's run through the two tasks."""

    method: str
    history: SequenceHistory
    theta: np.ndarray            # (steps_1 + steps_2 + 1, 2): θ before every step and at the end
    b: np.ndarray                # (2,) the guards in force during task 2
    theta_b: np.ndarray | None   # (2,) the anchor during task 2 (None: fine-tuning)
    const: float                 # EWC's constant c (0 for two tasks)
    task_losses: np.ndarray      # (steps_1 + steps_2 + 1, 2): L₁ and L₂ along the path


#: Gradient descent's step size: small enough that θ₁ hardly moves during task 1 (its curvature
#: there is spread² = 0.01) and that every path is a smooth descent.
RATE = 0.1


def step_size(S: np.ndarray) -> float:
    r""":math:`1/\lambda_{max}(S)` for a quadratic with Hessian S: the largest step that moves along
    the stiffest direction without overshooting."""
    return 1.0 / float(np.linalg.eigvalsh(S)[-1])


def two_parameter_paths(lam: float = 1.0, *, steps: int = 100, methods=METHODS, n: int = 200,
                        spread: float = 0.1, fisher="model", n_directions: int = 100,
                        random_state=0):
    r"""The picture's runs: task 1 then task 2, ``steps`` full-batch gradient steps each, from
    :data:`START`, one per method with the same λ. Returns (tasks, {method: PicturePath}).

    Every method takes the same step size, :data:`RATE`, or less when a large λ makes some
    method's :math:`L'` too stiff for it: the smallest over the methods of :func:`step_size` of
    :math:`L'`'s Hessian :math:`S_2 + 2\lambda\,\mathrm{diag}(b)` (measured at task 1's end,
    which is every method's: task 1 has no penalty). Every path is then a descent of its own
    :math:`L'` at one common pace."""
    if not (np.isfinite(lam) and lam >= 0):
        raise ValueError(f"λ must be a finite number >= 0; got {lam!r}.")
    if not isinstance(steps, (int, np.integer)) or steps < 1:
        raise ValueError(f"steps must be a whole number >= 1; got {steps!r}.")
    tasks = two_parameter_tasks(n, spread, random_state=random_state)
    (X1, y1), (X2, y2) = tasks
    S2 = X2.T @ X2 / n
    net = two_parameter_network()
    train_sequence(net, [(X1, y1.reshape(-1, 1))], method="finetune", lam=0.0, epochs=int(steps),
                   batch_size=n, solver="sgd", learning_rate=RATE, shuffle=False,
                   score=lambda *_: 0.0)
    rate = min([RATE] + [step_size(S2 + 2.0 * lam * np.diag(
        importance(m, net, X1, y1, fisher=fisher, n_directions=n_directions,
                   random_state=np.random.default_rng(0))[:2])) for m in methods])
    out = {}
    for method in methods:
        net = two_parameter_network()
        h = train_sequence(net, [(X, y.reshape(-1, 1)) for X, y in tasks], method=method,
                           lam=lam, epochs=int(steps), batch_size=n, solver="sgd",
                           learning_rate=[RATE, rate], shuffle=False, fisher=fisher,
                           n_directions=n_directions, record_theta=True, random_state=0,
                           score=lambda net_, X, y: net_.loss_value(X, y))
        theta = h.step_theta[:, :2]
        losses = np.column_stack([quadratic_loss(X, y, theta[:, 0], theta[:, 1])
                                  for X, y in tasks])
        anchor = h.anchors[1]
        out[method] = PicturePath(method, h, theta, h.guards[1][:2],
                                  None if anchor is None else anchor[:2], h.consts[1], losses)
    return tasks, out
