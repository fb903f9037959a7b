"""Chinese full-text search for the static site: a sharded n-gram index and a small JS client.

Why not the alternatives
------------------------
Material's built-in search (lunr + jieba) ships one index that the browser downloads whole
before the first result: 26 MB (1.8 MB gzip) at 1,000 Chinese pages. Pagefind chunks its CJK
index too coarsely (0.4–0.74 MB and 1.4–5 s per query at 10,000 pages), its word
segmentation misses substrings (recall 0.29 for 营商环境) and it cannot find a 发文字号.
Staff expect "find this text" semantics: every unit that contains the typed characters.

Design
------
Build time (:func:`build_index`, :mod:`.build`):

* Each unit is searched in ``title + "\\n" + meta + "\\n" + text``, normalised per code point
  with NFKC + lower case (full-width digits, letters and brackets fold to ASCII).
* Tokens (:mod:`.tokens`): the text is cut into runs at whitespace; every run contributes its
  characters, bigrams and trigrams, punctuation included. No word segmentation, so nothing
  typed can fall between words. (The first design used bigrams of CJK runs and whole ASCII
  words; measured, bigrams are too unselective: 2月10日前 or 户。局属各 matched hundreds of
  candidates per true hit, each needing its text downloaded, up to 1.4 MB a query at 1,000
  units. Trigrams across punctuation made those queries 7–24 times cheaper; unigrams add
  ~20 % to the postings and make one-character queries exact instead of refusing them.
  Measured with ``bench/search_bench.py`` at 10,000 documents: 63 kB gzip median, 120 kB
  worst per query; at 1,000: 53 kB median, 156 kB worst.)
* A unit's own 发文字号 (``numbers``) is a token ``#区建发〔2025〕1号`` with weight 3; numbers the
  unit cites (:func:`generator.text.docnumber.find_cited_numbers`, any bracket style) get the
  same token with weight 1.
* Postings per token: ascending unit ids, delta-encoded with a 2-bit weight (0–2: the token
  occurs 1, 2, 3+ times; 3: it occurs in the title) in a self-delimiting base-32 text form
  (``build.encode_postings``), ~45 % smaller raw and ~10 % smaller gzipped than JSON number
  arrays. Unit ids are assigned oldest first and score ties go to the higher id, so newer units win
  ties, and a new unit usually gets a new id without moving the others (incremental updates).
* Tokens are spread over ``s/<n>.json`` shards by FNV-1a(token) mod shard count; the count is
  a power of two chosen so a shard holds ~8 kB of postings (1,024 shards at 1,000 documents,
  8,192 at 10,000), so one query downloads only a few small files.
* One file per unit ``u/<id // 1000>/<id>.json`` with title, URL, meta line, date, kind,
  numbers and the plain text (and ``"r": 1`` for a demoted unit): fetched only for the best
  candidates, to verify and to build the snippet. ``manifest.json`` holds the format version,
  shard count and unit count, the ids of the *demoted* units (not in force: 尚未施行, 已废止,
  失效) and the 代字 of the units' own numbers.
  All files are compact UTF-8 JSON with sorted keys: the same units (in any order) always give
  byte-identical files. Nothing is pre-compressed; servers may gzip on the fly.

Query time (``assets/govpub-search.js`` in the browser; its Python twin ``testkit.searcher``,
outside the product package, is what the tests and the bench use: the two implement the same
algorithm and read the same files, which the browser test checks):

1. The query is split at whitespace into AND-ed terms. A whole query (or a term) that reads
   as a 发文字号 (``generator.text.docnumber.normalise_doc_number``; ported to JS and kept in
   sync by ``tests/search/docnumber_cases.json``; plus the looser spellings of
   ``readNumber`` of the client: 区建发2025第3号, 区建发25年3号, 区建发20253号, 〔2025〕3号) becomes a
   number term: the number token, plus the canonical and the typed forms as text. Typed with
   only the end of its 代字 (建发〔2025〕3号) or none, it is also looked up under every 代字
   of the manifest that ends with what was typed.
2. A term of 1–2 characters is looked up as one token, a longer one by its trigrams (at most
   8, spread over the term). All shards needed are fetched in parallel.
3. Candidates: intersection of a term's postings (union over a number term's routes), then
   intersection over terms. Each candidate gets an upper bound of its score from the weights.
4. Candidates are read in order of that bound, 20 at a time, and **verified**: each term must
   really occur as a substring of the normalised text (or the unit carries / cites the
   number). This gives precision 1 whatever the n-grams over-match, and an exact score:
   3 per term in the title, else 0–2 by occurrences, +100 for the unit that *is* the number
   searched for (+99 when found through a longer 代字). Results are ranked: the unit that is
   the number first, then units in force before demoted ones, then by score, then newest. Reading stops when 20 results are final (no unread bound can beat them), or
   after 40 (page full) / 60 (in any case) reads; 显示更多 continues.

Recall is 1 by construction (every substring of a unit contains the unit's n-grams) and
precision is 1 by verification; ``tests/search/test_search_corpus.py`` checks both against
brute-force substring search, ``bench/search_bench.py`` measures bytes and time.

Client
------
``assets/govpub-search.js`` (plain ES2017, include it as ``extra_javascript``, and
``assets/govpub-search.css`` as ``extra_css``): a page containing
``<div id="govpub-search" data-index="../search-index/"></div>`` becomes the search page
(input labelled 检索, ``?q=`` read on load and kept up to date with ``history.replaceState``,
debounced search while typing, results with <mark>ed title, meta line and snippet; each
result links to its page with ``?hl=<query>``, and on that page the words are marked too).
On every page with Material's header (``.md-header__inner``) a compact GET form (parameter
``q``; on narrow screens a search icon linking to the search page instead) is
added that leads to the search page named by ``<meta name="govpub-search-page"
content="search/">`` (resolved against the site root; default ``search/``). The site root is
the script's own URL minus ``assets/javascripts/govpub-search.js``. Material's own search
plugin should be disabled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["SearchUnit", "IndexStats", "build_index"]


@dataclass
class SearchUnit:
    """One searchable thing: a document, a regulation article, a disclosure item, a regulation.

    ``url`` is site-root-relative without a leading slash, optionally with an anchor
    (``documents/2025/zhiban/``, ``regulations/kaoqin/#art-12``). ``meta`` is the line shown
    under the title; ``date`` (ISO) makes newer units win ties; ``numbers`` are the canonical
    发文字号 this unit *is* (a document's own number), which rank it first for that number;
    ``demoted`` units (not in force) rank after all others.
    """

    url: str
    title: str
    kind: str
    text: str
    meta: str = ""
    date: str | None = None
    numbers: list[str] = field(default_factory=list)
    #: not (or no longer) in force — 尚未施行, 已废止, 已失效: ranked after every unit in force
    #: (but a document still comes first for its own number)
    demoted: bool = False


@dataclass
class IndexStats:
    """What :func:`build_index` wrote: units, distinct tokens, postings, shards, files, bytes."""

    units: int
    tokens: int
    postings: int
    shards: int
    files: int
    bytes: int
    #: what :func:`update_index` needs to bring this index up to date later
    state: dict | None = field(default=None, repr=False, compare=False)


def build_index(units: Sequence[SearchUnit], out_dir: Path) -> IndexStats:
    """Write ``out_dir/search-index/`` (replacing any old one) and the client assets
    ``out_dir/assets/javascripts/govpub-search.js`` and ``out_dir/assets/stylesheets/govpub-search.css``.

    Raises ValueError when a unit's ``numbers`` holds something that is not a 发文字号.
    """
    from .build import write_index

    return IndexStats(**write_index(units, Path(out_dir)))
