"""The settings of the course's labs beyond ensembles (backpropagation, lifelong learning, GANs):
rows of the one settings table, :data:`playground.settings.SETTINGS`, kept here so that each
module stays small. Each lab's rows carry its page id."""

from __future__ import annotations

from algorithms import distributions
from algorithms.gan import LOSSES as GAN_LOSSES
from algorithms.nn.features import FEATURES
from playground import limits
from playground.setting import Setting

NN_FEATURES = tuple(f.name for f in FEATURES)  # the backpropagation lab's input features
NN_FOCUS = ("out",) + tuple(f"{l}.{k}" for l in range(8) for k in range(1, 9))
LL_METHODS = ("finetune", "l2", "ewc", "mas", "scp")
LL_LAMBDAS = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0)
LL_DEFAULT_LAMBDA = {"l2": 1.0, "ewc": 10.0, "mas": 0.1, "scp": 10.0}
LL_PICTURE_STEPS = 100


GAN_ACTIVATIONS = ("relu", "leaky_relu", "tanh", "sigmoid")
GAN_LR_STEPS = (1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 1e-2, 2e-2, 5e-2, 0.1)
GAN_MAX_STEPS = 6000


def gan_settings() -> tuple[Setting, ...]:
    """The GAN lab (page "gan"): the real data, training, the two networks, the noise, and the
    player's position (a snapshot and the updates replayed after it)."""
    def row(name, default, kind, lo=None, hi=None, param=None, **kw):
        return Setting(f"gan_{name}", default, kind, lo, hi, pages=("gan",),
                       source=("GAN", param) if param else None, **kw)
    out = [row("data", "ring", "str", options=distributions.NAMES, doc="real distribution p_r"),
           row("n", 2000, "int", 400, 5000, doc="real samples"),
           row("std", 0.05, "float", 0.01, 0.3, doc="spread of each mode (sigma)"),
           row("loss", "non_saturating", "str", param="loss", options=GAN_LOSSES),
           row("k", 1, "int", 1, 5, param="k", doc="D updates per G update"),
           row("head", 500, "int", 0, 2000, param="d_head_start", doc="steps D learns alone"),
           row("steps", 3000, "int", 100, GAN_MAX_STEPS, param="n_steps"),
           row("batch", 128, "int", 16, 512, param="batch_size"),
           row("noise", "normal", "str", param="noise", options=("normal", "uniform")),
           row("zdim", 2, "int", 1, 8, param="noise_dim")]
    for who in ("g", "d"):
        out += [row(f"{who}_layers", 2, "int", 1, 3, param=f"{who}_layers"),
                row(f"{who}_width", 32, "int", 4, 64, param=f"{who}_width"),
                row(f"{who}_act", "relu", "str", param=f"{who}_activation",
                    options=GAN_ACTIVATIONS),
                row(f"{who}_lr", 1e-3, "float", 1e-4, 0.1, param=f"{who}_lr",
                    steps=GAN_LR_STEPS),
                row(f"{who}_opt", "adam", "str", param=f"{who}_optimizer",
                    options=("adam", "sgd"))]
    out += [row("t", 1, "int", 1, GAN_MAX_STEPS // 10 + 1, doc="snapshot shown (1-based)"),
            row("phase", 0, "int", 0, None, doc="updates replayed after the snapshot")]
    return tuple(out)


def data_1d() -> tuple:
    from playground import datasets
    return tuple(datasets.names("1d"))


def nn_settings() -> tuple[Setting, ...]:
    """The backpropagation lab (page "nn"); data, n, noise, seed, res, show_test, discrete and
    speed are the app-wide ones."""
    return (
    Setting("nn_problem", "2d", "str", options=("2d", "1d"), pages=("nn",),
                doc="2-D classification or 1-D regression"),
        Setting("nn_data1d", "sine", "str", options=data_1d, pages=("nn",)),
        Setting("nn_features", "x1,x2", "list", options=lambda: NN_FEATURES, pages=("nn",),
                doc="input features phi(x), comma-separated"),
        Setting("nn_layers", 2, "int", 0, 6, pages=("nn",), doc="hidden layers"),
        Setting("nn_widths", "4,4,4,4,4,4", "ints", 1, 8, pages=("nn",),
                doc="neurons of hidden layers 1..6 (those beyond nn_layers are kept for +)"),
        Setting("nn_act", "tanh", "str", options=("tanh", "sigmoid", "relu", "leaky_relu", "linear"),
                pages=("nn",), doc="hidden layers' activation"),
        Setting("nn_lr", 0.1, "float", 0.0001, 3.0, pages=("nn",), doc="learning rate",
                steps=(0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)),
        Setting("nn_batch", 32, "int", 1, 100, pages=("nn",), doc="mini-batch size"),
        Setting("nn_reg", "none", "str", options=("none", "l1", "l2"), pages=("nn",)),
        Setting("nn_rate", 0.001, "float", 0.0001, 1.0, pages=("nn",), doc="penalty's rate",
                steps=(0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)),
        Setting("nn_opt", "sgd", "str", options=("sgd", "momentum", "adam"), pages=("nn",)),
        Setting("nn_epochs", 100, "int", 10, 500, pages=("nn",), doc="epochs trained ahead"),
        Setting("nn_t", 1, "int", 1, 500, pages=("nn",), doc="epoch shown"),
        Setting("nn_focus", "out", "str", options=lambda: NN_FOCUS, pages=("nn",),
                doc="surface shown big: out, or layer.neuron (layer 0 = inputs)"),
        Setting("nn_pin", 0, "int", 0, limits.MAX_POINTS - 1, pages=("nn",),
                doc="pinned training point"),
        Setting("nn_weight", "1,1,1", "ints", 1, 8, pages=("nn",),
                doc="chosen weight w_ij^l as l,j,i (neurons counted from 1)"),
        Setting("nn_panel", "backward", "str", options=("backward", "saturation"), pages=("nn",)),
        Setting("nn_hand", False, "bool", pages=("nn",), doc="one step by hand"),
        Setting("nn_phase", 0, "int", 0, 15, pages=("nn",), doc="phase of the step by hand"),
    )


def ll_settings() -> tuple[Setting, ...]:
    """The lifelong-learning lab (page "ll"): the two-parameter picture and a sequence of digit
    tasks."""
    return (
    Setting("ll_view", "picture", "str", options=("picture", "sequence"), pages=("ll",)),
        Setting("ll_plam", 1.0, "float", 0.0, 5.0, pages=("ll",), doc="λ of the two-parameter picture"),
        Setting("ll_pmethod", "ewc", "str", options=LL_METHODS, pages=("ll",),
                doc="the method whose penalised loss L′ the picture draws"),
        Setting("ll_pt", 1, "int", 1, LL_PICTURE_STEPS, pages=("ll",),
                doc="gradient step of task 2 in the picture"),
        Setting("ll_tasks", "rotated", "str", options=("rotated", "permuted"), pages=("ll",),
                doc="digits rotated by a growing angle, or with their pixels permuted"),
        Setting("ll_n", 5, "int", 2, 8, pages=("ll",), doc="number of tasks"),
        Setting("ll_angle", 22.5, "float", 5.0, 45.0, pages=("ll",),
                doc="rotation added by each task (degrees)"),
        Setting("ll_hidden", 100, "int", 16, 200, pages=("ll",), doc="hidden neurons of the MLP"),
        Setting("ll_epochs", 10, "int", 1, 20, pages=("ll",), doc="epochs per task"),
        *(Setting(f"ll_lam_{m}", lam, "float", 0.0, LL_LAMBDAS[-1], pages=("ll",),
                      steps=LL_LAMBDAS, doc=f"λ of {m}") for m, lam in LL_DEFAULT_LAMBDA.items()),
        Setting("ll_fisher", "model", "str", options=("model", "empirical"), pages=("ll",),
                doc="EWC's Fisher: the model's own predictions or the true labels"),
        Setting("ll_dirs", 100, "int", 1, 500, pages=("ll",),
                doc="SCP's number of random directions"),
        Setting("ll_method", "ewc", "str", options=LL_METHODS, pages=("ll",),
                doc="the method whose matrix, guards and formula are shown"),
        Setting("ll_t", 1, "int", 1, 8 * 20, pages=("ll",), doc="epoch of the sequence"),
    )


def course_settings() -> tuple[Setting, ...]:
    return nn_settings() + ll_settings() + gan_settings()
