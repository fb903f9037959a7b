"""Article-level comparison of two versions of a regulation (the site's 修订对照).

For each pair of consecutive versions the site shows which articles were added, deleted,
changed (with the changed words highlighted) or only renumbered, and which chapters were
added, deleted or renamed. Articles are matched by content, never by number: inserting an
article early renumbers everything after it, and those articles must show as renumbered,
not as changed.

Matching (:func:`compare_versions`), on the texts given by :func:`article_text` (the article
without its label, so 第十二条 and 第十三条 with the same words are the same text):

1. **Identical texts, in order.** A longest common subsequence over the two sequences of
   texts pairs identical articles while preserving their order, wherever they sit (an
   article shifted by insertions or deletions elsewhere still pairs). These pairs are the
   anchors of the alignment. Identical texts left over that the order-preserving pass could
   not pair (an article moved to another place, crossing the anchors) are then paired too,
   first with first, so a moved article shows as renumbered rather than deleted + added;
   such "moved" pairs take no part in the ordering below.
2. **Similar texts, monotone.** Between two consecutive anchors the remaining old and new
   articles are paired by similarity: :class:`difflib.SequenceMatcher` ratio on the texts
   (``autojunk=False``), counted only at or above :data:`SIMILARITY_THRESHOLD`. The pairs are
   chosen by dynamic programming as the order-consistent set (no crossing pairs) with the
   largest total similarity, i.e. a weighted monotone alignment. Cheap upper bounds (the
   length bound of ``real_quick_ratio`` and the character-multiset bound of ``quick_ratio``,
   computed with precomputed sets) reject most candidates before the full ratio, and one
   matcher per new article keeps its character index between candidates, so two
   200-article versions compare in a small fraction of a second.
3. **The rest.** Old articles still unpaired are deleted, new ones added.

A pair with identical text is "unchanged" when the numbers are equal and "renumbered"
otherwise; a similar pair is "changed" (its numbers may differ too: both articles are kept
in :class:`ArticleChange`). ``changes`` follow the order of the new version; a deleted
article is placed where it stood, before the articles added in the same place.

For a changed article, :func:`diff_segments` gives a character-level diff cleaned up for
Chinese text (see there). Chapters (and the sections inside paired chapters) are matched the
same way: identical titles first, then, in each gap, by the larger of title similarity and
the share of their articles that were paired with each other; the notes in
``chapter_changes`` report added, deleted and renamed headings. A heading whose number
changed only because another was inserted or removed is not reported on its own.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .articles import Article, Chapter, ParsedRegulation, Section
from .numerals import int_to_cn

__all__ = [
    "SIMILARITY_THRESHOLD",
    "Segment",
    "ArticleChange",
    "Comparison",
    "article_text",
    "diff_segments",
    "compare_versions",
]

#: Smallest SequenceMatcher ratio for two different texts to count as the same article, changed.
SIMILARITY_THRESHOLD = 0.5


@dataclass
class Segment:
    """A run of a diff: ``op`` is "equal", "insert" (new text only) or "delete" (old only)."""

    op: str
    text: str


@dataclass
class ArticleChange:
    """One row of the comparison; ``old``/``new`` is None for an added/deleted article."""

    kind: str  # "added" | "deleted" | "changed" | "renumbered" | "unchanged"
    old: Article | None
    new: Article | None
    similarity: float
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Comparison:
    """All rows in the order of the new version, the counts per kind, and chapter notes."""

    changes: list[ArticleChange] = field(default_factory=list)
    added: int = 0
    deleted: int = 0
    changed: int = 0
    renumbered: int = 0
    unchanged: int = 0
    chapter_changes: list[str] = field(default_factory=list)


def article_text(article: Article) -> str:
    """The article's text without its label: clauses and their items, one per line, as written."""
    parts: list[str] = []
    for clause in article.clauses:
        if clause.text:
            parts.append(clause.text)
        for item in clause.items:
            parts.append(f"{item.marker}{item.text}")
    return "\n".join(parts)


# --- character diff ------------------------------------------------------------------------

# A hunk is ("=", text) or ("~", deleted, inserted).
_Hunk = tuple[str, ...]

_SENTENCE_END = set("。；;！!？?：:")
_PUNCT = set("，,、）)」』”’》〉】〕…—·") | _SENTENCE_END
_OPENING = set("（(「『“‘《〈【〔")


