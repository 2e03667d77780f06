"""Round t's numbers in the lecture's formulas, typeset by the browser and updated in place.

The general formulas do not change with t: they stay ``st.latex`` elements, which the browser
leaves as they are from one round to the next. A line of numbers changes every round, and as an
``st.latex`` element the browser ran Streamlit's markdown and KaTeX pipeline for it again each
time (AdaBoost page, slider -> first chart: 203 -> 189 ms median as a live line, interleaved
A/B; the server's share of a move 25 -> 18 ms). Here such a line is a small
``st.components.v2`` element whose identity is its key: ``static/livemath.js`` builds MathML
(typeset natively by every current browser) and swaps it in, with no markdown, no KaTeX and no
re-render of the page around it.

An expression is a tree of tuples, one per MathML token or layout; a list is a row of them::

    ("i", "ε") an identifier     ("n", "0.213") a number     ("o", "=") an operator
    ("t", "err") upright text    ("sub", base, index)        ("sup", base, exponent)
    ("frac", numerator, denominator)                         ("sp",) a wide space

:func:`latex` writes the same tree as LaTeX: the fallback when static serving is off, and the
tests' reading of it. Every leaf reaches the page as text (``textContent``), never as markup.
"""

from __future__ import annotations

import contextlib
import json

import streamlit as st

from playground import livechart

MODULE_JS = "livemath.js"
_MODULE_VERSION = livechart.module_version(MODULE_JS)
_LEAVES = {"i", "n", "o", "t"}
_LAYOUTS = {"sub": 2, "sup": 2, "frac": 2}

# Set in KaTeX's fonts where the page has them (the general formulas above are KaTeX), so the
# numbers look like the formulas they fill in; a browser's own math font otherwise.
_CSS = (".ep-math { text-align: center; color: var(--st-text-color); }\n"
        ".ep-math math { font-family: KaTeX_Main, math, serif; font-size: 1.21em;"
        " margin: 0.3em 0; }\n"
        ".ep-math mi { font-family: KaTeX_Math, KaTeX_Main, math, serif; font-style: italic;"
        " text-transform: none; }\n")

_COMPONENT = None


def i(name: str) -> tuple:
    return ("i", name)


def n(value: str) -> tuple:
    return ("n", value)


def o(op: str) -> tuple:
    return ("o", op)


def text(words: str) -> tuple:
    return ("t", words)


def sub(base, index) -> tuple:
    return ("sub", base, index)


def sup(base, exponent) -> tuple:
    return ("sup", base, exponent)


def frac(numerator, denominator) -> tuple:
    return ("frac", numerator, denominator)


SPACE = ("sp",)
_MINUS = str.maketrans({"-": "\u2212"})  # a typeset minus sign, not a hyphen


def number(x: float):
    """3 decimals, or m x 10^e for the weights that grow huge (they multiply by d_t every
    round) and the bounds that shrink to nothing."""
    x = float(x)
    if x == 0 or 1e-3 <= abs(x) < 1e4:
        return n(f"{x:.3f}".translate(_MINUS))
    m, e = f"{x:.3e}".split("e")
    return [n(m.translate(_MINUS)), o("\u00d7"), sup(n("10"), n(str(int(e)).translate(_MINUS)))]


def _is_node(expr) -> bool:
    """A node starts with its kind's name; anything else that is a sequence is a row. (A tuple
    here, an array once it has been through JSON, as the browser and the tests read it.)"""
    return isinstance(expr, (tuple, list)) and bool(expr) and isinstance(expr[0], str)


def check(expr) -> None:
    """Raise ValueError unless ``expr`` is a well-formed tree (what the browser can build)."""
    if not _is_node(expr):
        if not isinstance(expr, list):
            raise ValueError(f"not an expression: {expr!r}")
        for part in expr:
            check(part)
        return
    kind, *args = expr
    if kind in _LEAVES:
        if len(args) != 1 or not isinstance(args[0], str):
            raise ValueError(f"{kind!r} takes one string: {expr!r}")
    elif kind in _LAYOUTS:
        if len(args) != _LAYOUTS[kind]:
            raise ValueError(f"{kind!r} takes {_LAYOUTS[kind]} parts: {expr!r}")
        for part in args:
            check(part)
    elif kind != "sp" or args:
        raise ValueError(f"unknown expression {kind!r}")


_TEX_ESCAPE = str.maketrans({"\u2212": "-", "\u00d7": r"\times ", "\u2264": r"\le ",
                             "\u03b5": r"\varepsilon ", "\u03b1": r"\alpha ", "\u03b7": r"\eta ",
                             "{": r"\{", "}": r"\}"})


def latex(expr) -> str:
    """The same expression as LaTeX (for ``st.latex``)."""
    if not _is_node(expr):
        return "".join(latex(part) for part in expr)
    kind, *args = expr
    if kind in ("i", "n", "o"):
        return args[0].translate(_TEX_ESCAPE)
    if kind == "t":
        return r"\text{" + args[0].replace("{", r"\{").replace("}", r"\}") + "}"
    if kind == "sub":
        return "{" + latex(args[0]) + "}_{" + latex(args[1]) + "}"
    if kind == "sup":
        return "{" + latex(args[0]) + "}^{" + latex(args[1]) + "}"
    if kind == "frac":
        return r"\frac{" + latex(args[0]) + "}{" + latex(args[1]) + "}"
    return r"\qquad "


def _component():
    global _COMPONENT
    if _COMPONENT is None:
        _COMPONENT = st.components.v2.component(
            "ensemble_playground.livemath", js=livechart.loader(MODULE_JS, _MODULE_VERSION),
            css=_CSS, isolate_styles=False)
    return _COMPONENT


def message(lines: list) -> bytes:
    """What the browser receives: the lines as JSON (tuples become arrays)."""
    for line in lines:
        check(line)
    return json.dumps({"lines": lines}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def show(lines: list, *, key: str, container=None) -> None:
    """Typeset ``lines`` (one expression each, centred) in slot ``key``; the same key next round
    updates them in place."""
    place = container if container is not None else contextlib.nullcontext()
    if not livechart.enabled():
        for line in lines:
            check(line)
        tex = r"\begin{gathered}" + r" \\ ".join(latex(line) for line in lines) + r"\end{gathered}"
        with place:
            st.latex(tex)
        return
    data = message(lines)
    with place:
        _component()(key=f"math.{key}", data=data, height="content")
