"""Lecture mode (issue 5), driven headlessly with AppTest: the toy table's exact numbers are on
the page, every step renders in presentation mode (light and dark), the step lives in the URL, and
settings exported as JSON restore the same view."""

from __future__ import annotations

import json
import math
import os

import pytest
from streamlit.testing.v1 import AppTest

from playground.lecture import track
from test_app_pages import charts as page_charts

APP = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "playground",
                   "app.py")
TOY_STEP = 1 + [s for s, _ in track.STEPS].index("toy_vote")


def lecture(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("views/lecture.py")
    for k, v in query.items():
        at.query_params[k] = str(v)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def page_text(at) -> str:
    parts = [m.value for m in at.markdown] + [t.value for t in at.title] + \
        [c.value for c in at.caption] + [m.value for m in at.metric]
    return "\n".join(parts)


def charts(at) -> list[dict]:
    """Every figure of the step: Streamlit's charts, and the live charts presentation mode uses."""
    return page_charts(at)


def hand_chain():
    """The lecture's toy example by hand: each round misclassifies 3 points; u_1 = 1, wrong
    weights × d_t, right ones ÷ d_t (docs/lecture.md §3)."""
    # round 1: 3 of 10 unit weights wrong
    eps1 = 3 / 10
    d1 = math.sqrt((1 - eps1) / eps1)
    # round 2: wrong = 3 points f_1 got right (weight 1/d1 each); Z = 3 d1 + 7/d1
    eps2 = (3 / d1) / (3 * d1 + 7 / d1)
    d2 = math.sqrt((1 - eps2) / eps2)
    # round 3: wrong = 3 of the 4 points both rounds got right (weight 1/(d1 d2))
    w_rr, w_wr, w_rw = 1 / (d1 * d2), d1 / d2, d2 / d1
    eps3 = 3 * w_rr / (4 * w_rr + 3 * w_wr + 3 * w_rw)
    d3 = math.sqrt((1 - eps3) / eps3)
    return [(e, d, math.log(d)) for e, d in ((eps1, d1), (eps2, d2), (eps3, d3))]


def test_toy_table_numbers_appear_exactly():
    at = lecture(step=TOY_STEP)
    text = page_text(at)
    want = [f"{v:.3f}" for row in hand_chain() for v in row]
    assert want == ["0.300", "1.528", "0.424", "0.214", "1.915", "0.650", "0.136", "2.517", "0.923"]
    table = next(m.value for m in at.markdown if "ln d" in m.value)
    for row, (e, d, a) in enumerate(hand_chain(), start=1):
        line = next(ln for ln in table.splitlines() if ln.startswith(f"| {row} |"))
        assert f"{e:.3f}" in line and f"{d:.3f}" in line and f"{a:.3f}" in line, line
    assert "10 of 10" in text  # H classifies every point (docs/lecture.md §3)
    # the slide's rounded chain only with the toggle, with the sentence saying why
    assert "2.59" not in table
    at.toggle(key="w.rounded").set_value(True).run()
    table = next(m.value for m in at.markdown if "ln d" in m.value)
    for v in ("0.21", "1.94", "0.66", "0.13", "2.59", "0.95"):
        assert v in table, v
    assert any("rounds every number" in m.value for m in at.markdown)


@pytest.mark.parametrize("step", range(1, track.N_STEPS + 1))
def test_every_step_renders_in_presentation_mode(step):
    theme = "dark" if step % 2 else "light"
    at = lecture(step=step, present=1, theme=theme)
    assert not at.error, [e.value for e in at.error]
    assert at.title and at.title[0].value
    figs = charts(at)
    assert figs, "every step shows at least one chart"
    bg = "#0e1117" if theme == "dark" else "#ffffff"
    assert all(f["layout"]["paper_bgcolor"] == bg for f in figs)
    # presentation: no sidebar controls, only previous / next (+ theme / exit)
    assert not [w for w in at.sidebar.selectbox if w.key == "w.step"]
    labels = {b.label for b in at.button}
    assert {"Previous", "Next"} <= labels
    assert "display: none" in "".join(h.proto.body for h in at.get("html"))
    assert at.query_params["step"] == str(step)


def test_next_moves_the_step_and_the_url():
    at = lecture(step=2)
    title = at.title[0].value
    next(b for b in at.button if b.key == "lec.next.top").click().run()
    assert at.query_params["step"] == "3"
    assert at.title[0].value != title
    next(b for b in at.button if b.key == "lec.prev.bottom").click().run()
    assert at.query_params["step"] == "2" and at.title[0].value == title


def test_exported_json_restores_the_same_view():
    src = lecture(step=TOY_STEP - 2, theme="dark", bag_T=6)
    exported = next(c.value for c in src.code if '"settings"' in c.value)
    assert json.loads(exported)["settings"]["step"] == TOY_STEP - 2
    dst = lecture()
    assert dst.title[0].value != src.title[0].value
    dst.text_area(key="lec.json_text").set_value(exported).run()
    next(b for b in dst.button if b.key == "lec.json_load").click().run()
    assert not dst.exception
    assert dst.title[0].value == src.title[0].value
    assert dict(dst.query_params) == dict(src.query_params)
    assert [m.value for m in dst.markdown] == [m.value for m in src.markdown]
    assert charts(dst)[0]["layout"]["paper_bgcolor"] == "#0e1117"


def test_bad_json_is_rejected_with_a_reason():
    at = lecture(step=3)
    at.text_area(key="lec.json_text").set_value('{"step": 99}').run()
    next(b for b in at.button if b.key == "lec.json_load").click().run()
    assert any("outside" in e.value and "step" in e.value for e in at.error)
    assert at.query_params["step"] == "3"  # the view did not change


def test_bad_url_value_is_reported_and_defaulted():
    at = lecture(step="banana")
    assert any("step" in w.value for w in at.warning)
    assert at.query_params["step"] == "1"
