"""Sidebar widgets that return values. Bounds and options come from ``state`` (which reads the
estimators' ``_parameter_constraints``), so a control never offers a value ``fit`` rejects."""

from __future__ import annotations

import hashlib

import streamlit as st

from playground import compute, data, state
from playground.i18n import LANG_NAMES, tr


def language() -> str:
    """The 中文 / English switch (written back to ``lang`` in the URL)."""
    s = state.BY_NAME["lang"]
    value = st.sidebar.segmented_control(
        tr("sb.language"), options=list(s.choices()), format_func=LANG_NAMES.get,
        key=state.wkey("lang"), selection_mode="single")
    value = value or state.get("lang")  # clicking the selected option again deselects it
    state.put("lang", value)
    return value


def _bounds(name: str):
    return state.bounds(state.BY_NAME[name])


def slider(name: str, label_key: str, *, step=None, container=None, help=None, max_value=None):
    s = state.BY_NAME[name]
    lo, hi = _bounds(name)
    if max_value is not None:
        hi = min(hi, max_value)
    key = state.wkey(name)
    cur = st.session_state[key]
    if cur < lo or cur > hi:  # e.g. the round t after T was lowered
        state.set_widget(name, min(max(cur, lo), hi))
    box = container or st.sidebar
    if s.kind == "int":
        value = box.slider(tr(label_key), int(lo), int(hi), step=step or 1, key=key, help=help)
    else:
        value = box.slider(tr(label_key), float(lo), float(hi), step=step or 0.01, key=key,
                           help=help)
    state.put(name, value)
    return value


def select(name: str, label_key: str, fmt=None, *, container=None, radio=False, options=None):
    s = state.BY_NAME[name]
    opts = list(options if options is not None else state.choices(s))
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
    s = state.BY_NAME[name]
    key = f"w.{name}"
    if key not in st.session_state:
        st.session_state[key] = state.get(name).split(",")
    box = container or st.sidebar
    value = box.multiselect(tr(label_key), list(s.choices()), format_func=fmt or str, key=key)
    if value:
        state.put(name, ",".join(value))
    return value


def toggle(name: str, label_key: str, *, container=None):
    box = container or st.sidebar
    value = box.toggle(tr(label_key), key=state.wkey(name))
    state.put(name, value)
    return value


def dataset_label(name: str) -> str:
    from playground.i18n import CATALOG
    return tr(f"ds.{name}") if f"ds.{name}" in CATALOG else name.replace("_", " ")


def data_2d(*, allow_upload: bool = True, show_noise: bool = True) -> compute.DataKey:
    """Data set, size, noise, split and seed for a 2-D classification page."""
    st.sidebar.subheader(tr("sb.data"))
    options = [o for o in state.choices(state.BY_NAME["data"])
               if allow_upload or o != "upload_image"]
    name = select("data", "sb.dataset", dataset_label, options=options)
    upload = None
    if name == "upload_image":
        up = st.sidebar.file_uploader(tr("sb.upload_img"), type=["png", "jpg", "jpeg"],
                                      key="upload_image")
        if up is None:
            name = "moons"
        else:
            upload = up.getvalue()
    if name == "blobs":
        slider("classes", "sb.classes")
    if name in compute.TRAIN_ONLY:  # the lecture's fixed 10 points: nothing to size or split
        st.sidebar.caption(tr("ab.toy_note"))
    else:
        slider("n", "sb.n", step=20)
        if show_noise and name not in data.image_names():  # pictures have no noise parameter
            slider("noise", "sb.noise", step=0.05)
        slider("test", "sb.test", step=0.05)
    slider("seed", "sb.seed")
    key = compute.DataKey(name, state.get("n"), state.get("noise"), state.get("seed"),
                          state.get("classes"), state.get("test"), upload)
    return checked(key)


def checked(key: compute.DataKey) -> compute.DataKey:
    """Load once to validate; on any problem say what it is and fall back to two moons."""
    try:
        d = compute.dataset(key)
        if len(d["classes"]) < 2:
            raise ValueError("the data have only one class")
        return key
    except ValueError as exc:
        st.error(tr("msg.data_error", err=exc), icon=":material/error:")
        fallback = compute.DataKey("moons", state.BY_NAME["n"].default, 0.25, key.seed, 3,
                                   key.test)
        return fallback


def view_toggles():
    st.sidebar.subheader(tr("sb.model"))


def display_controls():
    cols = st.sidebar.columns(2)
    show_test = toggle("show_test", "sb.show_test", container=cols[0])
    discrete = toggle("discrete", "sb.discrete", container=cols[1])
    slider("res", "sb.res", step=20)
    return show_test, discrete


def upload_digest(raw: bytes | None) -> str:
    return hashlib.sha1(raw).hexdigest()[:10] if raw else ""


def resamples(name: str) -> bool:
    """True if this base learner's ``fit`` takes no ``sample_weight`` (AdaBoost then re-samples)."""
    from algorithms._base import has_fit_parameter
    est = compute.make_learner(name, 0)
    return not has_fit_parameter(est, "sample_weight")


def base_learner(prefix: str, *, depth_name: str | None = None, depth_label: str = "sb.depth",
                 tree_controls: bool = True, container=None) -> tuple:
    """The base learner's select box and the hyper-parameters of the chosen one.

    Returns ``(name, ((param, value), ...))``, hashable for the caches. Depth and
    min_samples_leaf apply to trees, k to k-NN, C to logistic regression, hidden units to the MLP;
    only the chosen learner's controls are shown.
    """
    box = container or st.sidebar
    name = select(f"{prefix}_learner", "sb.learner", lambda n: tr(f"ln.{n}"), container=box)
    params: dict = {}
    if name == "tree" and depth_name and tree_controls:
        params["depth"] = slider(depth_name, depth_label, container=box)
    if name in ("stump", "tree") and not tree_controls:
        pass  # the page draws its own tree controls
    elif name in ("stump", "tree") and f"{prefix}_leaf" in state.BY_NAME:
        params["leaf"] = slider(f"{prefix}_leaf", "sb.leaf", container=box)
    elif name == "knn":
        params["k"] = slider(f"{prefix}_k", "sb.k", container=box)
    elif name == "logreg":
        key = state.wkey(f"{prefix}_C")
        if st.session_state[key] not in state.C_STEPS:  # e.g. C=5 from a URL: nearest step
            state.set_widget(f"{prefix}_C", min(state.C_STEPS,
                                                key=lambda c: abs(c - st.session_state[key])))
        params["C"] = box.select_slider(tr("sb.C"), state.C_STEPS, key=key)
        state.put(f"{prefix}_C", params["C"])
    elif name == "mlp":
        params["hidden"] = slider(f"{prefix}_hidden", "sb.hidden", container=box)
    if name not in ("stump", "tree"):
        box.caption(tr("sb.pointwise"))
    return name, tuple(sorted(params.items()))
