"""Every setting of the app, declared once, and its round trip through text (pure: no streamlit).

Like TensorFlow Playground's ``state.ts``: one table says each setting's name, default, type and
bounds; the URL query string carries every value that differs from its default, so a copied link
reproduces the view. Bounds of estimator hyper-parameters come from the estimators' own
``_parameter_constraints`` (``algorithms._constraints.interval_of`` / ``options_of``) intersected
with the UI's range, so a slider can never offer a value ``fit`` would reject. The base learners'
settings are generated from :mod:`playground.learners` (one per page prefix and UI parameter) and
the data sets' own parameters (circles' factor, blobs' classes, ...) from the data-set registry
(:mod:`playground.datasets`).

Per-session caps of the hosted demo (``playground.limits``) apply here, once: a setting declared
with ``cap="MAX_ROUNDS"`` never offers, nor accepts from a URL, more than that cap; a URL value
above it is clipped to the cap with a warning naming the cap and the value used.

:mod:`playground.state` binds these declarations to a Streamlit session (values, widgets, URL).
"""

from __future__ import annotations

import math
from typing import Any

import algorithms
from algorithms._constraints import Interval, interval_of, options_of
from playground import datasets, drawn, learners, limits, truth
from playground.lecture.track import N_STEPS, SILHOUETTES
from playground.setting import GLOBAL, Setting
from playground.settings_course import course_settings

MAX_URL_PROBLEMS = 8  # warnings one link can produce; the rest are counted in one line


# ---- the data sets a page offers ----------------------------------------------------------------

DRAWN = drawn.NAME  # the data set drawn on the pad (its points: the setting "pts")


def data_2d() -> tuple:
    """2-D classification: the generators, a drawn set, our silhouettes (the image function),
    the lecture's toy set and an uploaded picture."""
    return tuple(datasets.names("2d")) + (DRAWN,) + tuple(datasets.names("image")) + (
        "adaboost_toy", "upload_image", "upload_csv")


def data_1d() -> tuple:
    return tuple(datasets.names("1d"))


def data_any() -> tuple:
    """Compare: the 2-D generators and the tabular sets (a CSV is uploaded on the page)."""
    return tuple(datasets.names("2d")) + (DRAWN,) + tuple(datasets.names("image")) + \
        tuple(datasets.names("tabular")) + ("upload_csv",)


GB_ENGINES = {"1d": "GradientBoostingRegressor", "2d": "GradientBoostingClassifier"}
GB_LOSSES = ("squared_error", "absolute_error", "huber", "quantile", "log_loss", "exponential")


def gb_losses(view: str) -> tuple:
    """The losses the engine declares for gradient boosting's view ("1d" regression, "2d"
    classification), in the lecture's order."""
    declared = options_of(getattr(algorithms, GB_ENGINES[view]), "loss")
    return tuple(x for x in GB_LOSSES if x in declared)


# lifelong learning: the methods (fine-tuning first), λ on a log ladder, each method's default λ
# (tuned on the default digit sequence: docs/lifelong.md), the picture's steps per task
COMMON_DATA_PARAMS = ("n", "noise", "seed")  # declared once below, shared by every data set
INSPECTED = ("ab", "tr", "gb", "sk")  # pages with the inspector and the member strip


def dataset_settings() -> tuple[Setting, ...]:
    """One setting per data-set parameter that is a set's own (circles' factor, blobs' classes,
    checkerboard's cells, a picture's resolution and threshold), from the registry's rows."""
    out: dict[str, Setting] = {}
    for spec in datasets.REGISTRY.values():
        for p in spec.params:
            if p.name in COMMON_DATA_PARAMS or p.name in out:
                continue
            out[p.name] = Setting(p.name, p.default, "int" if p.kind == "int" else "float",
                                  p.low, p.high, doc=f"{p.help} ({spec.name})", steps=())
    return tuple(out.values())


def learner_settings(prefix: str, page: str, *, skip: tuple = (), **overrides) -> tuple:
    """One setting per UI parameter of the learners table, named ``<prefix>_<param>``; bounds from
    the engine's constraints. ``overrides[param] = dict(default=..., lo=..., hi=...)``."""
    out = []
    for p in learners.ui_params():
        if p.name in skip:
            continue
        row = next(lr for lr in learners.LEARNERS if p in lr.params)
        kw = dict(default=p.default, lo=p.lo, hi=p.hi) | overrides.get(p.name, {})
        out.append(Setting(f"{prefix}_{p.name}", kw["default"], p.kind, kw["lo"], kw["hi"],
                           source=(row.engine, p.engine), pages=(page,), doc=p.doc,
                           steps=p.steps))
    return tuple(out)


