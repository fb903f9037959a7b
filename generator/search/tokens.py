"""Text normalisation, tokens and shard hashing shared by the index builder and the query side.

Everything here has a line-for-line twin in ``assets/govpub-search.js``; the two must agree
exactly, or the browser would look for tokens under other names than the builder wrote.

* Normalisation is per code point: ``NFKC(ch).lower()`` for each character, concatenated.
  Per code point (not whole-string NFKC) so that the browser can map every normalised offset
  back to the original text for highlighting; for Chinese text the two agree anyway.
  NFKC folds full-width digits and letters (２０２５ → 2025, ＡＢＣ → abc), full-width
  brackets （）［］ to ()[] and compatibility ideographs to unified ones.
* Indexable characters are CJK ideographs (the ranges of :mod:`generator.text.chinese`),
  〇, and ASCII ``0-9a-z`` after normalisation. Runs of indexable characters yield every
  overlapping bigram; a run of one character yields nothing (single-character terms are only
  checked against the text of the candidates found by the other terms).
* Number tokens are ``#`` + canonical 发文字号 (``#区建发〔2025〕1号``); ``#`` is never
  indexable, so they cannot collide with bigrams.
* The shard of a token is FNV-1a (32 bit) over its UTF-8 bytes, modulo the shard count.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from generator.text.chinese import CJK_CLASS

__all__ = [
    "normalise",
    "INDEXABLE_RE",
    "bigrams",
    "term_bigrams",
    "number_token",
    "fnv1a",
    "shard_of",
]

#: One run of indexable characters in normalised text.
INDEXABLE_RE = re.compile(f"[0-9a-z〇{CJK_CLASS}]+")


@lru_cache(maxsize=65536)
def _norm_char(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch).lower()


def normalise(text: str) -> str:
    """Per-code-point ``NFKC(ch).lower()`` of ``text`` (see the module docstring)."""
    if text.isascii():
        return text.lower()
    if all(_norm_char(ch) == ch for ch in set(text)):
        return text
    return "".join([_norm_char(ch) for ch in text])


def bigrams(norm: str) -> list[str]:
    """All overlapping bigrams of the indexable runs of normalised text, in text order."""
    out: list[str] = []
    for run in INDEXABLE_RE.findall(norm):
        if len(run) > 1:
            out.extend(map(str.__add__, run, run[1:]))
    return out


def term_bigrams(norm_term: str) -> list[str]:
    """The distinct bigrams of a normalised query term, first occurrence first."""
    return list(dict.fromkeys(bigrams(norm_term)))


def number_token(canonical: str) -> str:
    """The index token for a canonical 发文字号."""
    return "#" + canonical


def fnv1a(token: str) -> int:
    """32-bit FNV-1a hash of the UTF-8 bytes of ``token``."""
    h = 0x811C9DC5
    for b in token.encode("utf-8"):
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def shard_of(token: str, shards: int) -> int:
    """The shard number (0..shards-1) that holds ``token``."""
    return fnv1a(token) % shards
