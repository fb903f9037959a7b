"""Class 6 — inputs that passed `check` and then stopped `build`/`export` with 「内部错误」.
Each is now a finding with file and line (or works), and build time is linear in citations."""

from __future__ import annotations

import csv
import io
import json

import pytest

from generator.check import check_root
from testkit.marks import slow_after

from .helpers import AS_OF, cli, codes

DOC = "content/documents/2025/zhiban-tongzhi.md"


@pytest.mark.parametrize("ch", slow_after(["\v", "\x0c", "\x07", "\x1b", "\u2028", "\u202e", "\x85"]))
def test_control_characters_in_a_body_are_f001_with_their_line(corpus, ch, tmp_path):
    corpus.document(body=f"各科室：\n\n第一段{ch}第二段。\n")
    result = check_root(corpus.root, AS_OF)
    [d] = [d for d in result.diagnostics if d.code == "F001"]
    assert (d.path, d.line) == (DOC, 10) and f"U+{ord(ch):04X}" in d.message
    proc = cli(corpus.root, "build", "--out", str(tmp_path / "site"))
    assert proc.returncode == 1


def test_control_character_in_a_title_is_f005(corpus, tmp_path):
    corpus.md(
        DOC,
        'number: 区建发〔2025〕1号\ntitle: "关于值班\\v管理的通知"\ndoc_type: 通知\nrecipients: 各科室\n'
        "signed_on: 2025-03-05\n",
        "各科室：\n\n正文。\n",
    )
    result = check_root(corpus.root, AS_OF)
    assert [(d.code, d.line) for d in result.errors] == [("F005", 3)]
    assert cli(corpus.root, "export", "document", DOC, "--out", str(tmp_path / "a.docx")).returncode == 1


def test_control_characters_f001_passes_tabs_and_ordinary_text(corpus):
    corpus.document(body="各科室：\n\n一、值班\t安排。\n")
    assert "F001" not in codes(check_root(corpus.root, AS_OF))


@pytest.mark.slow
def test_very_long_title_is_f005_and_stops_nothing_with_an_internal_error(corpus, tmp_path):
    corpus.document(title="关于" + "加强机关值班管理" * 400 + "的通知")
    [d] = [d for d in check_root(corpus.root, AS_OF).errors if d.code == "F005"]
    assert d.line == 3 and "太长" in d.message
    assert cli(corpus.root, "build", "--out", str(tmp_path / "site")).returncode == 1
    assert cli(corpus.root, "export", "document", DOC, "--out", str(tmp_path / "a.docx")).returncode == 1


@pytest.mark.slow
def test_long_but_reasonable_title_builds_and_exports(corpus, tmp_path):
    corpus.document(title="关于" + "加强机关值班管理" * 20 + "的通知")
    assert cli(corpus.root, "build", "--out", str(tmp_path / "site")).returncode == 0
    assert cli(corpus.root, "export", "document", DOC, "--out", str(tmp_path / "a.docx")).returncode == 0


def test_very_long_slug_is_f006(corpus):
    slug = "a" * 150
    corpus.document(slug=slug)
    found = [d for d in check_root(corpus.root, AS_OF).diagnostics if d.code == "F006"]
    assert found and "太长" in found[0].message


@pytest.mark.slow
def test_gbk_attachment_is_f001_and_build_refuses(corpus, tmp_path):
    corpus.write("content/attachments/2025/biao.md", "# 值班表\n\n| 日期 | 人员 |\n".encode("gb18030"))
    corpus.document(attachments=[{"title": "值班表", "file": "content/attachments/2025/biao.md"}])
    result = check_root(corpus.root, AS_OF)
    [d] = [d for d in result.diagnostics if d.code == "F001"]
    assert d.path == "content/attachments/2025/biao.md" and "GBK" in d.message
    assert cli(corpus.root, "build", "--out", str(tmp_path / "site")).returncode == 1
    assert cli(corpus.root, "export", "document", DOC, "--out", str(tmp_path / "a.docx")).returncode == 1


@pytest.mark.slow
def test_deeply_nested_list_attachment_builds(corpus, tmp_path):
    nested = "\n".join("    " * i + f"- 第{i}层" for i in range(400)) + "\n" + ">" * 400 + " 引用\n"
    corpus.write("content/attachments/2025/list.md", nested)
    corpus.document(attachments=[{"title": "清单", "file": "content/attachments/2025/list.md"}])
    assert cli(corpus.root, "build", "--out", str(tmp_path / "site")).returncode == 0
    assert cli(corpus.root, "export", "document", DOC, "--out", str(tmp_path / "a.docx")).returncode == 0