def _is_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _normalise(hunks: list[_Hunk]) -> list[_Hunk]:
    """Drop empty runs and merge neighbouring runs of the same kind."""
    out: list[_Hunk] = []
    for h in hunks:
        if h[0] == "=":
            if not h[1]:
                continue
            if out and out[-1][0] == "=":
                out[-1] = ("=", out[-1][1] + h[1])
            else:
                out.append(h)
        else:
            if not h[1] and not h[2]:
                continue
            if out and out[-1][0] == "~":
                out[-1] = ("~", out[-1][1] + h[1], out[-1][2] + h[2])
            else:
                out.append(h)
    return out


def _expand_alnum(hunks: list[_Hunk]) -> list[_Hunk]:
    """Widen a change that cuts through a number or Latin word to the whole token (80→60, not 8→6)."""
    hunks = list(hunks)
    for k, h in enumerate(hunks):
        if h[0] != "~":
            continue
        _, d, i = h
        if k > 0 and hunks[k - 1][0] == "=" and any(s and _is_alnum(s[0]) for s in (d, i)):
            eq = hunks[k - 1][1]
            cut = len(eq)
            while cut > 0 and _is_alnum(eq[cut - 1]):
                cut -= 1
            if cut < len(eq):
                d, i = eq[cut:] + d, eq[cut:] + i
                hunks[k - 1] = ("=", eq[:cut])
        if k + 1 < len(hunks) and hunks[k + 1][0] == "=" and any(s and _is_alnum(s[-1]) for s in (d, i)):
            eq = hunks[k + 1][1]
            cut = 0
            while cut < len(eq) and _is_alnum(eq[cut]):
                cut += 1
            if cut:
                d, i = d + eq[:cut], i + eq[:cut]
                hunks[k + 1] = ("=", eq[cut:])
        hunks[k] = ("~", d, i)
    return _normalise(hunks)


def _merge_small_equalities(hunks: list[_Hunk]) -> list[_Hunk]:
    """Fold short equal runs between two changes into one change (no one-character confetti).

    A run is folded when it is a single character, or when it is no longer than the change on
    either side of it (the semantic clean-up of diff-match-patch). Runs holding a line break
    (a clause or item boundary) are kept.
    """
    changed = True
    while changed:
        changed = False
        for k in range(1, len(hunks) - 1):
            h = hunks[k]
            left, right = hunks[k - 1], hunks[k + 1]
            if h[0] != "=" or left[0] != "~" or right[0] != "~" or "\n" in h[1]:
                continue
            n = len(h[1])
            if n <= 1 or (n <= max(len(left[1]), len(left[2])) and n <= max(len(right[1]), len(right[2]))):
                hunks[k - 1 : k + 2] = [("~", left[1] + h[1] + right[1], left[2] + h[1] + right[2])]
                changed = True
                break
    return hunks


def _boundary_score(left: str, right: str) -> int:
    """How good a place the point between ``left`` and ``right`` is for a change to start or end."""
    if not left or not right:
        return 6
    x, y = left[-1], right[0]
    if x == "\n" or y == "\n":
        return 5
    if x in _SENTENCE_END:
        return 4
    if x in _PUNCT or y in _OPENING:
        return 3
    if y in _PUNCT:
        return 2
    return 0


def _align_to_punctuation(hunks: list[_Hunk]) -> list[_Hunk]:
    """Slide a pure insertion or deletion sideways, where the text allows, onto punctuation."""
    hunks = list(hunks)
    for k in range(1, len(hunks) - 1):
        h = hunks[k]
        if h[0] != "~" or (h[1] and h[2]) or hunks[k - 1][0] != "=" or hunks[k + 1][0] != "=":
            continue
        side = 1 if h[1] else 2
        eq1, edit, eq2 = hunks[k - 1][1], h[side], hunks[k + 1][1]
        # Shift as far left as possible, then try every position to the right.
        n = 0
        while n < len(eq1) and n < len(edit) and eq1[-1 - n] == edit[-1 - n]:
            n += 1
        if n:
            eq1, edit, eq2 = eq1[:-n], eq1[-n:] + edit[:-n], edit[-n:] + eq2
        best = (eq1, edit, eq2)
        best_score = _boundary_score(eq1, edit) + _boundary_score(edit, eq2)
        while eq2 and edit[0] == eq2[0]:
            eq1, edit, eq2 = eq1 + edit[0], edit[1:] + eq2[0], eq2[1:]
            score = _boundary_score(eq1, edit) + _boundary_score(edit, eq2)
            if score > best_score:
                best, best_score = (eq1, edit, eq2), score
        eq1, edit, eq2 = best
        hunks[k - 1] = ("=", eq1)
        hunks[k] = ("~", edit, "") if side == 1 else ("~", "", edit)
        hunks[k + 1] = ("=", eq2)
    return _normalise(hunks)


