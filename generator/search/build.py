"""Write the static search index (see the package docstring for the design and file formats)."""

from __future__ import annotations

import hashlib
import json
import math
import shutil
from array import array
from collections import Counter
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

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
    "update_index",
    "copy_assets",
    "ASSET_PATHS",
]

#: Version of the file layout, written to manifest.json and checked by the readers
#: (2: unit ids oldest first, ties shown highest id first; 3: ``demoted`` units listed in the
#: manifest and marked ``"r": 1`` in their file, ranked after the others).
FORMAT = 3

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


def _order_key(unit) -> tuple:
    return (unit.url, unit.title, unit.kind, unit.text)


def unit_order(units: Sequence) -> list[int]:
    """Input positions in unit-id order: oldest date first (undated before all), and within
    one date by URL, title, kind and text, descending.

    Results with equal scores are shown highest id first, so newer units win ties and, among
    units of one date, the lowest URL (第一条 before 第二条 of a regulation). New units usually
    have the newest date, so they get the highest ids and the ids of the others stay as they
    are (:func:`update_index` relies on that). The order depends only on the units' content,
    never on the order they were passed in.
    """
    order = sorted(range(len(units)), key=lambda i: _order_key(units[i]), reverse=True)
    return sorted(order, key=lambda i: units[i].date or "")


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


def _record(unit) -> dict:
    """The unit file's content: everything the client shows and verifies (``r``: 1 for a
    demoted unit, absent otherwise)."""
    record = {
        "d": unit.date,
        "k": unit.kind,
        "m": unit.meta,
        "n": _canonical_numbers(unit),
        "t": unit.title,
        "u": unit.url,
        "x": unit.text,
    }
    if getattr(unit, "demoted", False):
        record["r"] = 1
    return record


def _weights(record: dict) -> dict[str, int]:
    """Token → posting weight of one unit, from its record (so an index can be updated
    from the unit files it already holds)."""
    full = searchable_text(record["t"], record["m"], record["x"])
    weights = {token: (n if n < 3 else 3) - 1 for token, n in Counter(ngrams(normalise(full))).items()}
    for token in ngrams(normalise(record["t"])):
        weights[token] = W_TITLE
    for citation in find_cited_numbers(full):
        if citation.number is not None:
            weights[number_token(str(citation.number))] = W_CITED
    for number in record["n"]:
        weights[number_token(number)] = W_TITLE
    return weights


def _token_bytes(token: str, encoded: str) -> int:
    """What one token adds to the size the shard count is computed from."""
    return len(token.encode("utf-8")) + len(encoded) + 6


def _unit_path(index_dir: Path, uid: int) -> Path:
    return index_dir / "u" / str(uid // UNITS_PER_DIR) / f"{uid}.json"


def _write_new(path: Path, data: bytes) -> None:
    """Write ``path`` as a new file (never through an existing one: a site being rebuilt
    shares its unchanged files with the published site by hard links)."""
    path.unlink(missing_ok=True)
    path.write_bytes(data)


def _manifest(shards: int, units: int, demoted: list[int], codes: list[str]) -> bytes:
    """The manifest: format, shard count, unit count, the ids of the demoted units (the client
    ranks them after the others before reading any unit file) and the 代字 of the units' own
    numbers (a number typed with part of its 代字 is looked up under each that ends with it)."""
    return _dump(
        {
            "format": FORMAT,
            "shards": shards,
            "units": units,
            "unitsPerDir": UNITS_PER_DIR,
            "demoted": demoted,
            "codes": codes,
        }
    )


def _codes(keys: list) -> list[str]:
    return sorted({code for key in keys for code in (key[4] if len(key) > 4 else ())})


def _demoted(keys: list) -> list[int]:
    return [uid for uid, key in enumerate(keys) if len(key) > 3 and key[3]]


def _state(shards: int, total: int, keys: list) -> dict:
    return {"format": FORMAT, "shards": shards, "total": total, "units": keys}


def _key(record: dict, data: bytes) -> list:
    codes = sorted({normalise_doc_number(n).code for n in record["n"]})
    return [record["d"], record["u"], hashlib.sha1(data).hexdigest(), record.get("r", 0), codes]


def write_index(units: Sequence, out_dir: Path) -> dict:
    """Write ``out_dir/search-index`` and the client assets; return the numbers for
    IndexStats and, under ``"state"``, what :func:`update_index` needs to update it later."""
    index_dir = Path(out_dir) / "search-index"
    if index_dir.exists():
        shutil.rmtree(index_dir)
    (index_dir / "s").mkdir(parents=True)

    order = unit_order(units)
    postings: dict[str, array] = {}
    total_bytes = 0
    keys = []
    for uid, pos in enumerate(order):
        record = _record(units[pos])
        # One iteration per posting (tens of millions for a large corpus): keep it lean.
        base = uid << 2
        get = postings.get
        for token, weight in _weights(record).items():
            plist = get(token)
            if plist is None:
                plist = postings[token] = array("I")
            plist.append(base | weight)
        unit_path = _unit_path(index_dir, uid)
        if uid % UNITS_PER_DIR == 0:
            unit_path.parent.mkdir(parents=True, exist_ok=True)
        data = _dump(record)
        unit_path.write_bytes(data)
        total_bytes += len(data)
        keys.append(_key(record, data))

    encoded = {token: encode_postings(plist) for token, plist in postings.items()}
    postings_bytes = sum(_token_bytes(t, p) for t, p in encoded.items())
    shards = _shard_count(postings_bytes)
    grouped: list[dict[str, str]] = [{} for _ in range(shards)]
    for token, value in encoded.items():
        grouped[shard_of(token, shards)][token] = value
    for i, group in enumerate(grouped):
        data = _dump(group)
        (index_dir / "s" / f"{i}.json").write_bytes(data)
        total_bytes += len(data)

    data = _manifest(shards, len(units), _demoted(keys), _codes(keys))
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
        "state": _state(shards, postings_bytes, keys),
    }


