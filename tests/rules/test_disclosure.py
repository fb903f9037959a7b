"""P001–P005: sign-off and deadlines of disclosure items; the 20-working-day rule."""

from __future__ import annotations

import datetime as dt

D = dt.date
ITEM = "content/disclosures/2025-Q2/shoufei-biaozhun.md"
DOC = "content/documents/2025/zhiban-tongzhi.md"


def line_of(path, needle: str) -> int:
    for n, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if needle in text:
            return n
    raise AssertionError(f"{needle!r} not in {path}")


def found(corpus, code, as_of=None):
    result = corpus.check() if as_of is None else corpus.check(as_of=as_of)
    return [d for d in result.diagnostics if d.code == code]


UNSIGNED = {"approved_by": None, "approved_on": None}


# -- P001 ---------------------------------------------------------------------


def test_p001_fires_as_error_after_the_disclosure_day(corpus):
    corpus.disclosure(**UNSIGNED)
    [d] = found(corpus, "P001")
    assert (d.path, d.line, d.severity) == (ITEM, 1, "error")
    assert "2025-04-10" in d.message and "主要负责人" in d.message
    assert "approved_by" in d.message and "approved_on" in d.message


def test_p001_fires_as_warning_before_the_disclosure_day(corpus):
    corpus.disclosure(posting="2027-Q1", title="2027年第一季度收费标准", **UNSIGNED)
    [d] = found(corpus, "P001")
    assert (d.path, d.severity) == ("content/disclosures/2027-Q1/shoufei-biaozhun.md", "warning")
    assert "2027-01-10" in d.message


def test_p001_disclosure_day_boundary(corpus):
    corpus.disclosure(**UNSIGNED)
    assert [d.severity for d in found(corpus, "P001", as_of=D(2025, 4, 10))] == ["error"]
    assert [d.severity for d in found(corpus, "P001", as_of=D(2025, 4, 9))] == ["warning"]


def test_p001_uses_site_disclosure_day(corpus):
    corpus.site(disclosure_day=20)
    corpus.disclosure(**UNSIGNED)
    [d] = found(corpus, "P001", as_of=D(2025, 4, 15))
    assert d.severity == "warning" and "2025-04-20" in d.message


def test_p001_prompt_is_due_seven_days_after_completion(corpus):
    corpus.disclosure(posting="2026-Q4", kind="prompt", completed_on=D(2026, 11, 20), **UNSIGNED)
    [d] = found(corpus, "P001")
    assert d.severity == "warning" and "2026-11-27" in d.message
    [d] = found(corpus, "P001", as_of=D(2026, 11, 27))
    assert d.severity == "error"


def test_p001_pre_is_due_thirty_days_before_comment_until(corpus):
    corpus.disclosure(posting="2026-Q4", kind="pre", comment_until=D(2026, 12, 30), **UNSIGNED)
    [d] = found(corpus, "P001")
    assert d.severity == "warning" and "2026-11-30" in d.message
    assert found(corpus, "P001", as_of=D(2026, 11, 30))[0].severity == "error"


def test_p001_pre_without_comment_until_is_due_at_quarter_end(corpus):
    corpus.disclosure(posting="2026-Q4", kind="pre", **UNSIGNED)
    [d] = found(corpus, "P001")
    assert d.severity == "warning" and "2026-12-31" in d.message


def test_p001_fires_on_the_present_key_when_only_one_is_missing(corpus):
    path = corpus.disclosure(approved_on=None)
    [d] = found(corpus, "P001")
    assert d.line == line_of(path, "approved_by:")
    assert "approved_on" in d.message and "approved_by（" not in d.message


def test_p001_passes_signed_item_and_leaves_bad_dates_to_d001(corpus):
    corpus.disclosure()
    corpus.disclosure(slug="huaqi", approved_on="2025-02-30")
    assert found(corpus, "P001") == []


# -- P002 ---------------------------------------------------------------------


def test_p002_fires_on_late_sign_off(corpus):
    path = corpus.disclosure(kind="prompt", completed_on=D(2025, 5, 6), approved_on=D(2025, 5, 20))
    [d] = found(corpus, "P002")
    assert (d.path, d.line, d.severity) == (ITEM, line_of(path, "approved_on:"), "error")
    assert "14 天" in d.message and "2025-05-13" in d.message


def test_p002_fires_on_sign_off_before_completion(corpus):
    corpus.disclosure(kind="prompt", completed_on=D(2025, 5, 6), approved_on=D(2025, 5, 1))
    [d] = found(corpus, "P002")
    assert "早于办结日期" in d.message


def test_p002_passes_on_the_seventh_day_and_for_regular_items(corpus):
    corpus.disclosure(kind="prompt", completed_on=D(2025, 5, 6), approved_on=D(2025, 5, 13))
    corpus.disclosure(slug="dingqi", completed_on=D(2025, 1, 6), approved_on=D(2025, 4, 1))
    assert found(corpus, "P002") == []


# -- P003 ---------------------------------------------------------------------


def test_p003_fires_on_short_comment_period(corpus):
    path = corpus.disclosure(kind="pre", approved_on=D(2025, 5, 6), comment_until=D(2025, 5, 20))
    [d] = found(corpus, "P003")
    assert (d.path, d.line, d.severity) == (ITEM, line_of(path, "comment_until:"), "warning")
    assert "14 天" in d.message and "2025-06-05" in d.message


def test_p003_fires_when_comment_period_ends_before_sign_off(corpus):
    corpus.disclosure(kind="pre", approved_on=D(2025, 5, 6), comment_until=D(2025, 5, 1))
    [d] = found(corpus, "P003")
    assert "早于" in d.message