SETTINGS: tuple[Setting, ...] = (
    # shared: language, data, display
    Setting("lang", "en", "str", options=("en", "zh"), pages=(GLOBAL, "lec"), doc="UI language"),
    Setting("data", "moons", "str", options=data_2d, doc="2-D classification data set"),
    Setting("n", 1000, "int", 40, None, cap="MAX_POINTS", doc="number of points (train + test)"),
    Setting("noise", 0.25, "float", 0.0, 1.0),
    Setting("test", 0.3, "float", 0.1, 0.5, doc="test fraction"),
    Setting("seed", 0, "int", 0, 9999, pages=(GLOBAL, "lec"),
            doc="seed of the data (and of the lecture's bagging draws)"),
    *dataset_settings(),
    Setting("res", 200, "int", 40, None, cap="MAX_GRID", doc="decision-surface grid is res x res"),
    Setting("show_test", False, "bool"),
    Setting("discrete", False, "bool"),
    Setting("speed", "normal", "str", options=("slow", "normal", "fast")),
    # the drawn set (playground/drawn.py): "" = none yet (the pad starts from a preset)
    Setting("pts", "", "points", only_with=(("data", DRAWN), ("cp_data", DRAWN)),
            doc=f"points drawn on the pad (at most {limits.MAX_DRAWN_POINTS:,})"),
    # AdaBoost (and the overview's live demo)
    Setting("ab_T", 120, "int", 1, None, source=("AdaBoostClassifier", "n_estimators"),
            pages=("ab",), cap="MAX_ROUNDS"),
    Setting("ab_learner", "tree", "str", options=lambda: learners.offered("boost"),
            pages=("ab",), doc="AdaBoost's base learner f_t"),
    *learner_settings("ab", "ab", depth=dict(default=3, lo=1, hi=10)),
    Setting("ab_t", 1, "int", 1, None, pages=("ab",), cap="MAX_ROUNDS"),
    Setting("ov_t", 1, "int", 1, None, pages=("ov",), cap="MAX_ROUNDS",
            doc="round of the overview's demo"),
    Setting("ab_margins", "5,20,100", "ints", 1, None, pages=("ab",), cap="MAX_ROUNDS",
            doc="comma-separated rounds for the margin CDF"),
    # trees, bagging, forest
    Setting("tr_method", "forest", "str", options=("tree", "bagging", "forest"), pages=("tr",)),
    Setting("tr_criterion", "gini", "str", options=("gini", "entropy"),
            source=("DecisionTreeClassifier", "criterion"), pages=("tr",)),
    Setting("tr_T", 50, "int", 1, None, source=("RandomForestClassifier", "n_estimators"),
            pages=("tr",), cap="MAX_ROUNDS"),
    Setting("tr_maxf", "sqrt", "str", options=("all", "sqrt", "log2"),
            source=("RandomForestClassifier", "max_features"), pages=("tr",)),
    Setting("tr_maxs", 1.0, "float", 0.1, 1.0, source=("BaggingClassifier", "max_samples"),
            pages=("tr",)),
    Setting("tr_bootstrap", True, "bool", pages=("tr",)),
    Setting("tr_t", 1, "int", 1, None, pages=("tr",), cap="MAX_ROUNDS"),
    Setting("tr_learner", "tree", "str",
            options=lambda: tuple(n for n in learners.offered("bag") if n != "stump"),
            pages=("tr",), doc="bagging's base learner"),
    *learner_settings("tr", "tr", depth=dict(default=0, lo=0, hi=30)),
    # gradient boosting
    Setting("gb_view", "1d", "str", options=("1d", "2d"), pages=("gb",)),
    Setting("gb_data1d", "sine", "str", options=data_1d, pages=("gb",)),
    Setting("gb_loss", "squared_error", "str", options=GB_LOSSES, pages=("gb",)),
    Setting("gb_leaf", 1, "int", 1, 50, source=("GradientBoostingRegressor", "min_samples_leaf"),
            pages=("gb",)),
    Setting("gb_lr", 0.3, "float", 0.01, 1.0, source=("GradientBoostingRegressor", "learning_rate"),
            pages=("gb",)),
    Setting("gb_T", 60, "int", 1, None, source=("GradientBoostingRegressor", "n_estimators"),
            pages=("gb",), cap="MAX_ROUNDS"),
    Setting("gb_depth", 2, "int", 1, 8, source=("GradientBoostingRegressor", "max_depth"),
            pages=("gb",)),
    Setting("gb_subsample", 1.0, "float", 0.1, 1.0,
            source=("GradientBoostingRegressor", "subsample"), pages=("gb",)),
    Setting("gb_t", 1, "int", 1, None, pages=("gb",), cap="MAX_ROUNDS"),
    # voting and stacking
    Setting("sk_learners", "tree,knn,logreg,nb", "list",
            options=lambda: learners.offered("stack"), pages=("sk",)),
    Setting("sk_final", "logreg", "str",
            options=lambda: tuple(n for n in learners.offered("final") if n != "stump"),
            pages=("sk",)),
    Setting("sk_layers", 1, "int", 1, None, pages=("sk",), cap="MAX_LAYERS"),
    Setting("sk_cv", "kfold", "str", options=("holdout", "kfold"), pages=("sk",)),
    Setting("sk_holdout", 0.3, "float", 0.1, 0.5, pages=("sk",)),
    Setting("sk_voting", "soft", "str", options=("hard", "soft"), pages=("sk",)),
    # compare
    Setting("cp_data", "moons", "str", options=data_any, pages=("cp",)),
    Setting("cp_T", 100, "int", 1, None, pages=("cp",), cap="MAX_ROUNDS"),
    # bias and variance (why bagging works); seed and the data sets' own parameters are shared
    Setting("bv_task", "regression", "str", options=("regression", "classification"),
            pages=("bv",)),
    Setting("bv_data1", "sine", "str", options=truth.names_1d, pages=("bv",),
            doc="1-D data set of the regression view"),
    Setting("bv_data2", "moons", "str", options=truth.names_2d, pages=("bv",),
            doc="2-D data set of the classification view"),
    Setting("bv_n", 150, "int", 20, 400, pages=("bv",), doc="points per training set"),
    Setting("bv_noise", 0.6, "float", 0.0, 1.0, pages=("bv",)),
    Setting("bv_sets", 40, "int", 2, 100, pages=("bv",),
            doc="training sets drawn from the generator"),
    Setting("bv_T", 20, "int", 1, 200, source=("BaggingRegressor", "n_estimators"),
            pages=("bv",), doc="trees of bagging and the forest, stages of boosting"),
    Setting("bv_lr", 0.5, "float", 0.01, 1.0,
            source=("GradientBoostingRegressor", "learning_rate"), pages=("bv",)),
    Setting("bv_depth", 0, "int", 0, 30, source=("DecisionTreeRegressor", "max_depth"),
            pages=("bv",), doc="depth of the deep tree and of bagging's and the forest's trees"),
    Setting("bv_gbdepth", 1, "int", 1, 8, source=("GradientBoostingRegressor", "max_depth"),
            pages=("bv",), doc="depth of boosting's trees"),
    # lecture mode (its track: playground.lecture.track); lang and seed above are shared
    Setting("step", 1, "int", 1, N_STEPS, pages=("lec",), always_in_url=True,
            doc="step of the lecture track, 1-based"),
    Setting("present", False, "bool", pages=("lec",),
            doc="presentation mode: large type, no sidebar"),
    Setting("theme", "light", "str", options=("light", "dark"), pages=("lec",)),
    Setting("shape", "rabbit", "str", options=SILHOUETTES, pages=("lec",),
            doc="silhouette of the image experiment"),
    Setting("bag_T", 4, "int", 2, 8, pages=("lec",), doc="bootstrap sets in the bagging steps"),
    Setting("rounded", False, "bool", pages=("lec",),
            doc="show the slide's rounded chain in the toy table"),
    *course_settings(),  # the labs beyond ensembles: playground/settings_course.py
    # the inspector (a pinned example), the tree diagram and the member strip (issue 16 §2-4)
    *(Setting(f"{p}_pin", 0, "int", 0, None, pages=(p,), cap="MAX_POINTS",
              doc="pinned training example n (1-based; 0 = none)") for p in INSPECTED),
    *(Setting(f"{p}_off", "", "ints", 1, None, pages=(p,), cap="MAX_ROUNDS",
              doc="members switched off in the member strip (1-based, comma-separated)")
      for p in INSPECTED),
    Setting("tr_tree", 1, "int", 1, None, pages=("tr",), cap="MAX_ROUNDS",
            doc="the forest's or bagging's tree k opened in the tree diagram"),
    Setting("tree_depth", 8, "int", 1, 40, pages=("ab", "tr", "gb"),
            doc="tree diagrams are drawn down to this depth (deeper nodes folded)"),
)
BY_NAME = {s.name: s for s in SETTINGS}


