r"""Build the playground's assets: the AdaBoost toy set (LECTURE.md §3) and the silhouettes (§2).

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
        "description": "AdaBoost toy example (LECTURE.md section 3): 10 points, decision stumps, T = 3. "
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
SIZE = 128


def _canvas():
    from PIL import Image, ImageDraw
    im = Image.new("L", (SIZE, SIZE), 255)
    return im, ImageDraw.Draw(im)


def draw_cat():
    """Cartoon cat face: round head, pointed ears, eye and nose holes, whiskers thin as one pixel."""
    im, d = _canvas()
    d.ellipse((22, 34, 106, 112), fill=0)                        # head
    d.polygon([(26, 62), (30, 10), (58, 38)], fill=0)            # left ear
    d.polygon([(102, 62), (98, 10), (70, 38)], fill=0)           # right ear
    d.polygon([(33, 50), (35, 22), (51, 40)], fill=255)          # inner ears (holes)
    d.polygon([(95, 50), (93, 22), (77, 40)], fill=255)
    d.ellipse((40, 58, 56, 78), fill=255)                        # eyes
    d.ellipse((72, 58, 88, 78), fill=255)
    d.ellipse((46, 64, 52, 74), fill=0)                          # pupils
    d.ellipse((78, 64, 84, 74), fill=0)
    d.polygon([(58, 84), (70, 84), (64, 91)], fill=255)          # nose
    d.line([(64, 91), (64, 97)], fill=255, width=2)
    d.arc((50, 90, 64, 102), 0, 180, fill=255, width=2)          # mouth
    d.arc((64, 90, 78, 102), 0, 180, fill=255, width=2)
    for y0, y1 in ((86, 80), (92, 92), (98, 104)):               # whiskers, out past the head
        d.line([(4, y1), (44, y0)], fill=0, width=1)
        d.line([(84, y0), (124, y1)], fill=0, width=1)
    return im


def draw_rocket():
    """Rocket: pointed nose, round window (a hole), swept fins, a thin antenna and exhaust spikes."""
    im, d = _canvas()
    d.ellipse((46, 14, 82, 70), fill=0)                          # nose cone (round top)
    d.rectangle((46, 42, 82, 96), fill=0)                        # body
    d.line([(64, 2), (64, 16)], fill=0, width=1)                 # antenna
    d.ellipse((62, 0, 66, 4), fill=0)
    d.ellipse((55, 40, 73, 58), fill=255)                        # window (hole)
    d.ellipse((60, 45, 68, 53), fill=0)                          # its frame centre
    d.polygon([(46, 66), (22, 100), (22, 110), (46, 94)], fill=0)  # left fin
    d.polygon([(82, 66), (106, 100), (106, 110), (82, 94)], fill=0)  # right fin
    d.rectangle((60, 66, 68, 100), fill=255)                     # door slit
    d.polygon([(50, 96), (78, 96), (72, 104), (56, 104)], fill=0)  # nozzle
    for x in (54, 60, 64, 68, 74):                               # exhaust spikes
        d.line([(64 + (x - 64) // 2, 104), (x, 124 - abs(x - 64))], fill=0, width=2)
    return im


def draw_rabbit():
    """Sitting rabbit: long thin ears with a gap between them, round head, eye hole, big body, tail."""
    im, d = _canvas()
    d.ellipse((30, 62, 100, 124), fill=0)                        # body
    d.ellipse((34, 36, 74, 74), fill=0)                          # head
    d.ellipse((36, 2, 48, 46), fill=0)                           # ears
    d.ellipse((56, 4, 66, 46), fill=0)
    d.ellipse((40, 10, 44, 38), fill=255)                        # inner ear slits (thin holes)
    d.ellipse((60, 12, 62, 38), fill=255)
    d.ellipse((44, 48, 52, 56), fill=255)                        # eye
    d.ellipse((96, 88, 114, 106), fill=0)                        # tail
    d.line([(34, 58), (14, 54)], fill=0, width=1)                # whiskers
    d.line([(34, 62), (14, 64)], fill=0, width=1)
    d.ellipse((40, 110, 62, 124), fill=0)                        # front paw
    d.arc((52, 76, 92, 116), 200, 320, fill=255, width=2)        # leg outline
    return im


def draw_star():
    """Five-pointed star with a round hole: sharp tips, concave corners and a hole in the middle."""
    im, d = _canvas()
    cx, cy, r_out, r_in = 64, 68, 62, 21
    pts = []
    for k in range(10):
        r = r_out if k % 2 == 0 else r_in
        a = -math.pi / 2 + k * math.pi / 5
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    d.polygon(pts, fill=0)
    d.ellipse((cx - 11, cy - 11, cx + 11, cy + 11), fill=255)    # hole
    return im


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
