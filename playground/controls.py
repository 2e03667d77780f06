"""Sidebar widgets that return values. Bounds and options come from :mod:`playground.settings`
(which reads the estimators' ``_parameter_constraints``), so a control never offers a value ``fit``
rejects; the learners' controls come from :mod:`playground.learners`, the data sets' from the
registry in :mod:`playground.datasets`."""

from __future__ import annotations

import streamlit as st

from playground import compute, datasets, drawpad, learners, members, settings, state, uploads
from playground.i18n import CATALOG, LANG_NAMES, tr
from playground.text import plain


def language() -> str:
    """The 中文 / English switch (written back to ``lang`` in the URL)."""
    s = settings.BY_NAME["lang"]
    value = st.sidebar.segmented_control(
        tr("sb.language"), options=list(s.choices()), format_func=LANG_NAMES.get,
        key=state.wkey("lang"), selection_mode="single")
    value = value or state.get("lang")  # clicking the selected option again deselects it
    state.put("lang", value)
    return value


def slider(name: str, label_key: str, *, step=None, container=None, help=None, max_value=None):
    s = settings.BY_NAME[name]
    lo, hi = settings.bounds(s)
    if max_value is not None:
        hi = min(hi, max_value)
    key = state.wkey(name)
    box = container or st.sidebar
    if s.steps:  # a ladder of values (C on a log scale): a select slider
        if st.session_state[key] not in s.steps:  # e.g. C=5 from a URL: the nearest step
            state.set_widget(name, min(s.steps, key=lambda c: abs(c - st.session_state[key])))
        value = box.select_slider(tr(label_key), s.steps, key=key, help=help)
        state.put(name, value)
        return value
    cur = st.session_state[key]
    if cur < lo or cur > hi:  # e.g. the round t after T was lowered
        state.set_widget(name, min(max(cur, lo), hi))
    if s.kind == "int":
        value = box.slider(tr(label_key), int(lo), int(hi), step=step or 1, key=key, help=help)
    else:
        value = box.slider(tr(label_key), float(lo), float(hi), step=step or 0.01, key=key,
                           help=help)
    state.put(name, value)
    return value


def select(name: str, label_key: str, fmt=None, *, container=None, radio=False, options=None):
    s = settings.BY_NAME[name]
    opts = list(options if options is not None else settings.choices(s))
    key = state.wkey(name)
    if st.session_state[key] not in opts:
        state.set_widget(name, s.default if s.default in opts else opts[0])
    box = container or st.sidebar
    widget = box.radio if radio else box.selectbox
    kw = {"horizontal": True} if radio else {}
    value = widget(tr(label_key), opts, format_func=fmt or str, key=key, **kw)
    state.put(name, value)
    return value


def multiselect(name: str, label_key: str, fmt=None, *, container=None):
    s = settings.BY_NAME[name]
    key = state.wkey(name)
    if isinstance(st.session_state[key], str):  # the setting is a comma-separated string
        st.session_state[key] = [x for x in st.session_state[key].split(",")
                                 if x in settings.choices(s)]
    box = container or st.sidebar
    value = box.multiselect(tr(label_key), list(settings.choices(s)), format_func=fmt or str,
                            key=key)
    if value:
        state.put(name, ",".join(value))
    return value


def toggle(name: str, label_key: str, *, container=None):
    box = container or st.sidebar
    value = box.toggle(tr(label_key), key=state.wkey(name))
    state.put(name, value)
    return value


def dataset_label(name: str) -> str:
    return tr(f"ds.{name}") if f"ds.{name}" in CATALOG else name.replace("_", " ")


def learner_label(name: str) -> str:
    return tr(learners.get(name).label)


# ---- data ---------------------------------------------------------------------------------------

_STEPS = {"n": 20, "noise": 0.05, "factor": 0.05, "resolution": 8}


def data_params(name: str, *, show_noise: bool = True) -> None:
    """The chosen data set's own parameters (from its registry row), then size and noise."""
    if name in compute.TRAIN_ONLY:  # the lecture's fixed 10 points: nothing to size or split
        st.sidebar.caption(tr("ab.toy_note"))
        return
    own = [p.name for p in datasets.spec(name).params] if name in datasets.REGISTRY else \
        ["n", "resolution", "threshold"]  # an uploaded picture
    for p in own:
        if p in settings.COMMON_DATA_PARAMS:
            continue
        slider(p, f"sb.{p}", step=_STEPS.get(p))
    if "n" in own:
        slider("n", "sb.n", step=20)
    if show_noise and "noise" in own:
        slider("noise", "sb.noise", step=0.05)
    slider("test", "sb.test", step=0.05)


def data_2d(*, allow_upload: bool = True) -> compute.DataKey:
    """Data set, its own parameters, size, noise, split and seed for a 2-D classification page."""
    st.sidebar.subheader(tr("sb.data"))
    options = [o for o in settings.choices(settings.BY_NAME["data"])
               if allow_upload or o != "upload_image"]
    name = select("data", "sb.dataset", dataset_label, options=options)
    if name == settings.DRAWN:  # the drawing pad, its split and seed
        return drawn_data()
    drawpad.remember_preset(name)
    members.new_sample_button(name)
    upload = None
    if name == "upload_image":
        up = st.sidebar.file_uploader(tr("sb.upload_img"), type=["png", "jpg", "jpeg"],
                                      key="upload_image")
        if up is None:  # a new session (a shared link, a server restart) has no file yet
            st.warning(tr("msg.upload_again"), icon=":material/upload_file:")
            name = settings.BY_NAME["data"].default
        else:
            upload = up.getvalue()
    if name == "upload_csv":
        key = csv_upload(features=2)
        if key is not None:
            return key
        name = settings.BY_NAME["data"].default
    data_params(name)
    slider("seed", "sb.seed")
    return checked(compute.DataKey.of(name, state.cfg(), upload=upload))


