"""Chinese full-text search for the static site (design notes: see DESIGN below)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

__all__ = ["SearchUnit", "IndexStats", "build_index", "query"]


@dataclass
class SearchUnit:
    """One searchable thing: a document, a regulation article, a disclosure item, a regulation."""

    url: str
    title: str
    kind: str
    text: str
    meta: str = ""
    date: str | None = None
    numbers: list[str] = field(default_factory=list)


@dataclass
class IndexStats:
    units: int
    tokens: int
    postings: int
    shards: int
    files: int
    bytes: int


def build_index(units: Sequence[SearchUnit], out_dir: Path) -> IndexStats:
    from .build import write_index

    return IndexStats(**write_index(units, Path(out_dir)))


def query(index_dir: Path, q: str, limit: int | None = 20) -> list[str]:
    from .query import query as _query

    return _query(Path(index_dir), q, limit)
