"""Word downloads of published documents (GB/T 9704 DOCX), with a content-addressed cache.

Writing a DOCX costs tens of milliseconds; a site of ten thousand documents is
rebuilt every day, so each file is cached under a key made of everything that
can change it: the document's file, its attachment files, the agency profile
and the writer's own code.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from functools import lru_cache
from pathlib import Path

from ..model import Corpus, Document
from ..publish import PublicView

DOCX_PACKAGE = Path(__file__).resolve().parent.parent / "docx"


def cache_dir() -> Path:
    base = os.environ.get("GOVPUB_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "govpub")
    return Path(base) / "docx"


@lru_cache(maxsize=1)
def _writer_fingerprint() -> bytes:
    h = hashlib.sha256()
    for path in sorted(DOCX_PACKAGE.rglob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.digest()


def download_name(doc: Document) -> str:
    return f"{doc.slug}.docx"


def _key(corpus: Corpus, doc: Document) -> str:
    root = Path(corpus.root)
    h = hashlib.sha256(_writer_fingerprint())
    for rel in [doc.path, "content/site.yml", *[a.file for a in doc.attachments if a.file]]:
        path = root / rel
        h.update(rel.encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


def write_downloads(corpus: Corpus, view: PublicView, site_dir: Path, use_cache: bool = True) -> int:
    """Write each public document's DOCX beside its page; returns how many were generated anew."""
    from ..docx import write_document

    cache = cache_dir()
    fresh = 0
    for doc in view.documents:
        target = site_dir / "documents" / str(doc.signed_on.year) / doc.slug / download_name(doc)
        target.parent.mkdir(parents=True, exist_ok=True)
        cached = cache / f"{_key(corpus, doc)}.docx" if use_cache else None
        if cached is not None and cached.is_file():
            shutil.copyfile(cached, target)
            continue
        write_document(doc, corpus.agency, target, corpus_root=Path(corpus.root))
        fresh += 1
        if cached is not None:
            try:
                cache.mkdir(parents=True, exist_ok=True)
                tmp = cached.with_suffix(f".{os.getpid()}.tmp")
                shutil.copyfile(target, tmp)
                os.replace(tmp, cached)
            except OSError:
                pass  # a read-only cache only costs speed
    return fresh