def bounds(s: Setting) -> tuple[float | None, float | None]:
    """The UI range intersected with the estimator's declared interval (if it exists yet)."""
    lo, hi = s.lo, s.hi
    if s.source is not None:
        cls = getattr(algorithms, s.source[0], None)
        iv = interval_of(cls, s.source[1]) if cls is not None else None
        want = int if s.kind == "int" else float
        if iv is not None and iv.kind is not want:  # e.g. max_samples: int count or float share
            iv = next((c for c in cls._parameter_constraints.get(s.source[1], [])
                       if isinstance(c, Interval) and c.kind is want), None)
        if iv is not None:
            step = 1 if iv.kind is int else 1e-9
            left = None if iv.left is None else (
                iv.left + step if iv.closed in ("right", "neither") else iv.left)
            right = None if iv.right is None else (
                iv.right - step if iv.closed in ("left", "neither") else iv.right)
            # 0 = "unlimited" for depths is a UI convention mapped to None: keep it.
            if left is not None and not (s.name.endswith("_depth") and lo == 0):
                lo = left if lo is None else max(lo, left)
            if right is not None:
                hi = right if hi is None else min(hi, right)
    if s.cap is not None:  # the hosted demo's per-session ceiling, whatever the estimator allows
        hi = cap_of(s) if hi is None else min(hi, cap_of(s))
    return lo, hi


