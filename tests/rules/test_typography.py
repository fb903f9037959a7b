"""Z001–Z002: half-width punctuation and unbalanced pairs in titles and bodies."""

from __future__ import annotations

import random
import time

from generator.rules.typography import _halfwidth_in, code_spans, markdown_text
from generator.text.chinese import PAIRS, find_unbalanced

DOC = "content/documents/2025/zhiban-tongzhi.md"
ITEM = "content/disclosures/2025-Q2/shoufei-biaozhun.md"
VERSION = "regulations/kaoqin/2025-03-01.md"


def line_of(path, needle: str) -> int:
    for n, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if needle in text:
            return n
    raise AssertionError(f"{needle!r} not in {path}")


def found(corpus, code):
    return [d for d in corpus.check().diagnostics if d.code == code]


# -- Z001 ---------------------------------------------------------------------


def test_z001_fires_on_halfwidth_comma_and_colon_in_body(corpus):
    path = corpus.document(body="各科室,直属单位:\n\n请于3月10日前报送。\n")
    [d] = found(corpus, "Z001")
    assert (d.path, d.line, d.severity) == (DOC, line_of(path, "各科室,"), "warning")
    assert "“各科室,直属单位:”中的半角“,”应为全角“，”" in d.message
    assert "半角“:”应为全角“：”" in d.message


def test_z001_fires_on_parentheses_in_title_of_disclosure(corpus):
    path = corpus.disclosure(title="2025年第二季度收费标准(修订)")
    [d] = found(corpus, "Z001")
    assert (d.path, d.line) == (ITEM, line_of(path, "title:"))
    assert "标题" in d.message and "“（”" in d.message and "“）”" in d.message


def test_z001_fires_on_link_text_but_not_its_target(corpus):
    path = corpus.document(body="各科室：\n\n详见[办事指南,附件](附件,说明.pdf)。\n")
    [d] = found(corpus, "Z001")
    assert d.line == line_of(path, "详见[")
    assert "“…[办事指南,附件](附…”" in d.message and "等" not in d.message


def test_z001_fires_in_version_body(corpus):
    corpus.regulation(versions={"2025-03-01": "第一条　为规范考勤管理;制定本制度。\n"})
    [d] = found(corpus, "Z001")
    assert d.path == VERSION and "；" in d.message


def test_z001_passes_latin_numbers_urls_code_and_link_targets(corpus):
    corpus.document(
        body=(
            "各科室、直属单位：\n\n"
            "会议时间10:30，依据GB/T 9704-2012，金额1,000元。\n\n"
            "详见[办事指南](https://www.example.gov.cn/a,b:c)。\n\n"
            "详见[说明](附件,说明.pdf)和`代码,片段`及 https://x.example/中文,中文 。\n"
        )
    )
    assert found(corpus, "Z001") == []


def test_z001_skips_fenced_code_and_register_entries(corpus):
    corpus.document(body="各科室：\n\n```\n值班,请假\n```\n\n以上。\n")
    corpus.document(slug="jimi", classification="秘密", body="", title="关于值班,请假的通知")
    assert found(corpus, "Z001") == []


def test_markdown_masking_keeps_offsets():
    line = "甲`乙,丙`丁[戊](己,庚)<https://a.example/,>"
    masked = markdown_text(line)
    assert len(masked) == len(line)
    assert "," not in masked and masked.startswith("甲") and "丁[戊]" in masked
    assert code_spans("a``b`c``d`e") == [(1, 8)]


def test_z001_long_lines_are_fast():
    line = "中文(" * 40000 + "中文)" * 40000 + "中文,中文 10:30 " * 10000
    start = time.perf_counter()
    _halfwidth_in(line)
    assert time.perf_counter() - start < 5.0


# -- Z002 ---------------------------------------------------------------------


def test_z002_fires_on_unclosed_book_title_mark_in_body(corpus):
    path = corpus.document(body="各科室：\n\n根据《关于加强机关值班管理的通知要求，现部署如下。\n\n一、落实责任\n")
    [d] = found(corpus, "Z002")
    assert (d.path, d.line, d.severity) == (DOC, line_of(path, "根据《"), "warning")
    assert "“《”没有对应的“》”" in d.message


def test_z002_fires_on_stray_closer_in_title(corpus):
    path = corpus.document(title="关于印发值班管理办法》的通知")
    [d] = found(corpus, "Z002")
    assert (d.path, d.line) == (DOC, line_of(path, "title:"))
    assert "标题" in d.message and "“》”前面没有对应的“《”" in d.message


def test_z002_checks_each_paragraph_separately(corpus):
    path = corpus.disclosure(body="“第一段开始。\n第二段结束。”\n")
    ds = found(corpus, "Z002")
    assert [(d.path, d.line) for d in ds] == [(ITEM, line_of(path, "“第一段")), (ITEM, line_of(path, "第二段"))]


def test_z002_passes_balanced_and_nested_pairs(corpus):
    corpus.document(body="各科室：\n\n根据《关于“十四五”规划的意见》（区建发〔2025〕3号）【重要】‘引文’。\n")
    corpus.regulation(versions={"2025-03-01": "第一条　依据《中华人民共和国政府信息公开条例》（2019年修订）制定。\n"})
    assert found(corpus, "Z002") == []


def _unbalanced_reference(text):
    """The obvious stack scan (quadratic on deep stacks): the behaviour to match."""
    closers = {v: k for k, v in PAIRS.items()}
    found, stack = [], []
    for i, ch in enumerate(text):
        if ch in PAIRS:
            stack.append((i, ch))
        elif ch in closers:
            depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][1] == closers[ch]), None)
            if depth is None:
                found.append((i, ch))
                continue
            found.extend(stack[depth + 1 :])
            del stack[depth:]
    return sorted(found + stack)


def test_unbalanced_matches_the_reference_scan():
    rng = random.Random(11)
    alphabet = "".join(PAIRS) + "".join(PAIRS.values()) + "文"
    for _ in range(3000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert find_unbalanced(s) == _unbalanced_reference(s), s


def test_unbalanced_is_fast_on_adversarial_lines():
    line = "“" * 60000 + "》" * 60000
    start = time.perf_counter()
    assert len(find_unbalanced(line)) == 120000
    assert time.perf_counter() - start < 5.0


def test_z002_caps_findings_per_file(corpus):
    path = corpus.document(body="各科室：\n\n" + "根据《通知要求。\n" * 60)
    ds = found(corpus, "Z002")
    assert len(ds) == 51
    assert "另有 10 处" in ds[-1].message
    assert ds[-1].line == line_of(path, "根据《") + 50


def test_z001_fires_on_question_mark_at_end_of_line(corpus):
    path = corpus.document(
        doc_type="请示",
        title="关于增加值班人员的请示",
        signer="王建国",
        body="区政府：\n\n拟增加值班人员两名。\n\n妥否?请批示。\n\n是否同意?\n",
    )
    ds = found(corpus, "Z001")
    assert [d.line for d in ds] == [line_of(path, "妥否?"), line_of(path, "是否同意?")]
    assert all("“？”" in d.message for d in ds)


def test_z001_long_line_with_many_flat_parentheses_still_checked():
    line = "值班管理办法(试行)，" * 3000
    found_ = _halfwidth_in(markdown_text(line))
    assert len(found_) == 6000 and found_[0] == (6, "(")
