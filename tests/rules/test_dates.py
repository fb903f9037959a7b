"""D001–D004: dates in front matter and bodies."""

from __future__ import annotations

import datetime as dt

import pytest

DOC = "content/documents/2025/zhiban-tongzhi.md"

RAW_DOC = """number: 区建发〔2025〕1号
title: 关于加强机关值班管理的通知
doc_type: 通知
recipients: 局机关各科室
signed_on: {signed}
"""


def line_of(corpus, rel: str, key: str) -> int:
    text = (corpus.root / rel).read_text(encoding="utf-8")
    for i, line in enumerate(text.split("\n"), 1):
        if line.lstrip().startswith(key):
            return i
    raise AssertionError(f"{key} not in {rel}")


def only(findings):
    assert len(findings) == 1, findings
    return findings[0]


def raw_doc(corpus, signed: str, extra: str = "", body: str = "各科室：\n\n正文。\n"):
    corpus.md(DOC, RAW_DOC.format(signed=signed) + extra, body)


# -- D001 ---------------------------------------------------------------------------------------


def test_d001_fires_on_impossible_date(corpus):
    raw_doc(corpus, "2025-02-30")
    f = only(corpus.findings("D001"))
    assert (f.severity, f.path, f.line) == ("error", DOC, 6)
    assert "2025-02-30" in f.message and "2025年2月没有30日" in f.message


def test_d001_fires_on_feb_29_in_common_year(corpus):
    raw_doc(corpus, "2025-02-29")
    assert "不是闰年" in only(corpus.findings("D001")).message


def test_d001_fires_on_month_13(corpus):
    raw_doc(corpus, "2025-13-01")
    assert "没有 13 月" in only(corpus.findings("D001")).message


@pytest.mark.parametrize(
    "written, expected",
    [
        ("2025年3月5日", "2025-03-05"),
        ("20250305", "2025-03-05"),
        ("2025/3/5", "2025-03-05"),
        ("2025-3-5", "2025-03-05"),
        ("2025.03.05", "2025-03-05"),
    ],
)
def test_d001_fires_on_other_spellings_with_iso_form(corpus, written, expected):
    raw_doc(corpus, written)
    f = only(corpus.findings("D001"))
    assert f.line == 6 and written in f.message and f"应写成 {expected}" in f.message


def test_d001_fires_on_impossible_chinese_date(corpus):
    raw_doc(corpus, "2025年2月30日")
    assert "2025年2月没有30日" in only(corpus.findings("D001")).message


def test_d001_fires_on_quoted_date(corpus):
    raw_doc(corpus, '"2025-03-05"')
    assert "引号" in only(corpus.findings("D001")).message


def test_d001_fires_on_garbage(corpus):
    raw_doc(corpus, "三月初")
    f = only(corpus.findings("D001"))
    assert "YYYY-MM-DD" in f.message and "三月初" in f.message


def test_d001_fires_on_other_file_kinds(corpus):
    corpus.disclosure(approved_on="2025-04-31")
    corpus.write("regulations/kaoqin/regulation.yml", "title: 机关考勤管理制度\nrepealed_on: 2026年1月1日\n")
    corpus.md(
        "regulations/kaoqin/2025-03-01.md",
        "effective_on: 2025-03-01\nadopted_on: 2025-02-30\n",
        "第一条　为规范考勤，制定本制度。\n",
    )
    found = {f.path: f for f in corpus.findings("D001")}
    assert set(found) == {
        "content/disclosures/2025-Q2/shoufei-biaozhun.md",
        "regulations/kaoqin/regulation.yml",
        "regulations/kaoqin/2025-03-01.md",
    }
    assert "2025年4月没有31日" in found["content/disclosures/2025-Q2/shoufei-biaozhun.md"].message
    assert found["regulations/kaoqin/regulation.yml"].line == 2
    assert found["regulations/kaoqin/2025-03-01.md"].line == 3


def test_d001_passes_valid_dates(corpus):
    raw_doc(corpus, "2024-02-29", extra="published_on: 2024-03-01\nprinted_on: 2024-02-29\n")
    corpus.disclosure()
    corpus.regulation()
    assert "D001" not in corpus.codes()


def test_d001_passes_empty_optional_date(corpus):
    raw_doc(corpus, "2025-03-05", extra="published_on:\n")
    assert "D001" not in corpus.codes()


# -- D002 ---------------------------------------------------------------------------------------


def test_d002_fires_on_printed_before_signed(corpus):
    corpus.document(printed_on=dt.date(2025, 3, 1))
    f = only(corpus.findings("D002"))
    assert (f.severity, f.path) == ("error", DOC)
    assert f.line == line_of(corpus, DOC, "printed_on")
    assert "2025-03-01" in f.message and "2025-03-05" in f.message


def test_d002_fires_on_published_before_signed(corpus):
    corpus.document(published_on=dt.date(2025, 2, 28))
    f = only(corpus.findings("D002"))
    assert f.line == line_of(corpus, DOC, "published_on") and "published_on" in f.message


def test_d002_passes_same_day_and_later(corpus):
    corpus.document(printed_on=dt.date(2025, 3, 5), published_on=dt.date(2025, 3, 10))
    assert "D002" not in corpus.codes()


# -- D003 ---------------------------------------------------------------------------------------


def test_d003_fires_on_future_signed_on(corpus):
    corpus.document(number="区建发〔2027〕1号", signed_on=dt.date(2027, 1, 4), year=2027)
    f = only(corpus.findings("D003"))
    path = "content/documents/2027/zhiban-tongzhi.md"
    assert (f.severity, f.path) == ("warning", path)
    assert f.line == line_of(corpus, path, "signed_on")
    assert "2027-01-04" in f.message and "2026-11-23" in f.message


def test_d003_passes_signed_on_as_of(corpus):
    corpus.document(number="区建发〔2026〕1号", signed_on=dt.date(2026, 11, 23))
    assert "D003" not in corpus.codes()


def test_d003_depends_on_as_of(corpus):
    corpus.document(signed_on=dt.date(2025, 3, 5))
    assert "D003" in {d.code for d in corpus.check(as_of=dt.date(2025, 3, 4)).diagnostics}


# -- D004 ---------------------------------------------------------------------------------------


def test_d004_fires_on_padded_date_in_document_body(corpus):
    corpus.document(body="各科室：\n\n请于2024年03月05日前报送。\n")
    f = only(corpus.findings("D004"))
    assert (f.severity, f.path) == ("warning", DOC)
    assert f.line == line_of(corpus, DOC, "请于")
    assert "2024年03月05日" in f.message and "2024年3月5日" in f.message


def test_d004_fires_on_padded_day_and_in_versions_and_disclosures(corpus):
    corpus.regulation(versions={})
    corpus.version("kaoqin", "2025-03-01", "第一条　本制度自2025年3月01日起施行。\n")
    corpus.disclosure(body="公开时间：2025年04月。\n")
    found = {f.path: f for f in corpus.findings("D004")}
    assert "2025年3月1日" in found["regulations/kaoqin/2025-03-01.md"].message
    assert "2025年4月" in found["content/disclosures/2025-Q2/shoufei-biaozhun.md"].message


def test_d004_passes_unpadded_dates(corpus):
    corpus.document(body="各科室：\n\n请于2024年3月5日至2024年10月15日报送。\n")
    assert "D004" not in corpus.codes()