#: :func:`update_index` rewrites at most this share of the units (beyond that a new index is
#: about as fast and much simpler)
UPDATE_MAX_SHARE = 0.05


def update_index(units: Sequence, out_dir: Path, state: dict) -> dict | None:
    """Bring ``out_dir/search-index`` — written by :func:`write_index` or by this function,
    described by ``state`` — up to date with ``units``, rewriting only the files that change.

    The result is byte for byte what :func:`write_index` would write. Units keep their ids
    as long as the ones before them do: a text edit rewrites its unit file and the shards of
    the tokens whose postings change; new units of the newest date are appended. Returns the
    new state, or None when the index must be written anew instead (an older unit added or
    removed near the start, the shard count would change, the index does not match ``state``).
    """
    index_dir = Path(out_dir) / "search-index"
    if not isinstance(state, dict) or state.get("format") != FORMAT or not (index_dir / "manifest.json").is_file():
        return None
    old_keys = state.get("units") or []
    shards, total = state.get("shards"), state.get("total")
    if not isinstance(shards, int) or not isinstance(total, int) or shards < 1:
        return None
    order = unit_order(units)
    records = [_record(units[pos]) for pos in order]
    datas = [_dump(r) for r in records]
    keys = [_key(r, d) for r, d in zip(records, datas)]
    # ids below `keep` stay; each of them may have new content
    keep = 0
    limit = min(len(keys), len(old_keys))
    while keep < limit and keys[keep][:2] == old_keys[keep][:2]:
        keep += 1
    changed = [uid for uid in range(keep) if keys[uid][2] != old_keys[uid][2]]
    rewritten = len(changed) + (len(old_keys) - keep) + (len(keys) - keep)
    if rewritten > max(1, UPDATE_MAX_SHARE * len(keys)):
        return None
    if not changed and keep == len(old_keys) == len(keys):
        return state

    # uid -> old weights (to take out) and new weights (to put in)
    delta: dict[str, dict[int, int | None]] = {}
    try:
        for uid in [*changed, *range(keep, len(old_keys))]:
            old = json.loads(_unit_path(index_dir, uid).read_bytes())
            for token in _weights(old):
                delta.setdefault(token, {})[uid] = None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    for uid in [*changed, *range(keep, len(keys))]:
        for token, weight in _weights(records[uid]).items():
            delta.setdefault(token, {})[uid] = weight

    by_shard: dict[int, list[str]] = {}
    for token in delta:
        by_shard.setdefault(shard_of(token, shards), []).append(token)
    new_shards: dict[int, bytes] = {}
    try:
        for number, tokens in by_shard.items():
            group = json.loads((index_dir / "s" / f"{number}.json").read_bytes())
            for token in tokens:
                before = group.get(token)
                plist = dict(decode_postings(before)) if before else {}
                for uid, weight in delta[token].items():
                    if weight is None:
                        plist.pop(uid, None)
                    else:
                        plist[uid] = weight
                if before:
                    total -= _token_bytes(token, before)
                if plist:
                    after = group[token] = encode_postings([uid << 2 | w for uid, w in sorted(plist.items())])
                    total += _token_bytes(token, after)
                else:
                    group.pop(token, None)
            new_shards[number] = _dump(group)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if _shard_count(total) != shards:
        return None

    for number, data in new_shards.items():
        _write_new(index_dir / "s" / f"{number}.json", data)
    for uid in range(len(keys), len(old_keys)):
        _unit_path(index_dir, uid).unlink(missing_ok=True)
    for uid in [*changed, *range(keep, len(keys))]:
        path = _unit_path(index_dir, uid)
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_new(path, datas[uid])
    for folder in (index_dir / "u").iterdir():
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    _write_new(index_dir / "manifest.json", _manifest(shards, len(keys), _demoted(keys), _codes(keys)))
    copy_assets(Path(out_dir))
    return _state(shards, total, keys)


#: where :func:`copy_assets` puts the client script and style sheet in a site
ASSET_PATHS = ("assets/javascripts/govpub-search.js", "assets/stylesheets/govpub-search.css")


def copy_assets(out_dir: Path) -> None:
    """Copy the client script and style sheet to their :data:`ASSET_PATHS` in ``out_dir``."""
    assets = resources.files("generator.search") / "assets"
    for rel in ASSET_PATHS:
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_new(target, (assets / rel.rsplit("/", 1)[1]).read_bytes())
