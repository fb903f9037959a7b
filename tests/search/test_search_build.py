"""build_index(): deterministic files, layout, postings encoding, tokens and hashing."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.search import IndexStats, SearchUnit, build_index
from generator.search.build import decode_postings, encode_postings
from generator.search.synthetic import generate_units
from generator.search.tokens import fnv1a, ngrams, shard_of, term_tokens

from .conftest import hand_units


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_build_is_deterministic_and_independent_of_input_order(tmp_path):
    units = generate_units(120, seed=5, article_share=0.3) + hand_units()
    shuffled = list(units)
    random.Random(9).shuffle(shuffled)
    a = build_index(units, tmp_path / "a")
    b = build_index(shuffled, tmp_path / "b")
    assert a == b
    tree_a, tree_b = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert tree_a == tree_b
    # Rebuilding into the same directory replaces the old index completely.
    build_index(units[:10], tmp_path / "a")
    build_index(units, tmp_path / "a")
    assert _tree(tmp_path / "a") == tree_b


def test_layout_and_stats(hand_index):
    index = hand_index / "search-index"
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    assert manifest == {"format": 1, "shards": manifest["shards"], "units": 12, "unitsPerDir": 1000}
    assert len(list((index / "s").glob("*.json"))) == manifest["shards"]
    assert len(list((index / "u").glob("*/*.json"))) == 12
    assert (hand_index / "assets/javascripts/govpub-search.js").read_text(encoding="utf-8").startswith("/*")
    assert (hand_index / "assets/stylesheets/govpub-search.css").exists()
    # Unit 0 is the newest unit; files are compact UTF-8 JSON with sorted keys.
    raw = (index / "u/0/0.json").read_bytes()
    unit = json.loads(raw)
    assert set(unit) == {"d", "k", "m", "n", "t", "u", "x"}
    assert unit["d"] == "2026-03-01"
    assert raw == json.dumps(unit, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    shard = json.loads((index / "s" / f"{shard_of('值班', manifest['shards'])}.json").read_text(encoding="utf-8"))
    assert "值班" in shard and list(shard) == sorted(shard)


def test_stats(tmp_path):
    stats = build_index(hand_units(), tmp_path)
    assert isinstance(stats, IndexStats)
    assert stats.units == 12 and stats.shards >= 1 and stats.tokens > 100 and stats.postings > stats.tokens
    on_disk = sum(p.stat().st_size for p in (tmp_path / "search-index").rglob("*") if p.is_file())
    assert stats.bytes == on_disk
    assert stats.files == len([p for p in (tmp_path / "search-index").rglob("*") if p.is_file()])


def test_shard_count_grows_with_the_corpus(tmp_path):
    small = build_index(hand_units(), tmp_path / "small")
    large = build_index(generate_units(300, seed=2), tmp_path / "large")
    assert small.shards < large.shards
    assert large.shards & (large.shards - 1) == 0  # a power of two
    sizes = [p.stat().st_size for p in (tmp_path / "large/search-index/s").iterdir()]
    assert max(sizes) < 64 * 1024


def test_number_tokens(hand_index):
    from generator.search.searcher import Searcher

    s = Searcher(hand_index / "search-index")
    own = s._postings("#区建发〔2025〕1号")
    urls = {s.unit(uid)["u"]: w for uid, w in own.items()}
    # The document itself (weight 3) and both citing documents (weight 1), one of them
    # citing it as 区建发[2025]1号.
    assert urls == {"documents/2025/zhiban/": 3, "documents/2025/chunjie/": 1, "documents/2025/zhiban-xiuding/": 1}


def test_bad_number_is_rejected(tmp_path):
    unit = SearchUnit(url="x/", title="t", kind="document", text="正文", numbers=["不是文号"])
    with pytest.raises(ValueError, match="不是文号"):
        build_index([unit], tmp_path)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 200_000), st.integers(0, 3)), max_size=60, unique_by=lambda t: t[0]))
def test_postings_round_trip(pairs):
    pairs.sort()
    values = [uid << 2 | w for uid, w in pairs]
    encoded = encode_postings(values)
    assert decode_postings(encoded) == pairs
    assert encoded.isascii() and '"' not in encoded and "\\" not in encoded


def test_postings_format():
    # (gap - 1) * 4 + weight in base 32, last digit from 0-9A-V, leading digits from W-z-_.
    assert encode_postings([0 << 2 | 0, 1 << 2 | 3, 9 << 2 | 1]) == "03T"
    assert encode_postings([100 << 2 | 2]) == "iI"  # 402 = 12 * 32 + 18: lead "i" (12), last "I" (18)


def test_ngrams_and_term_tokens():
    assert ngrams("值班表") == ["值", "班", "表", "值班", "班表", "值班表"]
    assert ngrams("值班， 到") == ["值", "班", "，", "值班", "班，", "值班，", "到"]
    assert ngrams("") == [] and ngrams(" \n") == []
    assert term_tokens("值") == ["值"] and term_tokens("值班") == ["值班"] and term_tokens("") == []
    assert term_tokens("营商环境") == ["营商环", "商环境"]
    assert term_tokens("哈哈哈哈") == ["哈哈哈"]
    assert term_tokens("𠀀𠀁") == ["𠀀𠀁"]  # code points, not UTF-16 units


def test_fnv1a_reference_values():
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C
    assert fnv1a("foobar") == 0xBF9CF968
    assert shard_of("值班", 1) == 0


def test_empty_corpus(tmp_path):
    from generator.search import query

    stats = build_index([], tmp_path)
    assert (stats.units, stats.tokens, stats.shards, stats.files) == (0, 0, 1, 2)
    assert query(tmp_path, "值班") == []
