"""Every page's lessons, run over seeds: how often does each claim hold on given settings?

The defaults of each page are chosen so that its lessons hold on at least 18 of 20 seeds
(``docs/defaults.md`` has the tables, ``scripts/defaults_study.py`` makes them, and
``tests/test_lessons.py`` checks the defaults). Pure orchestration: a page's ``Choices.of``,
``fit`` and ``LESSONS`` do the work.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from playground import settings


@dataclass(frozen=True)
class PageLessons:
    page: str
    choices: Callable[[dict], Any]  # settings' values -> the page's choices
    fit: Callable[[Any], Any]
    claims: Callable[[Any], tuple]  # choices -> the claims the page makes with them


def pages() -> dict[str, PageLessons]:
    from playground.views import adaboost, compare, gradient_boosting, overview, stacking, trees
    return {
        "ab": PageLessons("ab", adaboost.Choices.of, adaboost.fit, lambda c: adaboost.LESSONS),
        "tr": PageLessons("tr", trees.Choices.of, trees.fit,
                          lambda c: trees.LESSONS_TREE if c.method == "tree"
                          else trees.LESSONS_ENSEMBLE),
        "gb": PageLessons("gb", gradient_boosting.Choices.of, gradient_boosting.fit,
                          lambda c: gradient_boosting.LESSONS),
        "sk": PageLessons("sk", stacking.Choices.of, stacking.fit, lambda c: stacking.LESSONS),
        "cp": PageLessons("cp", compare.Choices.of, compare.fit, lambda c: compare.LESSONS),
        "ov": PageLessons("ov", lambda v: v["seed"], overview.demo_run,
                          lambda c: overview.LESSONS + (overview.TRY_DEPTH,)),
    }


def run_over_seeds(page: str, overrides: dict | None = None, seeds=range(20)) -> dict:
    """claim key -> [(seed, holds, text)] for ``page`` at its defaults plus ``overrides``."""
    spec = pages()[page]
    out: dict[str, list] = {}
    for seed in seeds:
        values = {**settings.defaults(page), **(overrides or {}), "seed": seed}
        choices = spec.choices(values)
        run = spec.fit(choices)
        for claim in spec.claims(choices):
            holds, text = claim.evaluate(run, choices)
            out.setdefault(claim.key, []).append((seed, holds, text))
    return out