def diff_segments(old: str, new: str) -> list[Segment]:
    """Character diff of ``old`` → ``new``, cleaned up to read well in Chinese.

    Joining the "equal" and "delete" texts gives ``old``; "equal" and "insert" give ``new``.
    On top of :class:`difflib.SequenceMatcher` (``autojunk=False``) opcodes: a change that cuts
    through a number or Latin word covers the whole token; equal runs of one character between
    two changes, or no longer than the changes around them, are folded into one change; pure
    insertions/deletions slide to punctuation or line boundaries where the text allows. In a
    change, the deleted text comes before the inserted text.
    """
    if old == new:
        return [Segment("equal", old)] if old else []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    hunks: list[_Hunk] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            hunks.append(("=", old[i1:i2]))
        else:
            hunks.append(("~", old[i1:i2], new[j1:j2]))
    hunks = _normalise(hunks)
    hunks = _expand_alnum(hunks)
    hunks = _normalise(_merge_small_equalities(hunks))
    hunks = _align_to_punctuation(hunks)
    hunks = _normalise(_merge_small_equalities(hunks))
    segments: list[Segment] = []
    for h in hunks:
        if h[0] == "=":
            segments.append(Segment("equal", h[1]))
        else:
            if h[1]:
                segments.append(Segment("delete", h[1]))
            if h[2]:
                segments.append(Segment("insert", h[2]))
    return segments


# --- alignment helpers ---------------------------------------------------------------------


def _lcs_pairs(a: Sequence[object], b: Sequence[object]) -> list[tuple[int, int]]:
    """Index pairs of a longest common subsequence of ``a`` and ``b`` (equal elements)."""
    m, n = len(a), len(b)
    lo = 0
    while lo < m and lo < n and a[lo] == b[lo]:
        lo += 1
    hi_a, hi_b = m, n
    while hi_a > lo and hi_b > lo and a[hi_a - 1] == b[hi_b - 1]:
        hi_a -= 1
        hi_b -= 1
    head = [(k, k) for k in range(lo)]
    tail = [(hi_a + k, hi_b + k) for k in range(m - hi_a)]
    sa, sb = a[lo:hi_a], b[lo:hi_b]
    rows, cols = len(sa), len(sb)
    middle: list[tuple[int, int]] = []
    if rows and cols and set(sa) & set(sb):
        # table[i][j] = LCS length of sa[i:] and sb[j:]
        table = [[0] * (cols + 1) for _ in range(rows + 1)]
        for i in range(rows - 1, -1, -1):
            row, below, x = table[i], table[i + 1], sa[i]
            for j in range(cols - 1, -1, -1):
                if x == sb[j]:
                    row[j] = below[j + 1] + 1
                else:
                    r, d = row[j + 1], below[j]
                    row[j] = r if r > d else d
        i = j = 0
        while i < rows and j < cols:
            if sa[i] == sb[j]:
                middle.append((lo + i, lo + j))
                i += 1
                j += 1
            elif table[i + 1][j] >= table[i][j + 1]:
                i += 1
            else:
                j += 1
    return head + middle + tail


