"""Character checks behind Z001, Z002, D004 and X004."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.text.chinese import (
    HALF_TO_FULL_PUNCT,
    find_halfwidth_punct_between_cjk,
    find_id_numbers,
    find_mobile_numbers,
    find_padded_dates,
    find_unbalanced,
    id_check_char,
    is_cjk,
)


@pytest.mark.parametrize("ch", ["中", "㐀", "䶿", "鿿", "豈", "𠀀", "区"])
def test_is_cjk_true(ch):
    assert is_cjk(ch)


@pytest.mark.parametrize("ch", ["a", "1", "，", "。", "〇", "《", "\u3000", "", "中文", "ア", "한"])
def test_is_cjk_false(ch):
    assert not is_cjk(ch)


def test_half_to_full_mapping():
    assert HALF_TO_FULL_PUNCT == {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("各科室,各单位", [(3, ",")]),
        ("各科室 , 各单位", [(4, ",")]),
        ("一是加强;二是落实", [(4, ";")]),
        ("通知如下:", [(4, ":")]),
        ("是否同意?", [(4, "?")]),
        ("通知(试行)的要求", [(2, "("), (5, ")")]),
        ("依据(区建发〔2025〕3号)办理", [(2, "("), (14, ")")]),
        ("“通知”,要求", [(4, ",")]),
    ],
)
def test_halfwidth_flagged(text, expected):
    assert find_halfwidth_punct_between_cjk(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "执行GB/T 9704-2012标准",
        "共1,000元",
        "上午10:30开会",
        "详见https://www.example.gov.cn/a?b=1,c=2:3页面",
        "见[附件](files/附件.pdf)",
        "标准(GB/T 9704)要求",
        "Hello, world: fine?",
        "，。：；（）？",
        "测试a,b测试",
        ",开头",
    ],
)
def test_halfwidth_not_flagged(text):
    assert find_halfwidth_punct_between_cjk(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("《关于印发〈办法〉的通知》“好”（一）【注】〔2025〕「引」", []),
        ("《通知", [(0, "《")]),
        ("通知》", [(2, "》")]),
        ("“一”二”", [(4, "”")]),
        ("《（》）", [(1, "（"), (3, "）")]),
        ("（（）", [(0, "（")]),
        ("‘单引号", [(0, "‘")]),
        ("【注", [(0, "【")]),
        ("〔2025", [(0, "〔")]),
        ("」", [(0, "」")]),
        ("普通文字", []),
    ],
)
def test_unbalanced(text, expected):
    assert find_unbalanced(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("于2024年03月05日印发", [(1, "2024年03月05日")]),
        ("于2024年3月05日印发", [(1, "2024年3月05日")]),
        ("2024年03月", [(0, "2024年03月")]),
        ("２０２４年０３月５日", [(0, "２０２４年０３月５日")]),
        ("2024年10月", []),
        ("2024年3月5日", []),
        ("2024年10月10日", []),
        ("03月05日", []),
        ("12024年3月5日", []),
    ],
)
def test_padded_dates(text, expected):
    assert find_padded_dates(text) == expected


VALID_ID = "11010519491231002X"


def test_id_check_char_known_example():
    assert id_check_char(VALID_ID[:17]) == "X"


@pytest.mark.parametrize(
    "text, expected",
    [
        (f"身份证号{VALID_ID}。", [(4, VALID_ID)]),
        (f"身份证号{VALID_ID.lower()}", [(4, VALID_ID.lower())]),
        ("１１０１０５１９４９１２３１００２Ｘ", [(0, "１１０１０５１９４９１２３１００２Ｘ")]),
        ("110105194912310021", []),  # wrong check digit
        (f"9{VALID_ID}", []),  # inside a longer digit run
        (f"{VALID_ID[:17]}X1", []),
        ("990105194912310021", []),  # no such province
        ("110105194913310028", []),  # month 13
    ],
)
def test_id_numbers(text, expected):
    assert find_id_numbers(text) == expected


PROVINCES = [
    11,
    12,
    13,
    14,
    15,
    21,
    22,
    23,
    31,
    32,
    33,
    34,
    35,
    36,
    37,
    41,
    42,
    43,
    44,
    45,
    46,
    50,
    51,
    52,
    53,
    54,
    61,
    62,
    63,
    64,
    65,
]


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(PROVINCES),
    st.integers(0, 9999),
    st.dates(dt.date(1900, 1, 1), dt.date(2025, 12, 31)),
    st.integers(0, 999),
    st.text(alphabet="姓名电话地址，。", max_size=5),
)
def test_generated_id_found_and_wrong_check_not(province, area, born, serial, prefix):
    first17 = f"{province:02d}{area:04d}{born:%Y%m%d}{serial:03d}"
    good = first17 + id_check_char(first17)
    assert find_id_numbers(prefix + good + "。") == [(len(prefix), good)]
    for wrong in "0123456789X":
        if wrong != good[-1]:
            assert find_id_numbers(prefix + first17 + wrong + "。") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("联系电话13812345678。", [(4, "13812345678")]),
        ("电话：138-1234-5678", [(3, "138-1234-5678")]),
        ("电话：138 1234 5678", [(3, "138 1234 5678")]),
        ("+8613812345678", [(0, "+8613812345678")]),
        ("+86 199-1234-5678", [(0, "+86 199-1234-5678")]),
        ("１３８１２３４５６７８", [(0, "１３８１２３４５６７８")]),
        ("12812345678", []),  # 12x is not a mobile prefix
        ("913812345678", []),  # longer digit run
        ("138123456789", []),
        ("1381234567", []),
        ("138-1234 5678", []),  # mixed separators
        (VALID_ID, []),
        ("0571-88888888", []),
    ],
)
def test_mobile_numbers(text, expected):
    assert find_mobile_numbers(text) == expected


@settings(max_examples=150, deadline=None)
@given(st.integers(3, 9), st.integers(0, 999_999_999), st.sampled_from(["", " ", "-"]))
def test_generated_mobile_found(second, rest, sep):
    digits = f"1{second}{rest:09d}"
    written = digits if not sep else f"{digits[:3]}{sep}{digits[3:7]}{sep}{digits[7:]}"
    assert find_mobile_numbers(f"请联系{written}。") == [(3, written)]
    assert find_mobile_numbers(f"编号8{digits}") == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_never_raise(text):
    for fn in (
        find_halfwidth_punct_between_cjk,
        find_unbalanced,
        find_padded_dates,
        find_id_numbers,
        find_mobile_numbers,
    ):
        for offset, found in fn(text):
            assert text[offset : offset + len(found)] == found
