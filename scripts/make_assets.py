r"""Build the playground's assets: the AdaBoost toy set (docs/lecture.md §3) and the silhouettes (§2).

    python scripts/make_assets.py             # verify the toy set, write everything under assets/
    python scripts/make_assets.py --check     # verify only, write nothing
    python scripts/make_assets.py --search 600000 --seed 1   # re-run the search that found the toy set

The toy set
-----------
Ten points in the plane, five per class, labels y in {-1, +1}. Discrete AdaBoost as the lecture
states it (u_1^n = 1; eps_t = sum_n u_t^n [f_t(x^n) != y^n] / Z_t; d_t = sqrt((1 - eps_t) / eps_t);
alpha_t = ln d_t; misclassified u *= d_t, correct u /= d_t) with decision stumps must give
eps = 3/10, 3/14, 3/22 (0.300, 0.214, 0.136), alpha = 0.424, 0.650, 0.923, three mistakes per
round, round 2 wrong only on points round 1 got right, round 3 wrong on three of the four points
both earlier rounds got right, and H = sign(sum_t alpha_t f_t) right on all ten.

The stump of each round must be the same whether it is chosen by weighted Gini impurity (the
engine's DecisionTreeClassifier(max_depth=1)) or by weighted 0-1 error. Some ties cannot be avoided
- this is arithmetic, not a weakness of the chosen points:

* weighted 0-1 error, round 1: u = 1, so every stump with three mistakes has error 0.3, and f_2,
  f_3 make three mistakes each. Round 2: f_3's three mistakes are points f_1 got right, all of
  weight 1/d_1, exactly like f_2's, so f_2 and f_3 tie at 3/14.
* Gini, round 1: a three-mistake split with a pure leaf of 2 scores sum_leaf W(1 - sum_k p_k^2)
  = 3.75, any other three-mistake split 4.17. f_1 must therefore be a "pure 2" split, and one of
  f_2 / f_3 can be worse only if it is a "1 + 2 mistakes" split; working through the weights shows
  that then the other one either is a "pure 2" split too (tie in round 1) or has exactly f_2's
  weighted class counts in round 2 (tie in round 2). A random search over 3 x 10^5 layouts found
  none that avoids every tie.

So the points are chosen so that every tie is exact in floating point and is broken the way an
engine scanning "lower feature index, then lower threshold, replace only on strict improvement"
breaks it: the only Gini tie is in round 1 (u = 1 exactly, so both sides are the same binary
fractions) between f_1 = [x1 <= 2.5] and f_2 = [x1 <= 8.5] on the same feature, f_1 having the
lower threshold; the 0-1 ties (rounds 1 and 2) are with stumps on x2 or at larger thresholds.
Round 3 is unique under both criteria, and every non-tied runner-up is far away (>= 1.4 % of Z_t).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"

# Picked from what `--search 600000 --seed 1` lists: the best runner-up gap, and among those the
# clearest round 3 (ranks 1..10 on each axis: only the order matters to a stump).
TOY_X1 = [8, 7, 5, 2, 1, 9, 3, 6, 10, 4]
TOY_X2 = [4, 2, 6, 5, 10, 1, 7, 9, 3, 8]
TOY_Y = [1, 1, 1, 1, 1, -1, -1, -1, -1, -1]

T = 3
TARGET_EPS = (3 / 10, 3 / 14, 3 / 22)
TIE_TOL = 1e-9          # two criterion values closer than this count as a tie
MIN_GAP = 1e-2          # a non-tied runner-up must be at least this much worse (as a fraction of Z_t)


# --------------------------------------------------------------------------- stumps (pure numpy)
def candidate_stumps(X: np.ndarray) -> list[tuple[int, float]]:
    """Every axis-aligned split "x_j <= threshold", thresholds at midpoints between consecutive
    distinct values, in the tie-break order: lower feature index first, then lower threshold."""
    out = []
    for j in range(X.shape[1]):
        v = np.unique(X[:, j])
        out.extend((j, float(t)) for t in (v[:-1] + v[1:]) / 2)
    return out


def stump_table(X, y, u, cands):
    r"""Score every candidate split under the weights u.

    Gini (the quantity a weighted CART split minimises):
    :math:`G = \sum_{leaf} \left(W_{leaf} - \sum_k W_{leaf,k}^2 / W_{leaf}\right)`.
    0-1 error: each leaf predicts its weighted majority, :math:`\epsilon = \sum_{leaf}
    \min_k W_{leaf,k} / Z`. Returns (gini, eps, predictions in {-1,+1} per candidate, leaf_tie).
    """
    left = np.array([X[:, j] <= t for j, t in cands])           # (m, N)
    pos = y == 1
    wl_pos = left @ (u * pos)
    wl_neg = left @ (u * ~pos)
    wr_pos = (~left) @ (u * pos)
    wr_neg = (~left) @ (u * ~pos)
    wl, wr = wl_pos + wl_neg, wr_pos + wr_neg
    gini = (wl - (wl_pos ** 2 + wl_neg ** 2) / wl) + (wr - (wr_pos ** 2 + wr_neg ** 2) / wr)
    eps = (np.minimum(wl_pos, wl_neg) + np.minimum(wr_pos, wr_neg)) / u.sum()
    pred_l = np.where(wl_pos > wl_neg, 1, -1)
    pred_r = np.where(wr_pos > wr_neg, 1, -1)
    pred = np.where(left, pred_l[:, None], pred_r[:, None])
    leaf_tie = (wl_pos == wl_neg) | (wr_pos == wr_neg)
    return gini, eps, pred, leaf_tie


def first_minimum(values: np.ndarray, tol: float = TIE_TOL) -> tuple[int, np.ndarray]:
    """Index chosen by the tie-break order (the first of the minima) and all indices tied with it."""
    tied = np.flatnonzero(values <= values.min() + tol)
    return int(tied[0]), tied


def run_toy_adaboost(X, y, criterion: str, n_rounds: int = T):
    """Lecture AdaBoost with a brute-force stump chosen by `criterion` ("gini" or "error")."""
    X = np.asarray(X, float)
    y = np.asarray(y)
    cands = candidate_stumps(X)
    u = np.ones(len(y))
    rounds = []
    for _ in range(n_rounds):
        gini, eps_all, pred, leaf_tie = stump_table(X, y, u, cands)
        score = gini if criterion == "gini" else eps_all
        k, tied = first_minimum(score)
        wrong = pred[k] != y
        eps = float(u[wrong].sum() / u.sum())
        if not 0.0 < eps < 0.5:          # a perfect or useless stump ends AdaBoost
            break
        d = math.sqrt((1 - eps) / eps)
        others = np.setdiff1d(np.arange(len(cands)), tied)
        gap = (float((score[others].min() - score[k]) / (u.sum() if criterion == "gini" else 1.0))
               if len(others) else math.inf)
        rounds.append(dict(
            stump=cands[k], pred=pred[k], wrong=wrong, eps=eps, d=d, alpha=math.log(d),
            u=u.copy(), ties=[cands[i] for i in tied if i != k], gap=gap, leaf_tie=bool(leaf_tie[k]),
        ))
        u = np.where(wrong, u * d, u / d)
    return rounds


def verify_toy(X, y) -> list[str]:
    """Every property the lecture's toy example needs; returns the list of violations (empty = ok)."""
    X = np.asarray(X, float)
    y = np.asarray(y)
    problems = []
    if sorted(np.unique(y).tolist()) != [-1, 1] or (y == 1).sum() != 5 or len(y) != 10:
        return ["need 10 points, 5 per class, labels -1/+1"]
    by = {c: run_toy_adaboost(X, y, c) for c in ("gini", "error")}
    g, e = by["gini"], by["error"]
    if len(g) < T or len(e) < T:
        return ["AdaBoost stops before round 3 (a stump with eps = 0 or eps >= 0.5)"]
    for t in range(T):
        if g[t]["stump"] != e[t]["stump"]:
            problems.append(f"round {t + 1}: Gini picks {g[t]['stump']}, 0-1 error picks {e[t]['stump']}")
        if abs(g[t]["eps"] - TARGET_EPS[t]) > 1e-12:
            problems.append(f"round {t + 1}: eps {g[t]['eps']:.6f} != {TARGET_EPS[t]:.6f}")
        if g[t]["wrong"].sum() != 3:
            problems.append(f"round {t + 1}: {g[t]['wrong'].sum()} mistakes, not 3")
        if g[t]["leaf_tie"]:
            problems.append(f"round {t + 1}: a leaf of the chosen stump is a weight tie")
        for crit, r in by.items():
            if r[t]["gap"] < MIN_GAP:
                problems.append(f"round {t + 1}, {crit}: runner-up only {r[t]['gap']:.2e} worse")
        # Allowed ties only: Gini in round 1 (u = 1, exact) on the same feature at a larger threshold.
        for j, thr in g[t]["ties"]:
            if t != 0 or j != g[t]["stump"][0] or thr <= g[t]["stump"][1]:
                problems.append(f"round {t + 1}: Gini tie with {(j, thr)}")
        if t == T - 1 and e[t]["ties"]:
            problems.append(f"round {t + 1}: 0-1 tie with {e[t]['ties']}")
    w1, w2, w3 = (r["wrong"] for r in g)
    if (w1 & w2).any():
        problems.append("round 2 repeats a mistake of round 1")
    both_right = ~w1 & ~w2
    if both_right.sum() != 4 or (w3 & ~both_right).any():
        problems.append("round 3 is not wrong on three of the four points both rounds got right")
    score = sum(r["alpha"] * r["pred"] for r in g)
    if not np.array_equal(np.sign(score), y):
        problems.append("H = sign(sum alpha_t f_t) does not classify all 10 points")
    return problems


