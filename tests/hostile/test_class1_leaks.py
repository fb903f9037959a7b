"""Class 1 — leaks that `check` did not see: attachments from anywhere, `approved_by: no`,
front matter closed early, personal numbers in attachment files. Each input is a finding now,
and nothing of it is published."""

from __future__ import annotations

import pytest

from generator.check import check_root
from generator.publish import public_view
from hostile.helpers import AS_OF, cli, codes

DOC = "content/documents/2025/zhiban-tongzhi.md"
ITEM = "content/disclosures/2025-Q2/shoufei-biaozhun.md"


def test_attachment_pointing_at_an_internal_document_is_x006_and_not_published(corpus, tmp_path):
    corpus.document(slug="neibu", number="区建发〔2025〕2号", classification="内部", withhold_reason="内部事务",
                    body="各科室：\n\nqzleakattach 内部正文。\n")
    corpus.document(attachments=[{"title": "材料", "file": "content/documents/2025/neibu.md"}])
    result = check_root(corpus.root, AS_OF)
    assert "X006" in codes(result, DOC)
    proc = cli(corpus.root, "build", "--out", str(tmp_path / "site"), "--no-docx")
    assert proc.returncode == 1 and not (tmp_path / "site").exists()


@pytest.mark.parametrize("file", [".git/config", "content/attachments/../../.git/config",
                                  "content/disclosures/2027-Q1/next.md", "regulations/kaoqin/2025-03-01.md",
                                  "content/attachments/.hidden.pdf", "content/attachments/sub/.secret/a.pdf"])
def test_attachment_outside_the_attachments_folder_is_x006(corpus, file):
    (corpus.root / ".git").mkdir(exist_ok=True)
    (corpus.root / ".git/config").write_text("[remote]\nurl = https://token@example\n", encoding="utf-8")
    corpus.document(attachments=[{"title": "材料", "file": file}])
    assert "X006" in codes(check_root(corpus.root, AS_OF), DOC)


@pytest.mark.parametrize("value", ["no", "yes", "true", "false", "off", "on", "''", "无", "否", "'-'", "123", "[李明华]"])
def test_approved_by_that_is_not_a_name_is_f005_and_never_public(corpus, value):
    corpus.md(ITEM, f"title: 收费标准\ncategory: 收费标准\ndepartment: 财务审计科\napproved_by: {value}\n"
                    "approved_on: 2025-04-03\n", "本局收费标准如下。\n")
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
    head = ("---\nnumber: 区建发〔2025〕1号\ntitle: 关于加强值班管理的通知\ndoc_type: 通知\nrecipients: 各科室\n"
            f"signed_on: 2025-03-05\n{closer}\nclassification: 内部\n---\n各科室：\n\nqzleakclose 正文。\n")
    corpus.write(DOC, head)
    result = check_root(corpus.root, AS_OF)
    [d] = [d for d in result.diagnostics if d.code == "F002" and d.path == DOC]
    assert d.line == 7  # the look-alike line
    assert not public_view(result.corpus, AS_OF).documents


def test_front_matter_closed_by_exactly_three_dashes_passes(corpus):
    corpus.document()
    assert "F002" not in codes(check_root(corpus.root, AS_OF))


@pytest.mark.parametrize("tagged", ["!ENV GITHUB_TOKEN", "!!python/object:os.system ls", "!!binary aGVsbG8=",
                                    "!custom x"])
def test_yaml_tags_in_front_matter_are_f002(corpus, tagged):
    corpus.md(DOC, f"number: 区建发〔2025〕1号\ntitle: {tagged}\ndoc_type: 通知\nrecipients: 各科室\n"
                   "signed_on: 2025-03-05\n", "各科室：\n\n正文。\n")
    result = check_root(corpus.root, AS_OF)
    assert "F002" in codes(result, DOC)
    assert not public_view(result.corpus, AS_OF).documents


def test_personal_numbers_in_a_markdown_attachment_are_x004(corpus):
    from generator.text.chinese import id_check_char

    pid = "33010219900101123" + id_check_char("33010219900101123")
    corpus.write("content/attachments/2025/biao.md", f"# 名单\n\n| 姓名 | 身份证号 | 手机 |\n|---|---|---|\n"
                                                     f"| 王某 | {pid} | 13812345678 |\n")
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
