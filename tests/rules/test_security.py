"""X001–X006: secrets, disclosure attributes, personal numbers, raw HTML, attachment paths."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest

from generator.rules.security import (
    _dangerous_urls,
    _markup,
    attachment_escape,
    mask_id,
    mask_mobile,
)
from generator.text.chinese import id_check_char

DOC = "content/documents/2025/zhiban-tongzhi.md"
ITEM = "content/disclosures/2025-Q2/shoufei-biaozhun.md"


def valid_id(first17: str = "33010219900101123") -> str:
    return first17 + id_check_char(first17)


ID = valid_id()  # 33010219900101123 + check character


def line_of(path, needle: str) -> int:
    """1-based line of the first line of ``path`` containing ``needle``."""
    for n, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if needle in text:
            return n
    raise AssertionError(f"{needle!r} not in {path}")


def found(corpus, code, path=None):
    return [d for d in corpus.check().diagnostics if d.code == code and (path is None or d.path == path)]


# -- X001 ---------------------------------------------------------------------


def test_x001_fires_on_secret_document_with_body(corpus):
    path = corpus.document(classification="机密", body="\n一、安保力量部署\n\n二、……\n")
    [d] = found(corpus, "X001")
    assert (d.path, d.severity) == (DOC, "error")
    assert d.line == line_of(path, "一、安保力量部署")
    assert "机密" in d.message and "git" in d.message and "2 行" in d.message


def test_x001_fires_on_secret_document_with_attachments(corpus):
    path = corpus.document(classification="绝密", body="", attachments=["安保力量部署表"])
    [d] = found(corpus, "X001")
    assert (d.path, d.severity) == (DOC, "error")
    assert d.line == line_of(path, "attachments:")
    assert "attachments" in d.message


def test_x001_passes_register_entry_with_blank_lines_only(corpus):
    corpus.document(classification="秘密", body="\n   \n\u3000\n")
    assert found(corpus, "X001") == []


def test_x001_passes_internal_document_with_body(corpus):
    corpus.document(classification="内部", disclosure="不予公开", withhold_reason="内部事务信息")
    assert found(corpus, "X001") == []


# -- X002 ---------------------------------------------------------------------


def test_x002_fires_on_internal_document_marked_proactive(corpus):
    path = corpus.document(classification="内部", disclosure="主动公开")
    [d] = found(corpus, "X002")
    assert (d.path, d.severity) == (DOC, "error")
    assert d.line == line_of(path, "disclosure:")
    assert "内部" in d.message and "不予公开" in d.message


def test_x002_fires_on_secret_register_entry_marked_proactive(corpus):
    path = corpus.document(classification="秘密", disclosure="主动公开", body="")
    [d] = found(corpus, "X002")
    assert d.line == line_of(path, "disclosure:")
    assert "解密" in d.message


def test_x002_passes_public_proactive_and_internal_on_request(corpus):
    corpus.document(classification="公开", disclosure="主动公开")
    corpus.document(slug="neibu", classification="内部", disclosure="依申请公开")
    assert found(corpus, "X002") == []


# -- X003 ---------------------------------------------------------------------


def test_x003_fires_on_explicit_withheld_without_reason(corpus):
    path = corpus.document(disclosure="不予公开")
    [d] = found(corpus, "X003")
    assert (d.path, d.severity) == (DOC, "error")
    assert d.line == line_of(path, "disclosure:")
    assert "withhold_reason" in d.message


def test_x003_fires_on_internal_without_disclosure_key(corpus):
    path = corpus.document(classification="内部")
    [d] = found(corpus, "X003")
    assert d.line == line_of(path, "classification:")
    assert "不予公开" in d.message


def test_x003_fires_on_blank_reason(corpus):
    path = corpus.document(disclosure="不予公开", withhold_reason="  ")
    [d] = found(corpus, "X003")
    assert d.line == line_of(path, "withhold_reason:")
    assert "空" in d.message


def test_x003_passes_with_reason_and_for_register_entries(corpus):
    corpus.document(classification="内部", withhold_reason="内部事务信息（《政府信息公开条例》第十六条）")
    corpus.document(slug="jimi", classification="机密", body="")
    corpus.document(slug="yishenqing", disclosure="依申请公开")
    assert found(corpus, "X003") == []


def test_x003_leaves_invalid_disclosure_to_f005(corpus):
    corpus.document(disclosure="不公开")
    assert found(corpus, "X003") == []
    assert found(corpus, "F005")


# -- X004 ---------------------------------------------------------------------


def test_masks_never_show_the_whole_number():
    assert mask_id("330102199001011237") == "330102********1237"
    assert mask_id("11010519491231002x") == "110105********002X"
    assert mask_mobile("13812345678") == "138****5678"
    assert mask_mobile("+86 138-1234-5678") == "138****5678"


def test_x004_fires_on_id_number_in_body_masked(corpus):
    path = corpus.document(body=f"各科室：\n\n联系人王某某，身份证号{ID}，请核实。\n")
    [d] = found(corpus, "X004")
    assert (d.path, d.severity) == (DOC, "error")
    assert d.line == line_of(path, "联系人王某某")
    assert mask_id(ID) in d.message
    assert ID not in d.message and ID[6:14] not in d.message


def test_x004_fires_on_mobile_in_front_matter_list(corpus):
    path = corpus.document(cc=["区财政局", "联系人 13812345678"])
    [d] = found(corpus, "X004")
    assert d.line == line_of(path, "联系人 ")
    assert "138****5678" in d.message and "13812345678" not in d.message
    assert "cc" in d.message


def test_x004_fires_on_draft_and_disclosure_and_version(corpus):
    corpus.document(
        published_on=dt.date(2027, 1, 1),
        signed_on=dt.date(2026, 12, 30),
        number="区建发〔2026〕1号",
        body="电话：139-1234-5678\n",
    )
    corpus.disclosure(approved_by="李明华 15912345678")
    corpus.regulation(versions={"2025-03-01": f"第一条　联系人身份证号 {ID}。\n"})
    paths = {d.path for d in found(corpus, "X004")}
    assert paths == {"content/documents/2026/zhiban-tongzhi.md", ITEM, "regulations/kaoqin/2025-03-01.md"}


def test_x004_passes_invalid_checksum_long_numbers_and_register_entries(corpus):
    bad_check = ID[:17] + ("0" if ID[17] != "0" else "1")
    corpus.document(body=f"账号{bad_check}，办公电话0571-87654321，项目编号2025123456789。\n")
    corpus.document(slug="jimi", classification="机密", body=f"身份证号{ID}\n")  # X001's business
    assert found(corpus, "X004") == []


# -- X005 ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "<p>段落</p>",
        "换行<br/>之后",
        "</div>",
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "<!-- 内部意见：暂缓 -->",
        "<SCRIPT SRC=//evil.example/x.js>",
        "<&#115;cript>alert(1)",
        "<?php echo 1; ?>",
        "<svg/onload=alert(1)@x.cn>",
        "<tel:13800000000>",
        "<mailto:nobody>",
    ],
)
def test_markup_detected(text):
    assert _markup(text)


@pytest.mark.parametrize(
    "text",
    [
        "[点此](javascript:alert(1))",
        "[点此](JavaScript:alert(1))",
        "[点此](java&#115;cript:alert(1))",
        "[点此](jav&#x09;ascript:alert(1))",
        "[点此](jav\tascript:alert(1))",
        "[点此](java script:alert(1))",
        "[点此](javascript&colon;alert(1))",
        "[点此](&#0000106;avascript:alert(1))",
        "vbscript:msgbox(1)",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](DATA:Text/HTML,<b>)",
    ],
)
def test_dangerous_urls_detected(text):
    assert _dangerous_urls(text)


@pytest.mark.parametrize(
    "text",
    [
        "办公面积<100平方米的，按标准执行。",
        "当 1 < 2 时成立",
        "a<=b 且 c < d",
        "详见 <https://www.example.gov.cn/a?b=1> 和 <mailto:office@example.gov.cn>",
        "联系 <office@example.gov.cn> 或 <ftp://ftp.example.gov.cn/pub/>",
        "&lt;script&gt;alert(1)&lt;/script&gt; 是转义后的文字",
        "<<关于加强值班管理的通知>>",
        "时间：10:30，地点：会议室",
        "详见[办事指南](https://www.example.gov.cn/bszn/)",
    ],
)
def test_harmless_text_not_flagged(text):
    assert not _markup(text)
    assert not _dangerous_urls(text)


def test_x005_fires_on_html_in_document_body(corpus):
    path = corpus.document(body='各科室：\n\n详见<a href="javascript:alert(1)">附件</a>。\n')
    [d] = found(corpus, "X005")
    assert (d.path, d.severity) == (DOC, "error")
    assert d.line == line_of(path, "详见<a")
    assert "<a href" in d.message and "javascript:" in d.message


def test_x005_fires_on_obfuscated_link_in_disclosure(corpus):
    path = corpus.disclosure(body="收费标准见下。\n\n[查看](java&#115;cript:alert(document.cookie))\n")
    [d] = found(corpus, "X005")
    assert d.path == ITEM
    assert d.line == line_of(path, "[查看]")
    assert "javascript:" in d.message  # the decoded form is named


def test_x005_quotes_without_personal_numbers(corpus):
    corpus.document(body='各科室：\n\n<a href="tel:13812345678">联系</a>\n')
    [d] = found(corpus, "X005")
    assert "138****5678" in d.message and "13812345678" not in d.message


def test_x005_quotes_the_whole_obfuscated_scheme(corpus):
    corpus.document(body="各科室：\n\n[查看](javascript&colon;alert(1))\n")
    [d] = found(corpus, "X005")
    assert "“javascript&colon;”（即 javascript:）" in d.message


def test_x005_fires_on_comment_in_version(corpus):
    corpus.regulation(versions={"2025-03-01": "第一条　为规范管理，制定本制度。\n<!-- 待领导审定 -->\n"})
    [d] = found(corpus, "X005")
    assert d.path == "regulations/kaoqin/2025-03-01.md"
    assert "注释" in d.message


def test_x005_passes_comparisons_and_autolinks(corpus):
    corpus.document(
        body="各科室：\n\n面积<100平方米的，详见 <https://www.example.gov.cn/>。\n\n"
        "当 1 < 2 时，&lt;script&gt; 仅为文字。\n"
    )
    assert found(corpus, "X005") == []


def test_x005_is_linear_on_huge_lines():
    line = ("面积<100平方米，" * 2000 + "a < b " * 2000 + "<https://x.example/" + "a" * 5000) * 3
    line += "&#" * 20000 + "java" * 10000 + ":" * 10000
    assert len(line) > 100_000
    start = time.perf_counter()
    _markup(line)
    _dangerous_urls(line)
    assert time.perf_counter() - start < 2.0


@pytest.mark.slow
def test_x005_huge_body_is_fast(corpus):
    big = ("为进一步加强机关值班管理，面积<100平方米的，时间10:30，详见 <https://a.example/>。" * 2000 + "\n") * 60
    corpus.document(body=big + "<script>alert(1)</script>\n")
    start = time.perf_counter()
    found_ = found(corpus, "X005")
    assert len(found_) == 1
    assert time.perf_counter() - start < 20.0


# -- X006 ---------------------------------------------------------------------


def test_x006_fires_on_dotdot_and_absolute_paths(corpus):
    path = corpus.document(
        attachments=[
            {"title": "项目清单", "file": "../../共享盘/项目清单.xlsx"},
            {"title": "统计表", "file": "/home/wang/统计表.pdf"},
            {"title": "附表", "file": "C:\\Users\\wang\\附表.docx"},
            {"title": "好的", "file": "content/attachments/2025/hao.pdf"},
        ],
        body="各科室：\n\n正文。\n\n附件：1.项目清单\n2.统计表\n3.附表\n4.好的\n",
    )
    ds = found(corpus, "X006")
    assert all(d.severity == "error" and d.path == DOC for d in ds)
    # the line of the attachment item (its "- title:" line)
    assert [d.line for d in ds] == [
        line_of(path, "title: 项目清单"),
        line_of(path, "title: 统计表"),
        line_of(path, "title: 附表"),
    ]
    assert "跳出" in ds[0].message and "绝对路径" in ds[1].message


def test_x006_fires_on_symlinked_parent_leaving_root(corpus, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.pdf").write_bytes(b"%PDF")
    (corpus.root / "content/attachments").mkdir(parents=True)
    os.symlink(outside, corpus.root / "content/attachments/link")
    path = corpus.document(attachments=[{"title": "材料", "file": "content/attachments/link/secret.pdf"}])
    [d] = found(corpus, "X006")
    assert d.line == line_of(path, "title: 材料")
    assert "符号链接" in d.message


def test_x006_passes_attachments_folder_files_even_when_missing(corpus, tmp_path):
    from testkit.attachments import minimal

    (corpus.root / "content/attachments/2025").mkdir(parents=True)
    (corpus.root / "content/attachments/2025/a.pdf").write_bytes(minimal(".pdf", tmp_path))
    corpus.document(
        attachments=[
            {"title": "甲", "file": "content/attachments/2025/a.pdf"},
            {"title": "丁", "file": "content/attachments/2025/missing.pdf"},  # S003's business
            "只有标题",
        ]
    )
    assert found(corpus, "X006") == []


def test_x006_fires_on_dotdot_and_links_even_inside_the_attachments_folder(corpus):
    """SPEC §7.6: a plain path under content/attachments/, no link (the old rule let both pass)."""
    (corpus.root / "content/attachments/2025").mkdir(parents=True)
    (corpus.root / "content/attachments/2025/a.pdf").write_bytes(b"%PDF")
    os.symlink(corpus.root / "content/attachments/2025/a.pdf", corpus.root / "content/attachments/b.pdf")
    corpus.document(
        attachments=[
            {"title": "乙", "file": "content/attachments/../attachments/2025/a.pdf"},
            {"title": "丙", "file": "content/attachments/b.pdf"},
        ]
    )
    ds = found(corpus, "X006")
    assert len(ds) == 2
    assert ".." in ds[0].message and "符号链接" in ds[1].message


def test_attachment_escape_helper(tmp_path):
    root = str(tmp_path)
    assert attachment_escape(root, "a/../../b") is not None
    assert attachment_escape(root, "a/b/../c") is None
    assert attachment_escape(root, "..\\secret.txt") is not None
    assert attachment_escape(root, "file:///etc/passwd") is not None
    assert attachment_escape(root, "a\x00b") is not None
