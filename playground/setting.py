"""One setting's declaration (the rows of :mod:`playground.settings` and
:mod:`playground.settings_course`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

GLOBAL = "*"


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    kind: str  # "int" | "float" | "bool" | "str" | "list" (of options) | "ints" (of numbers)
    #            | "points" (a drawn set, playground.drawn)
    lo: float | None = None
    hi: float | None = None
    options: tuple | Callable[[], tuple] | None = None
    source: tuple[str, str] | None = None  # (estimator class name, parameter) for bounds/options
    pages: tuple[str, ...] = (GLOBAL,)
    doc: str = ""
    cap: str | None = None  # name of the per-session cap in ``playground.limits`` (upper bound)
    always_in_url: bool = False  # written to the URL even at its default (the lecture's step)
    steps: tuple = ()  # a fixed ladder of values (a select slider, e.g. C on a log scale)
    only_with: tuple = ()  # ((setting, value), ...): in the URL only while one of them holds

    def choices(self) -> tuple:
        opts = self.options() if callable(self.options) else self.options
        return tuple(opts or ())
