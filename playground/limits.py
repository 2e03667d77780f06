"""Per-session caps for the hosted demo: no single visitor can exhaust the host.

A lecture hall opens the demo at once, so every knob that multiplies work or memory has a ceiling
here, in one place, read by the controls (slider bounds), the fitting code (before it fits) and the
upload parsers. Pure Python: no streamlit, no engine import, safe to import anywhere.

Why these numbers (2 CPU cores, a few GB of RAM, ~30 sessions):
* a fit's recorded staged surfaces cost ``grid**2 * rounds`` bytes (uint8 frames); with the caches'
  ``max_entries`` bound that is what fills memory, so :data:`MAX_SURFACE_CELLS` caps the product,
  not only each factor: 300 x 300 x 500 would be 45 MB per cached fit;
* fitting time grows with points x rounds; 2,000 points x 500 rounds of stumps stays well under a
  second with the numpy engine.
"""

from __future__ import annotations

import math

MAX_POINTS = 2000          # data points of a generated 2-D / 1-D data set (train + test)
# Pixels of a picture used as points (the image sets' ``n``): the image experiment (docs/lecture.md §2)
# trains on nearly every pixel of a 160 x 160 picture. At this size a forest of 100 trees takes
# about a second of CPU and 100 x 25,600 (tree, pixel) rows, within the forest's chunked growth.
MAX_IMAGE_POINTS = 160 * 160
# Points of a drawn set (playground/drawn.py): the whole set travels in the link, 3,338
# characters at this cap, and every edit refits at once (the refit budget is set at 1,000 points).
MAX_DRAWN_POINTS = 1000
MAX_ROUNDS = 500           # ensemble size T of any method (AdaBoost, forest, boosting, Compare)
MAX_GRID = 300             # decision-surface resolution: the grid is res x res
MAX_SURFACE_CELLS = 16_000_000  # res**2 * T of recorded surface frames (uint8: 16 MB per fit)
MAX_LAYERS = 3             # stacking layers
MAX_UPLOAD_MB = 5          # = server.maxUploadSize in .streamlit/config.toml (a test checks)
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1_000_000
MAX_CSV_ROWS = 20_000      # rows of an uploaded CSV
MAX_CSV_COLUMNS = 100
# Compare fits 12 methods of up to T learners on an uploaded table: its work grows with
# rows x features x T (a 20,000 x 99 CSV at T = 500 took 82 s of CPU and ~800 MB). Above this
# budget the training rows are subsampled (the page says how many were used): about 4-5 s of CPU
# and ~50 MB on this engine, whatever the upload.
MAX_COMPARE_WORK = 50_000_000
MIN_COMPARE_ROWS = 200
# Seconds between two animation ticks of one session (the player's fastest speed): 5.5 a second,
# so that a browser shows at least the target of 5 updates a second; a browser's timer fires a
# little late (at exactly 0.2 s the landing and AdaBoost pages drew 4.92-4.98 rounds a second).
# 30 sessions playing at once then ask for 165 ticks/s: a tick must stay around 10 ms of server
# time per replica core (under a hall's load the server serves what it can, ~1.7 per session).
MIN_PLAY_INTERVAL = 0.18


def cap(name: str, value: int) -> int:
    """``value`` clipped to the cap ``name`` (e.g. ``cap("MAX_ROUNDS", 9000) == 500``)."""
    return int(min(value, globals()[name]))


def grid_for(res: int, rounds: int) -> int:
    """The largest surface resolution <= ``res`` whose ``rounds`` frames fit the memory budget.

    ``res`` is first clipped to :data:`MAX_GRID`; ``rounds`` is clipped to :data:`MAX_ROUNDS`.
    Never below 40 (a coarser surface teaches nothing).
    """
    res = min(int(res), MAX_GRID)
    rounds = max(1, min(int(rounds), MAX_ROUNDS))
    fit = int(math.isqrt(MAX_SURFACE_CELLS // rounds))
    return max(40, min(res, fit))


def compare_rows(n_rows: int, n_features: int, rounds: int) -> int:
    """Training rows Compare may use so that rows x features x rounds stays within
    :data:`MAX_COMPARE_WORK` (never fewer than :data:`MIN_COMPARE_ROWS`, nor more than given)."""
    fit = MAX_COMPARE_WORK // max(1, n_features * max(1, rounds))
    return int(min(n_rows, max(MIN_COMPARE_ROWS, fit)))


def check_upload_size(n_bytes: int, what: str = "file") -> None:
    """Raise ``ValueError`` naming the limit when an upload is too large."""
    if n_bytes > MAX_UPLOAD_BYTES:
        raise ValueError(f"the {what} is {n_bytes / 1e6:.1f} MB; the limit is {MAX_UPLOAD_MB} MB")
