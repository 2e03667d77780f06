"""Hands on the ensemble in a real browser (issue 16 §2-4): click a point and read its story, open
a tree and light a node's region, switch a member off and watch H change.

The numbers read from the page are checked against the engine fitted here, in the test process,
with the page's settings and replayed by the lecture's formulas (not through the app's code).
"""

from __future__ import annotations

import re
import time

import numpy as np
import pytest

import algorithms
from e2e_helpers import EXCEPTION, dump, query, wait_charts, wait_settled
from playground import compute, settings
from playground.inspector import percent
from playground.compute import forest as forest_compute

PLANE = 240  # px: the tree view's plane (static/treeview.js)


def data(page_id: str):
    """The training set a page opens with (its own defaults: e.g. spirals on AdaBoost)."""
    cfg = settings.defaults(page_id)
    d = compute.dataset(compute.DataKey.of(cfg["data"], cfg))
    return d["X_tr"], d["y_tr"]


def open_page(page, app_url, path, params, charts=2):
    page.goto(f"{app_url}/{path}?{params}", wait_until="domcontentloaded")
    page.wait_for_selector("h1", timeout=60_000)
    wait_charts(page, charts)
    wait_settled(page)
    assert page.locator(EXCEPTION).count() == 0, page.locator(EXCEPTION).all_inner_texts()


