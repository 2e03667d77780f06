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
        """Whether the lesson holds on this run, and the sentence to show. When the numbers carry
        a ``case``, the text is ``<key>.<case>`` or ``<otherwise>.<case>`` (a lesson can hold or
        fail in more than one way, each said differently)."""
        holds, numbers = self.check(run, choices)
        key = (self.key if holds else self.otherwise) + (f".{numbers['case']}"
                                                         if "case" in numbers else "")
        return bool(holds), tr(key, **numbers)


def say(claims, run, choices, container=None) -> list[tuple[bool, str]]:
    """Show the claims' checked sentences in one compact box, one line each: ✓ when the lesson
    holds, • with what happens instead when it does not; returns what was shown."""
    import streamlit as st
    shown = [claim.evaluate(run, choices) for claim in claims
             if claim.applies is None or claim.applies(choices)]
    if shown:
        box = (container or st).container(border=True)
        box.markdown(f"**{tr('lessons.title')}**  \n" + "  \n".join(
            ("✓ " if holds else "• ") + text for holds, text in shown))
    return shown
