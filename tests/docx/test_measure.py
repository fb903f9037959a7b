"""The line-breaking model and the title breaker (no renderer needed)."""

from __future__ import annotations

import pytest

from generator.docx.measure import break_title, lines_needed, text_width


def test_28_cjk_characters_fill_one_line():
    assert lines_needed("甲" * 28, width_em=28.076) == (1, 1)
    assert lines_needed("甲" * 29, width_em=28.076) == (2, 2)


def test_closing_marks_hang_or_pull_a_character_down():
    # ，。、：；！？ hang past the margin (LibreOffice and Word)
    for mark in "，。、：；！？":
        assert lines_needed("甲" * 28 + mark, width_em=28.076)[1] == 1, mark
    # ）》” may not start a line: the last character moves down with them
    assert lines_needed("甲" * 28 + "）乙", width_em=28.076)[1] == 2
    assert lines_needed("甲" * 27 + "（乙", width_em=28.076)[1] == 2


def test_first_line_indent_and_hanging_indent():
    assert lines_needed("甲" * 27, width_em=28.076, first_indent_em=2)[1] == 2
    assert lines_needed("甲" * 26, width_em=28.076, first_indent_em=2)[1] == 1
    # hanging: first line full width, the rest 3 in
    assert lines_needed("甲" * 53, width_em=28.076, hanging_em=3)[1] == 2
    assert lines_needed("甲" * 54, width_em=28.076, hanging_em=3)[1] == 3


def test_digits_are_narrower_and_spaced_from_cjk():
    narrow, wide = text_width("2025年")
    assert 2.9 < narrow < 3.0  # Times New Roman digits, no automatic spacing
    assert 3.7 < wide < 3.8  # DejaVu Serif digits plus the CJK/Latin gap
    assert text_width("，2025")[1] < text_width("甲2025")[1]  # no gap next to punctuation


def test_numbers_are_never_split():
    text = "甲" * 26 + "0599-86012300"
    assert lines_needed(text, width_em=28.076)[1] == 2


def test_short_title_is_one_line():
    assert break_title("关于印发《机关印章管理规定》的通知", 20) == ["关于印发《机关印章管理规定》的通知"]


@pytest.mark.parametrize(
    "title",
    [
        "关于开展2025年冬季建筑施工安全生产大检查的通知",
        "关于2026年上半年保障性住房建设和老旧小区改造工作进展情况的报告",
        "关于商请联合开展住宅小区电动自行车充电安全隐患排查整治的函",
        "关于同意区住房保障中心购置保障性住房智能巡检设备的批复",
    ],
)
def test_long_title_is_a_trapezoid(title):
    lines = break_title(title, 20)
    assert "".join(lines) == title
    assert len(lines) == 2
    widths = [text_width(line, 22.0)[1] for line in lines]
    assert all(w <= 20 for w in widths)
    assert widths[0] >= widths[1]  # upper line longer (正梯形)
    assert not lines[1].startswith(("的", "和", "与"))
    assert not lines[0].endswith("关于")


def test_book_title_is_kept_whole_when_it_fits_a_line():
    lines = break_title("关于征求《临江区住宅专项维修资金管理实施细则》修改意见的函", 20)
    assert "《临江区住宅专项维修资金管理实施细则》" in lines
    lines = break_title("关于印发修订后的《机关值班管理办法》的通知", 20)
    assert any("《机关值班管理办法》" in line for line in lines)
    assert lines[-1] != "通知"


def test_title_never_breaks_inside_a_number():
    for line in break_title("关于下达临江区2026年老旧小区改造计划的通知", 20):
        assert not line.startswith(("0", "2", "6", "年"))