def wait_query(page, name, value=None, timeout=20.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        href = page.evaluate("location.href")
        m = re.search(rf"[?&]{name}=([^&]*)", href)
        if m and (value is None or m.group(1) == str(value)):
            return m.group(1)
        time.sleep(0.05)
    raise AssertionError(f"{name}={value} never reached the URL: {page.evaluate('location.href')}")


def metric(page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label).last
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()


def click_point(page, chart: int, trace: int, index: int) -> None:
    """Click the centre of a point of a plotly chart (the chart-th on the page)."""
    page.locator(".js-plotly-plot").nth(chart).scroll_into_view_if_needed()
    xy = page.evaluate("""([c, t, i]) => {
      const gd = document.querySelectorAll('.js-plotly-plot')[c];
      const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
      const box = gd.querySelector('.nsewdrag').getBoundingClientRect();
      return [box.left + xa.d2p(gd.data[t].x[i]), box.top + ya.d2p(gd.data[t].y[i])];
    }""", [chart, trace, index])
    page.mouse.click(*xy)


def replay_u(est, X, y):
    """u_t for t = 1..T by the lecture's update, from the fitted f_t alone (binary)."""
    u, out = np.ones(len(y)), []
    target = np.searchsorted(est.classes_, y)
    for f in est.estimators_:
        wrong = f.predict(X) != target
        eps = u[wrong].sum() / u.sum()
        d = np.sqrt((1 - eps) / eps)
        out.append(u.copy())
        u = np.where(wrong, u * d, u / d)
    return np.array(out)


def test_click_a_point_pins_it_and_the_panel_tells_its_story(page, app_url):
    X, y = data("ab")  # with stumps, the lecture's f_t
    open_page(page, app_url, "adaboost", "ab_t=7&ab_learner=stump&ab_T=100", charts=3)
    j = 3  # the 4th point of the first class on Hₜ (the page's first chart)
    n = int(np.flatnonzero(y == np.unique(y)[0])[j]) + 1
    click_point(page, 0, 0, j)
    wait_query(page, "ab_pin", n)
    page.wait_for_function(f"Array.from(document.querySelectorAll('[data-testid=stMetric]'))"
                           f".some(m => m.innerText.includes('x{_sup(n)} ='))", timeout=20_000)
    est = algorithms.AdaBoostClassifier(
        estimator=algorithms.DecisionTreeClassifier(max_depth=1, random_state=0),
        n_estimators=100, random_state=0).fit(X, y)
    U = replay_u(est, X, y)
    u7, share7 = U[6, n - 1], U[6, n - 1] / U[6].sum()
    assert metric(page, f"u₇{_sup(n)}") == f"{u7:.3g}", dump(page)
    assert metric(page, "share of Z₇") == percent(share7), dump(page)  # 3 significant digits
    # the pinned point is ringed on the charts of the plane (H and f_t)
    rings = page.evaluate("""() => Array.from(document.querySelectorAll('.js-plotly-plot'))
      .map(gd => (gd.layout.shapes || []).filter(s => s.name === 'pinned' && s.visible).length)""")
    assert rings[0] > 0 and rings[1] > 0, rings
    # a click on the same point, once the page has finished drawing the pin, lets it go
    wait_settled(page)
    click_point(page, 0, 0, j)
    deadline = time.monotonic() + 20
    while "ab_pin" in page.evaluate("location.href") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "ab_pin" not in page.evaluate("location.href")


def _sup(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


def node_box(tree, node: int):
    """The node's region, walked from the root: every question on the path bounds one side."""
    lo, hi = np.full(2, -np.inf), np.full(2, np.inf)
    cur = 0
    path = [0]
    # find the path by searching the tree (parents are numbered before children)
    parent = {}
    for i in range(tree.node_count):
        if tree.children_left[i] >= 0:
            parent[tree.children_left[i]] = (i, True)
            parent[tree.children_right[i]] = (i, False)
    cur = node
    while cur in parent:
        p, left = parent[cur]
        f, thr = tree.feature[p], tree.threshold[p]
        if left:
            hi[f] = min(hi[f], thr)
        else:
            lo[f] = max(lo[f], thr)
        cur = p
    del path
    return lo, hi


def test_open_a_tree_count_its_nodes_and_light_a_nodes_region(page, app_url):
    X, y = data("tr")
    n = 11
    open_page(page, app_url, "trees", f"tr_t=5&tr_tree=2&tr_depth=6&tr_pin={n}", charts=4)
    page.wait_for_selector(".ep-tree .ep-node", timeout=30_000)
    est = forest_compute.estimator("forest", 6, "gini", 50, "sqrt", 1.0, True, 0).fit(X, y)
    tree = est.estimators_[1].tree_
    drawn = page.locator(".ep-tree .ep-node").count()
    assert drawn == tree.node_count, (drawn, tree.node_count)
    # the pinned point's path from the root is drawn bold
    on_path = sorted(int(v) for v in page.eval_on_selector_all(
        ".ep-tree .ep-on-path", "els => els.map(e => e.getAttribute('data-node'))"))
    ind = est.estimators_[1].decision_path(X[n - 1:n])
    assert on_path == sorted(ind.indices.tolist())
    # hovering an inner node at depth 2 lights its region on the tree's plane
    node = int(np.flatnonzero((tree.depth == 2) & (tree.children_left >= 0))[0])
    region = page.locator(".ep-tree .ep-region")
    assert region.get_attribute("visibility") == "hidden"
    page.locator(f'.ep-tree .ep-node[data-node="{node}"]').hover()
    page.wait_for_function("document.querySelector('.ep-tree .ep-region')"
                           ".getAttribute('visibility') === 'visible'", timeout=5_000)
    assert region.get_attribute("data-node") == str(node)
    cfg = settings.defaults("tr")
    grid = compute.grid_for(np.r_[X, compute.dataset(compute.DataKey.of(
        cfg["data"], cfg))["X_te"]], cfg["res"])
    x0, x1, y0, y1 = grid.xs[0], grid.xs[-1], grid.ys[0], grid.ys[-1]
    lo, hi = node_box(tree, node)
    lo = np.maximum(lo, [x0, y0])
    hi = np.minimum(hi, [x1, y1])
    want_x, want_w = (lo[0] - x0) / (x1 - x0) * PLANE, (hi[0] - lo[0]) / (x1 - x0) * PLANE
    want_y = PLANE - (hi[1] - y0) / (y1 - y0) * PLANE
    want_h = (hi[1] - lo[1]) / (y1 - y0) * PLANE
    got = [float(region.get_attribute(a)) for a in ("x", "width", "y", "height")]
    np.testing.assert_allclose(got, [want_x, want_w, want_y, want_h], atol=0.6)
    # the info line names the node's question and samples
    info = page.locator(".ep-tree .ep-info").inner_text()
    assert f"samples {tree.n_node_samples[node]}" in info.replace("n ", "samples "), info
    page.mouse.move(5, 5)
    page.wait_for_function("document.querySelector('.ep-tree .ep-region')"
                           ".getAttribute('visibility') === 'hidden'", timeout=5_000)


def test_a_click_on_a_learners_small_panel_opens_its_tree(page, app_url):
    open_page(page, app_url, "trees", "tr_t=6&tr_depth=4", charts=4)
    grid_chart = page.evaluate("""() => Array.from(document.querySelectorAll('.js-plotly-plot'))
      .findIndex(gd => (gd.layout.annotations || []).some(a => /^f/.test(a.text || '')))""")
    assert grid_chart >= 0
    # the third small panel of the four (learners 3..6 at t = 6): learner 5
    page.locator(".js-plotly-plot").nth(grid_chart).scroll_into_view_if_needed()
    xy = page.evaluate("""(c) => {
      const gd = document.querySelectorAll('.js-plotly-plot')[c];
      const box = gd.querySelector('.nsewdrag[data-subplot="x3y3"]').getBoundingClientRect();
      return [box.left + box.width / 2, box.top + box.height / 2];
    }""", grid_chart)
    page.mouse.click(*xy)
    wait_query(page, "tr_tree", 5)
    page.wait_for_function("document.querySelector('.ep-tree .ep-title')"
                           ".textContent.startsWith('Tree 5 of')", timeout=20_000)
    # or its tree button in the member strip: the whole page follows (the tree is drawn above)
    cell = page.locator('.ep-members .ep-cell[data-member="37"]')
    cell.scroll_into_view_if_needed()
    cell.hover()
    cell.locator(".ep-open").click()
    wait_query(page, "tr_tree", 37)
    page.wait_for_function("document.querySelector('.ep-tree .ep-title')"
                           ".textContent.startsWith('Tree 37 of')", timeout=20_000)


def test_switching_a_member_off_changes_H_without_a_refit(page, app_url):
    X, y = data("ab")
    open_page(page, app_url, "adaboost", "ab_T=10&ab_t=4&ab_learner=stump", charts=3)
    page.wait_for_selector(".ep-members .ep-cell", timeout=30_000)
    big = page.locator(".ep-members .ep-big-img")
    before = big.get_attribute("src")
    assert page.locator(".ep-members .ep-cell").count() == 10
    assert page.locator(".ep-members .ep-link").count() == 10  # a link per member into H
    # hovering a member shows it as the big picture at once (its picture is in the browser)
    page.locator('.ep-members .ep-cell[data-member="3"]').hover()
    assert big.get_attribute("data-showing") == "3"
    assert big.get_attribute("src") == page.locator(
        '.ep-members .ep-cell[data-member="3"] img').get_attribute("src")
    page.mouse.move(5, 5)
    assert big.get_attribute("data-showing") == "H"
    # switch f1 off: H is added up again without it
    page.locator('.ep-members .ep-cell[data-member="1"]').click()
    page.mouse.move(5, 5)
    wait_query(page, "ab_off", "1")
    page.wait_for_function("document.querySelector('.ep-members .ep-big-label')"
                           ".textContent.includes('9 of 10')", timeout=20_000)
    assert big.get_attribute("data-showing") == "H"
    assert big.get_attribute("src") != before
    assert "ep-off" in page.locator('.ep-members .ep-cell[data-member="1"]').get_attribute("class")
    est = algorithms.AdaBoostClassifier(
        estimator=algorithms.DecisionTreeClassifier(max_depth=1, random_state=0),
        n_estimators=10, random_state=0).fit(X, y)
    g = sum(a * np.where(f.predict(X) == 1, 1.0, -1.0)
            for a, f in list(zip(est.estimator_weights_, est.estimators_))[1:10])
    err = np.mean(np.unique(y)[(g > 0).astype(int)] != y)
    note = page.locator(".ep-members .ep-big-note").inner_text()
    assert note.startswith(f"train error {err:.1%}"), (note, err)
    assert page.locator(".ep-members .ep-link").count() == 9
