"""发文字号: strict parsing (N001), the named deviations (N002–N005) and citations (N011)."""

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.text.docnumber import (
    PROBLEM_TAGS,
    Citation,
    DocNumber,
    analyse_doc_number,
    find_cited_numbers,
    normalise_doc_number,
    parse_doc_number,
    split_code,
)

N = DocNumber


def test_str_and_order():
    assert str(N("区建发", 2025, 12)) == "区建发〔2025〕12号"
    assert sorted([N("区建发", 2025, 12), N("区建发", 2025, 2), N("区建发", 2024, 30)]) == [
        N("区建发", 2024, 30),
        N("区建发", 2025, 2),
        N("区建发", 2025, 12),
    ]
    with pytest.raises(dataclasses.FrozenInstanceError):
        N("区建发", 2025, 1).seq = 2  # frozen


@pytest.mark.parametrize(
    "text, number",
    [
        ("区建发〔2025〕12号", N("区建发", 2025, 12)),
        ("  区建发〔2025〕1号\n", N("区建发", 2025, 1)),
        ("国办发〔2016〕80号", N("国办发", 2016, 80)),
        ("中办发〔2012〕14号", N("中办发", 2012, 14)),
        ("字〔2025〕1号", N("字", 2025, 1)),
        ("一二三四五六七八九十一二〔2025〕1号", N("一二三四五六七八九十一二", 2025, 1)),
    ],
)
def test_parse_canonical(text, number):
    assert parse_doc_number(text) == number


@pytest.mark.parametrize(
    "text",
    [
        "区建发[2025]12号",
        "区建发〔2025〕012号",
        "区建发〔2025〕第12号",
        "区建发〔25〕12号",
        "区建发〔2025〕12",
        "区建发〔2025〕0号",
        "区建发〔２０２５〕１２号",
        "区建发 〔2025〕12号",
        "〔2025〕12号",
        "ABC〔2025〕12号",
        "一二三四五六七八九十一二三〔2025〕1号",  # 13 characters
        "区建发2025年12号",
        "",
        "区建发〔2025〕12号号",
    ],
)
def test_parse_rejects_non_canonical(text):
    assert parse_doc_number(text) is None


@pytest.mark.parametrize(
    "text, number, problems",
    [
        ("区建发〔2025〕12号", N("区建发", 2025, 12), []),
        ("区建发[2025]12号", N("区建发", 2025, 12), ["brackets"]),
        ("区建发（2025）12号", N("区建发", 2025, 12), ["brackets"]),
        ("区建发【2025】12号", N("区建发", 2025, 12), ["brackets"]),
        ("区建发〈2025〉12号", N("区建发", 2025, 12), ["brackets"]),
        ("区建发［2025］12号", N("区建发", 2025, 12), ["brackets"]),
        ("区建发〖2025〗12号", N("区建发", 2025, 12), ["brackets"]),
        ("区建发(2025)12号", N("区建发", 2025, 12), ["brackets"]),
        ("区建发〔2025]12号", N("区建发", 2025, 12), ["brackets"]),
        ("区建发〔2025〕012号", N("区建发", 2025, 12), ["padded"]),
        ("区建发〔2025〕第12号", N("区建发", 2025, 12), ["di"]),
        ("区建发〔24〕12号", N("区建发", 2024, 12), ["short_year"]),
        ("区建发[24]第012号", N("区建发", 2024, 12), ["brackets", "short_year", "di", "padded"]),
        ("区建发〔2025〕12", N("区建发", 2025, 12), ["malformed"]),
        ("区建发〔２０２５〕１２号", N("区建发", 2025, 12), ["malformed"]),
        ("区建发 〔2025〕 12号", N("区建发", 2025, 12), ["malformed"]),
        ("区建发〔2025年〕12号", N("区建发", 2025, 12), ["malformed"]),
        ("区建发2025年12号", N("区建发", 2025, 12), ["malformed"]),
        ("区建发12号", None, ["malformed"]),
        ("区建发〔2025〕0号", None, ["malformed"]),
        ("区建发〔202〕1号", None, ["malformed"]),
        ("ABC〔2025〕1号", None, ["malformed"]),
        ("〔2025〕1号", None, ["malformed"]),
        ("", None, ["malformed"]),
        ("关于加强值班管理的通知", None, ["malformed"]),
    ],
)
def test_analyse(text, number, problems):
    result = analyse_doc_number(text)
    assert result.raw == text
    assert result.number == number
    assert result.problems == problems


@pytest.mark.parametrize(
    "text, number",
    [
        ("区建发〔2025〕1号", N("区建发", 2025, 1)),
        ("区建发[2025]1号", N("区建发", 2025, 1)),
        ("区建发2025年1号", N("区建发", 2025, 1)),
        ("区建发2025年第1号", N("区建发", 2025, 1)),
        ("区建发2025-1", N("区建发", 2025, 1)),
        ("区建发 2025 1", N("区建发", 2025, 1)),
        ("区建发（2025）第1号", N("区建发", 2025, 1)),
        ("区建发〔2025〕1", N("区建发", 2025, 1)),
        ("区建发〔２０２５〕１号", N("区建发", 2025, 1)),
        ("区建发２０２５－１", N("区建发", 2025, 1)),
        ("区建发[24]第012号", N("区建发", 2024, 12)),
    ],
)
def test_normalise(text, number):
    assert normalise_doc_number(text) == number


