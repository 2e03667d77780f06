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
    # the page's own defaults for app-wide settings (the data it opens on): used while the user
    # has not set them, so that each page opens on data that shows its lesson (docs/defaults.md)
    defaults: tuple = ()

    @property
    def title(self) -> str:
        return f"nav.{self.id}"


SECTIONS = {"start": "sec.start", "ensembles": "sec.ensembles", "course": "sec.course"}

PAGES: tuple[Page, ...] = (
    Page("ov", "overview", "views/overview.py", ":material/explore:", "start", card=False,
         default=True),
    Page("lec", "lecture", "views/lecture.py", ":material/co_present:", "start", card=False),
    Page("tr", "trees", "views/trees.py", ":material/park:", "ensembles",
         defaults=(("data", "moons"), ("noise", 0.5))),
    Page("bv", "bias-variance", "views/bias_variance.py", ":material/insights:", "ensembles"),
    Page("ab", "adaboost", "views/adaboost.py", ":material/balance:", "ensembles",
         defaults=(("data", "spirals"), ("noise", 0.25), ("n", 2000), ("test", 0.5))),
    Page("gb", "gradient-boosting", "views/gradient_boosting.py", ":material/trending_down:",
         "ensembles"),
    Page("sk", "stacking", "views/stacking.py", ":material/stacks:", "ensembles",
         defaults=(("data", "checkerboard"), ("noise", 0.2), ("n", 2000), ("test", 0.5))),
    Page("cp", "compare", "views/compare.py", ":material/leaderboard:", "ensembles",
         defaults=(("noise", 0.6), ("n", 2000), ("test", 0.5))),
    Page("ll", "lifelong", "views/lifelong.py", ":material/history_edu:", "course"),
    Page("gan", "gan", "views/gan.py", ":material/join_inner:", "course"),
    Page("nn", "backpropagation", "views/nn.py", ":material/hub:", "course"),
)

BY_ID: dict[str, Page] = {p.id: p for p in PAGES}


def own_defaults(page_id: str) -> dict:
    """The app-wide settings this page opens with when the user has not set them."""
    return dict(BY_ID[page_id].defaults) if page_id in BY_ID else {}


def get(page_id: str) -> Page:
    return BY_ID[page_id]


def in_section(section: str) -> tuple[Page, ...]:
    return tuple(p for p in PAGES if p.section == section)
