r"""The penalty that keeps old tasks: how θᵇ and b are carried from task to task.

While task k is learned the loss is :math:`L'(\theta) = L_k(\theta) + \Omega(\theta)`. What
:math:`\Omega` remembers of tasks 1..k−1 follows each method's paper:

* **EWC** (Kirkpatrick et al. 2017): one quadratic per old task j, at that task's own end point
  :math:`\theta^*_j` with its own Fisher :math:`F_j`:
  :math:`\Omega = \lambda\sum_{j<k}\sum_i F_{j,i}(\theta_i - \theta^*_{j,i})^2`. The paper notes
  that a sum of quadratics is one quadratic, and that is how it is computed here, exactly:
  :math:`b = \sum_j F_j`, :math:`\theta^b = \sum_j F_j\theta^*_j / \sum_j F_j` (per parameter; the
  last end point where :math:`\sum_j F_{j,i} = 0`), plus the constant
  :math:`c = \sum_j\sum_i F_{j,i}(\theta^*_{j,i} - \theta^b_i)^2` so that the penalty's value is
  the paper's sum to rounding;
* **MAS** (Aljundi et al. 2018) and **SCP** (Kolouri et al. 2020, which follows MAS's online
  consolidation): the guards add up, :math:`b \leftarrow b + b_{new}`, and the anchor moves to the
  end of the last task, :math:`\theta^b \leftarrow \theta^*_{k-1}`;
* **L2**: :math:`b_i = 1` and :math:`\theta^b = \theta^*_{k-1}` (the lecture's "b_i = 1");
* **fine-tuning**: no penalty.
"""

from __future__ import annotations

import numpy as np

from ..nn import Anchor

#: Which rule carries the guards over tasks, per method (see the module's docstring).
RULES = {"finetune": "none", "l2": "latest", "ewc": "per-task", "mas": "sum", "scp": "sum"}


class Consolidation(Anchor):
    r""":math:`\lambda\sum_i b_i(\theta_i - \theta^b_i)^2 + \lambda c`: the lecture's anchor plus
    the constant c of merged per-task quadratics (EWC); gradient and Hessian are the anchor's."""

    def __init__(self, lam: float, b, theta_b, const: float = 0.0):
        super().__init__(lam, b, theta_b)
        self.const = float(const)

    def value(self, net, total_weight=1.0):
        return super().value(net, total_weight) + self.lam * self.const

    def __repr__(self):
        return f"Consolidation(lam={self.lam}, {self.b.size} parameters, c={self.const:.4g})"


class Memory:
    """What a method keeps of the tasks learned so far; :meth:`penalty` is Ω for the next task."""

    def __init__(self, method: str, lam: float, n_parameters: int):
        if method not in RULES:
            raise ValueError(f"method must be one of {tuple(RULES)}; got {method!r}.")
        self.method, self.lam = method, float(lam)
        self.rule = RULES[method]
        self.b = np.zeros(n_parameters)
        self.theta_b = None
        self.const = 0.0
        self._ends: list[tuple[np.ndarray, np.ndarray]] = []   # (F_j, theta*_j), EWC

    def remember(self, b_new: np.ndarray, theta_end: np.ndarray) -> None:
        """Task k is learned: its guards ``b_new`` at its end point ``theta_end``."""
        theta_end = np.array(theta_end, dtype=np.float64)
        if self.rule == "none":
            return
        if self.rule == "latest":                           # L2: b = 1 at the last end point
            self.b = np.array(b_new, dtype=np.float64)
            self.theta_b = theta_end
        elif self.rule == "sum":                            # MAS, SCP: b <- b + b_new
            self.b = self.b + b_new
            self.theta_b = theta_end
        else:                                               # EWC: one quadratic per task, merged
            self._ends.append((np.array(b_new, dtype=np.float64), theta_end))
            F = np.array([f for f, _ in self._ends])
            T = np.array([t for _, t in self._ends])
            self.b = F.sum(axis=0)                           # b = sum_j F_j
            safe = np.where(self.b > 0, self.b, 1.0)
            # theta^b = sum_j F_j theta*_j / sum_j F_j (the last end point where no F guards)
            self.theta_b = np.where(self.b > 0, (F * T).sum(axis=0) / safe, theta_end)
            # c = sum_j sum_i F_ji (theta*_ji - theta^b_i)^2
            self.const = float(np.sum(F * (T - self.theta_b) ** 2))

    def penalty(self) -> Consolidation | None:
        """Ω for the next task (None before the first task ends, and for fine-tuning)."""
        if self.theta_b is None:
            return None
        return Consolidation(self.lam, self.b, self.theta_b, self.const)
