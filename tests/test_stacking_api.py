"""Stacking as a scikit-learn user types it: "drop", one estimator, splitter objects and "prefit" as
``cv``, ``get_feature_names_out``; the final learner's weight per base from the engine's own record
of columns; non-finite base outputs named by their base."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.datasets import make_classification, make_regression
from sklearn.ensemble import StackingClassifier as SkStackingClassifier
from sklearn.ensemble import StackingRegressor as SkStackingRegressor
from sklearn.linear_model import LogisticRegression as SkLogisticRegression
from sklearn.linear_model import Ridge as SkRidge
from sklearn.model_selection import KFold, StratifiedKFold, TimeSeriesSplit, train_test_split
from sklearn.naive_bayes import GaussianNB as SkGaussianNB
from sklearn.neighbors import KNeighborsClassifier as SkKNN
from sklearn.neighbors import KNeighborsRegressor as SkKNNRegressor
from sklearn.tree import DecisionTreeClassifier as SkTree

from algorithms import (DecisionTreeClassifier, GaussianNB, KNeighborsClassifier, LinearSVC,
                        LogisticRegression, Ridge, StackingClassifier, StackingRegressor)
from algorithms._base import BaseEstimator, ClassifierMixin


def data(K=2, n=400, seed=0):
    X, y = make_classification(n, 6, n_informative=4, n_classes=K, n_clusters_per_class=1,
                               random_state=seed)
    return train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)


def sk_bases():
    return [("tree", SkTree(max_depth=4, random_state=0)), ("knn", SkKNN(9)),
            ("nb", SkGaussianNB())]


@pytest.mark.parametrize("cv", [KFold(4), KFold(5, shuffle=True, random_state=3),
                                StratifiedKFold(3, shuffle=True, random_state=1)])
@pytest.mark.parametrize("K", [2, 3])
def test_splitter_objects_give_sklearns_stack(cv, K):
    Xa, Xb, ya, _ = data(K)
    ours = StackingClassifier(sk_bases(), final_estimator=SkLogisticRegression(), cv=cv).fit(Xa, ya)
    ref = SkStackingClassifier(sk_bases(), final_estimator=SkLogisticRegression(), cv=cv).fit(Xa, ya)
    np.testing.assert_allclose(ours.transform(Xb), ref.transform(Xb), atol=1e-12)
    np.testing.assert_allclose(ours.predict_proba(Xb), ref.predict_proba(Xb), atol=1e-8)
    np.testing.assert_array_equal(ours.predict(Xb), ref.predict(Xb))
    # a list of (train, test) pairs works the same way
    pairs = list(cv.split(Xa, np.searchsorted(ours.classes_, ya)))
    again = StackingClassifier(sk_bases(), final_estimator=SkLogisticRegression(),
                               cv=pairs).fit(Xa, ya)
    np.testing.assert_allclose(again.predict_proba(Xb), ours.predict_proba(Xb), atol=1e-12)


def test_drop_and_one_estimator_as_sklearn():
    Xa, Xb, ya, _ = data(3)
    for bases in ([("tree", "drop"), ("knn", SkKNN(9)), ("nb", SkGaussianNB())],
                  [("tree", "drop"), ("knn", "drop"), ("nb", SkGaussianNB())]):
        ours = StackingClassifier(bases, final_estimator=SkLogisticRegression(),
                                  cv=KFold(5)).fit(Xa, ya)
        ref = SkStackingClassifier(bases, final_estimator=SkLogisticRegression(),
                                   cv=KFold(5)).fit(Xa, ya)
        np.testing.assert_allclose(ours.predict_proba(Xb), ref.predict_proba(Xb), atol=1e-8)
        assert list(ours.get_feature_names_out()) == list(ref.get_feature_names_out())
        assert list(ours.named_estimators_) == list(ref.named_estimators_)
        assert ours.named_estimators_["tree"] == "drop"
        assert len(ours.estimators_) == len(ref.estimators_)
    one = StackingClassifier([("lr", LogisticRegression())], cv=3, random_state=0).fit(Xa, ya)
    assert one.transform(Xb).shape == (len(Xb), 3)
    stack = StackingClassifier(sk_bases(), cv=3, random_state=0).set_params(knn="drop")
    assert stack.fit(Xa, ya).final_learner_names_ == ["tree", "nb"]


def test_prefit_uses_the_fitted_bases_as_sklearn():
    """Bases fitted elsewhere on string labels; the final learns from their outputs on all rows."""
    Xa, Xb, ya, _ = data(3)
    labels = np.array(["ant", "bee", "cat"])[ya]
    bases = [("tree", SkTree(max_depth=4, random_state=0).fit(Xa, labels)),
             ("knn", SkKNN(9).fit(Xa, labels))]
    ours = StackingClassifier(bases, final_estimator=SkLogisticRegression(),
                              cv="prefit").fit(Xa, labels)
    ref = SkStackingClassifier(bases, final_estimator=SkLogisticRegression(),
                               cv="prefit").fit(Xa, labels)
    np.testing.assert_allclose(ours.transform(Xb), ref.transform(Xb), atol=1e-12)
    np.testing.assert_allclose(ours.predict_proba(Xb), ref.predict_proba(Xb), atol=1e-8)
    np.testing.assert_array_equal(ours.predict(Xb), ref.predict(Xb))
    assert ours.estimators_[0] is bases[0][1]                     # not refit, not cloned
    base_probas, _, proba = ours.forward_pass(Xb)
    np.testing.assert_allclose(base_probas[0][0], bases[0][1].predict_proba(Xb))
    np.testing.assert_allclose(proba, ours.predict_proba(Xb))
    # stack_method="predict": the bases' labels become label indices (scikit-learn cannot stack
    # string predictions; by hand here)
    by_label = StackingClassifier(bases, cv="prefit", stack_method="predict").fit(Xa, labels)
    np.testing.assert_array_equal(by_label.transform(Xb), np.column_stack(
        [np.searchsorted(["ant", "bee", "cat"], e.predict(Xb)) for _, e in bases]))
    # our own learners fitted on the labels are used the same way
    mine = StackingClassifier([("knn", KNeighborsClassifier(9).fit(Xa, labels))],
                              cv="prefit").fit(Xa, labels)
    ref = SkStackingClassifier([("knn", SkKNN(9).fit(Xa, labels))], cv="prefit").fit(Xa, labels)
    np.testing.assert_allclose(mine.transform(Xb), ref.transform(Xb), atol=1e-12)
    with pytest.raises(ValueError, match="'knn' .*is not fitted"):
        StackingClassifier([("knn", SkKNN(9))], cv="prefit").fit(Xa, labels)


def test_regressor_splitter_prefit_and_feature_names_as_sklearn():
    X, y = make_regression(300, 5, noise=5.0, random_state=0)
    bases = [("ridge", SkRidge()), ("knn", SkKNNRegressor())]
    for cv in (KFold(5), "prefit"):
        use = [(n, e.fit(X, y)) for n, e in bases] if cv == "prefit" else bases
        ours = StackingRegressor(use, final_estimator=SkRidge(), cv=cv, passthrough=True).fit(X, y)
        ref = SkStackingRegressor(use, final_estimator=SkRidge(), cv=cv,
                                  passthrough=True).fit(X, y)
        np.testing.assert_allclose(ours.predict(X), ref.predict(X), rtol=1e-10)
        assert list(ours.get_feature_names_out()) == list(ref.get_feature_names_out())


def test_splitters_that_leave_rows_out_are_refused():
    Xa, _, ya, _ = data()
    with pytest.raises(ValueError, match="cover every training row exactly once.*rows are in no "
                                         "held-out part"):
        StackingClassifier(sk_bases(), cv=TimeSeriesSplit(4)).fit(Xa, ya)
    with pytest.raises(ValueError, match="'cv'"):
        StackingClassifier(sk_bases(), cv="kfold").fit(Xa, ya)
    with pytest.raises(ValueError, match="prefit' takes one layer"):
        StackingClassifier([sk_bases(), [("lr", SkLogisticRegression())]],
                           cv="prefit").fit(Xa, ya)


# ------------------------------------------------------------------------------------------------
# the final learner's weight per base learner
# ------------------------------------------------------------------------------------------------
def test_final_weights_binary_signed_sums_over_each_bases_columns():
    Xa, _, ya, _ = data(2)
    bases = [("tree", DecisionTreeClassifier(max_depth=3)), ("svm", LinearSVC()),
             ("gone", "drop"), ("knn", KNeighborsClassifier(7))]
    stack = StackingClassifier(bases, cv=3, random_state=0, passthrough=True,
                               stack_method="auto").fit(Xa, ya)
    # by hand: binary -> one column per base (p(1), decision value, p(1)), then the 6 features
    coef = stack.final_estimator_.coef_[0]
    assert coef.shape == (3 + 6,)
    np.testing.assert_allclose(stack.final_weights_, coef[:3])
    assert stack.final_learner_names_ == ["tree", "svm", "knn"]
    assert [c.tolist() for c in stack.final_columns_] == [[0], [1], [2]]


def test_final_weights_multiclass_sum_absolute_values():
    Xa, _, ya, _ = data(3)
    bases = [("svm", LinearSVC()), ("knn", KNeighborsClassifier(7)), ("nb", GaussianNB())]
    stack = StackingClassifier(bases, cv=3, random_state=0,
                               stack_method="auto").fit(Xa, ya)
    # widths by hand: LinearSVC has no predict_proba -> 3 decision columns; k-NN and NB 3 probas
    coef = stack.final_estimator_.coef_
    assert coef.shape == (3, 9)
    expected = [np.abs(coef[:, 0:3]).sum(), np.abs(coef[:, 3:6]).sum(), np.abs(coef[:, 6:9]).sum()]
    np.testing.assert_allclose(stack.final_weights_, expected)
    # the columns are recorded while stacking: renaming a base cannot move them
    renamed = StackingClassifier([("knn", LinearSVC()), ("svm", KNeighborsClassifier(7)),
                                  ("nb", GaussianNB())], cv=3, random_state=0).fit(Xa, ya)
    np.testing.assert_allclose(renamed.final_weights_, expected)


def test_final_weights_regression_and_final_without_coef():
    X, y = make_regression(200, 4, noise=3.0, random_state=1)
    stack = StackingRegressor([("ridge", Ridge()), ("knn", SkKNNRegressor())], cv=3,
                              random_state=0).fit(X, y)
    np.testing.assert_allclose(stack.final_weights_, stack.final_estimator_.coef_)
    Xa, _, ya, _ = data(2)
    tree_final = StackingClassifier(sk_bases(), final_estimator=DecisionTreeClassifier(max_depth=2),
                                    cv=3, random_state=0).fit(Xa, ya)
    np.testing.assert_array_equal(tree_final.final_weights_, [1.0, 1.0, 1.0])
    layered = StackingClassifier([sk_bases(), [("lr2", LogisticRegression()),
                                               ("nb2", GaussianNB())]], cv=3,
                                 random_state=0).fit(Xa, ya)
    assert layered.final_learner_names_ == ["lr2", "nb2"]
    np.testing.assert_allclose(layered.final_weights_, layered.final_estimator_.coef_[0])


# ------------------------------------------------------------------------------------------------
# non-finite outputs and failing bases are named
# ------------------------------------------------------------------------------------------------
class _Overflowing(ClassifierMixin, BaseEstimator):
    """Test-local learner whose probabilities are NaN wherever x_0 > ``above``."""

    def __init__(self, above=np.inf):
        self.above = above

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        return self

    def predict_proba(self, X):
        p = np.full((len(X), len(self.classes_)), 1.0 / len(self.classes_))
        p[np.asarray(X)[:, 0] > self.above] = np.nan
        return p


def test_non_finite_base_outputs_name_the_base_not_X():
    Xa, Xb, ya, _ = data()
    with pytest.raises(ValueError, match=r"base estimator 'wild' \(_Overflowing\) produced "
                                         r"non-finite predict_proba outputs"):
        StackingClassifier([("lr", LogisticRegression()), ("wild", _Overflowing(above=0.0))],
                           cv=3, random_state=0).fit(Xa, ya)
    stack = StackingClassifier([("lr", LogisticRegression()), ("wild", _Overflowing(above=50.0))],
                               cv="holdout", random_state=0).fit(Xa, ya)
    Xbig = Xb.copy()
    Xbig[0, 0] = 100.0
    for method in ("predict", "predict_proba", "transform"):
        with pytest.raises(ValueError, match="'wild'.*non-finite.*1 of"):
            getattr(stack, method)(Xbig)
    with pytest.raises(ValueError, match="'wild'.*non-finite"):
        stack.forward_pass(Xbig)


def test_a_base_that_cannot_fit_is_named():
    Xa, _, ya, _ = data()
    with pytest.raises(ValueError, match="sample_weight leaves only samples of one class"):
        StackingClassifier([("lr", LogisticRegression())], cv=3).fit(Xa, ya,
                                                                     sample_weight=ya == 0)
    with pytest.raises(ValueError, match="base estimator 'lr' .*could not be fitted"):
        StackingClassifier([("lr", LogisticRegression(C=-1.0))], cv=3).fit(Xa, ya)
