"""No Markdown or Jinja syntax in what a reader sees, on every page of the sample site and of a
synthetic corpus's site (the page's text nodes, and document.body.innerText in Chromium)."""

from __future__ import annotations

import pytest

from generator.commands.sitebuild import build_checked
from testkit.synth import AS_OF, synth_corpus

from .markup import leftovers, site_leftovers, visible_text


def test_detector_finds_what_the_old_templates_left_on_pages():
    # 附件说明 with its attribute list on the same line (as the sample's ten document pages had it)
    html = (
        "<body><p>附件：2025年春节期间值班安排表{: .gp-attachment-note }</p><p>8\\:30</p>"
        "<script>var x = '{{ y }}';</script><p>[链接](../x/)</p><p>&amp;lt;b&amp;gt;</p></body>"
    )
    kinds = {kind for kind, _ in leftovers(visible_text(html))}
    assert kinds == {"attribute list", "backslash escape", "Markdown link", "escaped entity"}
    assert leftovers(visible_text("<body><p>附件：1.值班表<br>　　　2.联系表</p><script>{{x}}</script></body>")) == []


def test_no_markup_on_any_page_of_the_sample_site(sample_site):
    pages = list(sample_site.rglob("*.html"))
    assert len(pages) > 80
    assert site_leftovers(sample_site) == {}


@pytest.mark.slow
def test_no_markup_on_any_page_of_a_synthetic_corpus(tmp_path):
    root = tmp_path / "corpus"
    synth_corpus(root, documents=150, regulations=6, disclosure_items=40, years=2, seed=7)
    result = build_checked(root, AS_OF, tmp_path / "site", downloads=False)
    assert result.pages > 150
    assert (tmp_path / "site" / "xxgk/nianbao/2025/index.html").is_file()
    assert site_leftovers(tmp_path / "site") == {}


@pytest.mark.browser
def test_no_markup_in_the_text_chromium_shows(sample_site):
    from testkit.browser import chromium, serve_dir

    paths = [
        "",
        "documents/2026/laojiu-xiaoqu-gaizao-jihua/",
        "documents/2025/dongji-shigong-anquan-jiancha/",
        "regulations/kaoqin/",
        "regulations/kaoqin/changes/",
        "disclosure/2026-Q4/",
        "xxgk/nianbao/2025/",
        "xxgk/zhinan/",
        "documents/?type=通知",
        "search/?q=值班",
    ]
    with serve_dir(sample_site) as base, chromium() as browser:
        page = browser.new_page(locale="zh-CN")
        for path in paths:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            text = page.evaluate("() => document.body.innerText")
            assert len(text) > 200, path
            assert leftovers(text) == [], path


def test_attachment_title_is_shown_once(sample_site):
    html = (sample_site / "documents/2026/laojiu-xiaoqu-gaizao-jihua/index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    text = visible_text("<body>" + article + "</body>")
    # in the 附件说明 and as the attachment's heading, not a third time from the file's own heading
    assert text.count("临江区2026年老旧小区改造项目计划表") == 2
    assert '<h1 id="2026_1">' not in html
