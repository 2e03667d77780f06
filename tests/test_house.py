"""The house rules of the code base, checked: one table per thing that grows, pages that only draw,
no broad ``except``, small files, no import cycles."""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import pytest

from playground import datasets, i18n, learners, pages, settings

ROOT = Path(__file__).resolve().parent.parent
PLAYGROUND = ROOT / "playground"


def sources(folder: Path):
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


# ---- the tables -----------------------------------------------------------------------------

def test_every_page_row_is_whole():
    ids = [p.id for p in pages.PAGES]
    assert len(ids) == len(set(ids)) and len({p.url for p in pages.PAGES}) == len(ids)
    assert sum(p.default for p in pages.PAGES) == 1
    for p in pages.PAGES:
        assert (PLAYGROUND / p.script).is_file(), p.script
        assert p.section in pages.SECTIONS
        for key in (p.title, f"{p.id}.title" if p.id != "lec" else p.title):
            assert key in i18n.CATALOG, key
        if p.card:
            assert f"ov.card.{p.id}" in i18n.CATALOG, p.id


def test_every_setting_belongs_to_a_page_that_exists():
    known = {p.id for p in pages.PAGES} | {settings.GLOBAL}
    for s in settings.SETTINGS:
        assert set(s.pages) <= known, (s.name, s.pages)


def test_every_learner_row_has_its_texts_and_engine():
    for row in learners.LEARNERS:
        assert row.label in i18n.CATALOG, row.name
        assert row.make(0) is not None
        for p in row.params:
            assert p.label in i18n.CATALOG, (row.name, p.name)
    for why in {w for role in learners.ROLES for w in learners.left_out(role).values() if w}:
        assert why in i18n.CATALOG, why


def test_every_data_set_parameter_is_a_setting_with_a_label():
    for spec in datasets.REGISTRY.values():
        for p in spec.params:
            if p.name in settings.COMMON_DATA_PARAMS:
                continue
            s = settings.BY_NAME[p.name]
            assert (s.default, s.lo, s.hi) == (p.default, p.low, p.high), p.name
            assert f"sb.{p.name}" in i18n.CATALOG, p.name


def test_soft_voting_leaves_out_a_learner_without_probabilities_with_a_reason():
    assert "svm" not in learners.offered("soft") and "svm" in learners.offered("hard")
    assert learners.left_out("soft")["svm"] == "why.no_proba"
    assert "svm" in learners.offered("stack")  # a decision function is enough for stacking


# ---- pages only draw; learning math lives in algorithms ----------------------------------------

def test_no_view_reads_an_estimator_or_the_engines_privates():
    for path in sources(PLAYGROUND / "views") + sources(PLAYGROUND / "lecture"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\.est\b|\[\"est\"\]", text), path
        assert not re.search(r"algorithms\._|from algorithms\._", text), path


def test_no_broad_except_outside_the_upkeep_thread():
    for path in sources(PLAYGROUND):
        if path.name == "housekeeping.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"except\s*(Exception|BaseException)?\s*(as \w+)?:", text), path


def test_playground_files_stay_small():
    big = {str(p.relative_to(ROOT)): n for p in sources(PLAYGROUND)
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > 450}
    assert not big, big


def _imports(path: Path, package: str) -> set[str]:
    """Modules of ``package`` that ``path`` imports, anywhere in it (an import inside a function
    that closes a cycle is still a cycle)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    mod = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith(package)}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = mod.split(".")[: -node.level + (1 if path.name == "__init__.py" else 0)
                                      or None]
                base = ".".join(parts + ([base] if base else []))
            if base.startswith(package):
                out.add(base)
                out |= {f"{base}.{a.name}" for a in node.names}
    return out


@pytest.mark.parametrize("package", ["playground", "algorithms"])
def test_no_import_cycles(package):
    files = {".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p
             for p in sources(ROOT / package)}
    graph = {m: {d for d in _imports(p, package) if d in files and d != m}
             for m, p in files.items()}
    for m in graph:  # a package's own __init__ importing its submodules is not a cycle
        graph[m] = {d for d in graph[m] if not d.startswith(m + ".")}
    state: dict[str, int] = {}

    def visit(m, stack):
        state[m] = 1
        for d in graph[m]:
            if state.get(d) == 1:
                raise AssertionError("import cycle: " + " -> ".join(stack + [m, d]))
            if d not in state:
                visit(d, stack + [m])
        state[m] = 2

    for m in graph:
        if m not in state:
            visit(m, [])


def test_readme_says_how_to_add_a_learner_a_data_set_and_a_page():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for what in ("Adding a base learner", "Adding a data set", "Adding a page"):
        assert what in text, what
    assert os.path.isfile(ROOT / "docs" / "lecture.md")


def test_readme_top_gives_the_two_commands_the_address_and_every_page():
    """The README's first screenfuls are for users: the two commands, the address to open, and
    one row for every page of the navigation (read from the pages table, so a new page without
    its row fails here)."""
    from playground import pages
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    top = text[:text.index("## For developers")]
    assert "pip install -r requirements.txt && streamlit run playground/app.py" in top
    assert "bash scripts/run_tests.sh" in top and "http://localhost:8501" in top
    table = top[top.index("## What each page teaches"):]
    for p in pages.PAGES:
        path = "/" if p.default else f"/{p.url}"
        assert f"(`{path}`)" in table, (p.id, path)
