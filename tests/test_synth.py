"""The synthetic corpus generator (testkit.synth): valid, deterministic, realistic, and its
unpublishable items are exactly where and what it promises."""

from __future__ import annotations

import datetime as dt
import re
import statistics
from pathlib import Path

import pytest

from generator.check import check_root
from generator.corpus import load_corpus
from generator.publish import document_is_public, item_is_public, version_is_public
from generator.text.articles import parse_regulation
from testkit.marks import slow_after
from testkit.synth import AS_OF, MARKER_PREFIX, SynthStats, synth_corpus

NEVER = dt.date(2099, 12, 31)
SMALL = dict(documents=120, regulations=5, disclosure_items=40, seed=7)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> tuple[Path, SynthStats]:
    root = tmp_path_factory.mktemp("synth") / "small"
    return root, synth_corpus(root, **SMALL)


@pytest.fixture(scope="module")
def leaky(tmp_path_factory) -> tuple[Path, SynthStats]:
    root = tmp_path_factory.mktemp("synth") / "leaky"
    return root, synth_corpus(root, documents=150, regulations=6, disclosure_items=50, seed=11, unpublishable=True)


# -- validity -----------------------------------------------------------------------------------


def test_small_corpus_has_no_errors_and_no_warnings(small):
    root, _ = small
    result = check_root(root, AS_OF)
    assert [(d.path, d.line, d.code, d.message) for d in result.diagnostics] == []


def test_counts_are_the_ones_asked_for(small):
    root, stats = small
    assert stats.documents == 120
    assert stats.regulations == 5 and stats.versions == 15 and stats.repealed_regulations == 1
    assert stats.disclosure_items == 40
    assert stats.markers == []
    corpus = load_corpus(root)
    assert len(corpus.documents) == 120
    assert len(corpus.regulations) == 5
    assert sum(len(r.versions) for r in corpus.regulations.values()) == 15
    assert len(corpus.disclosures) == 40
    assert stats.files == sum(1 for p in root.rglob("*") if p.is_file())
    assert sum(stats.doc_types.values()) == 120
    assert sum(stats.codes.values()) == 120


def test_unpublishable_corpus_only_warns_about_the_unapproved_item(leaky):
    root, stats = leaky
    result = check_root(root, AS_OF)
    assert result.errors == []
    unapproved = stats.marker_paths[next(m.marker for m in stats.markers if m.kind == "unapproved_item")]
    assert [(d.code, d.path) for d in result.warnings] == [("P001", unapproved)]


@pytest.mark.parametrize(
    "kw",
    slow_after(
        [
            dict(documents=40, years=1, regulations=5, disclosure_items=12, seed=3),
            dict(documents=90, years=12, regulations=3, versions_per_regulation=1, disclosure_items=60, seed=4),
            dict(documents=60, regulations=5, versions_per_regulation=5, seed=5, unpublishable=True),
            dict(documents=25, regulations=0, disclosure_items=5, seed=6, unpublishable=True),
        ]
    ),
)
def test_other_shapes_are_valid_too(tmp_path, kw):
    synth_corpus(tmp_path / "c", **kw)
    result = check_root(tmp_path / "c", AS_OF)
    assert result.errors == []
    assert all(d.code == "P001" for d in result.warnings)
    assert len(result.warnings) == (1 if kw.get("unpublishable") else 0)


# -- determinism --------------------------------------------------------------------------------


def test_same_seed_gives_byte_identical_trees(small, tmp_path):
    root, _ = small
    synth_corpus(tmp_path / "again", **SMALL)
    assert tree(tmp_path / "again") == tree(root)


def test_unpublishable_corpus_is_deterministic_too(leaky, tmp_path):
    root, _ = leaky
    synth_corpus(tmp_path / "again", documents=150, regulations=6, disclosure_items=50, seed=11, unpublishable=True)
    assert tree(tmp_path / "again") == tree(root)


def test_another_seed_gives_another_corpus(small, tmp_path):
    root, _ = small
    synth_corpus(tmp_path / "other", **dict(SMALL, seed=SMALL["seed"] + 1))
    a, b = tree(root), tree(tmp_path / "other")
    assert a != b
    assert a["content/site.yml"] == b["content/site.yml"]


# -- numbering, dates, references ---------------------------------------------------------------


