"""What the lifelong-learning lab says, checked against the live run before it is said
(:mod:`playground.claims`): each check compares numbers the runs recorded, never recomputes them.
"""

from __future__ import annotations

import numpy as np

from playground.claims import Claim

GUARDED = ("ewc", "mas", "scp")
SHORT = {"finetune": "ft", "l2": "l2", "ewc": "ewc", "mas": "mas", "scp": "scp"}


def picture_numbers(run) -> dict:
    """Each method's move (Δθ₁, Δθ₂) over task 2 and task 1's loss after it."""
    out = {"lam": run.lam, "l_start": float(run.losses["finetune"][0, 0])}
    for m, s in SHORT.items():
        d = np.round(run.moved(m), 2) + 0.0                 # as shown: no "-0.00"
        out[f"{s}_1"], out[f"{s}_2"] = float(d[0]), float(d[1])
        out[f"l_{s}"] = float(run.losses[m][-1, 0])
        out[f"{s}_loss"] = float(run.losses[m][-1, 1])
    return out


def check_picture(run, _choices=None) -> tuple[bool, dict]:
    """θ₁ moves, θ₂ stays: every guarded method moves θ₂ by less than a quarter of fine-tuning's
    move and θ₁ by more than five times its θ₂, and leaves task 1's loss below half of
    fine-tuning's."""
    n = picture_numbers(run)
    ft2 = abs(n["ft_2"])
    holds = all(abs(n[f"{s}_2"]) < 0.25 * ft2 and abs(n[f"{s}_1"]) > 5 * abs(n[f"{s}_2"])
                and n[f"l_{s}"] < 0.5 * n["l_ft"] for s in GUARDED)
    return holds, n


def check_l2_picture(run, _choices=None) -> tuple[bool, dict]:
    """L2 is too stiff: task 2's loss stays above three times EWC's."""
    n = picture_numbers(run)
    return n["l2_loss"] > 3 * n["ewc_loss"], n


def sequence_numbers(run) -> dict:
    out = {}
    for m, s in SHORT.items():
        r = run.runs[m]
        out |= {f"{s}_first": float(r.R[0, 0]), f"{s}_last": float(r.R[-1, 0]),
                f"{s}_avg": r.average_accuracy, f"{s}_forget": r.forgetting_first,
                f"{s}_new": r.new_task_accuracy}
    out["lam"] = run.runs["l2"].lam
    return out


def check_forgetting(run, _choices=None) -> tuple[bool, dict]:
    """EWC, MAS and SCP each end with a higher average accuracy than fine-tuning and forget
    task 1 less."""
    n = sequence_numbers(run)
    holds = all(n[f"{s}_avg"] > n["ft_avg"] and n[f"{s}_forget"] < n["ft_forget"]
                for s in GUARDED)
    return holds, n


def check_stiff(run, _choices=None) -> tuple[bool, dict]:
    """L2 learns the new tasks at least 15 points worse than fine-tuning does."""
    n = sequence_numbers(run)
    return n["l2_new"] < n["ft_new"] - 0.15, n


PICTURE = (Claim("ll.c.picture", "ll.c.picture_no", check_picture),
           Claim("ll.c.l2pic", "ll.c.l2pic_no", check_l2_picture))
SEQUENCE = (Claim("ll.c.forget", "ll.c.forget_no", check_forgetting),
            Claim("ll.c.stiff", "ll.c.stiff_no", check_stiff))