def search(n_trials: int, seed: int):
    """Random layouts (a rank 1..10 on each axis) that pass `verify_toy`, with f_1, f_2 on x1 and f_3
    on x2 (the classic picture: two vertical lines, then a horizontal one), best runner-up gap first."""
    rng = np.random.default_rng(seed)
    y = np.array(TOY_Y)
    found = []
    for _ in range(n_trials):
        X = np.stack([rng.permutation(10), rng.permutation(10)], axis=1) + 1.0
        if verify_toy(X, y):
            continue
        rounds = run_toy_adaboost(X, y, "gini")
        if [r["stump"][0] for r in rounds] != [0, 0, 1]:
            continue
        gap = min(r["gap"] for r in rounds)
        found.append((gap, X[:, 0].astype(int).tolist(), X[:, 1].astype(int).tolist()))
    found.sort(key=lambda f: -f[0])
    return found


def toy_description(X, y) -> dict:
    """What the lecture page shows: each round's stump, its mistakes and the numbers."""
    rounds = run_toy_adaboost(X, y, "gini")
    out = []
    for t, r in enumerate(rounds, start=1):
        j, thr = r["stump"]
        left = np.asarray(X, float)[:, j] <= thr
        left_label = int(r["pred"][np.flatnonzero(left)[0]])
        right_label = int(r["pred"][np.flatnonzero(~left)[0]])
        out.append({
            "t": t,
            "feature": j,
            "feature_name": f"x{j + 1}",
            "threshold": thr,
            "left_label": left_label,
            "right_label": right_label,
            "rule": f"f_{t}(x) = {left_label:+d} if x{j + 1} <= {thr:g} else {right_label:+d}",
            "misclassified": np.flatnonzero(r["wrong"]).tolist(),
            "u": [round(float(v), 6) for v in r["u"]],
            "epsilon": round(r["eps"], 6),
            "epsilon_fraction": ["3/10", "3/14", "3/22"][t - 1],
            "d": round(r["d"], 6),
            "alpha": round(r["alpha"], 6),
            "ties": {
                "gini": [list(s) for s in r["ties"]],
                "weighted_error": [list(s) for s in
                                   run_toy_adaboost(X, y, "error")[t - 1]["ties"]],
            },
        })
    return {
        "description": "AdaBoost toy example (docs/lecture.md §3): 10 points, decision stumps, T = 3. "
                       "Point indices are 0-based rows of adaboost_toy.csv.",
        "tie_break": "ties are broken by lower feature index, then lower threshold; every tie is exact "
                     "(see scripts/make_assets.py for why some ties are unavoidable)",
        "rounds": out,
        "g": [round(float(v), 6) for v in sum(r["alpha"] * r["pred"] for r in rounds)],
        "H_correct": int((np.sign(sum(r["alpha"] * r["pred"] for r in rounds)) == np.asarray(y)).sum()),
    }


