"""The lecture track and its settings, declared once (pure: no streamlit).

A step is one screen a lecturer projects. Its number is in the URL (``/lecture?step=6``) together
with the presentation switches, so any step can be bookmarked; the same settings travel as JSON
(``export.settings_json`` / ``export.parse_settings_json``), validated by :func:`check` below.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# (step id, LECTURE.md section it illustrates). Order = the lecture's order.
STEPS: tuple[tuple[str, str], ...] = (
    ("bag_sets", "1"),
    ("bag_oob", "1"),
    ("img_trees", "2"),
    ("img_forest", "2"),
    ("img_ada", "2"),
    ("toy_1", "3"),
    ("toy_2", "3"),
    ("toy_3", "3"),
    ("toy_vote", "3"),
    ("bound", "3"),
    ("test_err", "3"),
    ("margins", "3"),
    ("gb_ada", "4"),
    ("gb_losses", "4"),
    ("stacking", "5"),
)
N_STEPS = len(STEPS)
SILHOUETTES = ("cat", "rabbit", "rocket", "star")


@dataclass(frozen=True)
class Spec:
    kind: str  # "int" | "bool" | "str"
    default: Any
    lo: int | None = None
    hi: int | None = None
    options: tuple = ()
    doc: str = ""


SETTINGS: dict[str, Spec] = {
    "step": Spec("int", 1, 1, N_STEPS, doc="step of the track, 1-based"),
    "present": Spec("bool", False, doc="presentation mode: large type, no sidebar"),
    "theme": Spec("str", "light", options=("light", "dark")),
    "lang": Spec("str", "en", options=("en", "zh")),
    "shape": Spec("str", "rabbit", options=SILHOUETTES, doc="silhouette of the image experiment"),
    "bag_T": Spec("int", 4, 2, 8, doc="bootstrap sets in the bagging steps"),
    "seed": Spec("int", 0, 0, 9999, doc="seed of the bagging draws"),
    "rounded": Spec("bool", False, doc="show the slide's rounded chain in the toy table"),
}


def defaults() -> dict[str, Any]:
    return {k: s.default for k, s in SETTINGS.items()}


def check(name: str, value: Any) -> Any:
    """``value`` if it is a valid JSON value for setting ``name``; else ValueError saying why.

    Strict: booleans must be true/false (not 0/1), integers must be whole JSON numbers (not
    booleans, not 3.0), strings must be one of the options.
    """
    if name not in SETTINGS:
        raise ValueError(f"unknown setting “{name}” (known: {', '.join(SETTINGS)})")
    s = SETTINGS[name]
    if s.kind == "bool":
        if not isinstance(value, bool):
            raise ValueError(f"“{name}” must be true or false, got {value!r}")
    elif s.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"“{name}” must be a whole number, got {value!r}")
        if not s.lo <= value <= s.hi:
            raise ValueError(f"“{name}” = {value} is outside [{s.lo}, {s.hi}]")
    else:
        if not isinstance(value, str) or value not in s.options:
            raise ValueError(f"“{name}” must be one of {', '.join(s.options)}, got {value!r}")
    return value


def from_url(raw: str, name: str) -> Any:
    """A URL string -> a valid value (ValueError saying why not)."""
    s = SETTINGS[name]
    raw = str(raw).strip()
    if s.kind == "bool":
        low = raw.lower()
        if low in ("1", "true", "yes", "on"):
            return True
        if low in ("0", "false", "no", "off"):
            return False
        raise ValueError("expected 0 or 1")
    if s.kind == "int":
        try:
            value = int(raw)
        except ValueError:
            raise ValueError("not a whole number") from None
        return check(name, value)
    return check(name, raw)


def to_url(name: str, value: Any) -> str:
    return ("1" if value else "0") if SETTINGS[name].kind == "bool" else str(value)


def url_params(values: dict[str, Any]) -> dict[str, str]:
    """The query string of a view: every setting that differs from its default (step always)."""
    out = {}
    for name, s in SETTINGS.items():
        if name == "step" or values[name] != s.default:
            out[name] = to_url(name, values[name])
    return out


def step_id(step: int) -> str:
    return STEPS[step - 1][0]
