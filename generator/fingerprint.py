"""One fingerprint of everything in govpub that shapes a generated file.

The Word files cached for the site's downloads (generator/site/downloads.py) and the
incremental build's key (generator/site/incremental.py) are both keyed on it, so no cache
can outlive the code that made it: the DOCX writer, but also the text layer (numerals,
outline levels, dates), the layout constants, the page templates, the default site
configuration, the assets, and the libraries whose output ends up in the files (python-docx
brings the DOCX template, jieba the dictionary that breaks titles, Markdown and Jinja2 the
pages …).
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from importlib import metadata
from pathlib import Path

__all__ = ["code_fingerprint", "PACKAGE", "LIBRARIES"]

PACKAGE = Path(__file__).resolve().parent
#: distributions whose versions shape generated files (pyproject.toml's dependencies)
LIBRARIES = (
    "python-docx",
    "lxml",
    "jieba",
    "PyYAML",
    "Jinja2",
    "Markdown",
    "mkdocs",
    "mkdocs-material",
    "pypinyin",
    "chinesecalendar",
    "feedgen",
)
_SKIP_DIRS = {"__pycache__"}
_SKIP_SUFFIXES = (".pyc", ".pyo")


def _tree_digest(package: Path) -> str:
    h = hashlib.sha256()
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            if name.endswith(_SKIP_SUFFIXES) or name.startswith("."):
                continue
            path = Path(folder) / name
            h.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0")
            h.update(path.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


def _versions() -> str:
    out = []
    for name in LIBRARIES:
        try:
            out.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}==?")
    return "\n".join(out)


@lru_cache(maxsize=4)
def code_fingerprint(package: Path | str | None = None) -> str:
    """SHA-256 (hex) of every file of the govpub package (any kind: code, templates, data)
    and of the versions of :data:`LIBRARIES`. ``package`` is for tests (a copy of the
    package); computed once per process."""
    root = Path(package) if package is not None else PACKAGE
    h = hashlib.sha256()
    h.update(b"govpub fingerprint 1\n")
    h.update(_tree_digest(root).encode())
    h.update(_versions().encode())
    return h.hexdigest()