def write_toy(X, y) -> None:
    lines = ["x1,x2,y"] + [f"{a:g},{b:g},{c:d}" for a, b, c in zip(X[:, 0], X[:, 1], y)]
    (ASSETS / "adaboost_toy.csv").write_text("\n".join(lines) + "\n")
    desc = toy_description(X, y)
    text = json.dumps(desc, indent=2)
    # keep number lists on one line so the file reads like the lecture's table
    text = re.sub(r"\[[\d\s.,\-\[\]]*\]", lambda m: re.sub(r"\s+", " ", m.group(0))
                  .replace("[ ", "[").replace(" ]", "]"), text)
    (ASSETS / "adaboost_toy.json").write_text(text + "\n")


# --------------------------------------------------------------------------- silhouettes
# The image experiment (docs/lecture.md §2) trains on (nearly) every pixel of a picture at least
# 160 x 160, so the pictures are drawn at that size. Each is drawn in unit coordinates (0..1, y
# down) on a canvas SUPER times larger, shrunk by area averaging and thresholded at mid-grey: clean
# curved outlines, one bit per pixel.
SIZE = 160
SUPER = 4


class _Pen:
    """Black shapes on white in unit coordinates; ``done()`` gives the SIZE x SIZE picture."""

    def __init__(self):
        from PIL import Image, ImageDraw
        self.n = SIZE * SUPER
        self.im = Image.new("L", (self.n, self.n), 255)
        self.draw = ImageDraw.Draw(self.im)

    def polygon(self, pts, fill=0):
        self.draw.polygon([(x * self.n, y * self.n) for x, y in pts], fill=fill)

    def ellipse(self, cx, cy, rx, ry, angle=0.0, fill=0):
        """An ellipse turned by ``angle`` degrees (clockwise on screen)."""
        a = math.radians(angle)
        t = np.linspace(0.0, 2 * math.pi, 120, endpoint=False)
        x, y = rx * np.cos(t), ry * np.sin(t)
        self.polygon(list(zip(cx + x * math.cos(a) - y * math.sin(a),
                              cy + x * math.sin(a) + y * math.cos(a))), fill)

    def circle(self, cx, cy, r, fill=0):
        self.ellipse(cx, cy, r, r, fill=fill)

    def stroke(self, pts, width, fill=0):
        """A thick line through ``pts`` with round ends and joints."""
        for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
            self.draw.line([(x0 * self.n, y0 * self.n), (x1 * self.n, y1 * self.n)], fill=fill,
                           width=round(width * self.n))
        for x, y in pts:
            self.circle(x, y, width / 2, fill)

    def done(self):
        from PIL import Image
        small = self.im.resize((SIZE, SIZE), Image.Resampling.BOX)
        return small.point(lambda v: 0 if v < 128 else 255)