def cap_of(s: Setting) -> int | None:
    """The value of the per-session cap bounding ``s`` (None if it has none)."""
    return None if s.cap is None else getattr(limits, s.cap)


class OverCap(ValueError):
    """A value above a per-session cap; ``value`` is the cap, used instead."""

    def __init__(self, s: Setting, value):
        self.cap, self.value = s.cap, value
        super().__init__(f"above the per-session cap {s.cap} = {value}")


def choices(s: Setting) -> tuple:
    """Allowed values; for estimator options, those the estimator also declares."""
    opts = s.choices()
    if s.source is not None and s.kind == "str":
        cls = getattr(algorithms, s.source[0], None)
        declared = options_of(cls, s.source[1]) if cls is not None else []
        if declared:
            # "all" stands for max_features=None, which the constraints table allows separately.
            opts = tuple(o for o in opts if o in declared or o == "all")
    return opts


def parse(s: Setting, raw: str) -> Any:
    """Turn a URL string into a valid value, or raise ``ValueError`` saying why not."""
    raw = str(raw).strip()
    if s.kind == "int":
        try:
            value = int(raw)
        except ValueError:
            raise ValueError("not a whole number") from None
    elif s.kind == "float":
        try:
            value = float(raw)
        except ValueError:
            raise ValueError("not a number") from None
        if not math.isfinite(value):
            raise ValueError("not a finite number")
    elif s.kind == "bool":
        low = raw.lower()
        if low in ("1", "true", "yes", "on"):
            return True
        if low in ("0", "false", "no", "off"):
            return False
        raise ValueError("expected 0 or 1")
    elif s.kind == "str":
        if raw not in choices(s):
            raise ValueError("expected one of " + ", ".join(map(str, choices(s))))
        return raw
    elif s.kind == "ints":
        if not raw and s.default == "":  # an empty list is this setting's default (none chosen)
            return ""
        try:
            items = [int(x) for x in raw.split(",") if x.strip()]
        except ValueError:
            raise ValueError("expected whole numbers separated by commas") from None
        lo, hi = bounds(s)
        if not items or any(not (lo <= v <= hi) for v in items):
            raise ValueError(f"expected whole numbers in [{lo}, {hi}] separated by commas")
        return ",".join(map(str, items))
    elif s.kind == "points":
        return drawn.canonical(raw)  # drawn.BadPoints (a ValueError) names what is wrong
    elif s.kind == "list":
        items = [x for x in raw.split(",") if x]
        bad = [x for x in items if x not in choices(s)]
        if bad or not items:
            raise ValueError("expected a comma-separated list of " + ", ".join(choices(s)))
        return ",".join(dict.fromkeys(items))
    else:  # pragma: no cover - a declaration error
        raise TypeError(s.kind)
    lo, hi = bounds(s)
    if s.cap is not None and hi is not None and value > hi and hi == cap_of(s):
        raise OverCap(s, hi)  # clipped to the cap (the caller uses exc.value and says so)
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise ValueError(f"outside [{lo}, {hi}]")
    return value


