"""The bias-variance page in a real browser: both views render their charts with no console
error and no exception, the claims show, the task switch redraws, and 中文 works."""

from __future__ import annotations

from e2e_helpers import EXCEPTION, heading, query, wait_charts, wait_settled

from playground.i18n import CATALOG


def open_page(page, app_url, params="", charts=3):
    page.goto(f"{app_url}/bias-variance{'?' + params if params else ''}",
              wait_until="domcontentloaded")
    page.wait_for_selector("h1", timeout=60_000)
    wait_charts(page, charts, timeout=120)
    wait_settled(page, quiet=1.0, timeout=60)


def test_bias_variance_page_renders_both_views_without_errors(page, app_url):
    open_page(page, app_url)
    assert heading(page) == CATALOG["bv.title"][0]
    assert page.locator(EXCEPTION).count() == 0
    said = page.locator('[data-testid="stMain"]').inner_text()  # the claims, however boxed
    assert "Bagging cuts the variance" in said and "Boosting cuts the bias" in said, said[:2000]
    # the faint curves: one path per method with every training set's fit in it
    drawn = page.evaluate("""() => Array.from(document.querySelectorAll('.js-plotly-plot'))
        .map(gd => (gd.data || []).length)""")
    assert len(drawn) >= 3 and drawn[0] >= 16, drawn  # 5 x (faint, mean, truth) + the data
    page.get_by_text(CATALOG["bv.task.classification"][0]).click()
    page.wait_for_function("() => Array.from(document.querySelectorAll('.js-plotly-plot'))"
                           ".some(gd => (gd.data || []).some(t => t.type === 'heatmap'))",
                           timeout=120_000)
    wait_settled(page, quiet=1.0, timeout=60)
    assert query(page).get("bv_task") == "classification"
    assert page.locator(EXCEPTION).count() == 0
    assert page.console_log.unexpected() == [], page.console_log.unexpected()


def test_bias_variance_page_in_chinese(page, app_url):
    open_page(page, app_url, "lang=zh&bv_sets=10&bv_T=10")
    assert heading(page) == CATALOG["bv.title"][1]
    titles = page.locator(".ep-title").all_inner_texts()
    assert CATALOG["bv.against"][1] in titles, titles
    assert page.locator(EXCEPTION).count() == 0
    assert page.console_log.unexpected() == [], page.console_log.unexpected()
