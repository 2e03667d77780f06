"""Safe to share and to restart: what a link, a settings file or an upload can do to the app."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from playground import export, limits, settings, uploads
from playground.text import plain

APP = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "playground",
                   "app.py")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVIL = "https://evil.example"
MD = MarkdownIt("gfm-like")  # GitHub-flavoured, bare addresses autolinked: as Streamlit renders


def html_of(elements) -> str:
    return "".join(MD.render(e.value) for e in elements)


def start(query: dict, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# ---- links --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    f"[Session expired - log in again]({EVIL}/login)", f"![px]({EVIL}/p.png)",
    f"<img src={EVIL}/p.png>", f"<a href='{EVIL}'>x</a>", "$\\frac{1}{2}$", ":red[alarm]",
    f"[x]: {EVIL}\n[ref][x]", "**bold** _it_ `code`", "# Heading", "> quote", "1. list",
    f"see {EVIL}/login", "www.evil.example", "mail me@evil.example",
])
def test_plain_text_renders_as_the_characters_typed(text):
    html = MD.render(plain(text, 500))
    assert "<a " not in html and "<img" not in html and "<h1" not in html
    assert "<strong" not in html and "<em" not in html and "<code" not in html
    assert "<blockquote" not in html and "<ol" not in html
    assert EVIL not in html or "evil.example" in html  # shown as text, never as a target


def test_a_link_cannot_put_links_or_images_into_our_warnings():
    at = start({"n": f"[Session expired - log in again]({EVIL}/login)",
                f"![px]({EVIL}/p.png)": "1", "data": f"<img src={EVIL}/x.png>"})
    html = html_of(at.warning)
    assert at.warning and "Session expired" in html
    assert "<a " not in html and "<img" not in html


def test_one_link_makes_a_bounded_number_of_warnings():
    at = start({f"p{i}": "1" for i in range(1000)})
    assert len(at.warning) == settings.MAX_URL_PROBLEMS + 1
    assert "992" in at.warning[-1].value  # the rest are counted in one line


# ---- settings files -----------------------------------------------------------------------------

def test_settings_json_nested_deep_is_refused_by_name():
    text = "[" * 4999 + "]" * 4999  # under the 10 KB limit
    assert len(text) < export.MAX_JSON_BYTES
    with pytest.raises(ValueError, match="nested 4999 levels deep"):
        export.parse_settings_json(text)
    with pytest.raises(ValueError, match="nested"):
        export.parse_settings_json('{"settings": {"step": [[[[[1]]]]]}}')


def test_settings_json_with_a_byte_order_mark_is_read():
    body = json.dumps({"step": 7, "present": True})
    for raw in ("\ufeff" + body, ("\ufeff" + body).encode("utf-8")):
        values = export.parse_settings_json(raw)
        assert values["step"] == 7 and values["present"] is True


def test_brackets_inside_strings_do_not_count_as_nesting():
    values = export.parse_settings_json(json.dumps({"shape": "rabbit"}) + " " * 10)
    assert values["shape"] == "rabbit"
    with pytest.raises(ValueError, match="shape"):  # a bad value, not a nesting error
        export.parse_settings_json(json.dumps({"shape": "[[[[[[{{{{{"}))


# ---- uploads: bounded work ----------------------------------------------------------------------

def _png(w: int, h: int, mode: str = "L") -> bytes:
    from PIL import Image
    white, dark = (255, 0) if mode in ("L", "P") else ((255,) * 4, (0, 0, 0, 255))
    img = Image.new(mode, (w, h), white)
    img.paste(dark, (w // 4, h // 4, w // 2, h // 2))
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def _peak_rss_mb(code: str) -> float:
    """Peak resident memory growth (MB) of running ``code`` in a fresh interpreter."""
    script = textwrap.dedent("""
        import resource, sys
        sys.path.insert(0, {root!r})
        from playground import uploads
        raw = open(sys.argv[1], "rb").read()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        try:
            {code}
        except ValueError as exc:
            print("refused:", exc, file=sys.stderr)
        print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024)
    """).format(root=ROOT, code=code)
    return script


def test_a_huge_png_is_refused_before_it_costs_memory(tmp_path):
    raw = _png(4999, 4999, "P")  # a small file that decodes to 25 million pixels
    assert len(raw) < 200_000
    with pytest.raises(ValueError, match="4999 x 4999 pixels.*at most 4,000,000"):
        uploads.load_image(raw, n=500)
    path = tmp_path / "big.png"
    path.write_bytes(raw)
    script = _peak_rss_mb("uploads.load_image(raw, n=500)")
    out = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True,
                         text=True, timeout=120, check=True)
    assert "refused" in out.stderr
    assert float(out.stdout.strip()) < 30  # MB; decoding it took 240-390 MB


def test_the_largest_allowed_picture_decodes_within_a_small_budget(tmp_path):
    raw = _png(2000, 2000, "RGBA")
    path = tmp_path / "ok.png"
    path.write_bytes(raw)
    out = subprocess.run([sys.executable, "-c", _peak_rss_mb("uploads.load_image(raw, n=500)"),
                          str(path)], capture_output=True, text=True, timeout=120, check=True)
    assert "refused" not in out.stderr
    assert float(out.stdout.strip()) < 60  # MB for 4 million RGBA pixels (16 MB raw)
    X, y = uploads.load_image(raw, n=500)
    assert X.shape == (500, 2) and 0 < y.mean() < 1


def test_a_large_jpeg_is_decoded_at_a_reduced_scale():
    from PIL import Image
    img = Image.new("L", (6000, 4000), 255)
    img.paste(0, (0, 0, 3000, 4000))  # left half dark
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=60)
    mask = uploads.image_mask(buf.getvalue(), resolution=128)
    assert mask.shape == (85, 128) and abs(mask.mean() - 0.5) < 0.02


def test_compare_keeps_a_large_upload_within_the_budget():
    from playground import compute
    rng = np.random.default_rng(0)
    rows = limits.MAX_CSV_ROWS
    X = np.round(rng.normal(size=(rows, 40)), 1)
    y = (X[:, 0] + X[:, 1] > 0).astype(int)
    raw = ("," .join(f"x{j}" for j in range(40)) + ",label\n" + "\n".join(
        ",".join(map(str, r)) + f",{c}" for r, c in zip(X, y))).encode()
    assert len(raw) < limits.MAX_UPLOAD_BYTES
    key = compute.DataKey.of("csv", upload=raw, label="label", test=0.3, seed=0)
    T = 100
    result = compute.compare(key, T)
    n_train = result["shape"][0]
    assert result["rows_used"] < n_train
    assert result["rows_used"] * 40 * T <= limits.MAX_COMPARE_WORK
    assert result["scores"]["logreg"][1] > 0.9  # still learns the rule from the rows it used


# ---- restarts -----------------------------------------------------------------------------------

def test_a_link_naming_an_uploaded_picture_asks_for_the_file_again():
    at = start({"data": "upload_image", "tr_T": "3", "tr_t": "3"}, page="views/trees.py")
    text = " ".join(w.value for w in at.warning)
    assert "uploaded again" in text
    assert at.selectbox(key="w.data").value == "upload_image"  # the choice is kept, not hidden
