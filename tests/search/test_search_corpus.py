"""Recall and precision against brute-force substring search on a 2,000-unit generated corpus."""

from __future__ import annotations

import gzip
import random

import pytest

from generator.search import build_index
from generator.search.build import searchable_text
from generator.search.tokens import SPACE_RE, normalise, strip
from generator.text.docnumber import normalise_doc_number
from testkit.search_corpus import generate_units, iter_substrings
from testkit.searcher import Searcher

#: a 2,000-unit index and brute-force search over it: the full suite's, not the fast loop's
pytestmark = pytest.mark.slow

FIXED = [
    "值班",
    "请假",
    "考勤奖",
    "销假",
    "印章管理",
    "营商环境",
    "请假超过三天",
    "值班 考勤奖",
    "营商环境 容缺受理",
    "请假 销假 考勤奖",
    "数值",
    "2025年",
    "区建发",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    units = generate_units(2000, seed=11, article_share=0.2)
    out = tmp_path_factory.mktemp("corpus-site")
    build_index(units, out)
    texts = [normalise(searchable_text(u.title, u.meta, u.text)) for u in units]
    return units, out / "search-index", texts


def brute_force(units, texts, q):
    q = strip(q)
    whole = normalise_doc_number(q)
    parts = [q] if whole is not None else SPACE_RE.split(q)
    tests = []
    for raw in parts:
        number = normalise_doc_number(raw)
        if number is not None:
            needles = {normalise(str(number))} | ({normalise(raw)} if not SPACE_RE.search(raw) else set())
            tests.append((str(number), needles))
        else:
            tests.append((None, {normalise(raw)}))
    return {
        u.url
        for u, text in zip(units, texts)
        if all((num is not None and num in u.numbers) or any(n in text for n in needles) for num, needles in tests)
    }


def queries(units):
    out = list(FIXED)
    out.extend(iter_substrings(units, 60, seed=3))
    out.extend(["值", "，", "奖 罚"])
    rng = random.Random(4)
    for _ in range(10):  # multi-term queries made of two substrings of one unit
        unit = rng.choice(units)
        a, b = rng.randrange(len(unit.text) - 6), rng.randrange(len(unit.text) - 6)
        terms = [unit.text[a : a + rng.randint(2, 5)], unit.text[b : b + rng.randint(2, 5)]]
        if not any(SPACE_RE.search(t) for t in terms):
            out.append(" ".join(terms))
    return out


def test_recall_and_precision_against_substring_search(corpus):
    units, index, texts = corpus
    recalls, precisions = [], []
    searcher = Searcher(index)  # one reader for all queries: files are parsed once
    for q in queries(units):
        got = [h.url for h in searcher.search(q, None).hits]
        assert len(got) == len(set(got))
        want = brute_force(units, texts, q)
        found = set(got) & want
        recalls.append(len(found) / len(want) if want else 1.0)
        precisions.append(len(found) / len(got) if got else 1.0)
        # The design makes both exact: the n-gram index never misses a substring match and
        # every returned unit has been checked against its text.
        assert set(got) == want, q
    assert min(recalls) >= 0.95 and min(precisions) >= 0.9


def test_loose_numbers_put_the_document_first(corpus):
    units, index, _ = corpus
    docs = [u for u in units if u.numbers]
    for unit in random.Random(5).sample(docs, 15):
        number = normalise_doc_number(unit.numbers[0])
        for form in (
            f"{number.code}[{number.year}]{number.seq}号",
            f"{number.code}{number.year}年{number.seq}号",
            f"{number.code}〔{number.year}〕第{number.seq}号",
            f"{number.code}{number.year}-{number.seq}",
        ):
            hits = Searcher(index).search(form).hits
            assert hits and hits[0].url == unit.url, form


def test_first_page_is_ranked_and_cheap(corpus):
    units, index, _ = corpus
    everything = Searcher(index)
    for q in FIXED:
        searcher = Searcher(index)
        page = searcher.search(q, 20)
        full = everything.search(q, None)
        assert {h.url for h in page.hits} <= {h.url for h in full.hits}
        keys = [(-h.score, -h.uid) for h in page.hits]
        assert keys == sorted(keys)
        assert len(page.hits) == min(20, len(full.hits))
        assert page.total >= len(full.hits) and (not page.exact or page.total == len(full.hits))
        fetched = sum(len(gzip.compress((index / f).read_bytes())) for f in searcher.fetched)
        assert fetched < 300_000, (q, fetched)
