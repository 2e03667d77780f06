"""Sentences that state a result, checked against the live numbers before they are shown.

A page never writes "the forest beats the tree" as a fixed string: it declares a :class:`Claim`
whose ``check(run, choices)`` looks at the fitted run and returns whether the lesson holds plus
the numbers to quote. :func:`say` then shows the claim's text when it holds, and its
``otherwise`` text — what happens instead, with the same numbers — when the user's settings break
it. Tests check every claim on the page's defaults (over seeds) and its fallback on a setting
that breaks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from playground.i18n import tr


@dataclass(frozen=True)
class Claim:
    key: str  # text shown when the lesson holds, formatted with the numbers
    otherwise: str  # text shown when it does not: what happens instead, with the numbers
    check: Callable[[Any, Any], tuple[bool, dict]]  # (run, choices) -> (holds, numbers)
    # (choices) -> whether the lesson is about this view at all (None: always); one that is not
    # is left unsaid (e.g. a mode count on data that has no modes)
    applies: Callable[[Any], bool] | None = None

    def evaluate(self, run, choices) -> tuple[bool, str]:
        holds, numbers = self.check(run, choices)
        return bool(holds), tr(self.key if holds else self.otherwise, **numbers)


def say(claims, run, choices, container=None) -> list[tuple[bool, str]]:
    """Show each claim's checked sentence (a success box when it holds, an info box with what
    happens instead when it does not); returns what was shown."""
    import streamlit as st
    box = container or st
    shown = []
    for claim in claims:
        if claim.applies is not None and not claim.applies(choices):
            continue
        holds, text = claim.evaluate(run, choices)
        (box.success if holds else box.info)(text, icon=":material/check_circle:" if holds
                                             else ":material/info:")
        shown.append((holds, text))
    return shown
