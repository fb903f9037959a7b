"""S001–S008: outline numbering, attachments, regulation structure, references, empty bodies."""

from __future__ import annotations

import os
from pathlib import Path

from generator.rules import RULES

DOC = "content/documents/2025/zhiban-tongzhi.md"
VER = "regulations/kaoqin/2025-03-01.md"


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line of ``path`` containing ``needle``."""
    seen = 0
    for i, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if needle in text:
            seen += 1
            if seen == nth:
                return i
    raise AssertionError(f"{needle!r} not in {path}")


def only(corpus, code):
    found = corpus.findings(code)
    assert found, f"{code} did not fire"
    return found


def body(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


def test_every_code_is_documented():
    for code in ("S001", "S002", "S003", "S004", "S005", "S006", "S007", "S008"):
        r = RULES[code]
        assert r.summary and r.why and r.wrong and r.right and r.name


# -- S001 ---------------------------------------------------------------------------


def test_s001_fires_on_skipped_level1_number(corpus):
    path = corpus.document(body=body("各科室：", "一、落实责任", "三、做好报送", "四、其他"))
    [d] = only(corpus, "S001")
    assert (d.path, d.severity, d.line) == (DOC, "error", line_of(path, "三、做好报送"))
    assert "此处应为“二、”，却是“三、”" in d.message


def test_s001_fires_on_skipped_level2_number_under_parent(corpus):
    path = corpus.document(
        body=body("一、落实责任", "（一）明确责任人。", "（三）严格交接班。", "二、做好报送", "（一）及时报告。")
    )
    [d] = only(corpus, "S001")
    assert d.line == line_of(path, "（三）严格交接班")
    assert "应为“（二）”" in d.message and "“一、”之下" in d.message


def test_s001_fires_on_repeated_number(corpus):
    path = corpus.document(body=body("一、落实责任", "1.明确责任人。", "1.严格交接班。"))
    [d] = only(corpus, "S001")
    assert d.line == line_of(path, "1.严格交接班")
    assert "应为“2.”" in d.message and "重复" in d.message


def test_s001_fires_when_numbering_does_not_restart_after_parent(corpus):
    path = corpus.document(body=body("一、甲", "（一）子甲", "（二）子乙", "二、乙", "（三）子丙"))
    [d] = only(corpus, "S001")
    assert d.line == line_of(path, "（三）子丙")
    assert "应为“（一）”" in d.message


def test_s001_counts_nonstandard_forms_at_their_level(corpus):
    # （一）、 and (二) are level 2 all the same: （一）、 then (三) skips 二
    path = corpus.document(body=body("一、甲", "（一）、子甲", "(三)子丙"))
    [d] = only(corpus, "S001")
    assert d.line == line_of(path, "(三)子丙")
    assert "应为“（二）”" in d.message and "“(三)”" in d.message


def test_s001_fires_in_disclosure_item(corpus):
    path = corpus.disclosure(body=body("一、收费项目", "三、收费标准"))
    [d] = only(corpus, "S001")
    assert d.path == "content/disclosures/2025-Q2/shoufei-biaozhun.md"
    assert d.line == line_of(path, "三、收费标准")


def test_s001_passes_continuous_nested_outline(corpus):
    corpus.document(
        body=body(
            "各科室：",
            "一、甲",
            "（一）子甲",
            "1.孙甲",
            "（1）曾孙甲",
            "（2）曾孙乙",
            "2.孙乙",
            "（二）子乙",
            "二、乙",
            "（一）子甲",
            "1.孙甲",
            "三、丙",
        )
    )
    assert "S001" not in corpus.codes()


def test_s001_passes_the_default_valid_corpus(corpus):
    corpus.document()
    corpus.regulation()
    corpus.disclosure()
    assert not corpus.codes() & {"S001", "S002", "S003", "S004", "S005", "S006", "S007", "S008"}


def test_s001_ignores_the_attachment_note(corpus):
    corpus.document(
        attachments=["值班表", "值班记录样表"],
        body=body("一、甲", "（一）子甲", "二、乙", "附件：1.值班表", "2.值班记录样表"),
    )
    codes = corpus.codes()
    assert "S001" not in codes and "S002" not in codes


def test_s001_ignores_running_text_that_only_looks_numbered(corpus):
    corpus.document(body=body("一、甲", "2025年3月5日起执行。", "1.5倍工资按规定发放。", "二、乙"))
    assert "S001" not in corpus.codes()


def test_s001_skips_secret_register_entries(corpus):
    corpus.document(classification="秘密", disclosure="不予公开", withhold_reason="涉密", body=body("一、甲", "三、丙"))
    assert "S001" not in corpus.codes()


# -- S002 ---------------------------------------------------------------------------


def test_s002_fires_on_level4_directly_under_level1(corpus):
    path = corpus.document(body=body("一、落实责任", "（1）明确责任人。", "（2）严格交接班。"))
    [d] = only(corpus, "S002")
    assert (d.path, d.severity, d.line) == (DOC, "warning", line_of(path, "（1）明确责任人"))
    assert "越级" in d.message and "“一、”" in d.message and "改为“（一）”" in d.message
    assert "共 2 个" in d.message


def test_s002_fires_when_body_starts_below_level1(corpus):
    path = corpus.document(body=body("各科室：", "1.明确责任人。", "2.严格交接班。"))
    [d] = only(corpus, "S002")
    assert d.line == line_of(path, "1.明确责任人")
    assert "第一个层次标题" in d.message and "改为“一、”" in d.message


def test_s002_fires_on_level3_under_level1(corpus):
    path = corpus.document(body=body("一、甲", "1.孙甲", "二、乙", "（一）子甲", "1.孙甲"))
    [d] = only(corpus, "S002")
    assert d.line == line_of(path, "1.孙甲")  # the first one only; the second sits under （一）


def test_s002_fires_on_nonstandard_marker_with_correct_form(corpus):
    path = corpus.document(body=body("一、甲", "（一）、子甲", "（二）子乙", "1、孙甲", "2．孙乙"))
    found = only(corpus, "S002")
    by_line = {d.line: d for d in found}
    assert len(found) == 3
    d = by_line[line_of(path, "（一）、子甲")]
    assert d.severity == "warning" and "应写作“（一）”" in d.message and "括号后不加任何标点" in d.message
    assert "应写作“1.”" in by_line[line_of(path, "1、孙甲")].message
    assert "应写作“2.”" in by_line[line_of(path, "2．孙乙")].message
    assert "S001" not in corpus.codes()


def test_s002_fires_on_half_width_parentheses(corpus):
    path = corpus.document(body=body("一、甲", "(一)子甲"))
    [d] = only(corpus, "S002")
    assert d.line == line_of(path, "(一)子甲") and "全角" in d.message and "“（一）”" in d.message


def test_s002_passes_properly_nested_levels(corpus):
    corpus.document(body=body("一、甲", "（一）子甲", "1.孙甲", "（1）曾孙甲", "二、乙", "三、丙"))
    assert "S002" not in corpus.codes()


def test_s002_passes_level1_after_deep_levels(corpus):
    # going back up any number of levels is fine
    corpus.document(body=body("一、甲", "（一）子甲", "1.孙甲", "（1）曾孙甲", "二、乙", "（一）子甲"))
    assert "S002" not in corpus.codes()


def test_s002_why_documents_the_double_duty():
    assert "写法" in RULES["S002"].why and "越级" in RULES["S002"].summary


# -- S003 ---------------------------------------------------------------------------


def test_s003_fires_on_different_title(corpus):
    path = corpus.document(attachments=["2025年春节值班表"], body=body("一、甲", "附件：2025年春节值班安排表"))
    [d] = only(corpus, "S003")
    assert (d.path, d.severity, d.line) == (DOC, "error", line_of(path, "附件：2025"))
    assert "“2025年春节值班安排表”" in d.message and "“2025年春节值班表”" in d.message


def test_s003_fires_on_missing_attachment_in_body(corpus):
    path = corpus.document(attachments=["值班表", "值班记录样表"], body=body("一、甲", "附件：值班表"))
    [d] = only(corpus, "S003")
    assert d.line == line_of(path, "附件：值班表")
    assert "正文缺少“值班记录样表”" in d.message
    assert "附件：1.值班表 2.值班记录样表" in d.message


def test_s003_fires_on_extra_attachment_in_body(corpus):
    corpus.document(attachments=["值班表"], body=body("一、甲", "附件：1.值班表", "2.联系表"))
    [d] = only(corpus, "S003")
    assert "正文多出“联系表”" in d.message


def test_s003_fires_on_different_order(corpus):
    corpus.document(attachments=["值班表", "联系表"], body=body("一、甲", "附件：1.联系表", "2.值班表"))
    [d] = only(corpus, "S003")
    assert "顺序不同" in d.message


def test_s003_fires_on_body_note_without_front_matter(corpus):
    path = corpus.document(body=body("一、甲", "附件：值班表"))
    [d] = only(corpus, "S003")
    assert d.line == line_of(path, "附件：值班表") and "没有 attachments" in d.message


def test_s003_fires_on_missing_attachment_file(corpus):
    path = corpus.document(attachments=[{"title": "值班表", "file": "content/files/zhiban.docx"}])
    [d] = only(corpus, "S003")
    assert (d.path, d.severity) == (DOC, "error")
    assert d.line == line_of(path, "content/files/zhiban.docx")
    assert "content/files/zhiban.docx" in d.message and "不存在" in d.message


def test_s003_fires_on_attachment_that_is_a_directory(corpus):
    (corpus.root / "content/files").mkdir(parents=True)
    corpus.document(attachments=[{"title": "值班表", "file": "content/files"}])
    [d] = only(corpus, "S003")
    assert "文件夹" in d.message


def test_s003_passes_matching_note_and_existing_file(corpus):
    corpus.write("content/files/zhiban.docx", b"PK\x03\x04")
    corpus.document(
        attachments=[{"title": "值班表", "file": "content/files/zhiban.docx"}, "值班记录样表"],
        body=body("一、甲", "附件：1.值班表；", "2.值班记录样表。"),
    )
    assert "S003" not in corpus.codes()


def test_s003_passes_single_attachment_and_front_matter_only(corpus):
    corpus.document(slug="a", attachments=["值班表"], body=body("一、甲", "附件：值班表"))
    corpus.document(slug="b", number="区建发〔2025〕2号", attachments=["值班表"], body=body("一、甲"))
    assert "S003" not in corpus.codes()


def test_s003_leaves_paths_outside_the_root_to_x006(corpus, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.docx").write_bytes(b"x")
    corpus.document(
        attachments=[
            {"title": "甲", "file": "../elsewhere/missing.docx"},
            {"title": "乙", "file": "/etc/passwd-missing"},
            {"title": "丙", "file": "content/link.docx"},
        ]
    )
    os.symlink(outside / "missing.docx", corpus.root / "content/link.docx")
    assert corpus.findings("S003") == []


def test_s003_accepts_symlink_inside_root(corpus):
    corpus.write("content/files/real.docx", b"x")
    os.symlink(corpus.root / "content/files/real.docx", corpus.root / "content/files/link.docx")
    corpus.document(attachments=[{"title": "值班表", "file": "content/files/link.docx"}])
    assert "S003" not in corpus.codes()


def test_s003_fires_on_misnumbered_note(corpus):
    path = corpus.document(attachments=["值班表", "联系表"], body=body("一、甲", "附件：1.值班表", "3.联系表"))
    [d] = only(corpus, "S003")
    assert d.line == line_of(path, "3.联系表") and "“2.”" in d.message


# -- regulations: S004–S007 ------------------------------------------------------------


def reg(corpus, text: str) -> Path:
    corpus.regulation(versions={"2025-03-01": text})
    return corpus.root / VER


def test_s004_fires_on_every_gap_and_never_says_renumber(corpus):
    path = reg(corpus, body("第一条　甲。", "第二条　乙。", "第四条　丙。", "第五条　丁。", "第七条　戊。"))
    first, second = only(corpus, "S004")
    assert (first.path, first.severity, first.line) == (VER, "error", line_of(path, "第四条"))
    assert "此处应为“第三条”，却是“第四条”" in first.message
    assert second.line == line_of(path, "第七条") and "缺少“第六条”" in second.message
    for d in (first, second):
        assert "顺改" not in d.message and "重新编号" not in d.message
        assert "补回" in d.message and "acknowledged" in d.message and "S004" in d.message


def test_s004_fires_once_per_gap_naming_a_missing_range(corpus):
    path = reg(corpus, body("第一条　甲。", "第五条　乙。", "第六条　丙。"))
    [d] = only(corpus, "S004")
    assert d.line == line_of(path, "第五条") and "“第二条”至“第四条”（共 3 条）" in d.message


def test_s004_fires_on_repeated_article_across_chapters(corpus):
    path = reg(corpus, body("## 第一章 总则", "第一条　甲。", "第二条　乙。", "## 第二章 附则", "第二条　丙。"))
    [d] = only(corpus, "S004")
    assert d.line == line_of(path, "第二条　丙") and "应为“第三条”" in d.message and "重复" in d.message


def test_s004_fires_on_first_article_not_one(corpus):
    path = reg(corpus, body("第二条　甲。", "第三条　乙。"))
    [d] = only(corpus, "S004")
    assert d.line == line_of(path, "第二条") and "应为“第一条”" in d.message


def test_s004_fires_in_outline_style_regulation(corpus):
    path = reg(corpus, body("为规范管理，制定本规定。", "一、甲", "二、乙", "四、丁"))
    [d] = only(corpus, "S004")
    assert d.line == line_of(path, "四、丁") and "应为“三、”" in d.message


def test_s004_fires_on_article_label_without_space(corpus):
    path = reg(corpus, body("第一条　甲。", "第二条乙。", "第三条　丙。"))
    found = only(corpus, "S004")
    assert any(d.line == line_of(path, "第二条乙") and "缺少空格" in d.message for d in found)


def test_s004_fires_when_no_article_has_a_space(corpus):
    path = reg(corpus, body("第一条甲。", "第二条乙。"))
    [d] = only(corpus, "S004")
    assert d.line == line_of(path, "第一条甲") and "缺少空格" in d.message


def test_s004_fires_on_paragraph_outside_any_article(corpus):
    path = reg(corpus, body("## 第一章 总则", "第一条　甲。", "## 第二章 其他", "本章说明。", "第二条　乙。"))
    [d] = only(corpus, "S004")
    assert d.line == line_of(path, "本章说明") and "不属于任何一条" in d.message


def test_s004_passes_continuous_articles_over_200(corpus):
    from generator.text.numerals import int_to_cn

    reg(corpus, body(*[f"第{int_to_cn(n)}条　内容。" for n in range(1, 206)]))
    assert "S004" not in corpus.codes()


def test_s005_fires_on_skipped_chapter(corpus):
    path = reg(
        corpus,
        body("## 第一章 总则", "第一条　甲。", "## 第二章 请假", "第二条　乙。", "## 第五章 附则", "第三条　丙。"),
    )
    [d] = only(corpus, "S005")
    assert (d.path, d.severity, d.line) == (VER, "error", line_of(path, "第五章"))
    assert "此处应为“第三章”，却是“第五章”" in d.message


def test_s005_fires_on_section_not_restarting_in_chapter(corpus):
    path = reg(
        corpus,
        body(
            "## 第一章 总则",
            "### 第一节 甲",
            "第一条　甲。",
            "### 第二节 乙",
            "第二条　乙。",
            "## 第二章 其他",
            "### 第三节 丙",
            "第三条　丙。",
        ),
    )
    [d] = only(corpus, "S005")
    assert d.line == line_of(path, "第三节") and "应为“第一节”" in d.message


def test_s005_fires_on_heading_that_is_not_a_chapter(corpus):
    path = reg(corpus, body("## 第一章 总则", "第一条　甲。", "## 附则", "第二条　乙。"))
    [d] = only(corpus, "S005")
    assert d.line == line_of(path, "## 附则") and "既不是章" in d.message and "“## 附则”" in d.message


def test_s005_fires_on_section_outside_chapter(corpus):
    path = reg(corpus, body("### 第一节 一般规定", "第一条　甲。"))
    [d] = only(corpus, "S005")
    assert d.line == line_of(path, "第一节") and "不在任何一章之下" in d.message


def test_s005_passes_chapters_and_sections(corpus):
    reg(
        corpus,
        body(
            "## 第一章 总则",
            "第一条　甲。",
            "## 第二章 管理",
            "### 第一节 甲",
            "第二条　乙。",
            "### 第二节 乙",
            "第三条　丙。",
            "## 第三章 附则",
            "### 第一节 丙",
            "第四条　丁。",
        ),
    )
    assert not corpus.codes() & {"S004", "S005"}


def test_s006_fires_on_skipped_item(corpus):
    path = reg(corpus, body("第一条　假期包括：", "（一）年休假；", "（三）事假。"))
    [d] = only(corpus, "S006")
    assert (d.path, d.severity, d.line) == (VER, "error", line_of(path, "（三）事假"))
    assert "此处应为“（二）”，却是“（三）”" in d.message and "第一条" in d.message


def test_s006_fires_when_items_do_not_start_at_one(corpus):
    path = reg(corpus, body("第一条　甲：", "（一）子；", "第二条　乙：", "（二）子。"))
    [d] = only(corpus, "S006")
    assert d.line == line_of(path, "（二）子") and "应为“（一）”" in d.message and "第二条" in d.message


def test_s006_fires_on_repeat_within_clause(corpus):
    path = reg(corpus, body("第一条　甲：", "（一）子；", "（一）丑。"))
    [d] = only(corpus, "S006")
    assert d.line == line_of(path, "（一）丑") and "重复" in d.message


def test_s006_fires_on_enclosed_numerals(corpus):
    path = reg(corpus, body("第一条　甲：", "㈠子；", "㈢丑。"))
    [d] = only(corpus, "S006")
    assert d.line == line_of(path, "㈢丑") and "应为“㈡”" in d.message


def test_s006_passes_items_continuing_or_restarting_in_next_clause(corpus):
    reg(
        corpus,
        body(
            "第一条　甲：",
            "（一）子；",
            "（二）丑。",
            "前款以外的：",
            "（三）寅。",
            "第二条　乙：",
            "（一）子；",
            "（二）丑。",
            "有下列情形的：",
            "（一）寅。",
        ),
    )
    assert "S006" not in corpus.codes()


def test_s006_fires_on_skip_in_second_clause(corpus):
    path = reg(corpus, body("第一条　甲：", "（一）子；", "（二）丑。", "前款以外的：", "（四）寅。"))
    [d] = only(corpus, "S006")
    assert d.line == line_of(path, "（四）寅") and "应为“（三）”" in d.message


def test_s007_fires_on_reference_to_missing_article(corpus):
    path = reg(corpus, body("第一条　甲。", "第二条　违反本制度第三条规定的，按旷工处理。"))
    [d] = only(corpus, "S007")
    assert (d.path, d.severity, d.line) == (VER, "error", line_of(path, "第二条"))
    assert "“本制度第三条”" in d.message and "共 2 条" in d.message


def test_s007_fires_on_missing_clause(corpus):
    path = reg(corpus, body("第一条　甲。", "第二条　依照本办法第一条第二款处理。"))
    [d] = only(corpus, "S007")
    assert d.line == line_of(path, "第二条") and "第二款不存在" in d.message and "只有 1 款" in d.message


def test_s007_fires_on_missing_item(corpus):
    path = reg(
        corpus,
        body(
            "第一条　有下列情形之一的：",
            "（一）甲；",
            "（二）乙。",
            "第二条　有本规定第一条第（三）项情形的，从重处理。",
        ),
    )
    [d] = only(corpus, "S007")
    assert d.line == line_of(path, "第二条") and "第（三）项不存在" in d.message and "只有 2 项" in d.message


def test_s007_fires_on_listed_continuation(corpus):
    path = reg(corpus, body("第一条　甲。", "第二条　乙。", "第三条　违反本制度第一条、第五条的，予以通报。"))
    [d] = only(corpus, "S007")
    assert d.line == line_of(path, "第三条") and "第五条" in d.message


def test_s007_passes_existing_references_and_bare_ones(corpus):
    reg(
        corpus,
        body(
            "第一条　甲。",
            "第二条　乙：",
            "（一）子；",
            "（二）丑。",
            "前款规定以外的，从其规定。",
            "第三条　违反本制度第一条、第二条第二款或者本制度第二条第（二）项的，依照《公务员法》第五十九条处理。",
        ),
    )
    assert "S007" not in corpus.codes()


def test_s007_passes_the_sample_style_reference(corpus):
    corpus.regulation()  # VERSION_BODY: 违反本制度第三条规定的
    assert "S007" not in corpus.codes()


# -- S008 ---------------------------------------------------------------------------


def test_s008_fires_on_empty_document_body(corpus):
    path = corpus.document(body="\n\n\u3000\n")
    [d] = only(corpus, "S008")
    assert (d.path, d.severity) == (DOC, "error")
    assert d.line == line_of(path, "---", 2)
    assert "正文为空" in d.message


def test_s008_fires_on_internal_document_without_body(corpus):
    corpus.document(body="", classification="内部", disclosure="依申请公开")
    [d] = only(corpus, "S008")
    assert "内部" in d.message


def test_s008_fires_on_empty_version_and_disclosure(corpus):
    corpus.regulation(versions={"2025-03-01": ""})
    corpus.disclosure(body="")
    found = {d.path: d for d in only(corpus, "S008")}
    assert set(found) == {VER, "content/disclosures/2025-Q2/shoufei-biaozhun.md"}
    assert all(d.severity == "error" for d in found.values())


def test_s008_passes_secret_register_entry(corpus):
    corpus.document(body="", classification="机密", disclosure="不予公开", withhold_reason="涉及国家秘密")
    assert "S008" not in corpus.codes()


def test_s008_passes_one_line_body(corpus):
    corpus.document(body="各科室：请做好值班工作。")
    assert "S008" not in corpus.codes()


def test_structure_rules_survive_odd_values(corpus):
    corpus.md(
        DOC,
        "number: 区建发〔2025〕1号\ntitle: 通知\ndoc_type: 通知\nsigned_on: 2025-03-05\n"
        "attachments: 值班表\nclassification: [公开]\n",
        "附件：\n\n1.\n\n（）\n\n一、\n",
    )
    corpus.md(
        "content/documents/2025/b.md",
        "number: 区建发〔2025〕2号\ntitle: 通知\ndoc_type: 通知\n"
        'signed_on: 2025-03-05\nattachments:\n  - {title: 甲, file: [a, b]}\n  - {file: "a\\0b"}\n  - 7\n',
        "附件：1.甲\n",
    )
    corpus.regulation(versions={"2025-03-01": "## 第十十章 x\n\n第十十条　y\n\n本制度第零条、第一百五条。\n"})
    corpus.check()  # must not raise
