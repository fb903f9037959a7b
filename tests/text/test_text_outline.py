"""Outline markers (S001/S002 and the level fonts in rendering)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.text.numerals import int_to_cn
from generator.text.outline import OutlineMarker, outline_levels, outline_marker, split_outline_marker


@pytest.mark.parametrize(
    "paragraph, level, number, marker",
    [
        ("一、总体要求", 1, 1, "一、"),
        ("十二、其他", 1, 12, "十二、"),
        ("（一）加强领导", 2, 1, "（一）"),
        ("（十一）加强领导", 2, 11, "（十一）"),
        ("1.明确职责", 3, 1, "1."),
        ("12. 明确职责", 3, 12, "12."),
        ("１.明确职责", 3, 1, "１."),
        ("（1）按时报送", 4, 1, "（1）"),
        ("（１０）按时报送", 4, 10, "（１０）"),
        ("\u3000\u3000一、缩进的标题", 1, 1, "一、"),
        ("  （二）前导空格", 2, 2, "（二）"),
        ("（三）", 2, 3, "（三）"),
    ],
)
def test_standard_markers(paragraph, level, number, marker):
    found = outline_marker(paragraph)
    assert found == OutlineMarker(level, number, marker, True, None)


@pytest.mark.parametrize(
    "paragraph, level, number, marker",
    [
        ("（一）、加强领导", 2, 1, "（一）、"),
        ("（一）.加强领导", 2, 1, "（一）."),
        ("(一)加强领导", 2, 1, "(一)"),
        ("(一）加强领导", 2, 1, "(一）"),
        ("(1)按时报送", 4, 1, "(1)"),
        ("（1）、按时报送", 4, 1, "（1）、"),
        ("1、明确职责", 3, 1, "1、"),
        ("1．明确职责", 3, 1, "1．"),
        ("一.总体要求", 1, 1, "一."),
        ("一．总体要求", 1, 1, "一．"),
        ("01.明确职责", 3, 1, "01."),
    ],
)
def test_non_standard_markers(paragraph, level, number, marker):
    found = outline_marker(paragraph)
    assert found is not None
    assert (found.level, found.number, found.marker) == (level, number, marker)
    assert found.standard is False
    assert found.problem and isinstance(found.problem, str)


@pytest.mark.parametrize(
    "paragraph",
    [
        "2025年3月5日召开会议",
        "1.5倍以上",
        "一、",
        "一、   ",
        "1.",
        "本通知自印发之日起施行。",
        "",
        "   ",
        "一二、不是标题",
        "十十、不是标题",
        "（零）不是",
        "0.不是",
        "1、2号楼",
        "2025.3.5",
        "第一条 内容",
    ],
)
def test_not_markers(paragraph):
    assert outline_marker(paragraph) is None


def test_split_returns_rest():
    marker, rest = split_outline_marker("（二）　严格执行请假制度。")
    assert marker.level == 2 and rest == "严格执行请假制度。"


def test_outline_levels():
    result = outline_levels(["一、总则", "正文", "（一）要求", "1.细则", "（1）小项"])
    assert [m.level if m else None for m in result] == [1, None, 2, 3, 4]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 199), st.sampled_from([1, 2, 3, 4]), st.text(alphabet="加强管理工作要求", min_size=1, max_size=10)
)
def test_generated_markers(n, level, text):
    marker = {1: f"{int_to_cn(n)}、", 2: f"（{int_to_cn(n)}）", 3: f"{n}.", 4: f"（{n}）"}[level]
    found = outline_marker(marker + text)
    assert found == OutlineMarker(level, n, marker, True, None)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20))
def test_never_raises(text):
    found = outline_marker(text)
    if found is not None:
        assert 1 <= found.level <= 4 and found.number >= 1
        assert found.standard == (found.problem is None)