def _monotone_best(
    rows: Sequence[int], cols: Sequence[int], score_row: Callable[[int, Sequence[int]], list[float]]
) -> list[tuple[int, int]]:
    """Order-consistent pairs of ``rows`` × ``cols`` with positive scores and the largest total.

    ``score_row(row, cols)`` gives the scores of one row against all ``cols`` (0 = no pair).
    """
    if not rows or not cols:
        return []
    r, c = len(rows), len(cols)
    s = [score_row(row, cols) for row in rows]
    # best[i][j]: best total for rows[i:] × cols[j:]
    best = [[0.0] * (c + 1) for _ in range(r + 1)]
    for i in range(r - 1, -1, -1):
        row, below, si = best[i], best[i + 1], s[i]
        for j in range(c - 1, -1, -1):
            v = below[j] if below[j] >= row[j + 1] else row[j + 1]
            if si[j] > 0:
                take = below[j + 1] + si[j]
                if take > v:
                    v = take
            row[j] = v
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < r and j < c:
        if s[i][j] > 0 and best[i][j] == best[i + 1][j + 1] + s[i][j]:
            pairs.append((rows[i], cols[j]))
            i += 1
            j += 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


class _Similarity:
    """SequenceMatcher ratios between old and new texts, with cheap upper bounds first."""

    def __init__(self, old: Sequence[str], new: Sequence[str], threshold: float):
        self.old, self.new, self.threshold = old, new, threshold
        self.old_keys = [self._keys(t) for t in old]
        self.new_keys = [self._keys(t) for t in new]
        self.matchers: dict[int, SequenceMatcher[str]] = {}
        self.cache: dict[tuple[int, int], float] = {}

    @staticmethod
    def _keys(text: str) -> frozenset[int]:
        """The text as a set of (occurrence, character) codes: set intersection = multiset overlap."""
        seen: dict[str, int] = {}
        keys = []
        for ch in text:
            k = seen.get(ch, 0)
            keys.append(k << 21 | ord(ch))  # code points are below 2**21
            seen[ch] = k + 1
        return frozenset(keys)

    def ratio(self, i: int, j: int) -> float:
        """The full ratio of old ``i`` and new ``j`` (cached)."""
        key = (i, j)
        got = self.cache.get(key)
        if got is None:
            matcher = self.matchers.get(j)
            if matcher is None:
                matcher = self.matchers[j] = SequenceMatcher(None, "", self.new[j], autojunk=False)
            matcher.set_seq1(self.old[i])
            got = self.cache[key] = matcher.ratio()
        return got

    def __call__(self, i: int, j: int) -> float:
        """The ratio if it reaches the threshold, else 0.0."""
        return self.row(i, (j,))[0]

    def row(self, i: int, cols: Sequence[int]) -> list[float]:
        """``self(i, j)`` for every ``j`` in ``cols`` (the bounds run in one tight loop)."""
        threshold = self.threshold
        la = len(self.old[i])
        keys = self.old_keys[i]
        new, new_keys = self.new, self.new_keys
        out: list[float] = []
        for j in cols:
            lb = len(new[j])
            total = la + lb
            if total == 0:
                out.append(1.0)
            elif 2.0 * (la if la < lb else lb) < threshold * total:  # real_quick_ratio
                out.append(0.0)
            elif 2.0 * len(keys & new_keys[j]) < threshold * total:  # quick_ratio
                out.append(0.0)
            else:
                r = self.ratio(i, j)
                out.append(r if r >= threshold else 0.0)
        return out


def _interleave(
    n_old: int, n_new: int, monotone: Sequence[tuple[int, int]], skip_old: frozenset[int] = frozenset()
) -> list[tuple[int | None, int | None]]:
    """New-version order with the unpaired old positions placed where they stood.

    ``monotone`` are the order-consistent pairs; every new index is emitted once (paired or
    not: the caller decides), every old index neither in ``monotone`` nor in ``skip_old`` is
    emitted once as ``(old, None)``, before the new items that sit in the same gap.
    """
    old_of_new = {j: i for i, j in monotone}
    paired_old = {i for i, _ in monotone} | skip_old
    # For each new index, the old index of the next monotone pair at or after it.
    next_anchor = [n_old] * (n_new + 1)
    for j in range(n_new - 1, -1, -1):
        next_anchor[j] = old_of_new[j] if j in old_of_new else next_anchor[j + 1]
    out: list[tuple[int | None, int | None]] = []
    cursor = 0  # old indices below this have been emitted or are paired

    def flush(limit: int) -> None:
        nonlocal cursor
        while cursor < limit:
            if cursor not in paired_old:
                out.append((cursor, None))
            cursor += 1

    for j in range(n_new):
        if j in old_of_new:
            flush(old_of_new[j])
            out.append((old_of_new[j], j))
            cursor = max(cursor, old_of_new[j] + 1)
        else:
            flush(next_anchor[j])
            out.append((None, j))
    flush(n_old)
    return out


