"""Text a user typed (URL parameters, CSV cells, file names), made safe to show in markdown.

Streamlit renders warnings, captions and errors as markdown: a link parameter such as
``[Session expired - log in again](https://...)`` would become a clickable link inside our own
warning, and ``![px](https://...)`` an image the browser fetches. :func:`plain` escapes every
ASCII punctuation character (CommonMark's backslash escapes), so markdown, HTML, LaTeX (``$``),
emoji and icon shortcodes (``:material/...:``) and directives (``:red[...]``) all show as the
characters typed; line breaks become spaces and very long values are shortened. Streamlit's
markdown also turns bare addresses into links after parsing (GitHub's autolinks: ``https://...``,
``www.``, ``name@host``), where escapes no longer count: a zero-width joiner after ``:`` of a
scheme, after ``www`` and before ``@`` keeps them text.
"""

from __future__ import annotations

import re
import string

MAX_CHARS = 80
_PUNCT = re.compile("([" + re.escape(string.punctuation) + "])")
_JOIN = "\u2060"  # WORD JOINER: invisible, and no autolink spans it
_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9+.-])(:)(?=//)|(?<=www)(?=\.)|(?=@)")


def plain(value, max_chars: int = MAX_CHARS) -> str:
    """``value`` as text that markdown shows verbatim (escaped, one line, at most ``max_chars``)."""
    text = " ".join(str(value).split())
    if len(text) > max_chars:
        text = text[: max_chars - 1] + "…"
    text = _AUTOLINK.sub(lambda m: (m.group(1) or "") + _JOIN, text)
    return _PUNCT.sub(r"\\\1", text)


_SUB = str.maketrans("0123456789+-−=()", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎")


def sub(value) -> str:
    """A number as Unicode subscript digits: ``f"f{sub(12)}"`` reads f₁₂ (no markup needed)."""
    return str(value).translate(_SUB)
