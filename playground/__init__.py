"""Ensemble Playground: the Streamlit app and its data (see playground/app.py).

Importing the package imports, once per process and in one thread, the heavy libraries the pages
use. Streamlit runs each browser tab's script in its own thread: when a lecture hall reconnects to
a freshly started server, eight tabs importing pandas at once (one directly, another through
plotly) could see a partially initialised module (``module 'pandas' has no attribute 'Series'``).
``app.py`` imports this package first, so every other tab waits on the package's import lock
until these are complete.
"""

import numpy  # noqa: F401
import pandas  # noqa: F401
import plotly.graph_objects  # noqa: F401
import plotly.io  # noqa: F401
import pyarrow  # noqa: F401  (st.dataframe)
import sklearn.datasets  # noqa: F401  (the bundled tabular sets)
from PIL import Image, PngImagePlugin  # noqa: F401
