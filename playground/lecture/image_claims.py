"""What the image steps say (docs/lecture.md §2), checked against their runs before it is said.

Each :class:`~playground.claims.Claim` reads a run of :mod:`playground.lecture.fits` (for the
forest: the single trees and the forests together) and returns whether the lesson holds and the
numbers either text quotes. ``tests/test_image_experiment.py`` checks every claim on every
silhouette and its fallback on a setting that breaks it.
"""

from __future__ import annotations

import numpy as np

from playground.claims import Claim
from playground.i18n import tr

GAIN_DEPTH = 10  # where one tree is still blocky: the forest's gain is stated here


def _tree_fits(run, _choices=None) -> tuple[bool, dict]:
    """The deepest tree gets every training pixel right (docs/lecture.md: depth 20 fits the training
    data perfectly)."""
    p = run.panels[-1]
    n_train, n_test = len(run.picture.train), len(run.picture.test)
    wrong = int(round(p.train_err * n_train))
    return wrong == 0, dict(d=p.value, depths=", ".join(str(q.value) for q in run.panels),
                            n_train=n_train, n_test=n_test, leaves=p.leaves, wrong=wrong,
                            tr_err=p.train_err, te_err=p.test_err)


def _deeper_closer(run, _choices=None) -> tuple[bool, dict]:
    """The title's "the deeper, the closer the fit": training error never rises with depth, and
    the deepest tree fits exactly."""
    fits, numbers = _tree_fits(run)
    closer = bool(np.all(np.diff([q.train_err for q in run.panels]) <= 0))
    return fits and closer, numbers


def _forest_gain(runs, _choices=None) -> tuple[bool, dict]:
    """At GAIN_DEPTH the forest has the lower test error and the closer outline; the deepest
    panels' test errors are quoted as they are."""
    trees, forests = runs
    t, f = trees.at(GAIN_DEPTH), forests.at(GAIN_DEPTH)
    t_deep, f_deep = trees.panels[-1], forests.panels[-1]
    holds = f.test_err < t.test_err and f.outline < t.outline
    return holds, dict(d=GAIN_DEPTH, T=forests.T, tree=t.test_err, forest=f.test_err,
                       t_out=t.outline, f_out=f.outline, deep=t_deep.value,
                       tree_deep=t_deep.test_err, forest_deep=f_deep.test_err)


def _chain(values, fmt: str) -> str:
    return " → ".join(format(v, fmt) if np.isfinite(v) else "—" for v in values)


def _ada_sharpens(run, _choices=None) -> tuple[bool, dict]:
    """The outline comes closer to the picture's at every T shown, and the test error is lower at
    the last T than at the first."""
    ps = run.panels
    outline = [p.outline for p in ps]
    numbers = dict(Ts=", ".join(str(p.value) for p in ps), errs=_chain([p.test_err for p in ps],
                                                                       ".3f"),
                   outs=_chain(outline, ".2f"), T=run.T,
                   stop=tr("lec.img_ada.stopped", T=run.T,
                           why=tr(f"stop.{run.stop.code}", **run.stop.fields))
                   if run.stop is not None else "")
    if run.stop is not None or len(ps) < 2:
        return False, numbers
    holds = bool(np.all(np.diff(outline) < 0)) and ps[-1].test_err < ps[0].test_err
    return holds, numbers


TREE_FITS = Claim("lec.img_trees.take", "lec.img_trees.take_not", _tree_fits)
TREE_TITLE = Claim("lec.img_trees.v_yes", "lec.img_trees.v_no", _deeper_closer)
FOREST_GAIN = Claim("lec.img_forest.take", "lec.img_forest.take_not", _forest_gain)
FOREST_TITLE = Claim("lec.img_forest.v_yes", "lec.img_forest.v_no", _forest_gain)
ADA_SHARPENS = Claim("lec.img_ada.take", "lec.img_ada.take_not", _ada_sharpens)
ADA_TITLE = Claim("lec.img_ada.v_yes", "lec.img_ada.v_no", _ada_sharpens)