def test_numbering_is_continuous_per_code_and_year_in_signed_on_order(small):
    corpus = load_corpus(small[0])
    by_seq: dict = {}
    for doc in corpus.documents:
        by_seq.setdefault((doc.number.code, doc.number.year), []).append(doc)
    assert len(by_seq) >= 8  # several 代字 in each of the years
    for (code, year), docs in by_seq.items():
        docs.sort(key=lambda d: d.number.seq)
        assert [d.number.seq for d in docs] == list(range(1, len(docs) + 1)), (code, year)
        dates = [d.signed_on for d in docs]
        assert dates == sorted(dates), (code, year)
        assert all(d.signed_on.year == year for d in docs)
    codes = {c for c, _ in by_seq}
    assert {"区建发", "区建办", "区建函"} <= codes
    assert codes <= set(corpus.agency.codes)


def test_dates_never_after_as_of_and_body_dates_unpadded(small):
    corpus = load_corpus(small[0])
    for doc in corpus.documents:
        for d in (doc.signed_on, doc.published_on, doc.printed_on):
            assert d is None or d <= AS_OF, doc.path
        for _, text in doc.source.body:
            assert not re.search(r"\d{4}年0\d月|\d{1,2}月0\d日", text), doc.path
    for item in corpus.disclosures:
        assert item.approved and item.approved_on <= AS_OF
    for reg in corpus.regulations.values():
        for ver in reg.versions:
            assert ver.adopted_on <= AS_OF


def test_cited_numbers_exist(small):
    corpus = load_corpus(small[0])
    numbers = {str(d.number) for d in corpus.documents}
    cited = 0
    for src in [d.source for d in corpus.documents] + [i.source for i in corpus.disclosures]:
        text = "\n".join(t for _, t in src.body)
        for m in re.finditer(r"(区建[发办函请纪告])〔(\d{4})〕(\d+)号", text):
            assert m.group(0) in numbers, (src.path, m.group(0))
            cited += 1
    for item in corpus.disclosures:
        for r in item.related:
            assert r in numbers
    for reg in corpus.regulations.values():
        for ver in reg.versions:
            assert ver.issued_by in numbers
    assert cited > 0


def test_regulation_versions_are_issued_by_notices_and_amended(small):
    corpus = load_corpus(small[0])
    by_number = {str(d.number): d for d in corpus.documents}
    repealed = [r for r in corpus.regulations.values() if r.repealed_on]
    assert len(repealed) == 1 and repealed[0].repealed_by in by_number
    for reg in corpus.regulations.values():
        effective = [v.effective_on for v in reg.versions]
        assert effective == sorted(set(effective))
        texts = []
        for ver in reg.versions:
            notice = by_number[ver.issued_by]
            assert notice.regulation == reg.slug and "印发" in notice.title
            assert notice.signed_on >= ver.adopted_on and notice.signed_on < ver.effective_on
            parsed = parse_regulation(ver.source.body)
            assert [a.number for a in parsed.articles] == list(range(1, len(parsed.articles) + 1))
            assert len(parsed.articles) >= 8
            texts.append([(a.label, " ".join(c.text for c in a.clauses)) for a in parsed.articles])
        for before, after in zip(texts, texts[1:]):
            assert before != after  # every later version changes something
        for ver in reg.versions[1:]:
            assert ver.summary and "条" in ver.summary


@pytest.mark.slow
def test_realistic_mix(tmp_path):
    stats = synth_corpus(tmp_path / "mix", documents=600, regulations=10, disclosure_items=120, seed=2)
    corpus = load_corpus(tmp_path / "mix")
    types = stats.doc_types
    assert len(types) >= 10
    assert max(types, key=types.get) == "通知" and types["通知"] > 0.3 * stats.documents
    assert stats.register_entries >= 1 and stats.non_public_documents >= 10
    assert {"regular", "prompt", "pre"} <= set(stats.disclosure_kinds)
    lengths = [sum(len(t) for _, t in d.source.body) for d in corpus.documents if not d.is_register_entry]
    assert 800 <= statistics.median(lengths) <= 3000
    assert max(lengths) <= 3200
    departments = {d.department for d in corpus.documents}
    assert departments <= set(corpus.agency.departments) and len(departments) >= 8
    for doc in corpus.documents:
        if doc.is_register_entry:
            assert not doc.source.body or not any(t.strip() for _, t in doc.source.body)
        if doc.doc_type == "函":
            assert doc.title.endswith("函")
        if doc.doc_type in ("请示", "报告"):
            assert doc.signer
        if doc.disclosure == "不予公开" and not doc.is_register_entry:
            assert doc.withhold_reason
        assert not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", "\n".join(t for _, t in doc.source.body))
    with_levels = [
        d
        for d in corpus.documents
        if any(t.startswith("（一）") for _, t in d.source.body) and any(re.match(r"\d\.", t) for _, t in d.source.body)
    ]
    assert with_levels  # the deeper outline levels are used


