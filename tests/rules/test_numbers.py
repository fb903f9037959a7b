"""N001–N012: 发文字号 as written, across the corpus, and as cited."""

from __future__ import annotations

import datetime as dt

from generator.rules.numbers import _compress

DOC = "content/documents/2025/{}.md"


def line_of(corpus, rel: str, key: str) -> int:
    """1-based line of ``key:`` (or of the list item ``- key``) in a written file."""
    text = (corpus.root / rel).read_text(encoding="utf-8")
    for i, line in enumerate(text.split("\n"), 1):
        if line.lstrip().startswith(key):
            return i
    raise AssertionError(f"{key} not in {rel}")


def only(findings, path=None):
    if path is not None:
        findings = [f for f in findings if f.path == path]
    assert len(findings) == 1, findings
    return findings[0]


def seq_docs(corpus, numbers, code="区建发", year=2025, dates=None, prefix="d"):
    """One document per sequence number, signed on successive days unless dates given."""
    for i, n in enumerate(numbers):
        signed = dates[i] if dates else dt.date(year, 1, 1) + dt.timedelta(days=i)
        corpus.document(slug=f"{prefix}{n}", number=f"{code}〔{year}〕{n}号", signed_on=signed)


# -- N001 ---------------------------------------------------------------------------------------


def test_n001_fires_on_number_without_brackets(corpus):
    corpus.document(number="区建发2025年12号")
    f = only(corpus.findings("N001"))
    assert f.severity == "error"
    assert f.path == DOC.format("zhiban-tongzhi")
    assert f.line == 2
    assert "区建发2025年12号" in f.message
    assert "区建发〔2025〕12号" in f.message  # the corrected form


def test_n001_fires_on_missing_hao_and_spaces(corpus):
    corpus.document(number="区建发 〔2025〕12")
    f = only(corpus.findings("N001"))
    assert "结尾缺少“号”" in f.message and "空格" in f.message
    assert "应改为 区建发〔2025〕12号" in f.message


def test_n001_fires_on_unrecoverable_number_with_example_code(corpus):
    corpus.document(number="第十二号文件")
    f = only(corpus.findings("N001"))
    assert "代字〔YYYY〕N号" in f.message
    assert "区建发〔2025〕1号" in f.message  # example with the agency's first code and the year


def test_n001_passes_canonical_number(corpus):
    corpus.document(number="区建发〔2025〕12号")
    assert "N001" not in corpus.codes()


def test_n001_passes_when_only_brackets_are_wrong(corpus):
    corpus.document(number="区建发[2025]1号")
    codes = corpus.codes()
    assert "N002" in codes and "N001" not in codes


# -- N002–N005 ----------------------------------------------------------------------------------


def test_n002_fires_on_square_brackets(corpus):
    corpus.document(number="区建发[2025]1号")
    f = only(corpus.findings("N002"))
    assert (f.severity, f.path, f.line) == ("error", DOC.format("zhiban-tongzhi"), 2)
    assert "“[]”" in f.message and "应改为 区建发〔2025〕1号" in f.message


def test_n002_fires_on_fullwidth_round_brackets(corpus):
    corpus.document(number="区建发（2025）1号")
    assert "（）" in only(corpus.findings("N002")).message


def test_n002_passes_hexagonal_brackets(corpus):
    corpus.document(number="区建发〔2025〕1号")
    assert "N002" not in corpus.codes()


def test_n003_fires_on_padded_sequence(corpus):
    corpus.document(number="区建发〔2025〕001号")
    f = only(corpus.findings("N003"))
    assert (f.severity, f.line) == ("error", 2)
    assert "“001”" in f.message and "应改为 区建发〔2025〕1号" in f.message


def test_n003_passes_sequence_with_inner_zero(corpus):
    seq_docs(corpus, range(1, 11))  # 10号 has a zero but no padding
    assert "N003" not in corpus.codes()


def test_n004_fires_on_di(corpus):
    corpus.document(number="区建发〔2025〕第1号")
    f = only(corpus.findings("N004"))
    assert (f.severity, f.path, f.line) == ("error", DOC.format("zhiban-tongzhi"), 2)
    assert "第" in f.message and "应改为 区建发〔2025〕1号" in f.message


def test_n004_passes_di_in_code(corpus):
    # a 代字 may itself contain 第 (odd, but not the 第 before the serial)
    corpus.site(codes={"区第建发": "局发文"})
    corpus.document(number="区第建发〔2025〕1号")
    assert "N004" not in corpus.codes()


def test_n005_fires_on_two_digit_year(corpus):
    corpus.document(number="区建发〔25〕1号")
    f = only(corpus.findings("N005"))
    assert (f.severity, f.line) == ("error", 2)
    assert "“25”" in f.message and "2025" in f.message and "应改为 区建发〔2025〕1号" in f.message


