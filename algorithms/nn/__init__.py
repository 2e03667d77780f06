r"""The neural-network core the course's labs share (numpy only).

What is here: dense layers with their activations (:mod:`.activations`), per-sample costs
(:mod:`.losses`), initialisers (:mod:`.init`), penalties (:mod:`.penalties`: L1, L2 and the
lifelong-learning anchor :math:`\lambda\sum_i b_i(\theta_i-\theta_i^b)^2`), optimisers
(:mod:`.optim`: SGD with momentum, Adam), the network with its forward pass, backward pass and
exact Hessian-vector product (:mod:`.network`), and mini-batch training with recorded histories
(:mod:`.training`).

Why explicit layer pairs and not a reverse-mode autodiff over arrays
--------------------------------------------------------------------
Every network the labs train is a chain of dense layers, and each layer's backward (and its
R-operator for second order) is three lines written next to its forward. So:

* **the lecture is the code**: the backward pass computes exactly the lecture's quantities - every
  neuron's :math:`\partial C/\partial z`, run through the amplifiers :math:`\sigma'(z)` fixed by the
  forward pass, and :math:`\partial C/\partial w = a_{in}\,\partial C/\partial z` - as named
  arrays the lab draws, rather than as gradients of intermediate graph nodes;
* **speed**: a training step is a fixed handful of numpy calls with no graph to build or walk,
  and the optimiser updates all parameters in one flat vector. Small networks (the playground's
  2-8-8-1) are dominated by per-call overhead, where a graph of Python objects per step would
  cost more than the arithmetic;
* **everything the next labs need composes from it**: gradients with respect to the inputs
  (``backward(...).dx``: a GAN's generator learns through its discriminator), backward from any
  output gradient (``dC_da``: MAS's :math:`\lVert f(x)\rVert^2`, SCP's projections; ``dC_dz``: a
  GAN loss on the logit), penalties with their gradients and Hessians (EWC, MAS, SCP), per-parameter
  masks (pruning), parameters as one flat vector (:math:`\theta^b` copied, compared, restored);
* **exact second order without a graph**: the Hessian-vector product MAML needs is Pearlmutter's
  R-operator - one more forward sweep and one more backward sweep written per layer - exact to
  rounding, where double backward would need a graph that records its own backward pass.

What an autodiff would buy - arbitrary new operations without writing their derivatives - the labs
do not need: they compose networks (G into D) and add penalties, both of which the explicit
passes support. A new layer type would bring its forward, backward and R-operator together.
"""

from .activations import (ACTIVATIONS, Activation, LeakyReLU, Linear, ReLU, Sigmoid, Softmax, Tanh,
                          get_activation)
from .init import INITIALISERS, get_initialiser
from .losses import LOSSES, CrossEntropy, Loss, SquaredError, get_loss
from .network import MAX_PARAMETERS, BackwardPass, Dense, ForwardPass, Network
from .optim import SGD, Adam, get_optimiser
from .penalties import L1, L2, Anchor, Penalty
from .training import History, Trainer, TrainingDiverged, minibatches

__all__ = [
    "ACTIVATIONS", "Activation", "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "Linear", "Softmax",
    "get_activation", "INITIALISERS", "get_initialiser", "LOSSES", "Loss", "SquaredError",
    "CrossEntropy", "get_loss", "MAX_PARAMETERS", "Dense", "ForwardPass", "BackwardPass", "Network",
    "SGD", "Adam", "get_optimiser", "Penalty", "L1", "L2", "Anchor", "History", "Trainer",
    "TrainingDiverged", "minibatches",
]
