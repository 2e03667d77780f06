"""Ensemble Playground's learning engine: pure numpy, scikit-learn's conventions, the lecture's math.

Every learner and ensemble the playground shows lives here. Nothing in this package imports
streamlit, plotly or scikit-learn.
"""

from ._base import BaseEstimator, ClassifierMixin, EngineMessage, RegressorMixin, clone
from ._validation import DataConversionWarning, NotFittedError
from .tree import DecisionTreeClassifier, DecisionTreeRegressor, export_text
from .voting import VotingClassifier, VotingRegressor
from .stacking import StackingClassifier, StackingRegressor
from .bagging import BaggingClassifier, BaggingRegressor
from .forest import RandomForestClassifier, RandomForestRegressor
from .linear_model import LinearRegression, LinearSVC, LogisticRegression, Ridge
from .naive_bayes import GaussianNB
from .neighbors import KNeighborsClassifier, KNeighborsRegressor
from .neural_network import MLPClassifier, MLPRegressor
from .nn import Network, Trainer  # the neural-network core the course's labs share
from .gan import GAN
from .gradient_boosting import GradientBoostingClassifier, GradientBoostingRegressor
from .adaboost import AdaBoostClassifier, AdaBoostRegressor
from .surface import PointPainter, TreePainter
