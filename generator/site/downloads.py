"""Word downloads of published documents (GB/T 9704 DOCX), with a content-addressed cache.

Writing a DOCX costs tens of milliseconds; a site of ten thousand documents is
rebuilt every day, so each file is cached under a key made of everything that
can change it: the document's file, its attachment files, the agency profile
and govpub itself (generator.fingerprint: every file of the package — the writer,
the text layer, the date formatting, the layout constants — and the library
versions, the same fingerprint the incremental build is keyed on).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from ..fingerprint import code_fingerprint
from ..model import Corpus, Document
from ..publish import PublicView
from .parts import WriteDocument


def cache_dir() -> Path:
    base = os.environ.get("GOVPUB_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "govpub"
    )
    return Path(base) / "docx"


def download_name(doc: Document) -> str:
    return f"{doc.slug}.docx"


def _key(corpus: Corpus, doc: Document) -> str:
    root = Path(corpus.root)
    h = hashlib.sha256(code_fingerprint().encode())
    for rel in [doc.path, "content/site.yml", *[a.file for a in doc.attachments if a.file]]:
        path = root / rel
        h.update(rel.encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


def download_path(doc: Document) -> str:
    """Site path of a document's Word file (beside its page)."""
    return f"documents/{doc.signed_on.year}/{doc.slug}/{download_name(doc)}"


def write_downloads(
    corpus: Corpus,
    view: PublicView,
    site_dir: Path,
    write_document: WriteDocument,
    use_cache: bool = True,
    previous: dict[str, str] | None = None,
) -> tuple[int, dict[str, str]]:
    """Write each public document's DOCX (made by ``write_document``, the Word writer the
    command hands in) beside its page. ``previous`` maps the site paths
    already in ``site_dir`` to their keys (an incremental build): those are kept as they are.
    Returns how many files were generated anew, and the site path → key map of all of them.

    Files are always written as new files, never through an existing one (the site may be
    made of hard links to the published one)."""
    from .incremental import copy_new, unlink

    cache = cache_dir()
    fresh = 0
    keys: dict[str, str] = {}
    for doc in view.documents:
        rel = download_path(doc)
        target = site_dir / rel
        key = keys[rel] = _key(corpus, doc)
        if previous is not None and previous.get(rel) == key and target.is_file():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        cached = cache / f"{key}.docx" if use_cache else None
        if cached is not None and cached.is_file():
            copy_new(cached, target)
            continue
        unlink(target)
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
    return fresh, keys