# --- articles ------------------------------------------------------------------------------


def compare_versions(old: ParsedRegulation, new: ParsedRegulation) -> Comparison:
    """Compare two versions article by article (algorithm in the module docstring)."""
    olds, news = old.articles, new.articles
    old_texts = [article_text(a) for a in olds]
    new_texts = [article_text(a) for a in news]

    # 1. identical texts, order-preserving (ints make the LCS comparisons cheap)
    ids: dict[str, int] = {}
    old_ids = [ids.setdefault(t, len(ids)) for t in old_texts]
    new_ids = [ids.setdefault(t, len(ids)) for t in new_texts]
    anchors = _lcs_pairs(old_ids, new_ids)
    paired_old = {i for i, _ in anchors}
    paired_new = {j for _, j in anchors}

    # 1b. identical texts that moved across the anchors
    waiting: dict[int, list[int]] = {}
    for old_i, t in enumerate(old_ids):
        if old_i not in paired_old:
            waiting.setdefault(t, []).append(old_i)
    moved: dict[int, int] = {}  # new index -> old index
    for new_j, t in enumerate(new_ids):
        if new_j not in paired_new and waiting.get(t):
            old_i = waiting[t].pop(0)
            moved[new_j] = old_i
            paired_old.add(old_i)
            paired_new.add(new_j)

    # 2. similar texts between consecutive anchors, monotone
    similarity = _Similarity(old_texts, new_texts, SIMILARITY_THRESHOLD)
    monotone: list[tuple[int, int]] = []
    similar: set[tuple[int, int]] = set()
    bounds = [(-1, -1), *anchors, (len(olds), len(news))]
    for (a0, b0), (a1, b1) in zip(bounds, bounds[1:]):
        if a0 >= 0:
            monotone.append((a0, b0))
        rows = [i for i in range(a0 + 1, a1) if i not in paired_old]
        cols = [j for j in range(b0 + 1, b1) if j not in paired_new]
        found = _monotone_best(rows, cols, similarity.row)
        monotone.extend(found)
        similar.update(found)

    # 3. order, kinds, segments
    result = Comparison()
    for i, j in _interleave(len(olds), len(news), monotone, frozenset(moved.values())):
        if j is not None and i is None and j in moved:
            i = moved[j]
        if i is None:
            assert j is not None  # _interleave never yields (None, None)
            change = ArticleChange("added", None, news[j], 0.0)
        elif j is None:
            change = ArticleChange("deleted", olds[i], None, 0.0)
        elif (i, j) in similar:
            change = ArticleChange(
                "changed",
                olds[i],
                news[j],
                similarity.ratio(i, j),
                diff_segments(old_texts[i], new_texts[j]),
            )
        else:
            kind = "unchanged" if olds[i].number == news[j].number else "renumbered"
            change = ArticleChange(kind, olds[i], news[j], 1.0)
        result.changes.append(change)
        setattr(result, change.kind, getattr(result, change.kind) + 1)

    index_pairs = [*monotone, *((i, j) for j, i in moved.items())]
    result.chapter_changes = _chapter_changes(old, new, index_pairs)
    return result


# --- chapters and sections -----------------------------------------------------------------


def _cn(n: int) -> str:
    try:
        return int_to_cn(n)
    except (TypeError, ValueError):
        return str(n)


