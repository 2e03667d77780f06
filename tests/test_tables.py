"""One table per thing that grows: a learner, a data-set parameter or a page added as one row is
offered by every page that offers that kind of thing, with no other edit."""

from __future__ import annotations

import os

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from playground import datasets, i18n, learners, pages, settings

APP = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "playground",
                   "app.py")


def start(page: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def three_nn(monkeypatch):
    """A learner row added at run time: 3-nearest neighbours (its k from the existing k setting)."""
    k = next(p for p in learners.ui_params() if p.name == "k")
    row = learners.Learner("knn3", "KNeighborsClassifier", (k,), fixed=(("weights", "distance"),))
    monkeypatch.setattr(learners, "LEARNERS", learners.LEARNERS + (row,))
    monkeypatch.setitem(learners.BY_NAME, "knn3", row)
    monkeypatch.setitem(i18n.CATALOG, "ln.knn3", ("distance-weighted k-NN", "距离加权 k 近邻"))
    return row


def test_a_learner_row_is_offered_on_every_page_that_offers_learners(three_nn):
    at = start("views/adaboost.py", {"ab_T": "5", "ab_t": "5", "n": "200"})
    assert "knn3" in at.selectbox(key="w.ab_learner").options or \
        "distance-weighted k-NN" in at.selectbox(key="w.ab_learner").options
    at.selectbox(key="w.ab_learner").set_value("knn3").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(s.key == "w.ab_k" for s in at.slider)  # its parameter, from the row
    assert at.query_params.get("ab_learner") == "knn3"

    at = start("views/trees.py", {"tr_method": "bagging", "tr_T": "3", "tr_t": "3", "n": "200"})
    at.selectbox(key="w.tr_learner").set_value("knn3").run()
    assert not at.exception, [e.value for e in at.exception]

    at = start("views/stacking.py", {"n": "200"})
    assert "distance-weighted k-NN" in at.multiselect(key="w.sk_learners").options
    assert "distance-weighted k-NN" in at.selectbox(key="w.sk_final").options
    at.multiselect(key="w.sk_learners").set_value(["knn3", "tree"]).run()
    at.selectbox(key="w.sk_final").set_value("knn3").run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]

    at = start("views/compare.py", {"cp_T": "3", "n": "200"})
    assert "distance-weighted k-NN" in list(at.dataframe[0].value.iloc[:, 0])


def test_a_learner_without_probabilities_is_left_out_of_soft_voting_with_its_reason():
    at = start("views/stacking.py", {"n": "200", "sk_learners": "svm,tree,logreg"})
    assert not at.exception and not at.error, [e.value for e in at.error]
    reason = i18n.CATALOG["why.no_proba"][0].format(learner=i18n.CATALOG["ln.svm"][0])
    assert reason in [c.value for c in at.sidebar.caption]
    names = [m.label for m in at.metric]
    assert any(i18n.CATALOG["ln.voting"][0] in n for n in names)


def test_a_new_learner_parameter_becomes_a_setting_of_every_page_prefix(monkeypatch):
    p = learners.UIParam("alpha", "alpha", 1e-4, "float", 1e-6, 1.0, "sb.hidden")
    row = learners.Learner("mlp_l2", "MLPClassifier", (p,))
    monkeypatch.setattr(learners, "LEARNERS", learners.LEARNERS + (row,))
    made = {s.name: s for s in settings.learner_settings("ab", "ab")}
    assert made["ab_alpha"].source == ("MLPClassifier", "alpha")
    assert made["ab_alpha"].default == 1e-4


def test_a_data_set_row_brings_its_own_parameter_to_the_sidebar(monkeypatch):
    """A registry row with a parameter of its own: its control appears on the 2-D pages."""
    spec = datasets.spec("circles")
    assert "factor" in [p.name for p in spec.params]
    at = start("views/trees.py", {"data": "circles", "tr_T": "3", "tr_t": "3", "n": "200"})
    factor = next(s for s in at.slider if s.key == "w.factor")
    assert (factor.min, factor.max) == (spec.params[-1].low, spec.params[-1].high)
    before = np.asarray(at.session_state["cfg"]["factor"])
    factor.set_value(0.3).run()
    assert not at.exception and at.query_params.get("factor") == "0.3" and before == 0.5
    # a set without that parameter neither shows the control nor refits when it changes
    at = start("views/trees.py", {"data": "moons", "factor": "0.3", "tr_T": "3", "tr_t": "3"})
    assert not any(s.key == "w.factor" for s in at.slider)


def test_the_navigation_is_the_pages_table():
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    for p in pages.PAGES:
        at.switch_page(p.script).run()
        assert not at.exception, (p.id, [e.value for e in at.exception])