# -- the unpublishable items --------------------------------------------------------------------


KINDS = {
    "secret_register",
    "internal",
    "on_request",
    "withheld",
    "future_published",
    "unapproved_item",
    "future_posting_item",
    "regulation_version",
    "regulation",
}


def test_markers_are_listed_once_each(leaky):
    _, stats = leaky
    assert {m.kind for m in stats.markers} == KINDS
    names = [m.marker for m in stats.markers]
    assert len(set(names)) == len(names) == len(KINDS)
    for m in stats.markers:
        assert re.fullmatch(r"LEAK\d{4}", m.marker) and m.marker.isascii()
        assert m.marker in stats.marker_paths
        kind, marker, public_from = m  # a plain 3-tuple
        assert public_from is None or public_from > AS_OF


def test_markers_are_in_title_and_body(leaky):
    root, stats = leaky
    corpus = load_corpus(root)
    docs = {d.path: d for d in corpus.documents}
    items = {i.path: i for i in corpus.disclosures}
    versions = {v.path: (r, v) for r in corpus.regulations.values() for v in r.versions}
    for m in stats.markers:
        written = MARKER_PREFIX + m.marker
        path = stats.marker_paths[m.marker]
        # the marker appears in no other file
        holders = [
            p.relative_to(root).as_posix()
            for p in root.rglob("*")
            if p.is_file() and m.marker in p.read_text(encoding="utf-8")
        ]
        if m.kind == "regulation":
            assert sorted(holders) == sorted([path, path.rsplit("/", 1)[0] + "/regulation.yml"])
        else:
            assert holders == [path]
        body = None
        if path in docs:
            assert written in docs[path].title
            body = "\n".join(t for _, t in docs[path].source.body)
        elif path in items:
            assert written in items[path].title
            body = "\n".join(t for _, t in items[path].source.body)
        else:
            reg, ver = versions[path]
            body = "\n".join(t for _, t in ver.source.body)
            if m.kind == "regulation":
                assert written in reg.title
            else:
                assert written in (ver.summary or "")
        if m.kind == "secret_register":
            assert body.strip() == ""
        else:
            assert written in body


def test_markers_are_not_public_until_their_date(leaky):
    root, stats = leaky
    corpus = load_corpus(root)
    agency = corpus.agency
    public_at = {}
    for d in corpus.documents:
        public_at[d.path] = lambda day, d=d: document_is_public(d, day)
    for i in corpus.disclosures:
        public_at[i.path] = lambda day, i=i: item_is_public(i, agency, day)
    for r in corpus.regulations.values():
        for v in r.versions:
            public_at[v.path] = lambda day, v=v: version_is_public(v, day)
    for m in stats.markers:
        is_public = public_at[stats.marker_paths[m.marker]]
        assert not is_public(AS_OF), m
        if m.public_from is None:
            assert not is_public(NEVER), m
        else:
            assert not is_public(m.public_from - dt.timedelta(days=1)), m
            assert is_public(m.public_from), m
    kinds = {m.kind: m for m in stats.markers}
    future_doc = next(d for d in corpus.documents if d.path == stats.marker_paths[kinds["future_published"].marker])
    assert future_doc.signed_on <= AS_OF < future_doc.published_on
    assert stats.marker_paths[kinds["future_posting_item"].marker].startswith("content/disclosures/2027-Q1/")


def test_unpublishable_items_come_on_top_of_the_counts(leaky):
    _, stats = leaky
    assert stats.documents == 155
    assert stats.disclosure_items == 52
    assert stats.regulations == 7 and stats.versions == 6 * 3 + 2


# -- arguments ----------------------------------------------------------------------------------


def test_refuses_a_non_empty_output(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "keep.txt").write_text("x")
    with pytest.raises(FileExistsError):
        synth_corpus(tmp_path / "x", documents=10)
    synth_corpus(tmp_path / "empty-or-missing", documents=10)


def test_too_few_documents_for_the_regulations(tmp_path):
    with pytest.raises(ValueError):
        synth_corpus(tmp_path / "c", documents=10, regulations=5)
