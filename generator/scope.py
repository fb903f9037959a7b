"""Which corpus files a check judges, and a loader reads in full.

A check of the whole corpus has no scope (None). A check of some files (``check PATH…``,
``--changed-since``) has a :class:`PathScope`; a full check split over several processes gives
each process one :class:`ShardScope`. Whatever the scope, a file's findings are exactly what a
full check says about it: other files are still read for the facts cross-file rules need.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from typing import Protocol


class Scope(Protocol):
    def __contains__(self, path: str) -> bool: ...


class PathScope:
    """Named files, and every file under a named folder (root-relative POSIX paths)."""

    def __init__(self, paths: Iterable[str]):
        self.paths = frozenset(paths)
        self._dirs = tuple(p.rstrip("/") + "/" for p in self.paths if not p.endswith((".md", ".yml", ".yaml")))

    def __contains__(self, path: str) -> bool:
        return path in self.paths or (bool(self._dirs) and path.startswith(self._dirs))

    def __repr__(self) -> str:
        return f"PathScope({sorted(self.paths)!r})"


def shard_key(path: str) -> str | None:
    """What keeps files together in one shard: a regulation's folder (its versions are judged
    together), each document and disclosure item on its own; None for anything else (site.yml,
    misplaced files), which always goes to shard 0."""
    parts = path.split("/")
    if parts[0] == "regulations" and len(parts) >= 2:
        return "regulations/" + parts[1]
    if len(parts) >= 3 and parts[0] == "content" and parts[1] in ("documents", "disclosures"):
        return path
    return None


class ShardScope:
    """Shard ``index`` of ``count``: a stable split of the corpus by :func:`shard_key`."""

    def __init__(self, index: int, count: int):
        if not 0 <= index < count:
            raise ValueError(f"shard {index} of {count}")
        self.index = index
        self.count = count

    def __contains__(self, path: str) -> bool:
        key = shard_key(path)
        if key is None:
            return self.index == 0
        return zlib.crc32(key.encode("utf-8")) % self.count == self.index

    def __repr__(self) -> str:
        return f"ShardScope({self.index}, {self.count})"


def as_scope(targets: Scope | Iterable[str] | None) -> Scope | None:
    """None (everything), a scope as given, or a :class:`PathScope` of the paths given."""
    if targets is None or isinstance(targets, (PathScope, ShardScope)):
        return targets
    return PathScope(targets)
