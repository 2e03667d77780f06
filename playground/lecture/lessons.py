"""What each lecture step claims, checked against its fit before it is said (as on the pages:
:mod:`playground.claims`). A step whose data or settings break its lesson says what happens
instead, with the numbers."""

from __future__ import annotations

import numpy as np

from playground.claims import Claim


def averaging_helps(b: dict, _v=None) -> tuple[bool, dict]:
    """§1: the average of T bagged trees has a lower test error than the trees on average."""
    each, avg = float(np.mean(b["test_mse_each"])), float(b["test_mse"])
    return avg < each, {"mse": each, "avg": avg, "T": len(b["test_mse_each"])}


def bound_reaches_zero(bl: dict, _v=None) -> tuple[bool, dict]:
    """§3: the bound shrinks every round and drives the training error to 0."""
    nums = {"b10": float(bl["bound"][9]), "b100": float(bl["bound"][min(99, bl["T"] - 1)]),
            "T": bl["T"], "low": float(np.min(bl["train"]))}
    return bl["t_zero"] is not None, {**nums, "t0": bl["t_zero"] or "—"}


def keeps_falling(bl: dict, _v=None) -> tuple[bool, dict]:
    """§3: the test error keeps falling after the training error reaches 0."""
    t0 = bl["t_zero"]
    nums = {"T": bl["T"], "end": float(bl["test"][-1]), "low": float(np.min(bl["train"]))}
    if t0 is None:
        return False, {**nums, "case": "never"}
    at = float(bl["test"][t0 - 1])
    holds = t0 < bl["T"] and nums["end"] < at
    return holds, {**nums, "t0": t0, "at": at, **({} if holds else {"case": "flat"})}


def margins_grow(bl: dict, _v=None) -> tuple[bool, dict]:
    """§3: the margins keep growing: the smallest normalized margin rises from T = 5 to 100 to
    1000 (the left end of the CDF moves right)."""
    lows = [float(np.min(m)) for m in bl["margins"].values()]
    nums = {"m": " → ".join(f"{v:+.3f}" for v in lows),
            "T": " → ".join(str(t) for t in bl["margins"])}
    return bool(np.all(np.diff(lows) > 0)), nums


def same_as_adaboost(gv: dict, _v=None) -> tuple[bool, dict]:
    """§4: gradient boosting with the exponential loss and stumps is AdaBoost, round by round."""
    same = sum(r["ada"][:2] == r["gb"][:2] for r in gv["rows"])
    dalpha = float(np.max(np.abs(gv["alpha_ada"] - gv["alpha_gb"][: len(gv["alpha_ada"])])))
    T = len(gv["rows"])
    return same == T and dalpha < 1e-6, {"T": T, "same": same, "dalpha": dalpha}


def outliers_pull(gl: dict, _v=None) -> tuple[bool, dict]:
    """§4: squared error chases outliers, absolute error ignores them, Huber sits between."""
    p = {loss: gl["fits"][loss]["pull"] for loss in ("squared_error", "huber", "absolute_error")}
    nums = {"sq": p["squared_error"], "hu": p["huber"], "ab": p["absolute_error"]}
    return nums["sq"] > nums["hu"] > nums["ab"], nums


BAG_SETS = Claim("lec.bag_sets.take", "lec.bag_sets.take.not", averaging_helps)
BOUND = Claim("lec.bound.take", "lec.bound.take.not", bound_reaches_zero)
TEST_ERR = Claim("lec.test_err.take", "lec.test_err.take.not", keeps_falling)
MARGINS = Claim("lec.margins.take", "lec.margins.take.not", margins_grow)
GB_ADA = Claim("lec.gb_ada.take", "lec.gb_ada.take.not", same_as_adaboost)
GB_LOSSES = Claim("lec.gb_losses.take", "lec.gb_losses.take.not", outliers_pull)