def test_n005_passes_four_digit_year(corpus):
    corpus.document(number="区建发〔2025〕1号")
    assert "N005" not in corpus.codes()


def test_n002_to_n005_fire_together(corpus):
    corpus.document(number="区建发(25)第01号")
    codes = corpus.codes()
    assert {"N002", "N003", "N004", "N005"} <= codes
    assert "N001" not in codes
    for code in ("N002", "N003", "N004", "N005"):
        assert "区建发〔2025〕1号" in only(corpus.findings(code)).message


# -- N006 ---------------------------------------------------------------------------------------


def test_n006_fires_on_unregistered_code(corpus):
    corpus.document(number="区建法〔2025〕1号")
    f = only(corpus.findings("N006"))
    assert (f.severity, f.path, f.line) == ("error", DOC.format("zhiban-tongzhi"), 2)
    assert "区建法" in f.message and "区建发、区建办、区建函" in f.message
    assert "区建发" in f.message


def test_n006_fires_on_recovered_code_of_misformed_number(corpus):
    corpus.document(number="区财发[2025]1号")
    assert "区财发" in only(corpus.findings("N006")).message


def test_n006_passes_registered_code(corpus):
    corpus.document(number="区建函〔2025〕1号", doc_type="函", title="关于商请协助的函")
    assert "N006" not in corpus.codes()


def test_n006_passes_when_site_has_no_codes(corpus):
    corpus.site(codes={})
    corpus.document(number="区建法〔2025〕1号")
    assert "N006" not in corpus.codes()


# -- N007 ---------------------------------------------------------------------------------------


def test_n007_fires_when_year_differs(corpus):
    corpus.document(number="区建发〔2024〕1号", signed_on=dt.date(2025, 1, 8))
    f = only(corpus.findings("N007"))
    assert (f.severity, f.path, f.line) == ("error", DOC.format("zhiban-tongzhi"), 2)
    assert "2024" in f.message and "2025-01-08" in f.message


def test_n007_passes_same_year(corpus):
    corpus.document(number="区建发〔2025〕1号", signed_on=dt.date(2025, 12, 31))
    assert "N007" not in corpus.codes()


# -- N008 ---------------------------------------------------------------------------------------


def test_n008_fires_on_both_documents(corpus):
    corpus.document(slug="a", number="区建发〔2025〕1号")
    corpus.document(slug="b", number="区建发〔2025〕1号", signed_on=dt.date(2025, 3, 6))
    found = corpus.findings("N008")
    assert {f.path for f in found} == {DOC.format("a"), DOC.format("b")}
    fa = only(found, DOC.format("a"))
    assert fa.severity == "error" and fa.line == 2
    assert DOC.format("b") in fa.message
    assert "区建发〔2025〕2号" in fa.message  # next free number


def test_n008_fires_when_one_is_written_wrongly(corpus):
    corpus.document(slug="a", number="区建发〔2025〕1号")
    corpus.document(slug="b", number="区建发[2025]01号")
    assert len(corpus.findings("N008")) == 2


def test_n008_fires_with_classified_register_entry(corpus):
    corpus.document(slug="a", number="区建发〔2025〕1号")
    corpus.document(slug="mi", number="区建发〔2025〕1号", classification="秘密", body="")
    f = only(corpus.findings("N008"), DOC.format("a"))
    assert DOC.format("mi") in f.message


def test_n008_reports_only_files_in_scope(corpus):
    corpus.document(slug="a", number="区建发〔2025〕1号")
    corpus.document(slug="b", number="区建发〔2025〕1号")
    diags = corpus.check(paths=[DOC.format("a")]).diagnostics
    assert [d.path for d in diags if d.code == "N008"] == [DOC.format("a")]


def test_n008_passes_same_seq_other_year_or_code(corpus):
    corpus.document(slug="a", number="区建发〔2025〕1号")
    corpus.document(slug="b", number="区建办〔2025〕1号")
    corpus.document(slug="c", number="区建发〔2026〕1号", signed_on=dt.date(2026, 1, 5))
    assert "N008" not in corpus.codes()


# -- N009 ---------------------------------------------------------------------------------------


def test_n009_fires_on_gap_with_missing_numbers(corpus):
    seq_docs(corpus, [1, 2, 5])
    f = only(corpus.findings("N009"))
    assert (f.severity, f.path, f.line) == ("warning", DOC.format("d5"), 2)
    assert "3号、4号" in f.message


