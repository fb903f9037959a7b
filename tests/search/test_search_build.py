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
from generator.search.tokens import fnv1a, ngrams, shard_of, term_tokens
from testkit.search_corpus import generate_units, hand_units


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.slow
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
    assert manifest == {
        "format": 3,
        "shards": manifest["shards"],
        "units": 12,
        "unitsPerDir": 1000,
        "demoted": [],
        "codes": ["区建函", "区建办", "区建发"],
    }
    assert len(list((index / "s").glob("*.json"))) == manifest["shards"]
    assert len(list((index / "u").glob("*/*.json"))) == 12
    assert (hand_index / "assets/javascripts/govpub-search.js").read_text(encoding="utf-8").startswith("/*")
    assert (hand_index / "assets/stylesheets/govpub-search.css").exists()
    # The newest unit has the highest id; files are compact UTF-8 JSON with sorted keys.
    raw = (index / "u/0/11.json").read_bytes()
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


@pytest.mark.slow
def test_shard_count_grows_with_the_corpus(tmp_path):
    small = build_index(hand_units(), tmp_path / "small")
    large = build_index(generate_units(300, seed=2), tmp_path / "large")
    assert small.shards < large.shards
    assert large.shards & (large.shards - 1) == 0  # a power of two
    sizes = [p.stat().st_size for p in (tmp_path / "large/search-index/s").iterdir()]
    assert max(sizes) < 64 * 1024


def test_number_tokens(hand_index):
    from testkit.searcher import Searcher

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
    from testkit.searcher import query

    stats = build_index([], tmp_path)
    assert (stats.units, stats.tokens, stats.shards, stats.files) == (0, 0, 1, 2)
    assert query(tmp_path, "值班") == []


# -- update_index: an index brought up to date equals one written anew ---------------------------


def _edited(units, rng):
    """A copy of ``units`` with a few realistic edits: texts changed, newer units added, the
    newest removed, dates moved."""
    import dataclasses

    out = list(units)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(out))
        out[i] = dataclasses.replace(
            out[i], text=out[i].text[: rng.randint(0, len(out[i].text))] + "新增一段关于值班的说明。"
        )
    for k in range(rng.randint(0, 3)):
        out.append(
            SearchUnit(
                url=f"documents/2027/new-{k}-{rng.randint(0, 99)}/",
                title=f"关于新事项{k}的通知",
                kind="document",
                text=f"关于新事项{k}的通知\n正文第{k}段，请各单位遵照执行。",
                meta="区建发〔2027〕1号",
                date="2027-01-0" + str(1 + k % 9),
                numbers=[f"区建发〔2027〕{k + 1}号"],
            )
        )
    if rng.random() < 0.3:
        newest = max(range(len(out)), key=lambda i: (out[i].date or "", out[i].url))
        out.pop(newest)
    return out


@pytest.mark.slow
def test_update_index_equals_a_new_index(tmp_path):
    from generator.search.build import update_index

    updated = 0
    for seed in range(10):
        rng = random.Random(seed)
        base = generate_units(120, seed=seed % 7, min_chars=200, max_chars=900, article_share=0.3) + hand_units()
        tmp = tmp_path / str(seed)
        first = build_index(base, tmp / "inc")
        edited = _edited(base, rng)
        state = update_index(edited, tmp / "inc", first.state)
        fresh = build_index(edited, tmp / "new")
        if state is None:  # refused: the caller writes the index anew
            continue
        updated += 1
        assert _tree(tmp / "inc") == _tree(tmp / "new"), seed
        assert state == fresh.state
    assert updated >= 8  # these edits are what it is for: it must rarely refuse them


@pytest.mark.slow
def test_update_index_handles_edits_and_new_units_without_rewriting_everything(tmp_path):
    import dataclasses
    import os

    from generator.search.build import update_index

    base = generate_units(400, seed=3, min_chars=200, max_chars=900, article_share=0.2)
    first = build_index(base, tmp_path / "inc")
    before = {p: p.stat().st_ino for p in (tmp_path / "inc").rglob("*.json")}
    edited = list(base)
    edited[17] = dataclasses.replace(edited[17], text=edited[17].text + "补充：节假日值班表另行印发。")
    newest = max(u.date or "" for u in base)
    edited.append(
        SearchUnit(
            url="documents/2099/x/",
            title="关于节假日值班安排的通知",
            kind="document",
            text="节假日值班安排如下。",
            date=newest,
            numbers=["区建发〔2099〕1号"],
        )
    )
    state = update_index(edited, tmp_path / "inc", first.state)
    assert state is not None
    fresh = build_index(edited, tmp_path / "new")
    assert _tree(tmp_path / "inc") == _tree(tmp_path / "new")
    after = {p: p.stat().st_ino for p in (tmp_path / "inc").rglob("*.json")}
    rewritten = [p for p, ino in after.items() if before.get(p) != ino]
    # the edited unit, the new one, the manifest and the shards of the changed tokens only
    assert len(rewritten) < len(after) / 2
    assert os.path.exists(tmp_path / "inc/search-index/u/0/400.json")
    # nothing changed: nothing is rewritten
    again = update_index(edited, tmp_path / "inc", state)
    assert again == state == fresh.state


def test_update_index_refuses_what_it_cannot_do_cheaply(tmp_path):
    import dataclasses

    from generator.search.build import update_index

    base = generate_units(100, seed=4)
    first = build_index(base, tmp_path / "a")
    # an older unit added: every id after it moves
    older = min(u.date for u in base)
    moved = base + [dataclasses.replace(base[0], url="documents/1999/old/", date=older)]
    assert update_index(moved, tmp_path / "a", first.state) is None
    # a state that does not describe this index
    assert update_index(base, tmp_path / "a", {"format": 1}) is None
    assert update_index(base, tmp_path / "missing", first.state) is None
