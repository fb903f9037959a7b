"""A001 (the previous year's annual report), and the checks of the files the government-website
features read: content/annual-reports/<YYYY>.yml, content/pages/guide.md, site.yml's website
and site_url."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.commands.sitebuild import build_checked

REPORT = """published_on: 2026-01-20
overview: |
  2025年，本局全面推进政府信息公开工作。
licensing: 12
penalties: 3
applications:
  new:              [3, 1, 0, 0, 0, 0]
  disclosed:        [2, 1, 0, 0, 0, 0]
  rejected_repeated: [1, 0, 0, 0, 0, 0]
reviews:
  reconsideration:  [1, 0, 0, 0]
"""

GUIDE = """---
title: 政府信息公开指南
---

一、主动公开

本局主动公开的政府信息在本网站发布。
"""


def a001(corpus, as_of):
    return [d for d in corpus.check(as_of).diagnostics if d.code == "A001"]


# -- A001 ---------------------------------------------------------------------------------------------


def test_a001_fires_from_1_january_when_last_years_report_is_missing(corpus):
    corpus.document()  # signed in 2025
    [d] = a001(corpus, dt.date(2026, 1, 1))
    assert d.severity == "warning"
    assert d.path == "content/annual-reports/2025.yml" and d.line == 1
    assert "2026年1月31日前" in d.message and "逾期" not in d.message
    assert "govpub report annual --year 2025" in d.message


def test_a001_fires_as_overdue_after_31_january(corpus):
    corpus.document()
    assert "逾期" not in a001(corpus, dt.date(2026, 1, 31))[0].message
    [d] = a001(corpus, dt.date(2026, 2, 3))
    assert "已逾期 3 天" in d.message


def test_a001_passes_when_the_report_data_is_there(corpus):
    corpus.document()
    corpus.write("content/annual-reports/2025.yml", REPORT)
    assert a001(corpus, dt.date(2026, 2, 3)) == []
    assert corpus.check(dt.date(2026, 2, 3)).errors == []


def test_a001_passes_for_a_corpus_begun_this_year(corpus):
    corpus.document(signed_on=dt.date(2026, 3, 5), number="区建发〔2026〕1号")
    assert a001(corpus, dt.date(2026, 11, 23)) == []


def test_a001_passes_for_a_corpus_holding_only_older_texts(corpus):
    corpus.regulation(
        slug="jiuzhidu",
        versions={"1995-05-01": "第一条　为规范管理，制定本制度。\n\n第二条　本制度自公布之日起施行。\n"},
    )
    assert a001(corpus, dt.date(2026, 2, 3)) == []


@pytest.mark.slow
def test_a001_never_stops_the_daily_build(corpus, tmp_path):
    corpus.document()
    result = build_checked(corpus.root, dt.date(2026, 3, 1), tmp_path / "site", downloads=False)
    assert [d.code for d in result.check.warnings] == ["A001"]
    assert (tmp_path / "site" / "documents/2025/zhiban-tongzhi/index.html").is_file()


# -- content/annual-reports/<YYYY>.yml ----------------------------------------------------------------


def test_f003_fires_on_an_unknown_row_of_the_annual_report_with_its_line(corpus):
    corpus.write("content/annual-reports/2025.yml", REPORT.replace("  disclosed:", "  disclosd:"))
    [d] = corpus.findings("F003")
    assert d.path == "content/annual-reports/2025.yml" and d.line == 8
    assert "disclosd" in d.message and "disclosed" in d.message


def test_f005_fires_on_a_row_of_the_wrong_length_and_a_negative_amount(corpus):
    corpus.write(
        "content/annual-reports/2025.yml",
        REPORT.replace("[2, 1, 0, 0, 0, 0]", "[2, 1, 0]").replace("penalties: 3", "penalties: -3"),
    )
    found = {d.line: d.message for d in corpus.findings("F005")}
    assert "6 个不小于 0 的整数" in found[8] and "自然人" in found[8]
    assert "penalties" in found[5]


def test_f005_fires_when_the_application_table_does_not_balance(corpus):
    corpus.write(
        "content/annual-reports/2025.yml", REPORT.replace("new:              [3, 1", "new:              [4, 1")
    )
    [d] = corpus.findings("F005")
    assert d.line == 6 and "不平衡" in d.message and "自然人" in d.message and "4 ≠ 3" in d.message


def test_f004_fires_on_an_annual_report_without_overview_or_date(corpus):
    corpus.write("content/annual-reports/2025.yml", "licensing: 3\n")
    messages = " ".join(d.message for d in corpus.findings("F004"))
    assert "published_on" in messages and "overview" in messages


def test_f006_fires_on_a_misnamed_annual_report_file(corpus):
    corpus.write("content/annual-reports/report-2025.yml", REPORT)
    assert any(d.path == "content/annual-reports/report-2025.yml" for d in corpus.findings("F006"))


def test_x004_fires_on_a_mobile_number_in_the_annual_report_text(corpus):
    corpus.write(
        "content/annual-reports/2025.yml",
        REPORT.replace("全面推进政府信息公开工作。", "全面推进政府信息公开工作，咨询13812345678。"),
    )
    assert any(d.path == "content/annual-reports/2025.yml" for d in corpus.findings("X004"))


# -- content/pages/guide.md ---------------------------------------------------------------------------


def test_f004_fires_on_a_guide_without_title(corpus):
    corpus.write("content/pages/guide.md", GUIDE.replace("title: 政府信息公开指南\n", "updated_on: 2026-01-15\n"))
    [d] = corpus.findings("F004")
    assert d.path == "content/pages/guide.md" and "title" in d.message


def test_x005_fires_on_raw_html_in_the_guide(corpus):
    corpus.write("content/pages/guide.md", GUIDE + "\n<script>alert(1)</script>\n")
    assert [d.path for d in corpus.findings("X005")] == ["content/pages/guide.md"]


def test_f006_fires_on_an_unknown_page(corpus):
    corpus.write("content/pages/about.md", GUIDE)
    [d] = corpus.findings("F006")
    assert d.path == "content/pages/about.md" and "guide.md" in d.message


def test_guide_with_valid_content_passes_every_rule(corpus):
    corpus.write("content/pages/guide.md", GUIDE)
    assert [d for d in corpus.check().diagnostics if d.path == "content/pages/guide.md"] == []


# -- site.yml: website and site_url -------------------------------------------------------------------


def test_f003_fires_on_an_unknown_website_key(corpus):
    corpus.site(website={"sponsor": "某局", "icp_no": "某ICP备1号"})
    [d] = corpus.findings("F003")
    assert d.path == "content/site.yml" and "icp_no" in d.message and "icp" in d.message


def test_f005_fires_on_a_police_record_link_that_is_not_a_web_address(corpus):
    corpus.site(website={"police_record": "某公网安备1号", "police_record_url": "javascript:alert(1)"})
    [d] = corpus.findings("F005")
    assert "police_record_url" in d.message


def test_f004_warns_once_about_a_missing_site_url(corpus):
    corpus.site(site_url=None)
    corpus.document()
    [d] = corpus.findings("F004")
    assert d.severity == "warning" and d.path == "content/site.yml"
    assert "feed.xml" in d.message and "sitemap.xml" in d.message
    assert corpus.check().errors == []
