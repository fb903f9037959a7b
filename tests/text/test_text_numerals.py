"""Chinese numerals: the labels 第X条 / 第X章 and the anchors #art-N depend on these."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.text.numerals import CN_NUMERAL_CHARS, cn_to_int, int_to_cn, to_ascii_digits


@pytest.mark.parametrize(
    "text, value",
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("一十二", 12),
        ("二十", 20),
        ("二十一", 21),
        ("一百", 100),
        ("一百零五", 105),
        ("一百一十", 110),
        ("一百九十九", 199),
        ("两百", 200),
        ("两千", 2000),
        ("一千零一", 1001),
        ("一千零一十", 1010),
        ("一千零十", 1010),
        ("一千零五十", 1050),
        ("九千九百九十九", 9999),
        ("一〇五", 105),
        ("二〇二五", 2025),
        ("二零二五", 2025),
        ("零", 0),
        ("12", 12),
        ("１２", 12),
        ("2025", 2025),
    ],
)
def test_cn_to_int_accepts(text, value):
    assert cn_to_int(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "",
        "十十",
        "一百百",
        "百",
        "千",
        "一百五",  # colloquial 150: ambiguous
        "一千一十",  # missing 零
        "一千零一百",  # 零 with no gap
        "一百零",
        "一百零零五",
        "两",
        "两十",
        "十两",
        "一二三四五六七八九十",
        "三abc",
        "第三",
        "12a",
        "〇五",
        " 十",
        "万",
    ],
)
def test_cn_to_int_rejects(text):
    with pytest.raises(ValueError):
        cn_to_int(text)


def test_strict_options():
    with pytest.raises(ValueError):
        cn_to_int("一二", allow_positional=False)
    with pytest.raises(ValueError):
        cn_to_int("12", allow_arabic=False)
    assert cn_to_int("十二", allow_positional=False, allow_arabic=False) == 12
    assert cn_to_int("三", allow_positional=False) == 3


@pytest.mark.parametrize(
    "n, text",
    [
        (1, "一"),
        (10, "十"),
        (15, "十五"),
        (20, "二十"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
        (199, "一百九十九"),
        (1000, "一千"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (9999, "九千九百九十九"),
    ],
)
def test_int_to_cn(n, text):
    assert int_to_cn(n) == text


@pytest.mark.parametrize("n", [0, -1, 10000])
def test_int_to_cn_range(n):
    with pytest.raises(ValueError):
        int_to_cn(n)


def test_numeral_chars_cover_output():
    for n in range(1, 2000):
        assert set(int_to_cn(n)) <= set(CN_NUMERAL_CHARS)


def test_to_ascii_digits_keeps_length():
    assert to_ascii_digits("区建发〔２０２５〕") == "区建发〔2025〕"


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=9999))
def test_round_trip(n):
    assert cn_to_int(int_to_cn(n)) == n
    assert cn_to_int(int_to_cn(n), allow_positional=False, allow_arabic=False) == n


def test_injective_everywhere():
    seen = {}
    for n in range(1, 10000):
        text = int_to_cn(n)
        assert text not in seen, (n, seen.get(text))
        seen[text] = n


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=CN_NUMERAL_CHARS + "第条a1", max_size=8))
def test_parser_raises_only_value_error(text):
    try:
        value = cn_to_int(text)
    except ValueError:
        return
    assert value >= 0
