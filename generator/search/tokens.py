"""Text normalisation, tokens and shard hashing shared by the index builder and the query side.

Everything here has a twin in ``assets/govpub-search.js``; the two must agree exactly, or the
browser would look for tokens under other names than the builder wrote.

* Normalisation is per code point: ``NFKC(ch).lower()`` for each character, concatenated.
  Per code point (not whole-string NFKC) so that the browser can map every normalised offset
  back to the original text for highlighting; for Chinese text the two agree anyway.
  NFKC folds full-width digits and letters (２０２５ → 2025, ＡＢＣ → abc), full-width
  brackets and punctuation （）［］：to ()[]: and compatibility ideographs to unified ones.
* Text is split into runs at whitespace (the explicit set :data:`WHITESPACE`, so Python and
  JavaScript split at the same characters). Every other character, punctuation included,
  belongs to a run, and every run yields its characters and all its overlapping **bigrams
  and trigrams**.
* A query term (queries are split at whitespace, so a term is one run) of 1 or 2 characters
  is looked up as itself, a longer one by its trigrams.
* Number tokens are ``#`` + canonical 发文字号 (``#区建发〔2025〕1号``), longer than any n-gram.
* The shard of a token is FNV-1a (32 bit) over its UTF-8 bytes, modulo the shard count.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "WHITESPACE",
    "RUN_RE",
    "SPACE_RE",
    "normalise",
    "strip",
    "ngrams",
    "term_tokens",
    "number_token",
    "fnv1a",
    "shard_of",
]

#: Characters that separate runs and query terms (the same list is in the JS client).
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
_WS_CLASS = "".join(f"\\u{ord(c):04x}" for c in WHITESPACE)
#: One run of non-whitespace characters.
RUN_RE = re.compile(f"[^{_WS_CLASS}]+")
#: One or more whitespace characters.
SPACE_RE = re.compile(f"[{_WS_CLASS}]+")


@lru_cache(maxsize=65536)
def _norm_char(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch).lower()


def normalise(text: str) -> str:
    """Per-code-point ``NFKC(ch).lower()`` of ``text`` (see the module docstring)."""
    if text.isascii():
        return text.lower()
    table = {ord(ch): _norm_char(ch) for ch in set(text)}
    return text.translate({k: v for k, v in table.items() if v != chr(k)})


def strip(text: str) -> str:
    """``text`` without leading and trailing :data:`WHITESPACE`."""
    return text.strip(WHITESPACE)


def ngrams(norm: str) -> list[str]:
    """All characters, overlapping bigrams and trigrams of the runs of normalised text."""
    out: list[str] = []
    for run in RUN_RE.findall(norm):
        out.extend(run)
        if len(run) > 1:
            pairs = list(map(str.__add__, run, run[1:]))
            out.extend(pairs)
            out.extend(map(str.__add__, pairs, run[2:]))
    return out


def term_tokens(norm_term: str) -> list[str]:
    """The tokens looked up for one normalised query term (one run), first occurrence first.

    One or two characters: the term itself. Longer: its distinct trigrams.
    """
    if len(norm_term) <= 2:
        return [norm_term] if norm_term else []
    return list(dict.fromkeys(norm_term[i : i + 3] for i in range(len(norm_term) - 2)))


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
