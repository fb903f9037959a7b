"""Class 1 — leaks that `check` did not see: attachments from anywhere, `approved_by: no`,
front matter closed early, personal numbers in attachment files. Each input is a finding now,
and nothing of it is published."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import check_root
from generator.publish import public_view

from .helpers import AS_OF, cli, codes

DOC = "content/documents/2025/zhiban-tongzhi.md"
ITEM = "content/disclosures/2025-Q2/shoufei-biaozhun.md"


def test_attachment_pointing_at_an_internal_document_is_x006_and_not_published(corpus, tmp_path):
    corpus.document(
        slug="neibu",
        number="区建发〔2025〕2号",
        classification="内部",
        withhold_reason="内部事务",
        body="各科室：\n\nqzleakattach 内部正文。\n",
    )
    corpus.document(attachments=[{"title": "材料", "file": "content/documents/2025/neibu.md"}])
    result = check_root(corpus.root, AS_OF)
    assert "X006" in codes(result, DOC)
    proc = cli(corpus.root, "build", "--out", str(tmp_path / "site"), "--no-docx")
    assert proc.returncode == 1 and not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    "file",
    [
        ".git/config",
        "content/attachments/../../.git/config",
        "content/disclosures/2027-Q1/next.md",
        "regulations/kaoqin/2025-03-01.md",
        "content/attachments/.hidden.pdf",
        "content/attachments/sub/.secret/a.pdf",
    ],
)
def test_attachment_outside_the_attachments_folder_is_x006(corpus, file):
    (corpus.root / ".git").mkdir(exist_ok=True)
    (corpus.root / ".git/config").write_text("[remote]\nurl = https://token@example\n", encoding="utf-8")
    corpus.document(attachments=[{"title": "材料", "file": file}])
    assert "X006" in codes(check_root(corpus.root, AS_OF), DOC)


@pytest.mark.parametrize(
    "value", ["no", "yes", "true", "false", "off", "on", "''", "无", "否", "'-'", "123", "[李明华]"]
)
def test_approved_by_that_is_not_a_name_is_f005_and_never_public(corpus, value):
    corpus.md(
        ITEM,
        f"title: 收费标准\ncategory: 收费标准\ndepartment: 财务审计科\napproved_by: {value}\napproved_on: 2025-04-03\n",
        "本局收费标准如下。\n",
    )
    result = check_root(corpus.root, AS_OF)
    assert "F005" in codes(result, ITEM), value
    assert not public_view(result.corpus, AS_OF).postings


def test_approved_by_a_name_passes_and_is_published(corpus):
    corpus.disclosure()
    result = check_root(corpus.root, AS_OF)
    assert not result.errors
    assert public_view(result.corpus, AS_OF).postings


@pytest.mark.parametrize("closer", ["...", " ---", "---  ", "\t---"])
def test_front_matter_closed_by_a_look_alike_is_f002_and_not_published(corpus, closer):
    head = (
        "---\nnumber: 区建发〔2025〕1号\ntitle: 关于加强值班管理的通知\ndoc_type: 通知\nrecipients: 各科室\n"
        f"signed_on: 2025-03-05\n{closer}\nclassification: 内部\n---\n各科室：\n\nqzleakclose 正文。\n"
    )
    corpus.write(DOC, head)
    result = check_root(corpus.root, AS_OF)
    [d] = [d for d in result.diagnostics if d.code == "F002" and d.path == DOC]
    assert d.line == 7  # the look-alike line
    assert not public_view(result.corpus, AS_OF).documents


def test_front_matter_closed_by_exactly_three_dashes_passes(corpus):
    corpus.document()
    assert "F002" not in codes(check_root(corpus.root, AS_OF))


@pytest.mark.parametrize(
    "tagged", ["!ENV GITHUB_TOKEN", "!!python/object:os.system ls", "!!binary aGVsbG8=", "!custom x"]
)
def test_yaml_tags_in_front_matter_are_f002(corpus, tagged):
    corpus.md(
        DOC,
        f"number: 区建发〔2025〕1号\ntitle: {tagged}\ndoc_type: 通知\nrecipients: 各科室\nsigned_on: 2025-03-05\n",
        "各科室：\n\n正文。\n",
    )
    result = check_root(corpus.root, AS_OF)
    assert "F002" in codes(result, DOC)
    assert not public_view(result.corpus, AS_OF).documents


def test_personal_numbers_in_a_markdown_attachment_are_x004(corpus):
    from generator.text.chinese import id_check_char

    pid = "33010219900101123" + id_check_char("33010219900101123")
    corpus.write(
        "content/attachments/2025/biao.md",
        f"# 名单\n\n| 姓名 | 身份证号 | 手机 |\n|---|---|---|\n| 王某 | {pid} | 13812345678 |\n",
    )
    corpus.document(attachments=[{"title": "名单", "file": "content/attachments/2025/biao.md"}])
    found = [d for d in check_root(corpus.root, AS_OF).diagnostics if d.code == "X004"]
    assert [d.path for d in found] == ["content/attachments/2025/biao.md"] * len(found) and found
    assert found[0].line == 5 and pid not in found[0].message


def test_personal_number_in_site_yml_is_x004(corpus):
    corpus.site(website={"contact": "13812345678"})
    assert "X004" in codes(check_root(corpus.root, AS_OF), "content/site.yml")


def test_clean_markdown_attachment_passes(corpus):
    corpus.write("content/attachments/2025/biao.md", "# 值班表\n\n| 日期 | 值班人员 |\n|---|---|\n| 1月1日 | 王某 |\n")
    corpus.document(attachments=[{"title": "值班表", "file": "content/attachments/2025/biao.md"}])
    result = check_root(corpus.root, AS_OF)
    assert not result.errors, result.errors


# -- personal numbers inside DOCX, XLSX and PDF attachments (served as downloads) -----------------

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "attachments"
PID = "330102199001011234"  # made up; passes the GB 11643 checksum


def _attach(corpus, name: str, data: bytes, title: str = "值班安排表"):
    rel = f"content/attachments/2025/{name}"
    corpus.write(rel, data)
    corpus.document(attachments=["说明", {"title": title, "file": rel}])
    return rel


def _x004(result) -> list:
    return [d for d in result.diagnostics if d.code == "X004"]


@pytest.mark.parametrize(
    "name, where",
    [
        (
            "zhiban-biao.docx",
            ["正文第 2 段", "正文第 8 段", "页眉（header1.xml）第 1 段", "脚注第 1 段", "批注第 1 段"],
        ),
        ("zhiban-biao.pdf", ["第 1 页"]),
    ],
)
def test_personal_numbers_inside_a_word_or_pdf_attachment_are_x004_on_its_line(corpus, tmp_path, name, where):
    rel = _attach(corpus, name, (FIXTURES / name).read_bytes())
    result = check_root(corpus.root, AS_OF)
    found = _x004(result)
    assert found and {d.path for d in found} == {DOC}
    [doc] = [d for d in result.corpus.documents if d.path == DOC]
    assert {d.line for d in found} == {doc.attachments[1].line}  # the attachment's own item
    assert (corpus.root / DOC).read_text(encoding="utf-8").splitlines()[
        doc.attachments[1].line - 1
    ] == "- title: 值班安排表"
    assert all(rel in d.message for d in found)
    for place in where:
        assert any(f"（{place}）" in d.message for d in found), (place, [d.message for d in found])
    assert not any(PID in d.message or "13812345678" in d.message for d in found)  # masked
    proc = cli(corpus.root, "build", "--out", str(tmp_path / "site"), "--no-docx")
    assert proc.returncode == 1 and not (tmp_path / "site").exists()


def test_personal_numbers_inside_an_excel_attachment_are_x004(corpus, tmp_path):
    from testkit.attachments import raw_xlsx

    path = raw_xlsx(
        tmp_path / "t.xlsx",
        shared=["<t>户主</t>", f"<t>{PID}</t>"],
        sheets={"排查统计": '<row r="2"><c r="B2" t="s"><v>1</v></c><c r="C2"><v>13812345678</v></c></row>'},
    )
    _attach(corpus, "tongji.xlsx", path.read_bytes(), title="排查统计表")
    found = _x004(check_root(corpus.root, AS_OF))
    assert [d.path for d in found] == [DOC, DOC]
    assert "工作表“排查统计”B2 单元格" in found[0].message and "身份证" in found[0].message
    assert "工作表“排查统计”C2 单元格" in found[1].message and "手机" in found[1].message


@pytest.mark.parametrize(
    "name",
    ["word-hdr-header-footer.docx", "word-comments-rich-para.docx", "excel-book1.xlsx", "excel-shared-strings.xlsx"],
)
def test_real_word_and_excel_files_without_personal_numbers_pass(corpus, name):
    _attach(corpus, name, (FIXTURES / name).read_bytes())
    result = check_root(corpus.root, AS_OF)
    assert not result.errors, result.errors


def test_a_zip_bomb_attachment_is_x006_and_not_published(corpus, tmp_path):
    from testkit.attachments import raw_docx

    bomb = raw_docx(tmp_path / "b.docx", "<w:p><w:r><w:t>" + "0" * (40 * 1024 * 1024) + "</w:t></w:r></w:p>")
    assert bomb.stat().st_size < 200_000  # 40 MB of text in a small file
    _attach(corpus, "bomb.docx", bomb.read_bytes())
    result = check_root(corpus.root, AS_OF)
    [d] = [d for d in result.diagnostics if d.code == "X006"]
    assert d.path == DOC and "无法检查" in d.message and "上限" in d.message
    proc = cli(corpus.root, "build", "--out", str(tmp_path / "site"), "--no-docx")
    assert proc.returncode == 1 and not (tmp_path / "site").exists()
