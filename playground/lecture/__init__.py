"""Lecture mode: the lecture's own experiments as a track of steps (docs/lecture.md order).

``track`` declares the steps and the lecture's settings (pure), ``fits`` asks the engine for the
fits once (cached), ``figures`` turns the fits into plotly figures (pure), and
``playground/views/lecture.py`` renders one step at a time.
"""