def test_n009_compresses_long_runs_and_counts_from_one(corpus):
    seq_docs(corpus, [3, 10])
    found = corpus.findings("N009")
    by_path = {f.path: f for f in found}
    assert set(by_path) == {DOC.format("d3"), DOC.format("d10")}
    assert "1号、2号" in by_path[DOC.format("d3")].message
    assert "4–9号" in by_path[DOC.format("d10")].message


def test_n009_reports_a_gap_once_with_duplicates(corpus):
    seq_docs(corpus, [1])
    corpus.document(slug="x", number="区建发〔2025〕3号", signed_on=dt.date(2025, 2, 1))
    corpus.document(slug="y", number="区建发〔2025〕3号", signed_on=dt.date(2025, 2, 2))
    f = only(corpus.findings("N009"))
    assert f.path == DOC.format("x") and "2号" in f.message


def test_n009_passes_continuous_sequence_with_register_entry(corpus):
    seq_docs(corpus, [1, 3])
    corpus.document(
        slug="mi", number="区建发〔2025〕2号", classification="机密", body="", signed_on=dt.date(2025, 1, 1)
    )
    assert "N009" not in corpus.codes()


def test_n009_passes_separate_codes(corpus):
    seq_docs(corpus, [1, 2], code="区建发")
    seq_docs(corpus, [1], code="区建办", prefix="b")
    assert "N009" not in corpus.codes()


def test_compress():
    assert _compress([1, 2, 4, 5, 6, 7, 9]) == "1号、2号、4–7号、9号"


# -- N010 ---------------------------------------------------------------------------------------


def test_n010_fires_when_higher_number_signed_earlier(corpus):
    seq_docs(corpus, [1, 2, 3], dates=[dt.date(2025, 1, 5), dt.date(2025, 5, 20), dt.date(2025, 5, 6)])
    f = only(corpus.findings("N010"))
    assert (f.severity, f.path) == ("warning", DOC.format("d3"))
    assert f.line == line_of(corpus, DOC.format("d3"), "signed_on")
    assert "2025-05-06" in f.message and "2025-05-20" in f.message
    assert "区建发〔2025〕2号" in f.message and "区建发〔2025〕3号" in f.message


def test_n010_compares_with_next_lower_existing_number(corpus):
    seq_docs(corpus, [1, 4], dates=[dt.date(2025, 3, 1), dt.date(2025, 2, 1)])
    f = only(corpus.findings("N010"))
    assert f.path == DOC.format("d4") and "区建发〔2025〕1号" in f.message


def test_n010_passes_same_day_and_increasing_dates(corpus):
    seq_docs(corpus, [1, 2, 3], dates=[dt.date(2025, 1, 5), dt.date(2025, 1, 5), dt.date(2025, 2, 1)])
    assert "N010" not in corpus.codes()


def test_n010_passes_across_codes(corpus):
    seq_docs(corpus, [1], code="区建发", dates=[dt.date(2025, 6, 1)])
    seq_docs(corpus, [2], code="区建办", dates=[dt.date(2025, 1, 1)], prefix="b")
    assert "N010" not in corpus.codes()


# -- N011 ---------------------------------------------------------------------------------------

BODY_CITING = """各科室：

根据区建发[2025]1号文件精神，现就有关事项通知如下。
"""


def test_n011_fires_on_nonstandard_citation_in_body(corpus):
    corpus.document(slug="a", number="区建发〔2025〕1号")
    corpus.document(slug="b", number="区建发〔2025〕2号", body=BODY_CITING)
    f = only(corpus.findings("N011"))
    assert (f.severity, f.path) == ("warning", DOC.format("b"))
    assert f.line == line_of(corpus, DOC.format("b"), "根据")
    assert "区建发[2025]1号" in f.message and "应写作 区建发〔2025〕1号" in f.message
    assert "《标题》（区建发〔2025〕1号）" in f.message


def test_n011_fires_in_version_and_disclosure_bodies(corpus):
    corpus.document(number="区建发〔2025〕1号")
    corpus.regulation(versions={})
    corpus.version("kaoqin", "2025-03-01", "第一条　根据区建发〔25〕1号制定本制度。\n", issued_by="区建发〔2025〕1号")
    corpus.disclosure(body="依据区建发〔2025〕第1号公开。\n")
    paths = {f.path for f in corpus.findings("N011")}
    assert paths == {"regulations/kaoqin/2025-03-01.md", "content/disclosures/2025-Q2/shoufei-biaozhun.md"}


