"""T001–T006: title, 文种, recipients and signer."""

from __future__ import annotations

import pytest

from generator.rules.titles import _requests_in, _title_marks

DOC = "content/documents/2025/zhiban-tongzhi.md"

REPORT_BODY = """区人民政府：

现将我局2025年上半年工作情况报告如下。

一、主要工作

全年共完成老旧小区改造项目十二个。

以上报告妥否，请批示。
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


# -- T001 ---------------------------------------------------------------------------------------


def test_t001_fires_when_title_lacks_type(corpus):
    corpus.document(title="关于加强机关值班管理")
    f = only(corpus.findings("T001"))
    assert (f.severity, f.path, f.line) == ("error", DOC, line_of(corpus, DOC, "title"))
    assert "关于加强机关值班管理的通知" in f.message


def test_t001_fires_when_title_has_another_type(corpus):
    corpus.document(title="关于申请值班经费的报告", doc_type="请示", signer="王建国", recipients="区人民政府")
    f = only(corpus.findings("T001"))
    assert "“报告”" in f.message and "“请示”" in f.message


def test_t001_fires_when_command_titled_otherwise(corpus):
    corpus.document(title="关于实施新规定的决定", doc_type="令", recipients=None)
    assert "T001" in corpus.codes()


@pytest.mark.parametrize(
    "title, doc_type",
    [
        ("青川市临江区住房和城乡建设局令", "命令"),
        ("青川市临江区住房和城乡建设局命令", "命令"),
        ("青川市临江区住房和城乡建设局令", "令"),
        ("关于加快发展保障性租赁住房的实施意见（试行）", "意见"),
        ("关于商请协助开展联合检查的函", "函"),
    ],
)
def test_t001_passes_matching_titles(corpus, title, doc_type):
    corpus.document(title=title, doc_type=doc_type)
    assert "T001" not in corpus.codes()


def test_t001_passes_unknown_doc_type(corpus):
    corpus.document(title="关于加强机关值班管理的通知", doc_type="通告书")
    codes = corpus.codes()
    assert "F005" in codes and "T001" not in codes


# -- T002 ---------------------------------------------------------------------------------------


def test_t002_fires_on_comma_and_full_stop(corpus):
    title = "关于做好汛期安全生产工作，切实保障群众安全的通知。"
    corpus.document(title=title)
    f = only(corpus.findings("T002"))
    assert (f.severity, f.path, f.line) == ("warning", DOC, line_of(corpus, DOC, "title"))
    assert f"“，”（第 {title.index('，') + 1} 字）" in f.message
    assert f"“。”（第 {len(title)} 字）" in f.message


def test_t002_fires_on_parentheses_outside_book_marks(corpus):
    corpus.document(title="关于印发值班制度（修订）的通知")
    assert "“（”" in only(corpus.findings("T002")).message


def test_t002_passes_allowed_marks(corpus):
    corpus.document(title="关于印发《机关考勤管理制度（试行）》和《印章管理规定》的通知")
    corpus.document(
        slug="b",
        number="区建发〔2025〕2号",
        title="关于开展“安全生产月”和“质量月”活动、做好2025—2026年度冬季施工的通知",
    )
    assert "T002" not in corpus.codes()


def test_title_marks_positions():
    assert _title_marks("关于《a，b》的，通知") == [(9, "，")]
    assert _title_marks("提高10%的通知") == []
    assert _title_marks("关于做好3.5级以上地震应对的通知") == []


# -- T003 ---------------------------------------------------------------------------------------


def test_t003_fires_on_request_with_two_recipients(corpus):
    corpus.document(
        title="关于申请值班经费的请示", doc_type="请示", signer="王建国", recipients=["区人民政府", "区财政局"]
    )
    f = only(corpus.findings("T003"))
    assert (f.severity, f.path, f.line) == ("error", DOC, line_of(corpus, DOC, "recipients"))
    assert "区人民政府、区财政局" in f.message and "cc" in f.message


def test_t003_fires_on_joined_string(corpus):
    corpus.document(title="关于申请值班经费的请示", doc_type="请示", signer="王建国", recipients="区人民政府、区财政局")
    assert "2 个主送机关" in only(corpus.findings("T003")).message


def test_t003_fires_on_register_entry(corpus):
    corpus.document(
        title="关于申请值班经费的请示",
        doc_type="请示",
        signer="王建国",
        recipients="区人民政府，区财政局",
        classification="秘密",
        body="",
    )
    assert "T003" in corpus.codes()


def test_t003_passes_single_recipient_and_notice_to_many(corpus):
    corpus.document(
        title="关于申请值班经费的请示", doc_type="请示", signer="王建国", recipients=["区人民政府"], cc="区财政局"
    )
    corpus.document(slug="b", number="区建发〔2025〕2号", recipients="各科室、各直属单位")
    assert "T003" not in corpus.codes()


# -- T004 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("doc_type", ["请示", "报告"])
def test_t004_fires_without_signer(corpus, doc_type):
    corpus.document(title=f"关于值班工作的{doc_type}", doc_type=doc_type, recipients="区人民政府")
    f = only(corpus.findings("T004"))
    assert (f.severity, f.path, f.line) == ("error", DOC, line_of(corpus, DOC, "doc_type"))
    assert "signer" in f.message and doc_type in f.message


def test_t004_fires_on_empty_signer(corpus):
    corpus.document(title="关于值班工作的报告", doc_type="报告", recipients="区人民政府", signer="")
    f = only(corpus.findings("T004"))
    assert f.line == line_of(corpus, DOC, "signer")


def test_t004_passes_with_signer_or_other_type(corpus):
    corpus.document(title="关于值班工作的报告", doc_type="报告", recipients="区人民政府", signer="王建国")
    corpus.document(slug="b", number="区建发〔2025〕2号")  # 通知 needs no signer
    assert "T004" not in corpus.codes()


# -- T005 ---------------------------------------------------------------------------------------


def test_t005_fires_without_recipients(corpus):
    corpus.document(drop=("recipients",))
    f = only(corpus.findings("T005"))
    assert (f.severity, f.path, f.line) == ("error", DOC, line_of(corpus, DOC, "doc_type"))
    assert "通知" in f.message and "recipients" in f.message


def test_t005_fires_on_empty_list_and_register_entry(corpus):
    corpus.document(recipients=[])
    corpus.document(slug="mi", number="区建发〔2025〕2号", drop=("recipients",), classification="机密", body="")
    found = corpus.findings("T005")
    assert {f.path for f in found} == {DOC, "content/documents/2025/mi.md"}
    f = [f for f in found if f.path == DOC][0]
    assert f.line == line_of(corpus, DOC, "recipients") and "值为空" in f.message


@pytest.mark.parametrize(
    "doc_type, title",
    [
        ("公告", "关于暂停办理商品房预售许可的公告"),
        ("通告", "关于夜间施工管理的通告"),
        ("纪要", "局长办公会议纪要"),
        ("令", "青川市临江区住房和城乡建设局令"),
    ],
)
def test_t005_passes_types_without_recipients(corpus, doc_type, title):
    corpus.document(drop=("recipients",), doc_type=doc_type, title=title)
    assert "T005" not in corpus.codes()


# -- T006 ---------------------------------------------------------------------------------------


def test_t006_fires_on_report_asking_for_approval(corpus):
    corpus.document(
        title="关于2025年上半年工作情况的报告",
        doc_type="报告",
        signer="王建国",
        recipients="区人民政府",
        body=REPORT_BODY,
    )
    f = only(corpus.findings("T006"))
    assert (f.severity, f.path) == ("warning", DOC)
    assert f.line == line_of(corpus, DOC, "以上报告")
    assert "“妥否”“请批示”" in f.message and "请示" in f.message


def test_t006_passes_report_without_request_and_request_doc(corpus):
    corpus.document(
        title="关于2025年上半年工作情况的报告",
        doc_type="报告",
        signer="王建国",
        recipients="区人民政府",
        body=REPORT_BODY.replace("以上报告妥否，请批示。", "不可否认，任务依然艰巨。特此报告。"),
    )
    corpus.document(
        slug="b",
        number="区建发〔2025〕2号",
        title="关于申请值班经费的请示",
        doc_type="请示",
        signer="王建国",
        recipients="区人民政府",
        body="区人民政府：\n\n以上请示妥否，请批示。\n",
    )
    assert "T006" not in corpus.codes()


def test_requests_in():
    assert _requests_in("当否，请予批准。") == ["当否", "请予批准"]
    assert _requests_in("不可否认") == []
    assert _requests_in("是否同意，请审定。") == ["是否同意", "请审定"]


def test_t002_passes_codes_and_ranges():
    assert _title_marks("关于商请提供城南片区B-07地块规划条件的函") == []
    assert _title_marks("关于贯彻GB/T 9704的通知") == []
    assert _title_marks("关于2025—2026年度工作的通知") == []
    assert _title_marks("关于A-的通知") == [(4, "-")]