def test_p003_passes_thirty_days(corpus):
    corpus.disclosure(kind="pre", approved_on=D(2025, 5, 6), comment_until=D(2025, 6, 5))
    assert found(corpus, "P003") == []


# -- P004 ---------------------------------------------------------------------


def test_p004_fires_on_regular_item_signed_after_its_disclosure_day(corpus):
    path = corpus.disclosure(approved_on=D(2025, 4, 20))
    [d] = found(corpus, "P004")
    assert (d.path, d.line, d.severity) == (ITEM, line_of(path, "approved_on:"), "error")
    assert "2025-04-10" in d.message and "content/disclosures/2025-Q3/" in d.message


def test_p004_names_the_first_posting_that_fits(corpus):
    corpus.disclosure(approved_on=D(2025, 9, 1))
    [d] = found(corpus, "P004")
    assert "content/disclosures/2025-Q4/" in d.message and "2025-10-10" in d.message


def test_p004_fires_on_prompt_item_in_wrong_quarter(corpus):
    path = corpus.disclosure(kind="prompt", completed_on=D(2025, 6, 30), approved_on=D(2025, 7, 2))
    [d] = found(corpus, "P004")
    assert d.line == line_of(path, "approved_on:")
    assert "content/disclosures/2025-Q3/" in d.message


def test_p004_fires_on_pre_item_signed_before_its_quarter(corpus):
    corpus.disclosure(kind="pre", approved_on=D(2025, 3, 20), comment_until=D(2025, 4, 30))
    [d] = found(corpus, "P004")
    assert "content/disclosures/2025-Q1/" in d.message


def test_p004_passes_on_the_disclosure_day_and_before_it(corpus):
    corpus.disclosure(approved_on=D(2025, 4, 10))
    corpus.disclosure(slug="zaoqian", approved_on=D(2025, 3, 1))
    corpus.disclosure(slug="linshi", kind="prompt", completed_on=D(2025, 6, 28), approved_on=D(2025, 6, 30))
    assert found(corpus, "P004") == []


def test_p004_follows_site_disclosure_day(corpus):
    corpus.site(disclosure_day=15)
    corpus.disclosure(approved_on=D(2025, 4, 12))
    assert found(corpus, "P004") == []


# -- P005 ---------------------------------------------------------------------


def test_p005_fires_on_publication_after_twenty_working_days(corpus):
    # 2025-03-05 + 20 working days = 2025-04-02
    path = corpus.document(published_on=D(2025, 4, 3))
    [d] = found(corpus, "P005")
    assert (d.path, d.line, d.severity) == (DOC, line_of(path, "published_on:"), "warning")
    assert "21 个工作日" in d.message and "2025-04-02" in d.message


def test_p005_passes_on_the_twentieth_working_day(corpus):
    corpus.document(published_on=D(2025, 4, 2))
    assert found(corpus, "P005") == []


def test_p005_counts_official_holidays_and_make_up_days(corpus):
    # 2026: 中秋 9/25, 国庆 10/1-10/7, make-up days Sun 9/20 and Sat 10/10.
    # Monday-Friday counting would put the deadline at 10-13; the official one is 10-19.
    corpus.document(number="区建发〔2026〕1号", signed_on=D(2026, 9, 15), published_on=D(2026, 10, 16))
    assert found(corpus, "P005") == []
    corpus.document(number="区建发〔2026〕1号", signed_on=D(2026, 9, 15), published_on=D(2026, 10, 20))
    [d] = found(corpus, "P005")
    assert "2026-10-19" in d.message


def test_p005_passes_for_documents_not_proactively_disclosed(corpus):
    corpus.document(published_on=D(2025, 9, 1), disclosure="依申请公开")
    corpus.document(slug="neibu", published_on=D(2025, 9, 1), classification="内部", withhold_reason="内部事务")
    corpus.document(slug="moren", number="区建发〔2025〕2号")  # published_on defaults to signed_on
    assert found(corpus, "P005") == []


def test_p005_warns_when_calendar_data_is_missing(corpus):
    path = corpus.document(number="区建发〔2028〕1号", signed_on=D(2028, 3, 1), published_on=D(2028, 6, 1))
    [d] = found(corpus, "P005")
    assert (d.path, d.line, d.severity) == (
        "content/documents/2028/zhiban-tongzhi.md",
        line_of(path, "published_on:"),
        "warning",
    )
    assert "2028" in d.message and "content/holidays.yml" in d.message and "无法检查" in d.message


def test_p005_reads_the_corpus_holiday_table(corpus):
    corpus.write(
        "content/holidays.yml",
        (
            "years:\n  2028:\n    source: 测试用\n    holidays:\n"
            "      - {name: 测试假, from: 2028-03-02, to: 2028-03-31}\n    workdays: []\n"
        ),
    )
    corpus.document(number="区建发〔2028〕1号", signed_on=D(2028, 3, 1), published_on=D(2028, 4, 28))
    # March is all holiday, so April 3-28 are the first 20 working days
    assert found(corpus, "P005") == []
    corpus.document(number="区建发〔2028〕1号", signed_on=D(2028, 3, 1), published_on=D(2028, 5, 1))
    [d] = found(corpus, "P005")
    assert "2028-04-28" in d.message


def test_p005_reports_an_unreadable_holiday_table(corpus):
    corpus.write("content/holidays.yml", "years: [1, 2\n")
    corpus.document(published_on=D(2025, 3, 10))
    [d] = found(corpus, "P005")
    assert (d.path, d.line) == ("content/holidays.yml", 1)