def test_n011_fires_on_front_matter_references(corpus):
    corpus.document(slug="a", number="区建发〔2025〕1号")
    corpus.document(slug="b", number="区建发〔2025〕2号", status="废止", repealed_by="区建发[2025]1号")
    corpus.disclosure(related=["区建发〔2025〕2号", "区建发〔2025〕第1号"])
    corpus.regulation(repealed_by="区建发（2025）1号", repealed_on=dt.date(2026, 1, 1), versions={})
    corpus.version("kaoqin", "2025-03-01", issued_by="区建发〔2025〕01号")
    found = corpus.findings("N011")
    by_path = {f.path: f for f in found}
    assert set(by_path) == {
        DOC.format("b"),
        "content/disclosures/2025-Q2/shoufei-biaozhun.md",
        "regulations/kaoqin/regulation.yml",
        "regulations/kaoqin/2025-03-01.md",
    }
    assert by_path[DOC.format("b")].line == line_of(corpus, DOC.format("b"), "repealed_by")
    rel = by_path["content/disclosures/2025-Q2/shoufei-biaozhun.md"]
    assert rel.line == line_of(corpus, rel.path, "- 区建发〔2025〕第1号")
    assert "应写作 区建发〔2025〕1号" in rel.message
    assert by_path["regulations/kaoqin/2025-03-01.md"].line == line_of(
        corpus, "regulations/kaoqin/2025-03-01.md", "issued_by"
    )


def test_n011_passes_standard_citation(corpus):
    corpus.document(slug="a", number="区建发〔2025〕1号")
    corpus.document(
        slug="b",
        number="区建发〔2025〕2号",
        body="各科室：\n\n根据《关于加强机关值班管理的通知》（区建发〔2025〕1号）精神，通知如下。\n",
        repealed_by="区建发〔2025〕1号",
        status="废止",
    )
    corpus.disclosure(related=["区建发〔2025〕1号"])
    assert "N011" not in corpus.codes()


def test_n011_passes_other_agencies_standard_numbers(corpus):
    corpus.document(
        slug="a", number="区建发〔2025〕1号", body="各科室：\n\n根据国务院令第711号和国办发〔2016〕80号的规定执行。\n"
    )
    assert "N011" not in corpus.codes()


# -- N012 ---------------------------------------------------------------------------------------


def test_n012_fires_on_own_number_not_in_corpus(corpus):
    corpus.document(
        slug="a",
        number="区建发〔2025〕1号",
        body="各科室：\n\n根据《关于调整值班安排的通知》（区建发〔2025〕9号）执行。\n",
    )
    f = only(corpus.findings("N012"))
    assert (f.severity, f.path) == ("warning", DOC.format("a"))
    assert f.line == line_of(corpus, DOC.format("a"), "根据")
    assert "区建发〔2025〕9号" in f.message


def test_n012_fires_on_related_and_repealed_by(corpus):
    corpus.document(slug="a", number="区建发〔2025〕1号", status="废止", repealed_by="区建发〔2025〕7号")
    corpus.disclosure(related=["区建办〔2025〕3号"])
    found = corpus.findings("N012")
    assert {f.path for f in found} == {DOC.format("a"), "content/disclosures/2025-Q2/shoufei-biaozhun.md"}
    f = only(found, DOC.format("a"))
    assert f.line == line_of(corpus, DOC.format("a"), "repealed_by") and "区建发〔2025〕7号" in f.message


def test_n012_passes_present_number_and_foreign_code(corpus):
    corpus.document(slug="a", number="区建发〔2025〕1号")
    corpus.document(
        slug="b", number="区建发〔2025〕2号", body="各科室：\n\n根据区建发〔2025〕1号和区政发〔2025〕9号执行。\n"
    )
    assert "N012" not in corpus.codes()


def test_n012_passes_regulation_references_left_to_r004(corpus):
    corpus.regulation(repealed_by="区建发〔2025〕40号", repealed_on=dt.date(2026, 1, 1), versions={})
    corpus.version("kaoqin", "2025-03-01", issued_by="区建发〔2025〕41号")
    assert "N012" not in corpus.codes()


def test_n012_counts_register_entries_as_present(corpus):
    corpus.document(slug="mi", number="区建发〔2025〕1号", classification="秘密", body="")
    corpus.document(slug="b", number="区建发〔2025〕2号", body="各科室：\n\n根据区建发〔2025〕1号执行。\n")
    assert "N012" not in corpus.codes()


def test_n009_passes_unregistered_code_left_to_n006(corpus):
    corpus.document(slug="a", number="区建法〔2025〕3号")
    codes = corpus.codes()
    assert "N006" in codes and "N009" not in codes


def test_n008_suggests_next_free_number_for_any_code(corpus):
    corpus.document(slug="a", number="区建法〔2025〕4号")
    corpus.document(slug="b", number="区建法〔2025〕4号")
    assert "区建法〔2025〕5号" in corpus.findings("N008")[0].message
