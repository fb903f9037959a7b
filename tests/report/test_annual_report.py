"""The 政府信息公开工作年度报告 of the sample corpus's last full year (2025): counts checked
against the corpus files read independently, the template's tables, the command, the site
page, and the DOCX rendered as a 公文."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from generator.commands.report import export_annual
from generator.corpus import annual_data as D
from generator.corpus import load_corpus
from generator.outputs import OutputRefused
from generator.report import ReportError, build_report

REPO = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 23)
YEAR = 2025
END = dt.date(YEAR, 12, 31)
QUARTER_MONTH = {1: 1, 2: 4, 3: 7, 4: 10}


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".yml":
        return yaml.safe_load(text) or {}
    return yaml.safe_load(text.split("---", 2)[1]) or {}


def expected_counts() -> dict:
    """What the report must say for 2025, counted straight from the files (not with govpub's
    loader or publication code): documents public and published in 2025 by 文种, disclosure
    items published in 2025 by kind, regulation versions adopted in 2025, regulations
    repealed in 2025 and in force on 31 December."""
    site = front_matter(REPO / "content/site.yml")
    types: Counter = Counter()
    for path in (REPO / "content/documents").rglob("*.md"):
        fm = front_matter(path)
        published = fm.get("published_on") or fm["signed_on"]
        if (
            fm.get("classification", "公开") != "公开"
            or fm.get("disclosure", "主动公开") != "主动公开"
            or fm.get("review")
            or published > END
            or published.year != YEAR
        ):
            continue
        types[fm["doc_type"]] += 1
    kinds: Counter = Counter()
    for path in (REPO / "content/disclosures").rglob("*.md"):
        fm = front_matter(path)
        if not (fm.get("approved_by") and fm.get("approved_on")) or fm.get("review"):
            continue
        year, q = path.parent.name.split("-Q")
        kind = fm.get("kind", "regular")
        when = (
            dt.date(int(year), QUARTER_MONTH[int(q)], site["disclosure_day"])
            if kind == "regular"
            else fm["approved_on"]
        )
        if when.year == YEAR:
            kinds[kind] += 1
    made = repealed = in_force = 0
    for folder in (REPO / "regulations").iterdir():
        reg = front_matter(folder / "regulation.yml")
        starts = []
        for version in folder.glob("*.md"):
            fm = front_matter(version)
            adopted = fm.get("adopted_on") or fm["effective_on"]
            made += adopted.year == YEAR
            if fm["effective_on"] <= END:
                starts.append(fm["effective_on"])
        gone = reg.get("repealed_on")
        repealed += bool(gone and gone.year == YEAR)
        in_force += bool(starts and not (gone and gone <= END))
    return {"types": types, "kinds": kinds, "regulations": (made, repealed, in_force)}


@pytest.fixture(scope="module")
def report():
    return build_report(load_corpus(REPO), YEAR, AS_OF)


def test_counts_match_the_corpus(report):
    want = expected_counts()
    assert dict(report.documents_by_type) == dict(want["types"])
    assert report.documents_total == sum(want["types"].values()) == 20
    assert {k: v for k, v in report.items_by_kind.items() if v} == dict(want["kinds"])
    r = report.regulations
    assert (r.made, r.repealed, r.in_force) == want["regulations"] == (9, 0, 7)
    # the office gave no figures for 行政规范性文件: the row is the corpus's count
    assert report.normative_from_corpus and report.proactive_rows()[1] == ["行政规范性文件", "9", "0", "7"]
    assert [day.month for day, _ in report.postings] == [1, 4, 7, 10]


def test_tables_follow_the_national_template(report):
    rows = report.proactive_rows()
    assert [r[0] for r in rows] == ["规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"]
    assert rows[0] == ["规章", "/", "/", "/"]  # no 规章制定权: not applicable
    assert rows[2:] == [["行政许可", "126"], ["行政处罚", "14"], ["行政强制", "0"], ["行政事业性收费", "0"]]
    applications = {row.key: values for row, values in report.application_rows()}
    assert applications["new"] == [9, 2, 0, 0, 1, 0, 12]
    assert applications["outcome_total"] == [9, 2, 0, 0, 1, 0, 12]
    assert applications["carried_forward"] == [1, 0, 0, 0, 0, 0, 1]
    # 第一项加第二项之和，等于第三项加第四项之和 (per column and in total)
    for col in range(7):
        assert (
            applications["new"][col] + applications["carried_over"][col]
            == applications["outcome_total"][col] + applications["carried_forward"][col]
        )
    assert len(D.APPLICATION_ROWS) == 24 and len(report.application_rows()) == 25
    assert report.review_cells() == [1, 0, 0, 0, 1] + [0] * 10


def test_report_is_public_on_the_site_from_its_publication_date(tmp_path):
    from generator.publish import public_view

    corpus = load_corpus(REPO)
    assert public_view(corpus, dt.date(2026, 1, 19)).annual_reports == []
    assert public_view(corpus, dt.date(2026, 1, 20)).annual_reports == [2025]


def test_report_refuses_a_year_that_is_not_over_or_has_no_data():
    corpus = load_corpus(REPO)
    with pytest.raises(ReportError, match="尚未结束"):
        build_report(corpus, 2026, AS_OF)
    with pytest.raises(ReportError, match="content/annual-reports/2024.yml"):
        build_report(corpus, 2024, AS_OF)


def test_report_never_writes_into_the_corpus(tmp_path):
    corpus = load_corpus(REPO)
    for target in (REPO, REPO / "content", REPO / "content" / "annual-reports"):
        with pytest.raises(OutputRefused, match="语料库"):
            export_annual(corpus, YEAR, target, AS_OF)
    (tmp_path / "mine.txt").write_text("x", encoding="utf-8")
    with pytest.raises(OutputRefused, match="不是 govpub 以前生成的"):
        export_annual(corpus, YEAR, tmp_path, AS_OF)
    assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "x"


@pytest.mark.slow
def test_report_command_writes_markdown_and_docx(tmp_path):
    out = tmp_path / "nianbao"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "--root",
            str(REPO),
            "--as-of",
            AS_OF.isoformat(),
            "report",
            "annual",
            "--year",
            str(YEAR),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    md = (out / f"{YEAR}年政府信息公开工作年度报告.md").read_text(encoding="utf-8")
    for heading in (
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ):
        assert f"## {heading}" in md
    assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in md
    assert (out / f"{YEAR}年政府信息公开工作年度报告.docx").stat().st_size > 5000
    # a second run writes into its own folder again
    again = subprocess.run(proc.args, capture_output=True, text=True, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    refused = subprocess.run(
        [*proc.args[:-4], "--year", "2026", "--out", str(tmp_path / "x")], capture_output=True, text=True, cwd=tmp_path
    )
    assert refused.returncode == 1 and "尚未结束" in refused.stderr and "Traceback" not in refused.stderr


@pytest.mark.office
def test_report_renders_as_a_gongwen(tmp_path):
    """Rendered by LibreOffice: A4, the red 发文机关标志 and rule on page 1, the title, the six
    sections and the template's rows, the 署名 and date, page numbers."""
    from generator.docx.render_check import render

    pytest.importorskip("pdfplumber")
    corpus = load_corpus(REPO)
    _, written = export_annual(corpus, YEAR, tmp_path / "out", AS_OF)
    pdf = render(next(p for p in written if p.suffix == ".docx"), tmp_path / "pdf")
    first = pdf.pages[0]
    assert abs(first.width - 595.3) < 2 and abs(first.height - 841.9) < 2  # A4 in points
    mark = first.find("青川市临江区住房和城乡建设局")
    assert mark is not None and any(c.color and c.color[0] > 0.5 > c.color[1] for c in mark.chars)
    assert any(rule.is_red for rule in first.rules)
    text = pdf.text
    compact = text.replace(" ", "").replace("\n", "")
    assert "2025年政府信息公开工作年度报告" in compact
    for heading in (
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
        "行政规范性文件",
        "（七）总计",
        "结转下年度继续办理",
        "2026年1月20日",
    ):
        assert heading in compact, heading
    assert pdf.page_count >= 3
    assert any("—" in line.text for line in pdf.pages[1].lines)  # page number "— 2 —"
