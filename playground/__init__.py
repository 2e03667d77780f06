"""Ensemble Playground: the Streamlit app and its data (see playground/app.py)."""
