"""The base learners the pages offer: one row each (pure Python, no streamlit).

A row names the engine class, the hyper-parameters a page shows (each mapped to the engine's own
parameter, with its default; the slider's bounds come from the engine's ``_parameter_constraints``
through :mod:`playground.settings`), the engine parameters it fixes, and its label key. What a
learner *can* do (class probabilities, example weights) is read from the engine class itself, so a
row never disagrees with the estimator. Every place that offers learners (AdaBoost's f_t,
bagging's members, stacking's layers and final learner, voting, Compare, the sidebar controls)
reads :data:`LEARNERS` through :func:`offered`.

Adding a learner: one :class:`Learner` row below plus its ``ln.<name>`` text in ``i18n`` (and a
``sb.<param>`` label for a new kind of parameter).
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Any, Callable

import algorithms

C_STEPS = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)


@dataclass(frozen=True)
class UIParam:
    """One hyper-parameter a page shows for a learner.

    ``name`` is the setting's suffix (``<page prefix>_<name>`` in the URL), ``engine`` the
    estimator's parameter it sets, ``to_engine`` the UI value -> engine value (e.g. 16 hidden units
    -> ``(16,)``, depth 0 -> ``None``), ``steps`` a fixed ladder of values (a log-scale slider).
    """

    name: str
    engine: str
    default: Any
    kind: str  # "int" | "float"
    lo: float
    hi: float
    label: str
    to_engine: Callable[[Any], Any] = field(default=lambda v: v, compare=False)
    steps: tuple = ()
    doc: str = ""


@dataclass(frozen=True)
class Learner:
    name: str
    engine: str  # class name in ``algorithms``
    params: tuple[UIParam, ...] = ()
    fixed: tuple[tuple[str, Any], ...] = ()  # engine parameters this row always sets
    tree: bool = False  # painted leaf by leaf on a 2-D grid (fast surfaces); others point by point

    @property
    def label(self) -> str:
        return f"ln.{self.name}"

    @property
    def cls(self):
        return getattr(algorithms, self.engine)

    @property
    def has_proba(self) -> bool:
        """Class probabilities (soft voting, stacking's meta-features, smooth surfaces)."""
        return hasattr(self.cls, "predict_proba")

    @property
    def has_scores(self) -> bool:
        """Probabilities or a decision function: what stacking's final learner reads."""
        return self.has_proba or hasattr(self.cls, "decision_function")

    @property
    def takes_weights(self) -> bool:
        """``fit(X, y, sample_weight)``: AdaBoost re-weights; otherwise it re-samples by u_t."""
        return "sample_weight" in inspect.signature(self.cls.fit).parameters

    @property
    def seeded(self) -> bool:
        return "random_state" in inspect.signature(self.cls.__init__).parameters

    def make(self, seed: int = 0, **ui) -> Any:
        """A fresh estimator with the page's UI values (missing ones take their defaults)."""
        kw = dict(self.fixed)
        for p in self.params:
            kw[p.engine] = p.to_engine(ui.get(p.name, p.default))
        if self.seeded:
            kw["random_state"] = seed
        return self.cls(**kw)


def _depth(v):
    return None if v == 0 else int(v)


_LEAF = UIParam("leaf", "min_samples_leaf", 1, "int", 1, 50, "sb.leaf",
                doc="min_samples_leaf of the tree learners")
_C = UIParam("C", "C", 1.0, "float", 0.01, 100.0, "sb.C", steps=C_STEPS,
             doc="inverse regularization C of the linear learners")
_DEPTH = UIParam("depth", "max_depth", 5, "int", 0, 30, "sb.depth", to_engine=_depth,
                 doc="depth of the tree learner (0 = unlimited)")

LEARNERS: tuple[Learner, ...] = (
    Learner("stump", "DecisionTreeClassifier", (_LEAF,), fixed=(("max_depth", 1),), tree=True),
    Learner("tree", "DecisionTreeClassifier", (_DEPTH, _LEAF), tree=True),
    Learner("logreg", "LogisticRegression", (_C,)),
    Learner("svm", "LinearSVC", (_C,)),
    Learner("knn", "KNeighborsClassifier",
            (UIParam("k", "n_neighbors", 15, "int", 1, 50, "sb.k", doc="k of k-NN"),)),
    Learner("nb", "GaussianNB"),
    Learner("mlp", "MLPClassifier",
            (UIParam("hidden", "hidden_layer_sizes", 16, "int", 1, 64, "sb.hidden",
                     to_engine=lambda v: (int(v),), doc="hidden units of the MLP"),),
            fixed=(("max_iter", 300), ("learning_rate_init", 0.01))),
)

# What each place that offers learners needs of them, and the text that says why one is left out.
ROLES: dict[str, tuple[Callable[[Learner], bool], str]] = {
    "boost": (lambda lr: True, ""),                      # AdaBoost's f_t (re-samples if no weights)
    "bag": (lambda lr: True, ""),                        # bagging's members
    "stack": (lambda lr: lr.has_scores, "why.no_scores"),  # a stacking layer's learners
    "final": (lambda lr: lr.has_scores, "why.no_scores"),  # stacking's final learner
    "soft": (lambda lr: lr.has_proba, "why.no_proba"),     # soft voting averages probabilities
    "hard": (lambda lr: True, ""),                       # hard voting counts labels
    "single": (lambda lr: lr.name != "stump", ""),       # Compare: the learners on their own
}

BY_NAME: dict[str, Learner] = {lr.name: lr for lr in LEARNERS}


def get(name: str) -> Learner:
    try:
        return BY_NAME[name]
    except KeyError:
        raise ValueError(f"unknown base learner {name!r}; choose one of "
                         f"{', '.join(BY_NAME)}") from None


def names() -> tuple[str, ...]:
    return tuple(BY_NAME)


def offered(role: str) -> tuple[str, ...]:
    """Names of the learners that can take ``role`` (a key of :data:`ROLES`), in table order."""
    ok, _ = ROLES[role]
    return tuple(lr.name for lr in LEARNERS if ok(lr))


def left_out(role: str) -> dict[str, str]:
    """Learners that cannot take ``role``: name -> text key of the one-line reason."""
    ok, why = ROLES[role]
    return {lr.name: why for lr in LEARNERS if not ok(lr)}


def make(name: str, seed: int = 0, **ui) -> Any:
    """A fresh base learner for the name used in the UI, with the page's hyper-parameters."""
    return get(name).make(seed, **ui)


def ui_params() -> tuple[UIParam, ...]:
    """Every distinct UI parameter of the table (one setting per page prefix each)."""
    seen: dict[str, UIParam] = {}
    for lr in LEARNERS:
        for p in lr.params:
            seen.setdefault(p.name, p)
    return tuple(seen.values())