@pytest.mark.parametrize("text", ["", "hello", "2025-1", "区建发", "区建发12号", "第12号", "区建发2025-0"])
def test_normalise_rejects(text):
    assert normalise_doc_number(text) is None


def _cites(text, known=()):
    return [(c.raw, c.number, c.standard) for c in find_cited_numbers(text, known)]


def test_citation_offsets_and_raw():
    text = "《关于加强值班管理的通知》（区建发〔2025〕3号）"
    [c] = find_cited_numbers(text)
    assert isinstance(c, Citation)
    assert text[c.start : c.end] == c.raw == "区建发〔2025〕3号"
    assert c.number == N("区建发", 2025, 3)
    assert c.standard is True


@pytest.mark.parametrize(
    "text, expected",
    [
        ("根据区建发〔2025〕3号文件", [("区建发〔2025〕3号", N("区建发", 2025, 3), True)]),
        ("按照国办发〔2016〕80号要求", [("国办发〔2016〕80号", N("国办发", 2016, 80), True)]),
        ("见区建发[2025]3号", [("区建发[2025]3号", N("区建发", 2025, 3), False)]),
        (
            "转发国发〔2016〕1号，执行区建发（2025）第03号。",
            [("国发〔2016〕1号", N("国发", 2016, 1), True), ("区建发（2025）第03号", N("区建发", 2025, 3), False)],
        ),
        ("依据区建发〔24〕5号", [("区建发〔24〕5号", N("区建发", 2024, 5), False)]),
        (
            "区建发〔2025〕3号和国发〔2016〕1号",
            [("区建发〔2025〕3号", N("区建发", 2025, 3), True), ("国发〔2016〕1号", N("国发", 2016, 1), True)],
        ),
        ("和政发〔2025〕1号", [("和政发〔2025〕1号", N("和政发", 2025, 1), True)]),
        ("经信发〔2024〕2号", [("经信发〔2024〕2号", N("经信发", 2024, 2), True)]),
        ("经区建发〔2024〕2号批准", [("区建发〔2024〕2号", N("区建发", 2024, 2), True)]),
        ("贯彻落实区建发〔2024〕2号", [("区建发〔2024〕2号", N("区建发", 2024, 2), True)]),
        ("（区建发〔２０２５〕３号）", [("区建发〔２０２５〕３号", N("区建发", 2025, 3), False)]),
        ("区建发〔2025〕 3号", [("区建发〔2025〕 3号", N("区建发", 2025, 3), False)]),
    ],
)
def test_find_cited_numbers(text, expected):
    assert _cites(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "区建发2025-1",
        "2025年3月5日",
        "（2025）3号",  # no code
        "区建发〔2025〕3",  # no 号 in running text
        "共计(12)项",
        "GB/T 9704-2012",
        "区建发〔202〕3号",
    ],
)
def test_find_cited_numbers_ignores(text):
    assert find_cited_numbers(text) == []


def test_known_codes_pick_the_longest_suffix():
    text = "严格执行和国发〔2016〕1号和区建办〔2025〕2号"
    assert [c.number.code for c in find_cited_numbers(text, ["国发", "建办", "区建办"])] == ["国发", "区建办"]
    assert split_code("要求区建发", ["建发", "区建发"]) == "区建发"
    assert split_code("根据区建发") == "区建发"
    assert split_code("和国发") == "和国发"  # documented limit without known codes
    assert split_code("和国发", ["国发"]) == "国发"


def test_long_run_is_cut_to_max_length():
    text = "这是一段很长而且没有标点的文字区建发〔2025〕3号"
    [c] = find_cited_numbers(text)
    assert len(c.number.code) == 12
    assert c.raw.endswith("区建发〔2025〕3号")
    assert text[c.start : c.end] == c.raw


codes = st.text(alphabet="区建发办函国府市省委", min_size=1, max_size=6)
numbers = st.builds(N, codes, st.integers(1990, 2099), st.integers(1, 9999))


@settings(max_examples=200, deadline=None)
@given(numbers)
def test_canonical_round_trip(number):
    assert parse_doc_number(str(number)) == number
    analysis = analyse_doc_number(str(number))
    assert analysis.number == number and analysis.problems == []
    assert normalise_doc_number(str(number)) == number


@settings(max_examples=200, deadline=None)
@given(
    numbers,
    st.sampled_from(["〔〕", "[]", "()", "（）", "【】", "〈〉", "［］", "〖〗"]),
    st.booleans(),
    st.integers(0, 2),
)
def test_variants_recovered_with_tags(number, brackets, di, pad):
    year = number.year
    text = f"{number.code}{brackets[0]}{year}{brackets[1]}{'第' if di else ''}{'0' * pad}{number.seq}号"
    analysis = analyse_doc_number(text)
    assert analysis.number == number
    expected = set()
    if brackets != "〔〕":
        expected.add("brackets")
    if di:
        expected.add("di")
    if pad:
        expected.add("padded")
    assert set(analysis.problems) == expected
    assert set(analysis.problems) <= set(PROBLEM_TAGS)
    [c] = find_cited_numbers(f"根据{text}执行", [number.code])
    assert c.number == number and c.raw == text and c.standard == (not expected)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_never_raises(text):
    analysis = analyse_doc_number(text)
    assert set(analysis.problems) <= set(PROBLEM_TAGS)
    normalise_doc_number(text)
    for c in find_cited_numbers(text):
        assert text[c.start : c.end] == c.raw
