"""query(): mid-sentence words, phrases, AND, loose 发文字号, precision by verification, ranking."""

from __future__ import annotations

import pytest

from generator.search.tokens import normalise
from testkit.searcher import parse_query, query, search


@pytest.mark.parametrize(
    "q, expected",
    [
        # Words in the middle of sentences, found without any word segmentation.
        (
            "值班",
            {
                "documents/2025/zhiban/",
                "documents/2025/chunjie/",
                "documents/2025/zhiban-xiuding/",
                "regulations/kaoqin/#art-23",
            },
        ),
        ("请假", {"regulations/kaoqin/#art-11", "documents/2024/decoy-qingjia/"}),
        ("考勤奖", {"regulations/kaoqin/#art-23"}),
        ("销假", {"regulations/kaoqin/#art-16"}),
        # Phrases.
        ("印章管理", {"regulations/yinzhang/"}),
        ("营商环境", {"documents/2025/yingshang/", "disclosures/2025-q3/yingshang-baogao/"}),
        ("请假超过三天", {"regulations/kaoqin/#art-11"}),
        # Space-separated terms are AND-ed.
        ("值班 考勤奖", {"regulations/kaoqin/#art-23"}),
        ("营商环境 季度", {"disclosures/2025-q3/yingshang-baogao/"}),
        ("值班 营商环境", set()),
        # Case and width folding (NFKC + lower case) on both sides.
        ("gb/t 9704", {"documents/2024/fullwidth/"}),
        ("ＧＢ/T ９７０４－２０１２", {"documents/2024/fullwidth/"}),
        # A single character next to an indexed term is checked in the text.
        ("值班 奖", {"regulations/kaoqin/#art-23"}),
    ],
)
def test_finds_exactly_the_substring_matches(hand_index, q, expected):
    assert set(query(hand_index, q, limit=None)) == expected


def test_scattered_characters_are_not_a_match(hand_index):
    # decoy-zhiban has 值 (数值) and 班 (班子) but not 值班.
    assert "documents/2024/decoy-zhiban/" not in query(hand_index, "值班", limit=None)


def test_scattered_trigrams_are_rejected_by_verification(hand_index):
    # decoy-qingjia holds every trigram of 请假超过三天 (请假超时, 病假超过, 超过三人, 超过三天后)
    # so the index proposes it; reading its text rejects it.
    result = search(hand_index / "search-index", "请假超过三天", None)
    assert [h.url for h in result.hits] == ["regulations/kaoqin/#art-11"]
    assert result.total == 1 and result.exact


@pytest.mark.parametrize(
    "q",
    [
        "区建发〔2025〕1号",
        "区建发[2025]1号",
        "区建发2025年1号",
        "区建发〔2025〕第1号",
        "区建发2025-1",
        "区建发（2025）第1号",
        "区建发 2025 1",
        "区建发〔２０２５〕１号",
    ],
)
def test_loose_document_number_puts_that_document_first(hand_index, q):
    urls = query(hand_index, q)
    assert urls[0] == "documents/2025/zhiban/"
    # Documents citing it (canonically or not) follow; 区建发〔2025〕11号 is not 1号.
    assert set(urls[1:]) == {"documents/2025/chunjie/", "documents/2025/zhiban-xiuding/"}


def test_number_query_does_not_match_longer_serials(hand_index):
    assert query(hand_index, "区建发2025-11") == ["documents/2025/zhiban-xiuding/"]


def test_number_inside_a_multi_term_query(hand_index):
    assert query(hand_index, "区建发2025-1 春节") == ["documents/2025/chunjie/"]


def test_words_that_read_as_a_number_fall_back_to_and(hand_index):
    # "值班 2025 1" reads as the number 值班〔2025〕1号, which nothing has or cites.
    assert parse_query("值班 2025 1")[0].number == "值班〔2025〕1号"
    assert set(query(hand_index, "值班 2025 1", limit=None)) == {
        "documents/2025/zhiban/",
        "documents/2025/chunjie/",
        "documents/2025/zhiban-xiuding/",
    }


def test_title_matches_rank_first_and_newer_wins_ties(hand_index):
    urls = query(hand_index, "值班")
    assert urls[0] == "documents/2025/zhiban/"  # 值班 in the title
    # The rest: equal scores (值班 once), newest first.
    assert urls[1:] == ["regulations/kaoqin/#art-23", "documents/2025/zhiban-xiuding/", "documents/2025/chunjie/"]


def test_limit(hand_index):
    assert len(query(hand_index, "值班", limit=2)) == 2
    assert query(hand_index, "值班", limit=2) == query(hand_index, "值班")[:2]


@pytest.mark.parametrize("q", ["", "   ", "\u3000"])
def test_empty_query_finds_nothing(hand_index, q):
    result = search(hand_index / "search-index", q)
    assert result.hits == [] and result.total == 0 and result.terms == []


def test_single_characters_are_indexed(hand_index):
    # 销 occurs only in 销假; 奖 only in 考勤奖; the unigram is exact, no text needs checking.
    assert query(hand_index, "销", limit=None) == ["regulations/kaoqin/#art-16"]
    result = search(hand_index / "search-index", "奖")
    assert [h.url for h in result.hits] == ["regulations/kaoqin/#art-23"] and result.exact
    assert set(query(hand_index, "值 班", limit=None)) >= {"documents/2024/decoy-zhiban/", "documents/2025/zhiban/"}
    assert "documents/2024/decoy-zhiban/" in query(hand_index, "。", limit=None)


def test_query_accepts_site_or_index_directory(hand_index):
    assert query(hand_index, "销假") == query(hand_index / "search-index", "销假")


def test_parse_query():
    [t] = parse_query("区建发 2025 1")
    assert t.number == "区建发〔2025〕1号" and t.texts == ["区建发〔2025〕1号"]
    [t] = parse_query("区建发[2025]1号")
    assert t.texts == ["区建发〔2025〕1号", "区建发[2025]1号"]
    a, b = parse_query("  营商环境\u3000值班  营商环境 ")
    assert (a.texts, b.texts) == (["营商环境"], ["值班"])
    assert a.routes == [["营商环", "商环境"]] and b.routes == [["值班"]]
    assert b.exact and parse_query("营商环")[0].exact and parse_query("值")[0].exact and not a.exact
    assert parse_query("值")[0].routes == [["值"]]
    [t] = parse_query("关于进一步加强机关值班管理工作的通知要求")
    assert len(t.routes[0]) == 8  # long terms: 8 trigrams spread over the term
    assert t.routes[0][0] == "关于进" and t.routes[0][-1] == "知要求"


def test_normalise_folds_width_and_case():
    assert normalise("ＧＢ／Ｔ　９７０４（试行）") == "gb/t 9704(试行)"
    assert normalise("区建发〔2025〕1号") == "区建发〔2025〕1号"
