"""Write the static search index (see the package docstring for the design and file formats)."""

from __future__ import annotations

import json
import math
import shutil
from array import array
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Sequence

from generator.text.docnumber import find_cited_numbers, normalise_doc_number

from .tokens import ngrams, normalise, number_token, shard_of

__all__ = [
    "FORMAT",
    "UNITS_PER_DIR",
    "TARGET_SHARD_BYTES",
    "MAX_SHARDS",
    "W_TITLE",
    "W_CITED",
    "encode_postings",
    "decode_postings",
    "searchable_text",
    "unit_order",
    "write_index",
    "copy_assets",
]

#: Version of the file layout, written to manifest.json and checked by the readers.
FORMAT = 1

#: Unit files per directory: unit ``i`` is ``u/{i // UNITS_PER_DIR}/{i}.json``.
UNITS_PER_DIR = 1000

#: Average raw size aimed at for one shard file; the shard count is the total postings size
#: divided by this, rounded up to a power of two (at most :data:`MAX_SHARDS`).
TARGET_SHARD_BYTES = 8192
MAX_SHARDS = 8192

#: Posting weights (2 bits): 0..2 = the token occurs 1, 2, 3+ times in the unit; 3 = it
#: occurs in the title. For number tokens 3 = the unit's own number, 1 = a citation.
W_TITLE = 3
W_CITED = 1

# Postings are written as one string per token: each posting is a base-32 number
# ``(gap - 1) * 4 + weight`` (gap = difference to the previous unit id, the first from -1),
# most significant 5-bit group first; the last group of a number is written with the first
# 32 characters of the alphabet, the leading groups with the other 32, so no separators are
# needed. Measured smaller both raw (-45%) and gzip-compressed (-10%) than decimal lists.
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
_LAST = _ALPHABET[:32]
_LEAD = _ALPHABET[32:]
_VALUE = {ch: i % 32 for i, ch in enumerate(_ALPHABET)}


def _b32(n: int) -> str:
    s = _LAST[n & 31]
    n >>= 5
    while n:
        s = _LEAD[n & 31] + s
        n >>= 5
    return s


_TABLE = [_b32(n) for n in range(1 << 15)]


def encode_postings(postings: Sequence[int]) -> str:
    """Encode ascending ``unit_id << 2 | weight`` values as a postings string."""
    # (v | 3) - (p | 3) = gap * 4 for consecutive values p, v; the first gap counts from -1.
    previous = [-1]
    previous.extend(postings)
    values = [(v | 3) - (p | 3) - 4 + (v & 3) for v, p in zip(postings, previous)]
    table = _TABLE
    return "".join([table[n] if n < 32768 else _b32(n) for n in values])


def decode_postings(s: str) -> list[tuple[int, int]]:
    """Decode a postings string to ``(unit_id, weight)`` pairs (inverse of :func:`encode_postings`)."""
    out = []
    uid = -1
    n = 0
    for ch in s:
        n = n * 32 + _VALUE[ch]
        if ch in _LAST_SET:
            uid += (n >> 2) + 1
            out.append((uid, n & 3))
            n = 0
    return out


_LAST_SET = frozenset(_LAST)


def searchable_text(title: str, meta: str, text: str) -> str:
    """What a unit is searched in: title, meta line and text joined by newlines.

    Query terms never contain whitespace, so a term occurs in this string exactly when it
    occurs in one of the three parts.
    """
    return f"{title}\n{meta}\n{text}"


def unit_order(units: Sequence) -> list[int]:
    """Input positions in unit-id order: newest date first (undated last), then URL, title.

    Results with equal scores are shown in unit-id order, so this makes newer units win ties;
    it depends only on the units' content, never on the order they were passed in.
    """
    order = sorted(range(len(units)), key=lambda i: (units[i].url, units[i].title, units[i].kind, units[i].text))
    return sorted(order, key=lambda i: units[i].date or "", reverse=True)


def _canonical_numbers(unit) -> list[str]:
    out = []
    for raw in unit.numbers:
        number = normalise_doc_number(raw)
        if number is None:
            raise ValueError(f"{unit.url}: not a 发文字号: {raw!r}")
        out.append(str(number))
    return sorted(set(out))


def _dump(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _shard_count(total_bytes: int) -> int:
    wanted = max(1, math.ceil(total_bytes / TARGET_SHARD_BYTES))
    return min(MAX_SHARDS, 1 << (wanted - 1).bit_length())


def write_index(units: Sequence, out_dir: Path) -> dict:
    """Write ``out_dir/search-index`` and the client assets; return the numbers for IndexStats."""
    index_dir = Path(out_dir) / "search-index"
    if index_dir.exists():
        shutil.rmtree(index_dir)
    (index_dir / "s").mkdir(parents=True)

    order = unit_order(units)
    postings: dict[str, array] = {}
    total_bytes = 0
    for uid, pos in enumerate(order):
        unit = units[pos]
        numbers = _canonical_numbers(unit)
        full = searchable_text(unit.title, unit.meta, unit.text)
        weights = {token: (n if n < 3 else 3) - 1 for token, n in Counter(ngrams(normalise(full))).items()}
        for token in ngrams(normalise(unit.title)):
            weights[token] = W_TITLE
        for citation in find_cited_numbers(full):
            if citation.number is not None:
                weights[number_token(str(citation.number))] = W_CITED
        for number in numbers:
            weights[number_token(number)] = W_TITLE
        # One iteration per posting (tens of millions for a large corpus): keep it lean.
        base = uid << 2
        get = postings.get
        for token, weight in weights.items():
            plist = get(token)
            if plist is None:
                plist = postings[token] = array("I")
            plist.append(base | weight)

        record = {
            "d": unit.date,
            "k": unit.kind,
            "m": unit.meta,
            "n": numbers,
            "t": unit.title,
            "u": unit.url,
            "x": unit.text,
        }
        unit_path = index_dir / "u" / str(uid // UNITS_PER_DIR) / f"{uid}.json"
        unit_path.parent.mkdir(parents=True, exist_ok=True)
        data = _dump(record)
        unit_path.write_bytes(data)
        total_bytes += len(data)

    encoded = {token: encode_postings(plist) for token, plist in postings.items()}
    shards = _shard_count(sum(len(t.encode("utf-8")) + len(p) + 6 for t, p in encoded.items()))
    grouped: list[dict[str, str]] = [{} for _ in range(shards)]
    for token, value in encoded.items():
        grouped[shard_of(token, shards)][token] = value
    for i, group in enumerate(grouped):
        data = _dump(group)
        (index_dir / "s" / f"{i}.json").write_bytes(data)
        total_bytes += len(data)

    manifest = {
        "format": FORMAT,
        "shards": shards,
        "units": len(units),
        "unitsPerDir": UNITS_PER_DIR,
    }
    data = _dump(manifest)
    (index_dir / "manifest.json").write_bytes(data)
    total_bytes += len(data)

    copy_assets(Path(out_dir))
    return {
        "units": len(units),
        "tokens": len(encoded),
        "postings": sum(len(p) for p in postings.values()),
        "shards": shards,
        "files": len(units) + shards + 1,
        "bytes": total_bytes,
    }


def copy_assets(out_dir: Path) -> None:
    """Copy the client script and style sheet to ``out_dir/assets/{javascripts,stylesheets}/``."""
    assets = resources.files("generator.search") / "assets"
    for name, sub in (("govpub-search.js", "javascripts"), ("govpub-search.css", "stylesheets")):
        target = out_dir / "assets" / sub / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((assets / name).read_bytes())
