"""Texts adopted as they are (SPEC §7.2, §7.3): S009 S010 Z003 Z004 T007 I001 K001, the S004/S006
advice for adopted texts, and acknowledged findings in check, build and export."""

from __future__ import annotations

import json
from pathlib import Path

from generator.cli import main
from generator.diagnostics import format_github, format_json, format_text

DOC = "content/documents/2025/zhiban-tongzhi.md"
VER = "regulations/kaoqin/2025-03-01.md"


def line_of(path: Path, needle: str) -> int:
    for i, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if needle in text:
            return i
    raise AssertionError(needle)


def body(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


def reg(corpus, text: str, **fm) -> Path:
    corpus.regulation(versions={})
    return corpus.version("kaoqin", "2025-03-01", text, **fm)


def found(corpus, code):
    return [d for d in corpus.check().diagnostics if d.code == code]


# -- S009 ---------------------------------------------------------------------------------


def test_s009_fires_on_articles_run_together_instead_of_s004(corpus):
    path = reg(corpus, body("第一条　甲。", "第二条　乙。违反的按旷工处理。第三条　丙。第四条　丁。", "第五条　戊。"))
    s009 = found(corpus, "S009")
    assert [d.message.split("”")[0] for d in s009] == ["“第三条", "“第四条"]
    assert all(d.line == line_of(path, "第二条") and d.severity == "error" for d in s009)
    assert "另起一段" in s009[0].message and "序号不变" in s009[0].message
    assert found(corpus, "S004") == []  # not reported as missing


def test_s009_fires_on_items_run_together_instead_of_s006(corpus):
    path = reg(corpus, body("第一条　假期包括：", "（一）年休假；（二）事假；", "（三）病假。"))
    [d] = found(corpus, "S009")
    assert d.line == line_of(path, "（一）年休假") and "（二）" in d.message
    assert found(corpus, "S006") == []


def test_s009_reports_only_the_run_together_part_of_a_gap(corpus):
    path = reg(corpus, body("第一条　甲。第二条　乙。", "第五条　丙。"))
    [d] = found(corpus, "S009")
    assert "第二条" in d.message
    [gap] = found(corpus, "S004")
    assert gap.line == line_of(path, "第五条") and "“第三条”至“第四条”" in gap.message


def test_s009_passes_a_reference_to_another_article(corpus):
    reg(corpus, body("第一条　甲。", "第二条　违反本制度第三条规定的，依照第三条处理。", "第三条　丙。"))
    assert found(corpus, "S009") == [] and found(corpus, "S004") == []


# -- S010 ---------------------------------------------------------------------------------


def test_s010_fires_on_article_without_text(corpus):
    path = reg(corpus, body("第一条　甲。", "第二条", "第三条　丙。"))
    [d] = found(corpus, "S010")
    assert (d.line, d.severity) == (line_of(path, "第二条"), "warning") and "只有条号" in d.message


def test_s010_fires_on_item_without_text(corpus):
    path = reg(corpus, body("第一条　假期包括：", "（一）年休假；", "（二）", "（三）病假。"))
    [d] = found(corpus, "S010")
    assert d.line == line_of(path, "（二）") and "只有项号" in d.message


def test_s010_passes_articles_with_text(corpus):
    reg(corpus, body("第一条　甲。", "第二条　乙：", "（一）子；", "（二）丑。"))
    assert found(corpus, "S010") == []


# -- Z003 ---------------------------------------------------------------------------------


def test_z003_fires_on_tilde_and_comma_item(corpus):
    path = reg(corpus, body("第一条　工作人员请假~须提前申请～经批准后方可离岗。", ",一,病假；"))
    hits = found(corpus, "Z003")
    assert {d.line for d in hits} == {line_of(path, "请假~"), line_of(path, ",一,")}
    text = " ".join(d.message for d in hits)
    assert "“~”应为“，”" in text and "“,一,”应为“（一）”" in text


def test_z003_passes_ranges_between_numbers(corpus):
    reg(corpus, body("第一条　年休假为5～15天，事假一般不超过3~5天。"))
    assert found(corpus, "Z003") == []


# -- Z004 ---------------------------------------------------------------------------------


def test_z004_fires_on_space_in_word_and_stray_page_number(corpus):
    path = reg(corpus, body("第一条　机关实行值 班制度。", "第二条　值班人员应当 12 坚守岗位。"))
    hits = found(corpus, "Z004")
    assert {d.line for d in hits} == {line_of(path, "值 班"), line_of(path, "应当 12")}
    assert any("页码" in d.message for d in hits) and any("空格" in d.message for d in hits)


def test_z004_passes_labels_name_lists_and_quantities(corpus):
    corpus.document(body=body("各科室：", "值班时间为 24 小时，共 3 人。", "出席：张三 李四 王五"))
    reg(corpus, body("第一条 为规范考勤，制定本制度。", "第二条　本制度自 2025 年 3 月 1 日起施行。"))
    assert found(corpus, "Z004") == []


# -- T007 ---------------------------------------------------------------------------------


def test_t007_fires_on_title_without_guanyu(corpus):
    path = corpus.document(title="加强机关值班管理的通知")
    [d] = found(corpus, "T007")
    assert (d.path, d.line, d.severity) == (DOC, line_of(path, "title:"), "warning")


def test_t007_passes_guanyu_titles_and_types_without_it(corpus):
    corpus.document(title="青川市临江区住房和城乡建设局关于加强机关值班管理的通知")
    corpus.document(
        slug="gonggao",
        number="区建发〔2025〕2号",
        title="临江区住房和城乡建设局公告",
        doc_type="公告",
        drop=("recipients",),
    )
    corpus.document(
        slug="gongbao",
        number="区建发〔2025〕3号",
        title="2024年临江区住房和城乡建设事业发展统计公报",
        doc_type="公报",
        drop=("recipients",),
    )
    corpus.document(
        slug="nianbao",
        number="区建发〔2025〕4号",
        title="临江区住房和城乡建设局2024年政府信息公开工作年度报告",
        doc_type="报告",
        signer="李明华",
    )
    assert found(corpus, "T007") == []


# -- I001 ---------------------------------------------------------------------------------


def test_i001_fires_on_file_under_review(corpus):
    path = corpus.document(review=["发文字号照录，请核对", "主送机关"])
    [d] = found(corpus, "I001")
    assert (d.path, d.line, d.severity) == (DOC, line_of(path, "review:"), "warning")
    assert "发文字号照录" in d.message and "不会发布" in d.message


def test_i001_passes_without_review(corpus):
    corpus.document()
    assert found(corpus, "I001") == []


# -- acknowledgements and K001 ------------------------------------------------------------

GAP_BODY = body("第一条　甲。", "第二条　乙。", "第五条　丙。")
ACK = [{"code": "S004", "reason": "原文印发时即缺第三条、第四条，以印发文本为准"}]


def test_acknowledged_gap_is_reported_but_not_an_error(corpus):
    reg(corpus, GAP_BODY, acknowledged=ACK)
    result = corpus.check()
    [d] = [d for d in result.diagnostics if d.code == "S004"]
    assert d.severity == "acknowledged" and "原文印发时即缺第三条" in d.message
    assert result.errors == []
    text = format_text(result.diagnostics, result.files)
    assert f"{VER}:" in text and "S004 已确认:" in text and "1 个已确认" in text
    data = json.loads(format_json(result.diagnostics, result.files))
    assert [x["severity"] for x in data["diagnostics"] if x["code"] == "S004"] == ["acknowledged"]
    assert data["summary"]["errors"] == 0 and data["summary"]["acknowledged"] == 1
    assert "::notice file=" in format_github(result.diagnostics, result.files)


def test_acknowledgement_is_per_file_and_per_code(corpus):
    reg(corpus, GAP_BODY + "第六条　丁。\n\n第六条　戊。\n", acknowledged=[{"code": "S006", "reason": "无关"}])
    codes = {(d.code, d.severity) for d in corpus.check().diagnostics}
    assert ("S004", "error") in codes  # S006 does not acknowledge S004


def test_k001_fires_on_stale_acknowledgement(corpus):
    path = reg(corpus, body("第一条　甲。", "第二条　乙。"), acknowledged=ACK)
    [d] = found(corpus, "K001")
    assert (d.path, d.severity, d.line) == (VER, "warning", line_of(path, "code: S004"))


def test_k001_passes_when_the_acknowledged_finding_exists(corpus):
    reg(corpus, GAP_BODY, acknowledged=ACK)
    assert found(corpus, "K001") == []


def test_acknowledgement_without_reason_is_f004_and_does_not_count(corpus):
    reg(corpus, GAP_BODY, acknowledged=[{"code": "S004"}])
    result = corpus.check()
    assert any(d.code == "F004" and "reason" in d.message for d in result.errors)
    assert any(d.code == "S004" and d.severity == "error" for d in result.diagnostics)


def test_x_codes_can_never_be_acknowledged(corpus):
    corpus.document(
        body=body("各科室：", "联系人张三，手机13812345678。"),
        acknowledged=[{"code": "X004", "reason": "本人同意公开"}],
    )
    result = corpus.check()
    assert any(d.code == "X004" and d.severity == "error" for d in result.diagnostics)
    assert any(d.code == "F005" and "X004 不能确认" in d.message for d in result.diagnostics)


def test_acknowledged_regulation_exports_and_builds(corpus, tmp_path):
    reg(corpus, GAP_BODY, acknowledged=ACK)
    root = str(corpus.root)
    assert main(["--root", root, "--as-of", "2026-11-23", "check"]) == 0
    out = tmp_path / "kaoqin.docx"
    assert main(["--root", root, "--as-of", "2026-11-23", "export", "regulation", "kaoqin", "--out", str(out)]) == 0
    assert out.stat().st_size > 3000


def test_unacknowledged_gap_refuses_export(corpus, tmp_path, capsys):
    reg(corpus, GAP_BODY)
    out = tmp_path / "kaoqin.docx"
    assert (
        main(["--root", str(corpus.root), "--as-of", "2026-11-23", "export", "regulation", "kaoqin", "--out", str(out)])
        == 1
    )
    assert "S004" in capsys.readouterr().err and not out.exists()
