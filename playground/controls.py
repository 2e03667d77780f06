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
        fallback = compute.DataKey("moons", 400, 0.25, key.seed, 3, key.test)
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