def drawn_data() -> compute.DataKey:
    """The drawing pad and its controls (:mod:`playground.drawpad`): the drawn set's key."""
    return drawpad.data_key(slider, dataset_label)


def csv_upload(features: int | None = None) -> compute.DataKey | None:
    """A CSV upload: the file, its label column (guessed: label / class / target / y, else the
    only text column, else the last), and ``features`` feature columns to use (all numeric ones
    when None). Text and ID columns are left out and rows with gaps dropped, each said. Returns
    None (after saying why) while there is no usable file."""
    up = st.sidebar.file_uploader(tr("sb.upload_csv"), type=["csv"], key="upload_csv")
    if up is None:
        st.sidebar.info(tr("msg.csv_needed"), icon=":material/upload_file:")
        return None
    raw = up.getvalue()
    try:
        info = uploads.csv_overview(raw)
    except ValueError as exc:
        st.error(tr("msg.data_error", err=plain(exc, 400)), icon=":material/error:")
        return None
    cols = info["columns"]
    label = st.sidebar.selectbox(tr("sb.label_col"), cols, index=cols.index(info["label"]),
                                 key="csv.label")
    numeric = [c for c in info["numeric"] if c != label] or [c for c in cols if c != label]
    chosen = None
    if features:
        if len(numeric) < features:
            st.error(tr("msg.csv_few_features", k=features, n=len(numeric)),
                     icon=":material/error:")
            return None
        chosen = tuple(st.sidebar.selectbox(tr("sb.feature", i=i + 1), numeric, index=i,
                                            key=f"csv.x{i}") for i in range(features))
        if len(set(chosen)) < features:
            st.error(tr("msg.csv_same_feature"), icon=":material/error:")
            return None
    slider("test", "sb.test", step=0.05)
    slider("seed", "sb.seed")
    key = checked(compute.DataKey.of("csv", state.cfg(), upload=raw, label=label,
                                     features=chosen))
    if key.name != "csv":
        return key  # checked() said what went wrong and fell back
    d = compute.dataset(key)
    notes = "; ".join(info["notes"]) if chosen is None else ""
    st.sidebar.caption(tr("sb.csv_in_use", rows=len(d["y_tr"]) + len(d["y_te"]),
                          features=", ".join(chosen or info["numeric"]), label=label,
                          notes=plain(notes, 300)))
    return key


def data_1d(setting: str) -> compute.DataKey:
    """A 1-D regression data set (gradient boosting's curve view)."""
    st.sidebar.subheader(tr("sb.data"))
    name = select(setting, "gb.data1d", dataset_label)
    members.new_sample_button(name)
    data_params(name)
    slider("seed", "sb.seed")
    return checked(compute.DataKey.of(name, state.cfg()))


def checked(key: compute.DataKey) -> compute.DataKey:
    """Load once to validate; on a problem say what it is (in plain text: a file's content never
    becomes markup) and fall back to the default data set."""
    try:
        d = compute.dataset(key)
        if len(d["classes"]) < 2:
            raise ValueError("the data have only one class")
        return key
    except ValueError as exc:
        st.error(tr("msg.data_error", err=plain(exc, 400)), icon=":material/error:")
        return compute.DataKey.of(settings.BY_NAME["data"].default, state.cfg())


def display_controls():
    show_test = toggle("show_test", "sb.show_test")
    discrete = toggle("discrete", "sb.discrete")
    slider("res", "sb.res", step=20)
    return show_test, discrete


# ---- learners -----------------------------------------------------------------------------------

def learner_of(prefix: str, values) -> tuple:
    """The base learner a page's settings name: ``(name, ((param, value), ...))`` (pure)."""
    row = learners.get(values[f"{prefix}_learner"])
    return row.name, tuple(sorted((p.name, values[f"{prefix}_{p.name}"]) for p in row.params))


def learner(prefix: str, role: str, *, own_tree_controls: bool = False, container=None) -> tuple:
    """The base learner's select box (the learners that can take ``role``) and the chosen one's
    hyper-parameters, from the learners table.

    Returns ``(name, ((param, value), ...))``, hashable for the caches. With
    ``own_tree_controls`` the page draws the tree's controls itself (the trees page)."""
    box = container or st.sidebar
    name = select(f"{prefix}_learner", "sb.learner", learner_label, container=box)
    row = learners.get(name)
    params = {}
    if not (row.tree and own_tree_controls):
        for p in row.params:
            params[p.name] = slider(f"{prefix}_{p.name}", p.label, container=box)
    if not row.tree:
        box.caption(tr("sb.pointwise"))
    if not row.takes_weights and role == "boost":
        box.info(tr("ab.resample", learner=learner_label(name)), icon=":material/shuffle:")
    return name, tuple(sorted(params.items()))
