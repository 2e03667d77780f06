r"""Lifelong learning (docs/lecture.md §7): learn task after task without forgetting the old ones.

While task k is learned the loss is :math:`L'(\theta) = L(\theta) + \lambda\sum_i b_i
(\theta_i - \theta_i^b)^2`: :math:`\theta^b` the parameters learned on the earlier tasks, and
:math:`b_i` each parameter's guard. The methods differ only in :math:`b_i`:

=============  ==============================================================================
fine-tuning    :math:`b_i = 0` (no penalty)
L2             :math:`b_i = 1`
EWC            the diagonal of the Fisher information (:func:`fisher_diagonal`)
MAS            :math:`\frac1N\sum_n|\partial\lVert f(x^n)\rVert^2/\partial\theta_i|`
               (:func:`mas_importance`)
SCP            the mean projections' squared gradients over L random directions
               (:func:`scp_importance`)
=============  ==============================================================================

Modules: :mod:`.guards` (the guards), :mod:`.consolidation` (θᵇ and b carried from task to
task, each method as its paper does), :mod:`.sequence` (the penalised training loop and its
record), :mod:`.metrics` (average accuracy, backward transfer, forgetting), :mod:`.tasks`
(rotated and permuted image tasks), :mod:`.picture` (the lecture's two-parameter picture) and
:mod:`.classifier` (:class:`LifelongClassifier`, the estimator).
"""

from .classifier import LifelongClassifier
from .consolidation import RULES, Consolidation, Memory
from .guards import (FISHER, METHODS, fisher_diagonal, importance, l2_importance,
                         mas_importance, mean_output_jacobian, random_directions, scp_importance)
from .metrics import (average_accuracy, backward_transfer, forgetting, learning_accuracy,
                      new_task_accuracy, staged_metrics)
from .picture import (PicturePath, penalty_ellipse, penalty_value, quadratic_loss,
                      two_parameter_network, two_parameter_paths, two_parameter_tasks)
from .sequence import SequenceHistory, train_sequence
from .tasks import (permuted_tasks, rotated_tasks, rotation_matrix, task_angles,
                    task_permutations)

__all__ = [
    "LifelongClassifier", "RULES", "Consolidation", "Memory", "FISHER", "METHODS",
    "fisher_diagonal", "importance", "l2_importance", "mas_importance", "mean_output_jacobian",
    "random_directions", "scp_importance", "average_accuracy", "backward_transfer", "forgetting",
    "learning_accuracy", "new_task_accuracy", "staged_metrics", "PicturePath", "penalty_ellipse",
    "penalty_value", "quadratic_loss",
    "two_parameter_network", "two_parameter_paths", "two_parameter_tasks", "SequenceHistory",
    "train_sequence", "permuted_tasks", "rotated_tasks", "rotation_matrix", "task_angles",
    "task_permutations",
]
