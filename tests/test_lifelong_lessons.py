"""What the lifelong-learning lab claims, measured over seeds at the page's defaults, and each
claim's fallback on a setting that breaks it.

On the default digit sequence (5 tasks rotated by 22.5° more each, a 64-100-10 MLP, 10 epochs a
task, each method at its default λ) EWC, MAS and SCP each end with a higher average accuracy than
fine-tuning on at least 4 of 5 seeds and forget task 1 less; L2 at its default λ = 1 fails the
other way, learning the new tasks far worse than fine-tuning. On the two-parameter picture θ₁
moves and θ₂ stays under EWC, MAS and SCP while fine-tuning moves θ₂ and forgets task 1.
"""

from __future__ import annotations

import numpy as np
import pytest

from playground import lifelong_claims as lessons
from playground import settings
from playground.compute import lifelong as ll
from playground.i18n import tr

SEEDS = range(5)


def default_spec(seed: int) -> ll.SequenceSpec:
    d = settings.defaults()
    return ll.SequenceSpec(d["ll_tasks"], d["ll_n"], float(d["ll_angle"]), d["ll_hidden"],
                           d["ll_epochs"], d["ll_fisher"], d["ll_dirs"], seed)


def default_lams() -> tuple:
    d = settings.defaults()
    return (("finetune", 0.0),) + tuple((k, float(d[f"ll_lam_{k}"]))
                                        for k in ("l2", "ewc", "mas", "scp"))


@pytest.fixture(scope="module")
def default_runs():
    return {seed: ll.sequence_run(default_spec(seed), default_lams(), "ewc") for seed in SEEDS}


def test_the_page_defaults_are_the_documented_sequence():
    assert default_spec(0) == ll.SequenceSpec()             # rotated, 5 tasks, 22.5°, 100, 10
    assert dict(default_lams()) == {"finetune": 0.0, "l2": 1.0, "ewc": 10.0, "mas": 0.1,
                                    "scp": 10.0}


@pytest.mark.parametrize("method", ["ewc", "mas", "scp"])
def test_guarded_methods_beat_fine_tuning_on_four_of_five_seeds(default_runs, method):
    better = [default_runs[s].runs[method].average_accuracy
              > default_runs[s].runs["finetune"].average_accuracy for s in SEEDS]
    kept = [default_runs[s].runs[method].forgetting_first
            < default_runs[s].runs["finetune"].forgetting_first for s in SEEDS]
    assert sum(better) >= 4, better
    assert sum(kept) >= 4, kept
    mean_forget = np.mean([default_runs[s].runs[method].forgetting_first for s in SEEDS])
    assert mean_forget < np.mean([default_runs[s].runs["finetune"].forgetting_first
                                  for s in SEEDS])


def test_l2_at_a_large_lambda_is_too_stiff_to_learn_new_tasks(default_runs):
    for s in SEEDS:
        l2, ft = default_runs[s].runs["l2"], default_runs[s].runs["finetune"]
        assert l2.lam == 1.0
        assert l2.new_task_accuracy < ft.new_task_accuracy - 0.3, s   # cannot learn ...
        assert l2.forgetting_first < ft.forgetting_first, s          # ... though it keeps task 1


def test_the_sequence_lessons_hold_on_four_of_five_seeds(default_runs):
    for claim in lessons.SEQUENCE:
        held = [claim.evaluate(default_runs[s], None)[0] for s in SEEDS]
        assert sum(held) >= 4, (claim.key, held)


def test_the_sequence_lessons_say_what_happens_instead_when_broken():
    spec = ll.SequenceSpec(n_tasks=3, epochs=3, hidden=32)
    zero = ll.sequence_run(spec, tuple((k, 0.0) for k in ll.METHODS), "ewc")
    holds, text = lessons.SEQUENCE[0].evaluate(zero, None)
    assert not holds                                          # λ = 0 is fine-tuning exactly
    n = lessons.sequence_numbers(zero)
    assert n["ewc_avg"] == n["ft_avg"] and f"{n['ft_avg']:.0%}" in text
    assert text == tr("ll.c.forget_no", **n)
    holds, text = lessons.SEQUENCE[1].evaluate(zero, None)
    assert not holds and text == tr("ll.c.stiff_no", **lessons.sequence_numbers(zero))


def test_the_picture_lessons_hold_at_the_default_lambda_and_not_at_zero():
    lam = settings.BY_NAME["ll_plam"].default
    run = ll.picture_run(float(lam))
    for claim in lessons.PICTURE:
        holds, text = claim.evaluate(run, None)
        assert holds, text
    n = lessons.picture_numbers(run)
    assert abs(n["ewc_2"]) < 0.05 < 1.0 < abs(n["ewc_1"])      # θ₂ stays, θ₁ moves
    assert n["l_ewc"] < n["l_ft"] / 10
    off = ll.picture_run(0.0)
    for claim in lessons.PICTURE:
        holds, text = claim.evaluate(off, None)
        assert not holds and text == tr(claim.otherwise, **lessons.picture_numbers(off))


def test_the_picture_lesson_holds_over_the_sliders_useful_range_and_not_below_it():
    for lam in (0.5, 1.0, 2.0, 5.0):
        assert lessons.check_picture(ll.picture_run(lam))[0], lam
    assert not lessons.check_picture(ll.picture_run(0.1))[0]   # too weak a pull: θ₂ drifts