def _bezier(p0, p1, p2, p3, k=32):
    """k points on the cubic Bezier curve with control points p0..p3."""
    t = np.linspace(0.0, 1.0, k)[:, None]
    P = np.array([p0, p1, p2, p3], float)
    pts = (1 - t) ** 3 * P[0] + 3 * (1 - t) ** 2 * t * P[1] + 3 * (1 - t) * t ** 2 * P[2] + t ** 3 * P[3]
    return [tuple(p) for p in pts]


def draw_rabbit():
    """Sitting rabbit seen from the side, facing left: two long upright ears with a gap between
    them, round head with an eye, big haunch, front paw, hind foot and a round tail."""
    pen = _Pen()
    pen.ellipse(0.60, 0.70, 0.27, 0.23)                   # body
    pen.circle(0.68, 0.70, 0.21)                           # haunch
    pen.ellipse(0.36, 0.48, 0.15, 0.13, angle=-10)         # head
    pen.ellipse(0.46, 0.58, 0.12, 0.14)                    # chest
    pen.ellipse(0.290, 0.215, 0.055, 0.19, angle=-10)      # front ear
    pen.ellipse(0.455, 0.225, 0.055, 0.19, angle=16)       # back ear
    pen.circle(0.895, 0.74, 0.065)                         # tail
    pen.ellipse(0.40, 0.905, 0.11, 0.045)                  # front paw
    pen.ellipse(0.70, 0.915, 0.17, 0.05)                   # hind foot
    pen.ellipse(0.300, 0.445, 0.026, 0.030, fill=255)      # eye (a hole)
    return pen.done()


