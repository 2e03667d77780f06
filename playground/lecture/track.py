"""The lecture track: its steps, in the lecture's order (pure: no streamlit).

A step is one screen a lecturer projects. Its number is in the URL (``/lecture?step=6``) together
with the presentation switches, so any step can be bookmarked. Those settings (step, present,
theme, shape, bag_T, rounded; lang and seed are shared) are declared with every other setting in
``playground.settings.SETTINGS`` (``pages=("lec",)``), which parses them from the URL and, for
``export.settings_json`` / ``export.parse_settings_json``, validates them as JSON.
"""

from __future__ import annotations

# (step id, docs/lecture.md section it illustrates). Order = the lecture's order.
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


def step_id(step: int) -> str:
    return STEPS[step - 1][0]
