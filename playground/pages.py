"""The app's pages, declared once (pure Python, no streamlit).

One row per page: its id (the tag its settings carry in :mod:`playground.settings`, the prefix of
its texts in :mod:`playground.i18n` and of its session keys), the URL path, the script, the icon,
the navigation section, and the texts of its title and its card on the overview. ``app.py`` builds
the navigation from this list, the overview draws its map of the lecture from it, and the tests
walk it.

Adding a page: a row here, its script in ``views/``, its texts (``nav.<id>``, and ``ov.<id>`` for
its card) in ``i18n``, and its settings tagged with its id in ``settings``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    id: str  # settings tag, text prefix ("ab" -> "ab.title"), session-key prefix
    url: str  # URL path: /adaboost
    script: str  # relative to playground/
    icon: str
    section: str  # key of SECTIONS
    card: bool = True  # has a card on the overview's map (text "ov.card.<id>")
    default: bool = False  # the landing page

    @property
    def title(self) -> str:
        return f"nav.{self.id}"


SECTIONS = {"start": "sec.start", "ensembles": "sec.ensembles", "course": "sec.course"}

PAGES: tuple[Page, ...] = (
    Page("ov", "overview", "views/overview.py", ":material/explore:", "start", card=False,
         default=True),
    Page("lec", "lecture", "views/lecture.py", ":material/co_present:", "start", card=False),
    Page("tr", "trees", "views/trees.py", ":material/park:", "ensembles"),
    Page("bv", "bias-variance", "views/bias_variance.py", ":material/insights:", "ensembles"),
    Page("ab", "adaboost", "views/adaboost.py", ":material/balance:", "ensembles"),
    Page("gb", "gradient-boosting", "views/gradient_boosting.py", ":material/trending_down:",
         "ensembles"),
    Page("sk", "stacking", "views/stacking.py", ":material/stacks:", "ensembles"),
    Page("cp", "compare", "views/compare.py", ":material/leaderboard:", "ensembles"),
)

BY_ID: dict[str, Page] = {p.id: p for p in PAGES}


def get(page_id: str) -> Page:
    return BY_ID[page_id]


def in_section(section: str) -> tuple[Page, ...]:
    return tuple(p for p in PAGES if p.section == section)
