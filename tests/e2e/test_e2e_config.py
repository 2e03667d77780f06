"""The hosted-demo configuration agrees with itself: caps, config.toml, what the server enforces."""

from __future__ import annotations

import os
import tomllib

from playground import limits

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def config() -> dict:
    with open(os.path.join(ROOT, ".streamlit", "config.toml"), "rb") as f:
        return tomllib.load(f)


def test_config_is_a_hosted_demo():
    c = config()
    assert c["client"]["toolbarMode"] == "viewer"  # no developer menu for the audience
    assert c["server"]["maxUploadSize"] == limits.MAX_UPLOAD_MB  # one limit, stated once
    assert c["browser"]["gatherUsageStats"] is False
    assert c["theme"]["base"] in ("light", "dark")


def test_grid_budget_bounds_memory_of_any_fit():
    # Every (res, T) the sliders allow must fit the frame budget after grid_for.
    for T in (1, 50, 100, 200, 500, 10_000):
        for res in (40, 120, 200, 300, 5000):
            g = limits.grid_for(res, T)
            assert 40 <= g <= min(res, limits.MAX_GRID) or (res < 40 and g == 40)
            assert g * g * min(T, limits.MAX_ROUNDS) <= limits.MAX_SURFACE_CELLS
    # the defaults (200 x 200 grid, 100 learners; 200 AdaBoost rounds) are never coarsened
    assert limits.grid_for(200, 100) == 200 and limits.grid_for(200, 200) == 200


def test_upload_size_check_names_the_limit():
    limits.check_upload_size(limits.MAX_UPLOAD_BYTES)
    try:
        limits.check_upload_size(limits.MAX_UPLOAD_BYTES + 1, "CSV file")
    except ValueError as exc:
        assert "CSV file" in str(exc) and f"{limits.MAX_UPLOAD_MB} MB" in str(exc)
    else:
        raise AssertionError("an oversized upload was accepted")
