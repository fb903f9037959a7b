"""Search that knows validity: units not in force rank after those in force (but a document is
still first for its own number), loose ways of typing a 发文字号, and what the site indexes of a
regulation's versions."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest

from generator.search import SearchUnit, build_index
from testkit.search_corpus import hand_units
from testkit.searcher import query, read_number

REPO = Path(__file__).resolve().parents[2]


def units_with_validity() -> list[SearchUnit]:
    units = hand_units()
    units.append(
        SearchUnit(
            url="regulations/zhiban-old/#art-3",
            title="机关值班管理办法 第三条（已废止）",
            kind="article",
            text="第三条 值班人员须按时到岗，值班期间不得离岗，值班记录须当日填写。",
            meta="规章制度 · 已废止",
            date="2026-05-01",
            demoted=True,
        )
    )
    units.append(
        SearchUnit(
            url="regulations/zhiban/2027-01-01/#art-3",
            title="机关值班管理办法 第三条（尚未施行）",
            kind="article",
            text="第三条 值班人员须提前十分钟到岗交接，值班记录实行电子化。值班值班值班。",
            meta="规章制度 · 尚未施行",
            date="2027-01-01",
            demoted=True,
        )
    )
    units.append(
        SearchUnit(
            url="documents/2023/old-zhiban/",
            title="关于值班工作的通知（已废止）",
            kind="document",
            text="值班安排另行通知。",
            meta="区建发〔2023〕2号 · 通知 · 已废止",
            date="2023-01-05",
            numbers=["区建发〔2023〕2号"],
            demoted=True,
        )
    )
    units.append(
        SearchUnit(
            url="documents/2024/cites-old/",
            title="关于转发值班要求的函",
            kind="document",
            text="按照区建发〔2023〕2号文件要求安排值班。",
            meta="区建函〔2024〕9号 · 函",
            date="2024-02-01",
            numbers=["区建函〔2024〕9号"],
        )
    )
    return units


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("validity")
    build_index(units_with_validity(), out)
    return out


def test_units_not_in_force_rank_after_every_unit_in_force(index):
    urls = query(index, "值班", limit=None)
    demoted = {"regulations/zhiban-old/#art-3", "regulations/zhiban/2027-01-01/#art-3", "documents/2023/old-zhiban/"}
    assert demoted <= set(urls)
    first_demoted = min(urls.index(u) for u in demoted)
    assert all(u in demoted for u in urls[first_demoted:])
    # even though the coming version says 值班 more often and in its title
    assert urls.index("regulations/zhiban/2027-01-01/#art-3") > urls.index("documents/2025/zhiban/")


def test_a_repealed_document_is_still_first_for_its_own_number(index):
    assert query(index, "区建发〔2023〕2号")[:2] == ["documents/2023/old-zhiban/", "documents/2024/cites-old/"]


def test_the_manifest_lists_demoted_units_and_codes(index):
    manifest = json.loads((index / "search-index/manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == 3 and len(manifest["demoted"]) == 3
    assert manifest["codes"] == ["区建函", "区建办", "区建发"]


@pytest.mark.parametrize(
    "typed, canonical",
    [
        ("区建发2025第1号", "区建发〔2025〕1号"),
        ("区建发25年1号", "区建发〔2025〕1号"),
        ("区建发20251号", "区建发〔2025〕1号"),
        ("区建发2025001", "区建发〔2025〕1号"),
        ("〔2025〕1号", "〔2025〕1号"),
        ("（2025）第1号", "〔2025〕1号"),
    ],
)
def test_loose_number_forms_are_read(typed, canonical):
    assert read_number(typed)[0] == canonical


def test_a_code_ending_in_zi_is_kept():
    assert read_number("区建字〔2025〕18号") == ("区建字〔2025〕18号", "区建字")


@pytest.mark.parametrize("q", ["区建发2025第1号", "区建发25年1号", "区建发20251号", "区建发2025001", "建发〔2025〕1号"])
def test_loose_and_partial_numbers_put_the_document_first(hand_index, q):
    assert query(hand_index, q)[0] == "documents/2025/zhiban/"


def test_a_number_without_its_code_finds_the_documents_that_have_it(hand_index):
    urls = query(hand_index, "〔2025〕1号")
    assert urls[0] == "documents/2025/zhiban/"


def test_site_indexes_each_article_once_on_the_version_in_force():
    from generator.commands.siteparts import default_parts, search_units
    from generator.corpus import load_corpus
    from generator.publish import public_view
    from generator.site.build import site_builder

    corpus = load_corpus(REPO)
    view = public_view(corpus, dt.date(2026, 11, 23))
    builder, _, _ = site_builder(corpus, view, parts=default_parts())
    units = [u for u in search_units(builder) if u.kind == "article"]
    caiwu = [u for u in units if u.url.startswith("regulations/caiwu/")]
    in_force = [u for u in caiwu if u.url.startswith("regulations/caiwu/#")]
    coming = [u for u in caiwu if u.url.startswith("regulations/caiwu/2027-01-01/")]
    assert in_force and all(not u.demoted for u in in_force)
    assert coming and all(u.demoted and "（尚未施行）" in u.title for u in coming)
    texts = {u.text.split(" ", 1)[1] for u in in_force}
    assert all(u.text.split(" ", 1)[1] not in texts for u in coming)  # only what the coming version changes
    assert not any("2025-07-01" in u.url or "2026-01-01" in u.url for u in caiwu)  # no older version
    assert max(Counter(u.url for u in units).values()) == 1
    gongwen = [u for u in units if u.url.startswith("regulations/gongwen/")]
    assert gongwen and all(u.demoted and "已废止" in u.meta for u in gongwen)