def _title_ratio(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _heading_of(lines: list[int], line: int) -> int | None:
    """Index of the last heading (by line) at or before ``line``, if any."""
    k = bisect_right(lines, line) - 1
    return k if k >= 0 else None


def _match_headings(
    old_titles: Sequence[str],
    new_titles: Sequence[str],
    links: Counter[tuple[int, int]],
    old_sizes: Sequence[int],
    new_sizes: Sequence[int],
) -> list[tuple[int | None, int | None]]:
    """Pair headings: equal titles in order, then by title or shared articles; new order."""
    anchors = _lcs_pairs(list(old_titles), list(new_titles))

    def score(i: int, cols: Sequence[int]) -> list[float]:
        out = []
        for j in cols:
            size = old_sizes[i] + new_sizes[j]
            shared = 2.0 * links[(i, j)] / size if size else 0.0
            best = max(shared, _title_ratio(old_titles[i], new_titles[j]))
            out.append(best if best >= SIMILARITY_THRESHOLD else 0.0)
        return out

    monotone: list[tuple[int, int]] = []
    bounds = [(-1, -1), *anchors, (len(old_titles), len(new_titles))]
    for (a0, b0), (a1, b1) in zip(bounds, bounds[1:]):
        if a0 >= 0:
            monotone.append((a0, b0))
        monotone.extend(_monotone_best(range(a0 + 1, a1), range(b0 + 1, b1), score))
    return _interleave(len(old_titles), len(new_titles), monotone)


def _chapter_label(chapter: Chapter) -> str:
    return f"第{_cn(chapter.number)}章 {chapter.title}".rstrip()


def _chapter_changes(old: ParsedRegulation, new: ParsedRegulation, pairs: Sequence[tuple[int, int]]) -> list[str]:
    """Notes on added, deleted and renamed chapters and sections, in new-version order."""
    old_lines = [c.line for c in old.chapters]
    new_lines = [c.line for c in new.chapters]

    def place(reg: ParsedRegulation, lines: list[int], article: Article) -> tuple[int | None, int | None]:
        """(chapter index, section index within it) of an article, from the line numbers."""
        c = _heading_of(lines, article.line)
        if c is None:
            return None, None
        s = _heading_of([x.line for x in reg.chapters[c].sections], article.line)
        return c, s

    old_place = [place(old, old_lines, a) for a in old.articles]
    new_place = [place(new, new_lines, a) for a in new.articles]

    chapter_links: Counter[tuple[int, int]] = Counter()
    section_links: Counter[tuple[int, int, int, int]] = Counter()
    for i, j in pairs:
        (oc, os_), (nc, ns) = old_place[i], new_place[j]
        if oc is not None and nc is not None:
            chapter_links[(oc, nc)] += 1
            if os_ is not None and ns is not None:
                section_links[(oc, nc, os_, ns)] += 1
    old_sizes = Counter(c for c, _ in old_place if c is not None)
    new_sizes = Counter(c for c, _ in new_place if c is not None)

    notes: list[str] = []
    matched = _match_headings(
        [c.title for c in old.chapters],
        [c.title for c in new.chapters],
        chapter_links,
        [old_sizes[k] for k in range(len(old.chapters))],
        [new_sizes[k] for k in range(len(new.chapters))],
    )
    for oc, nc in matched:
        if nc is None:
            assert oc is not None  # a heading is paired, deleted or added
            notes.append(f"删除“{_chapter_label(old.chapters[oc])}”")
            continue
        if oc is None:
            notes.append(f"新增“{_chapter_label(new.chapters[nc])}”")
            continue
        ochap, nchap = old.chapters[oc], new.chapters[nc]
        if ochap.title != nchap.title:
            notes.append(f"“{_chapter_label(ochap)}”改为“{_chapter_label(nchap)}”")
        # sections of a paired chapter
        olabel, nlabel = f"第{_cn(ochap.number)}章", f"第{_cn(nchap.number)}章"
        osecs, nsecs = ochap.sections, nchap.sections
        if not osecs and not nsecs:
            continue
        links = Counter({(os_, ns): n for (c1, c2, os_, ns), n in section_links.items() if (c1, c2) == (oc, nc)})
        osizes = Counter(s for c, s in old_place if c == oc and s is not None)
        nsizes = Counter(s for c, s in new_place if c == nc and s is not None)

        def section_label(chapter_label: str, sec: Section) -> str:
            return f"{chapter_label}第{_cn(sec.number)}节 {sec.title}".rstrip()

        for os_, ns in _match_headings(
            [s.title for s in osecs],
            [s.title for s in nsecs],
            links,
            [osizes[k] for k in range(len(osecs))],
            [nsizes[k] for k in range(len(nsecs))],
        ):
            if ns is None:
                assert os_ is not None  # a heading is paired, deleted or added
                notes.append(f"删除“{section_label(olabel, osecs[os_])}”")
            elif os_ is None:
                notes.append(f"新增“{section_label(nlabel, nsecs[ns])}”")
            elif osecs[os_].title != nsecs[ns].title:
                notes.append(f"“{section_label(olabel, osecs[os_])}”改为“{section_label(nlabel, nsecs[ns])}”")
    return notes