@pytest.mark.parametrize("as_of", slow_after(["0001-01-01", "9999-12-31", "1899-12-31"]))
def test_extreme_as_of_is_a_usage_error(corpus, as_of, tmp_path):
    corpus.document()
    proc = cli(corpus.root, "build", "--out", str(tmp_path / "site"), as_of=as_of)
    assert proc.returncode == 2 and "范围" in proc.stderr


@pytest.mark.slow
@pytest.mark.parametrize("as_of", ["1900-01-01", "2999-12-31"])
def test_as_of_at_the_ends_of_the_range_builds(corpus, as_of, tmp_path):
    corpus.document()
    corpus.regulation()
    corpus.disclosure()
    assert cli(corpus.root, "check", as_of=as_of).returncode in (0, 1)
    assert cli(corpus.root, "build", "--out", str(tmp_path / "site"), "--no-docx", as_of=as_of).returncode == 0


@pytest.mark.parametrize(
    "field, value",
    [
        ("signed_on", "9999-12-31"),
        ("signed_on", "0001-01-01"),
        ("published_on", "9999-12-31"),
        ("printed_on", "0001-01-02"),
    ],
)
def test_extreme_dates_in_the_corpus_are_d001(corpus, field, value):
    signed = value if field == "signed_on" else "2025-03-05"
    extra = "" if field == "signed_on" else f"{field}: {value}\n"
    corpus.md(
        DOC,
        "number: 区建发〔2025〕1号\ntitle: 关于加强值班管理的通知\ndoc_type: 通知\nrecipients: 各科室\n"
        f"signed_on: {signed}\n{extra}",
        "各科室：\n\n正文。\n",
    )
    result = check_root(corpus.root, AS_OF)
    assert "D001" in codes(result, DOC)


@pytest.mark.slow
def test_wrong_type_in_mkdocs_yml_is_a_finding_not_a_crash(corpus, tmp_path):
    corpus.document()
    corpus.write("mkdocs.yml", "site_name: 某局\ntheme:\n  features: navigation.tabs\n  palette: 3\n")
    proc = cli(corpus.root, "check")
    assert proc.returncode == 1 and "mkdocs.yml:3: F007" in proc.stdout
    assert cli(corpus.root, "build", "--out", str(tmp_path / "site")).returncode == 1


def test_citation_paragraphs_reach_mkdocs_as_one_html_block(corpus, tmp_path):
    """Linear build time (bench/citations.py): a paragraph of thousands of links is one raw
    HTML block, not thousands of Markdown links for Python-Markdown to splice one by one."""
    from generator.commands.siteparts import default_parts
    from generator.publish import public_view
    from generator.site.build import plan_project

    corpus.document(slug="cited", number="区建发〔2025〕1号")
    corpus.document(
        slug="citing",
        number="区建发〔2025〕2号",
        body="各科室：\n\n" + "、".join("根据区建发〔2025〕1号" for _ in range(3000)) + "。\n",
    )
    result = check_root(corpus.root, AS_OF)
    plan = plan_project(result.corpus, public_view(result.corpus, AS_OF), parts=default_parts())[0]
    page = next(p.text for p in plan.pages if p.path == "documents/2025/citing.md")
    para = next(line for line in page.split("\n") if line.count("区建发") > 100)
    assert para.startswith("<p") and para.count('<a href="../cited/">') == 3000 and "](" not in para


def test_manifest_csv_neutralises_formulas_and_json_keeps_the_text(tmp_path):
    from generator.docx.volume.manifest import MANIFEST_COLUMNS, read_manifest_csv, write_manifests

    class Agency:
        fonds, agency = "J012", "某局"

    class Corpus:
        agency = Agency()

    titles = ['=HYPERLINK("http://x","点")', "+1", "-2", "@SUM(A1)", "\tx", "\rx", "'引号", "正常题名"]
    rows = [{c: "" for c in MANIFEST_COLUMNS} | {"题名": t, "文件名": f"{i}.docx"} for i, t in enumerate(titles)]
    write_manifests(tmp_path, rows, Corpus(), 2025)
    text = (tmp_path / "manifest.csv").read_bytes().decode("utf-8-sig")
    cells = [r[MANIFEST_COLUMNS.index("题名")] for r in csv.reader(io.StringIO(text, newline=""))][1:]
    assert all(not c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    assert cells[-1] == "正常题名"
    data = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert [f["题名"] for f in data["文件"]] == titles
    assert [r["题名"] for r in read_manifest_csv(tmp_path / "manifest.csv")] == titles
