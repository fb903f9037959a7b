"""One fingerprint for everything that shapes a generated file (generator/fingerprint.py),
shared by the Word-download cache and the incremental build."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator import fingerprint
from generator.corpus.loader import load_corpus
from generator.site import downloads, incremental

PACKAGE = Path(fingerprint.__file__).resolve().parent


def _copy(tmp_path: Path) -> Path:
    dst = tmp_path / "generator"
    shutil.copytree(PACKAGE, dst, ignore=shutil.ignore_patterns("__pycache__"))
    return dst


def test_a_change_in_the_text_layer_changes_the_fingerprint(tmp_path):
    pkg = _copy(tmp_path)
    before = fingerprint.code_fingerprint(pkg)
    numerals = pkg / "text" / "numerals.py"
    numerals.write_text(numerals.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert fingerprint.code_fingerprint.__wrapped__(pkg) != before


def test_templates_and_data_files_count_too(tmp_path):
    pkg = _copy(tmp_path)
    before = fingerprint.code_fingerprint.__wrapped__(pkg)
    (pkg / "site_templates" / "extra.txt").write_text("x", encoding="utf-8")
    assert fingerprint.code_fingerprint.__wrapped__(pkg) != before


def test_download_cache_key_follows_the_fingerprint(monkeypatch, sample_root):
    """A change of the text layer (any file of the package) gives the Word files a new cache
    key; before, only generator/docx/*.py counted."""
    corpus = load_corpus(sample_root)
    doc = corpus.documents[0]
    key = downloads._key(corpus, doc)
    monkeypatch.setattr(downloads, "code_fingerprint", lambda: "0" * 64)
    assert downloads._key(corpus, doc) != key


def test_download_key_changes_when_the_text_layer_changes(monkeypatch, tmp_path, sample_root):
    corpus = load_corpus(sample_root)
    doc = corpus.documents[0]
    pkg = _copy(tmp_path)
    monkeypatch.setattr(downloads, "code_fingerprint", lambda: fingerprint.code_fingerprint.__wrapped__(pkg))
    before = downloads._key(corpus, doc)
    dates = pkg / "text" / "chinese.py"
    dates.write_text(dates.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert downloads._key(corpus, doc) != before


def test_incremental_build_uses_the_same_fingerprint():
    assert incremental._generator_fingerprint() == fingerprint.code_fingerprint()


def test_library_versions_count(monkeypatch):
    base = fingerprint.code_fingerprint.__wrapped__(PACKAGE)
    monkeypatch.setattr(fingerprint, "_versions", lambda: "python-docx==0.0")
    assert fingerprint.code_fingerprint.__wrapped__(PACKAGE) != base
