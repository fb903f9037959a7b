"""The built sample site in a real headless Chromium: navigation, search, anchors, phones."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from testkit.browser import chromium, serve_dir

#: headless Chromium: skipped where it or Playwright is missing, left out of the fast loop
pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("GOVPUB_SCREENSHOTS", "/tmp/govpub-screenshots"))


@pytest.fixture(scope="module")
def site(sample_site):
    with serve_dir(sample_site) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN")
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda e: errors.append(str(e)))
    yield p
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def test_reach_every_kind_of_page_by_clicking_from_home(page, site):
    page.goto(site)
    page.get_by_role("link", name="政务公开", exact=True).first.click()
    page.get_by_role("link", name="2026年第四季度").first.click()
    assert page.url.endswith("/disclosure/2026-Q4/")
    assert page.locator("h1").inner_text() == "2026年第四季度政务公开"

    page.goto(site)
    page.get_by_role("link", name="公文", exact=True).first.click()
    page.locator("article a[href='2025/']").first.click()
    assert page.url.endswith("/documents/2025/")
    page.locator("#gp-doc-table a", has_text="机关考勤管理制度").first.click()
    assert "/documents/2025/" in page.url
    assert "考勤" in page.locator("h1").inner_text()

    page.goto(site)
    page.get_by_role("link", name="规章制度", exact=True).first.click()
    page.locator("article a", has_text="机关考勤管理制度").first.click()
    assert page.url.endswith("/regulations/kaoqin/")
    page.locator("a", has_text="修订情况与对照").first.click()
    assert page.url.endswith("/regulations/kaoqin/changes/")


def test_document_table_filters_by_type(page, site):
    page.goto(site + "documents/2025/")
    rows = page.locator("#gp-doc-table tbody tr")
    total = rows.count()
    page.locator(".gp-filter select[data-column='2']").select_option("函")
    visible = [r for r in rows.all() if r.is_visible()]
    assert 0 < len(visible) < total
    assert all(r.locator("td").nth(2).inner_text() == "函" for r in visible)


def _search(page, site, q: str):
    page.goto(site + "search/?q=" + q)
    page.wait_for_function(
        "() => { const s = document.querySelector('.govpub-search__status');"
        " return s && s.textContent.trim().length > 0 && !s.textContent.includes('正在检索'); }",
        timeout=10_000,
    )
    return page.locator(".govpub-search__result")


@pytest.mark.parametrize("q", ["值班", "请假", "销假", "印章管理", "营商环境"])
def test_search_finds_words_from_mid_sentence(page, site, q):
    results = _search(page, site, q)
    assert results.count() > 0, q
    first = results.first.inner_text()
    assert q in first.replace("\n", "")
    assert page.locator(".govpub-search__result mark").count() > 0


@pytest.mark.parametrize("q", ["区建发[2025]1号", "区建发2025年1号", "区建发〔2025〕1号", "区建发（2025）第1号"])
def test_search_by_loose_document_number_puts_that_document_first(page, site, q):
    results = _search(page, site, q)
    assert results.count() > 0
    link = results.first.locator("a").first
    assert (
        link.get_attribute("href").rstrip("/").endswith("documents/2025/kaoqin-zhidu-yinfa")
        or "区建发〔2025〕1号" in results.first.inner_text()
    )


def test_search_hit_on_an_article_opens_the_regulation_at_its_anchor(page, site):
    results = _search(page, site, "考勤奖")
    assert results.count() > 0
    first = results.first.locator("a").first
    href = first.get_attribute("href")
    assert "regulations/kaoqin/" in href and "#art-" in href
    first.click()
    page.wait_for_load_state()
    anchor = page.url.split("#")[1]
    target = page.locator(f"#{anchor}")
    assert "考勤奖" in target.inner_text()
    assert target.is_visible()
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]


def test_citation_anchor_lands_on_its_article(page, site):
    page.goto(site + "regulations/kaoqin/#art-12")
    target = page.locator("#art-12")
    assert target.inner_text().startswith("第十二条")
    box = target.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"] / 2
    assert page.locator("#ch-1").inner_text().startswith("第一章")


def test_changes_page_highlights_changed_words(page, site):
    page.goto(site + "regulations/kaoqin/changes/")
    ins = page.locator(".gp-change--changed ins.gp-ins").first
    assert ins.is_visible()
    colour = ins.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator(".gp-change--added").count() > 0


def test_unpublished_items_have_no_page_and_no_search_hit(page, site):
    # 区建办〔2025〕2号 is 内部; 区建发〔2025〕8号 is a 机密 register entry.
    for q in ("区建办〔2025〕2号", "区建发〔2025〕8号"):
        results = _search(page, site, q)
        for r in results.all():
            assert q not in r.inner_text()
    response = page.goto(site + "disclosure/2027-Q1/")
    assert response.status == 404


@pytest.mark.parametrize(
    "path,name",
    [("", "home"), ("regulations/kaoqin/", "regulation"), ("documents/2025/kaoqin-zhidu-yinfa/", "document")],
)
def test_phone_layout_has_no_horizontal_overflow(browser, site, path, name):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    page = context.new_page()
    page.goto(site + path)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"phone-{name}.png"), full_page=False)
    context.close()
    assert overflow <= 1, f"{name} page scrolls sideways by {overflow}px on a phone"
