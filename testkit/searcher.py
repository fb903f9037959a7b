"""Answer queries from the static index: the Python twin of the browser client.

:class:`Searcher` reads the same files the browser fetches, in the same order and with the
same algorithm as ``assets/govpub-search.js`` (parse → shards → candidates → verify the best
candidates against their text), and records every file it read so the bench can count the
bytes a cold browser cache would download.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.search.build import FORMAT, W_TITLE, decode_postings, searchable_text
from generator.search.tokens import SPACE_RE, normalise, number_token, shard_of, strip, term_tokens
from generator.text.docnumber import normalise_doc_number

__all__ = [
    "MAX_TERM_TOKENS",
    "NUMBER_SCORE",
    "VERIFY_FACTOR",
    "CHECK_FACTOR",
    "Term",
    "Hit",
    "SearchResult",
    "Searcher",
    "parse_query",
    "count_occurrences",
    "search",
    "query",
]

#: At most this many trigrams of one term are looked up (spread evenly over the term); the
#: rest of a long term is checked against the candidates' text.
MAX_TERM_TOKENS = 8

#: At most ``VERIFY_FACTOR * limit`` candidates are read for one page of results once it is full,
#: and at most ``CHECK_FACTOR * limit`` in any case (the page may then hold fewer than ``limit``
#: results; the browser offers 显示更多 to go on).
VERIFY_FACTOR = 2
CHECK_FACTOR = 3

#: Score of a unit that *is* the 发文字号 searched for (any text match scores 0..3 per term);
#: one less when the query named it without the whole 代字 (建发〔2025〕1号, 〔2025〕1号).
NUMBER_SCORE = 100


@dataclass
class Term:
    """One AND-ed part of a query.

    ``texts`` are the normalised strings any one of which must occur in the unit (one for a
    plain term; canonical number and typed form for a number term). ``number`` is the
    canonical 发文字号 for a number term. ``routes`` are the token lists looked up, one per
    text (:func:`generator.search.tokens.term_tokens`, at most :data:`MAX_TERM_TOKENS`).
    """

    raw: str
    texts: list[str]
    number: str | None = None
    routes: list[list[str]] = field(default_factory=list)
    #: the 代字 as typed ("" for 〔2025〕1号): a unit whose own number has a longer 代字 ending
    #: with it is taken for the number too (one point less than the exact number)
    code: str | None = None

    @property
    def exact(self) -> bool:
        """The index alone decides this term: one text that is exactly one token (1-3 characters)."""
        return self.number is None and len(self.texts) == 1 and len(self.texts[0]) <= 3


@dataclass
class Hit:
    uid: int
    score: int
    record: dict

    @property
    def url(self) -> str:
        return self.record["u"]


@dataclass
class SearchResult:
    hits: list[Hit]
    #: Number of matching units: exact when ``exact``, else an upper bound.
    total: int
    exact: bool
    terms: list[Term]


def _spread(tokens: list[str], k: int) -> list[str]:
    """At most ``k`` of ``tokens``, evenly spread and always including the first and last."""
    if len(tokens) <= k:
        return tokens
    picks = sorted({round(i * (len(tokens) - 1) / (k - 1)) for i in range(k)})
    return [tokens[i] for i in picks]


def _route(text: str) -> list[str]:
    return _spread(term_tokens(text), MAX_TERM_TOKENS)


#: Loose ways of typing a 发文字号 that :func:`generator.text.docnumber.normalise_doc_number`
#: does not read, each rewritten to one it does (区建发2025第3号, 区建发25年3号, 区建发20253号,
#: 区建发2025003); the JS twin has the same table.
_CODE = r"([\u3400-\u4dbf\u4e00-\u9fff]{1,12})"
_LOOSE_FORMS = [
    (re.compile(r"^" + _CODE + r"\s*([0-9０-９]{4})\s*第\s*([0-9０-９]+)\s*号?$"), r"\1〔\2〕\3号"),
    (re.compile(r"^" + _CODE + r"\s*([0-9０-９]{2})\s*年\s*第?\s*([0-9０-９]+)\s*号?$"), r"\1〔20\2〕\3号"),
    (re.compile(r"^" + _CODE + r"([0-9０-９]{4})([0-9０-９]{1,4})号$"), r"\1〔\2〕\3号"),
    (re.compile(r"^" + _CODE + r"([0-9０-９]{4})(0[0-9０-９]{2,3})$"), r"\1〔\2〕\3号"),
]
#: A number typed without its 代字: 〔2025〕3号, [2025]3号, （2025）第3号
_CODELESS_RE = re.compile(
    r"^[〔\[(（【〈［〖]\s*([0-9０-９]{4}|[0-9０-９]{2})\s*[〕\])）】〉］〗]\s*第?\s*"
    r"0*([1-9][0-9０-９]*)\s*号?$"
)
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def loosen(text: str) -> str:
    """``text`` with a loose spelling of a 发文字号 rewritten to one the number reader knows."""
    for pattern, replacement in _LOOSE_FORMS:
        new = pattern.sub(replacement, text)
        if new != text:
            return new
    return text


def read_number(text: str):
    """``(canonical number, 代字 as typed)`` when ``text`` reads as a 发文字号, else None; a
    number without its 代字 gives ``("〔2025〕3号", "")``."""
    number = normalise_doc_number(text)
    if number is None:
        number = normalise_doc_number(loosen(text))
    if number is not None:
        return str(number), number.code
    m = _CODELESS_RE.match(text)
    if m:
        year = m.group(1).translate(_FULLWIDTH_DIGITS)
        year = year if len(year) == 4 else "20" + year
        seq = str(int(m.group(2).translate(_FULLWIDTH_DIGITS)))
        return f"〔{year}〕{seq}号", ""
    return None


def parse_query(q: str, whole_number: bool = True) -> list[Term]:
    """Split a query into AND-ed terms.

    The whole query is first tried as one loosely typed 发文字号 (区建发 2025 1 has spaces),
    unless ``whole_number`` is false; otherwise it is split on whitespace and each part is a
    number term if it reads as a 发文字号 (:func:`read_number`), else a plain term. Duplicate
    terms are dropped.
    """
    q = strip(q)
    if not q:
        return []
    whole = read_number(q) if whole_number else None
    parts = [q] if whole is not None else SPACE_RE.split(q)
    terms: list[Term] = []
    seen: set[tuple[str, ...]] = set()
    for raw in parts:
        number = read_number(raw)
        norm = normalise(raw)
        if number is not None:
            canonical, code = number
            texts = [normalise(canonical)]
            if not SPACE_RE.search(norm) and norm not in texts:
                texts.append(norm)
            term = Term(raw, texts, canonical, code=code)
        else:
            term = Term(raw, [norm])
        term.routes = [_route(t) for t in term.texts]
        key = tuple(term.texts)
        if key not in seen:
            seen.add(key)
            terms.append(term)
    return terms


def count_occurrences(haystack: str, needle: str) -> int:
    """Non-overlapping occurrences, left to right (``str.count``; the JS twin loops indexOf)."""
    return haystack.count(needle)


def _term_score(
    term: Term, record: dict, norm_full: str, norm_title: str, cited: bool, expansions: tuple[str, ...] = ()
) -> int:
    """The exact score of ``term`` in a unit, or -1 when the unit does not match it."""
    if term.number is not None:
        if term.number in record["n"]:
            return NUMBER_SCORE
        if any(n in record["n"] for n in expansions):
            return NUMBER_SCORE - 1
        if cited or any(t in norm_full for t in term.texts):
            return 1
        return -1
    text = term.texts[0]
    if text in norm_title:
        return W_TITLE
    count = count_occurrences(norm_full, text)
    return min(count, 3) - 1 if count else -1


def rank(score: int, uid: int, demoted: bool) -> tuple:
    """Sort key of a result: a unit that is the number searched for first, then units in
    force before demoted ones (尚未施行, 已废止), then by score, then newest (highest id)."""
    return (0 if score >= NUMBER_SCORE - 1 else 1, 1 if demoted else 0, -score, -uid)


class Searcher:
    """Queries one index directory, reading files lazily and remembering which it read."""

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        self.fetched: dict[str, int] = {}
        self._cache: dict[str, object] = {}
        self._norms: dict[int, tuple[str, str]] = {}
        self.manifest = self._json("manifest.json")
        if self.manifest.get("format") != FORMAT:
            raise ValueError(f"{self.index_dir}: unsupported search index format {self.manifest.get('format')!r}")
        self.demoted = frozenset(self.manifest.get("demoted") or ())
        self.codes = tuple(self.manifest.get("codes") or ())

    def _json(self, rel: str):
        if rel not in self._cache:
            data = (self.index_dir / rel).read_bytes()
            self.fetched[rel] = len(data)
            self._cache[rel] = json.loads(data)
        return self._cache[rel]

    def _postings(self, token: str) -> dict[int, int]:
        shard = self._json(f"s/{shard_of(token, self.manifest['shards'])}.json")
        value = shard.get(token)
        return dict(decode_postings(value)) if value else {}

    def unit(self, uid: int) -> dict:
        return self._json(f"u/{uid // self.manifest['unitsPerDir']}/{uid}.json")

    def expansions(self, term: Term) -> tuple[str, ...]:
        """Full numbers the index knows that ``term`` may mean when typed without its whole 代字:
        the number with every longer 代字 of the index that ends with the one typed."""
        if term.number is None or term.code is None:
            return ()
        rest = term.number[len(term.code) :]
        return tuple(c + rest for c in self.codes if c != term.code and c.endswith(term.code))

    def _candidates(self, term: Term) -> tuple[dict[int, int], set[int]]:
        """Units that may match ``term`` with an upper bound of its score; and the citing units."""
        found: dict[int, int] = {}
        cited: set[int] = set()
        if term.number is not None:
            for uid, weight in self._postings(number_token(term.number)).items():
                found[uid] = NUMBER_SCORE if weight == W_TITLE else 1
                cited.add(uid)
            for full in self.expansions(term):
                for uid, weight in self._postings(number_token(full)).items():
                    bound = NUMBER_SCORE - 1 if weight == W_TITLE else 1
                    if found.get(uid, -1) < bound:
                        found[uid] = bound
        for route in term.routes:
            lists = [self._postings(token) for token in route]
            lists.sort(key=len)
            common = lists[0]
            for other in lists[1:]:
                common = {uid: min(w, other[uid]) for uid, w in common.items() if uid in other}
            for uid, weight in common.items():
                bound = 1 if term.number is not None else weight
                if found.get(uid, -1) < bound:
                    found[uid] = bound
        return found, cited

    def search(self, q: str, limit: int | None = 20) -> SearchResult:
        """The best ``limit`` verified matches (all with ``limit=None``), best first.

        Candidates are checked in order of their score bound, ``limit`` at a time (the browser
        fetches one batch in parallel). Checking stops once ``limit`` matches are found and no
        unchecked candidate could outrank them, or ``VERIFY_FACTOR * limit`` candidates have
        been checked: a bound that is far above the real score (the trigrams of a phrase
        frequent, the phrase itself rare) must not make one page read hundreds of texts. For
        the same reason a page stops after ``CHECK_FACTOR * limit`` candidates even when it
        has fewer than ``limit`` results (2月10日前 has many candidates with 12月10日 …).
        """
        terms = parse_query(q)
        if not terms:
            return SearchResult([], 0, True, terms)
        bounds, cited = self._bounds(terms)
        if not bounds and len(terms) == 1 and terms[0].number is not None and SPACE_RE.search(strip(q)):
            # 值班 2025 3 reads as the number 值班〔2025〕3号; nothing has it, so AND the words.
            terms = parse_query(q, whole_number=False)
            bounds, cited = self._bounds(terms)
        demoted = self.demoted
        order = sorted(bounds, key=lambda uid: rank(bounds[uid], uid, uid in demoted))
        self._expansions = [self.expansions(term) for term in terms]

        hits: list[Hit] = []
        checked = 0
        while checked < len(order):
            if limit is not None and checked >= CHECK_FACTOR * limit:
                break
            if limit is not None and len(hits) >= limit:
                last, nxt = hits[limit - 1], order[checked]
                if (
                    rank(last.score, last.uid, last.uid in demoted) < rank(bounds[nxt], nxt, nxt in demoted)
                    or checked >= VERIFY_FACTOR * limit
                ):
                    break
            batch = order[checked:] if limit is None else order[checked : checked + limit]
            for uid in batch:
                hit = self._verify(uid, terms, cited)
                if hit is not None:
                    hits.append(hit)
            checked += len(batch)
            hits.sort(key=lambda h: rank(h.score, h.uid, h.uid in demoted))
        if checked >= len(order):
            total, exact = len(hits), True
        else:
            total, exact = len(hits) + len(order) - checked, all(t.exact for t in terms)
        if limit is not None:
            hits = hits[:limit]
        return SearchResult(hits, total, exact, terms)

    def _bounds(self, terms: list[Term]) -> tuple[dict[int, int], dict[int, set[int]]]:
        """Candidates matching every term, with the sum of their score bounds; citing units per term."""
        bounds: dict[int, int] | None = None
        cited: dict[int, set[int]] = {}
        for i, term in enumerate(terms):
            found, cited[i] = self._candidates(term)
            if bounds is None:
                bounds = found
            else:
                bounds = {uid: b + found[uid] for uid, b in bounds.items() if uid in found}
        return bounds or {}, cited

    def _verify(self, uid: int, terms: list[Term], cited: dict[int, set[int]]) -> Hit | None:
        """Read the unit and score it exactly; None when some term does not really occur."""
        record = self.unit(uid)
        norms = self._norms.get(uid)
        if norms is None:
            norms = self._norms[uid] = (
                normalise(searchable_text(record["t"], record["m"], record["x"])),
                normalise(record["t"]),
            )
        norm_full, norm_title = norms
        score = 0
        for i, term in enumerate(terms):
            s = _term_score(term, record, norm_full, norm_title, uid in cited.get(i, ()), self._expansions[i])
            if s < 0:
                return None
            score += s
        return Hit(uid, score, record)


def search(index_dir: Path, q: str, limit: int | None = 20) -> SearchResult:
    """Run one query with a fresh (cold) :class:`Searcher`."""
    return Searcher(index_dir).search(q, limit)


def query(index_dir: Path, q: str, limit: int | None = 20) -> list[str]:
    """URLs of the best ``limit`` matches of ``q`` (all matches with ``limit=None``), best first.

    ``index_dir`` is the ``search-index`` directory written by :func:`generator.search.build_index`
    (or the output directory that contains it).
    """
    index_dir = Path(index_dir)
    if not (index_dir / "manifest.json").exists() and (index_dir / "search-index" / "manifest.json").exists():
        index_dir = index_dir / "search-index"
    return [hit.url for hit in search(index_dir, q, limit).hits]