def dump(s: Setting, value: Any) -> str:
    if s.kind == "bool":
        return "1" if value else "0"
    if s.kind == "float":
        return f"{value:g}"
    return str(value)


def defaults(page: str | None = None) -> dict[str, Any]:
    """Every setting's default; with ``page``, that page's own defaults for app-wide settings
    (the data set it opens on) in place of the global ones."""
    from playground import pages
    out = {s.name: s.default for s in SETTINGS}
    return out | pages.own_defaults(page) if page else out


def read_url(query) -> tuple[dict[str, Any], list[tuple]]:
    """Settings from a query mapping (name -> raw string) and the problems found, as tuples
    ``(kind, name, raw, why_or_cap, value_used)``; kind is "unknown", "bad" (the default is used)
    or "capped" (the cap is used)."""
    values = defaults()
    problems: list[tuple] = []
    for key in list(query.keys()):
        raw = query.get(key)
        s = BY_NAME.get(key)
        if s is None:
            problems.append(("unknown", key, raw, "", None))
            continue
        try:
            values[key] = parse(s, raw)
        except OverCap as exc:
            values[key] = exc.value
            problems.append(("capped", key, raw, exc.cap, exc.value))
        except ValueError as exc:
            problems.append(("bad", key, raw, str(exc), s.default))
    return values, problems


def url_params(page: str, values: dict[str, Any], shared: bool = True) -> dict[str, str]:
    """The query string of a page's view: each of its settings (and, if ``shared``, the app-wide
    ones) that differs from its default on this page, plus those declared ``always_in_url``."""
    def written(s: Setting) -> bool:
        return page in s.pages or (shared and GLOBAL in s.pages)

    out = {}
    base = defaults(page)
    for s in SETTINGS:
        if written(s):
            if s.only_with and not any(values.get(k) == v and written(BY_NAME[k])
                                       for k, v in s.only_with):
                continue  # e.g. a drawn set's points while the page shows another data set
            if s.always_in_url or values[s.name] != base[s.name]:
                out[s.name] = dump(s, values[s.name])
    return out


# ---- one page's own settings (the lecture's JSON export) ------------------------------------

def page_settings(page: str) -> tuple[Setting, ...]:
    """Settings that name ``page`` in their ``pages`` (shared ones only if they name it too)."""
    return tuple(s for s in SETTINGS if page in s.pages)


def page_defaults(page: str) -> dict[str, Any]:
    return {s.name: s.default for s in page_settings(page)}


def check_json(page: str, name: str, value: Any) -> Any:
    """``value`` if it is a valid JSON value for ``page``'s setting ``name``; else ValueError why.

    Strict, unlike URL strings: booleans must be true/false (not 0/1), integers whole JSON numbers
    (not booleans, not 3.0), strings one of the options, numbers within the bounds (a value above
    a cap is refused here, not clipped: a settings file is not a link typed by hand).
    """
    known = {s.name: s for s in page_settings(page)}
    if name not in known:
        raise ValueError(f"unknown setting “{name}” (known: {', '.join(known)})")
    s = known[name]
    if s.kind == "bool":
        if not isinstance(value, bool):
            raise ValueError(f"“{name}” must be true or false, got {value!r}")
    elif s.kind in ("int", "float"):
        ok = (int,) if s.kind == "int" else (int, float)
        if isinstance(value, bool) or not isinstance(value, ok):
            what = "a whole number" if s.kind == "int" else "a number"
            raise ValueError(f"“{name}” must be {what}, got {value!r}")
        if not math.isfinite(value):
            raise ValueError(f"“{name}” must be a finite number, got {value!r}")
        lo, hi = bounds(s)
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            raise ValueError(f"“{name}” = {value} is outside [{lo}, {hi}]")
    elif s.kind in ("str", "list", "ints", "points"):
        if not isinstance(value, str):
            raise ValueError(f"“{name}” must be a string, got {value!r}")
        if s.kind == "str" and value not in choices(s):
            raise ValueError(f"“{name}” must be one of {', '.join(choices(s))}, got {value!r}")
        try:
            if parse(s, value) != value:
                raise ValueError("not in its canonical form")
        except ValueError as exc:
            short = value if len(value) <= 40 else value[:39] + "…"  # a drawn set: 3,000 chars
            raise ValueError(f"“{name}” = {short!r} is not valid ({exc})") from None
    return value