def draw_cat():
    """Sitting cat seen from the front: round head with two pointed ears and two eyes, a
    pear-shaped body and a long tail curling up at its side."""
    pen = _Pen()
    pen.ellipse(0.42, 0.34, 0.17, 0.15)                                  # head
    pen.polygon([(0.265, 0.33), (0.27, 0.08), (0.40, 0.21)])             # left ear
    pen.polygon([(0.575, 0.33), (0.57, 0.08), (0.44, 0.21)])             # right ear
    pen.polygon([(0.32, 0.42), (0.52, 0.42), (0.60, 0.62), (0.24, 0.62)])  # neck
    pen.ellipse(0.42, 0.73, 0.21, 0.22)                                  # body
    pen.ellipse(0.34, 0.935, 0.07, 0.035)                                # paws
    pen.ellipse(0.50, 0.935, 0.07, 0.035)
    pen.stroke(_bezier((0.58, 0.90), (0.80, 0.95), (0.92, 0.80), (0.84, 0.55)), 0.06)  # tail
    pen.ellipse(0.365, 0.33, 0.028, 0.038, fill=255)                     # eyes (holes)
    pen.ellipse(0.475, 0.33, 0.028, 0.038, fill=255)
    return pen.done()


def draw_rocket():
    """Upright rocket: pointed nose, round window, two swept fins, a nozzle and its flame."""
    pen = _Pen()
    nose = (_bezier((0.38, 0.38), (0.38, 0.20), (0.45, 0.09), (0.50, 0.03)) +
            _bezier((0.50, 0.03), (0.55, 0.09), (0.62, 0.20), (0.62, 0.38)))
    pen.polygon(nose + [(0.62, 0.72), (0.38, 0.72)])                          # nose and body
    pen.polygon([(0.38, 0.48), (0.20, 0.70), (0.20, 0.83), (0.38, 0.72)])     # left fin
    pen.polygon([(0.62, 0.48), (0.80, 0.70), (0.80, 0.83), (0.62, 0.72)])     # right fin
    pen.polygon([(0.42, 0.72), (0.58, 0.72), (0.56, 0.78), (0.44, 0.78)])     # nozzle
    pen.polygon([(0.44, 0.80), (0.56, 0.80), (0.545, 0.88), (0.50, 0.97), (0.455, 0.88)])  # flame
    pen.circle(0.50, 0.36, 0.06, fill=255)                                    # window (a hole)
    return pen.done()


def draw_star():
    """Five-pointed star: sharp tips and concave corners, nothing else."""
    pen = _Pen()
    cx, cy, r_out, r_in = 0.5, 0.53, 0.46, 0.19
    pts = []
    for k in range(10):
        r = r_out if k % 2 == 0 else r_in
        a = -math.pi / 2 + k * math.pi / 5
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    pen.polygon(pts)
    return pen.done()


SILHOUETTES = {"cat": draw_cat, "rocket": draw_rocket, "rabbit": draw_rabbit, "star": draw_star}


def write_silhouettes() -> None:
    out = ASSETS / "silhouettes"
    out.mkdir(parents=True, exist_ok=True)
    for name, draw in SILHOUETTES.items():
        draw().convert("1").save(out / f"{name}.png", optimize=True)


# --------------------------------------------------------------------------- main
def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--check", action="store_true", help="verify only, write nothing")
    p.add_argument("--search", type=int, metavar="N", help="search N random layouts and print the best")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    if args.search:
        for gap, x1, x2 in search(args.search, args.seed)[:10]:
            print(f"gap {gap:.4f}  x1={x1}  x2={x2}")
        return 0
    X = np.column_stack([TOY_X1, TOY_X2]).astype(float)
    y = np.array(TOY_Y)
    problems = verify_toy(X, y)
    if problems:
        print("toy set fails:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    for r in run_toy_adaboost(X, y, "gini"):
        print(f"stump {r['stump']}  eps {r['eps']:.4f}  d {r['d']:.3f}  alpha {r['alpha']:.3f}  "
              f"wrong {np.flatnonzero(r['wrong']).tolist()}  ties {r['ties']}  gap {r['gap']:.3f}")
    if not args.check:
        ASSETS.mkdir(exist_ok=True)
        write_toy(X, y)
        write_silhouettes()
        print(f"wrote {ASSETS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
