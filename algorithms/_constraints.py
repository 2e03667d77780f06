"""Allowed parameter values, declared once per estimator class.

Each estimator has ``_parameter_constraints = {name: [constraint, ...]}``; a value is valid when it
satisfies any one of the listed constraints. ``fit`` validates against the table, and the playground
reads the same table (``Interval.left`` / ``Interval.right``, ``Options.options``) to build its
controls, so a slider can never offer a value that ``fit`` would reject.

A constraint is one of:

* ``Interval(kind, left, right, closed)`` with ``kind`` ``int``, ``float`` or ``RealNotInt`` (a
  fraction that must not be an int) (a number in a range);
* ``Options({...})`` (one of a set of strings or values);
* ``None`` (the value ``None``);
* ``"boolean"``, ``"random_state"``, ``"estimator"``, ``"array-like"``, ``"callable"``, ``"dict"``.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np


class RealNotInt:
    """Interval kind for fractions: a real number that is not an int (1 means a count, 1.0 all)."""


@dataclass(frozen=True)
class Interval:
    kind: type  # int or float
    left: float | None
    right: float | None
    closed: str = "both"  # "both", "left", "right", "neither"

    def accepts(self, value) -> bool:
        if isinstance(value, (bool, np.bool_)):
            return False
        if self.kind is int:
            if not isinstance(value, numbers.Integral):
                return False
        elif not isinstance(value, numbers.Real):
            return False
        elif self.kind is RealNotInt and isinstance(value, numbers.Integral):
            return False
        if isinstance(value, float) and not np.isfinite(value):
            return False
        if self.left is not None:
            if value < self.left or (value == self.left and self.closed in ("right", "neither")):
                return False
        if self.right is not None:
            if value > self.right or (value == self.right and self.closed in ("left", "neither")):
                return False
        return True

    def __str__(self) -> str:
        kind = "an int" if self.kind is int else "a float"
        lo = "-inf" if self.left is None else self.left
        hi = "inf" if self.right is None else self.right
        lb = "[" if self.closed in ("both", "left") and self.left is not None else "("
        rb = "]" if self.closed in ("both", "right") and self.right is not None else ")"
        return f"{kind} in the range {lb}{lo}, {hi}{rb}"


@dataclass(frozen=True)
class Options:
    options: frozenset

    def __init__(self, options):
        object.__setattr__(self, "options", frozenset(options))

    def accepts(self, value) -> bool:
        try:
            return value in self.options
        except TypeError:  # unhashable
            return False

    def __str__(self) -> str:
        return "a str among " + "{" + ", ".join(repr(o) for o in sorted(self.options, key=str)) + "}"


def _accepts(constraint, value) -> bool:
    if constraint is None:
        return value is None
    if isinstance(constraint, (Interval, Options)):
        return constraint.accepts(value)
    if constraint == "boolean":
        return isinstance(value, (bool, np.bool_))
    if constraint == "random_state":
        return (value is None or isinstance(value, np.random.Generator)
                or isinstance(value, np.random.RandomState)
                or (isinstance(value, numbers.Integral) and not isinstance(value, bool)
                    and 0 <= value < 2**32))
    if constraint == "estimator":
        return hasattr(value, "fit") and hasattr(value, "get_params")
    if constraint == "array-like":
        return hasattr(value, "__len__") or hasattr(value, "__array__")
    if constraint == "callable":
        return callable(value)
    if constraint == "dict":
        return isinstance(value, dict)
    raise TypeError(f"unknown constraint {constraint!r}")


def _describe(constraint) -> str:
    if constraint is None:
        return "None"
    if isinstance(constraint, str):
        return {"boolean": "a bool", "random_state": "None, an int in [0, 2**32) or a "
                "numpy Generator", "estimator": "an estimator with fit and get_params",
                "array-like": "an array-like", "callable": "a callable",
                "dict": "a dict"}[constraint]
    return str(constraint)


def validate_parameter(owner: str, name: str, value, allowed: list) -> None:
    """Raise ``ValueError`` naming ``owner``'s parameter ``name`` if ``value`` fits no constraint."""
    if any(_accepts(c, value) for c in allowed):
        return
    choices = " or ".join(_describe(c) for c in allowed)
    raise ValueError(f"The {name!r} parameter of {owner} must be {choices}. Got {value!r} instead.")


def interval_of(estimator_class, name: str) -> Interval | None:
    """The numeric range declared for ``name`` (the playground's slider bounds), if any."""
    for c in estimator_class._parameter_constraints.get(name, []):
        if isinstance(c, Interval):
            return c
    return None


def options_of(estimator_class, name: str) -> list:
    """The string options declared for ``name`` (the playground's select boxes)."""
    out: list = []
    for c in estimator_class._parameter_constraints.get(name, []):
        if isinstance(c, Options):
            out.extend(sorted(c.options, key=str))
    return out
