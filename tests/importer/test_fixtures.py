"""Import of real and realistic Word files (tests/fixtures/import, sources in SOURCES.md),
measured field by field against what a careful clerk reads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator.corpus.loader import load_corpus
from generator.importer import import_paths

from import_fidelity import FIXTURES, fixtures, read_fixture, score

REPO = Path(__file__).resolve().parents[2]


def test_there_are_at_least_twenty_fixtures_from_several_producers():
    files = fixtures()
    assert len(files) >= 20
    assert (FIXTURES / "SOURCES.md").is_file()
    for f in files:
        assert f.with_suffix(".yml").is_file(), f


def test_import_fidelity_is_at_least_95_percent():
    s = score()
    print(f"\nimport fidelity: {s.right}/{s.expected} = {s.fidelity:.1%} on {s.files} files"
          + (f" (skipped: {', '.join(s.skipped)})" if s.skipped else ""))
    for w in s.wrong:
        print("  wrong:", w)
    assert s.fidelity >= 0.95, s.wrong


@pytest.mark.parametrize("path", [pytest.param(p, marks=pytest.mark.slow) if p.suffix == ".doc" else p
                                  for p in fixtures()], ids=lambda p: p.name)
def test_fixture_extras(path):
    """Body paragraphs, attachment pages, images and personal data the YAML names."""
    expected = yaml.safe_load(path.with_suffix(".yml").read_text(encoding="utf-8"))
    result = read_fixture(path)
    if result is None:
        pytest.skip("LibreOffice is needed to convert this .doc")
    for text in expected.get("body_contains", []):
        assert text in result.body, (text, result.body)
    if "attachment_pages" in expected:
        assert len(result.pages) == expected["attachment_pages"]
    if "images" in expected:
        assert len(result.images) == expected["images"]
    for needle in expected.get("personal", []):
        assert any(needle in p for p in result.personal), result.personal
    for needle in expected.get("warning_contains", []):
        assert any(needle in note for f in result.fields.values() for note in [f.note]) or \
            any(needle in w for w in result.warnings), needle


def _corpus(tmp_path) -> Path:
    root = tmp_path / "corpus"
    (root / "content").mkdir(parents=True)
    shutil.copy(REPO / "content" / "site.yml", root / "content" / "site.yml")
    return root


@pytest.mark.slow
def test_batch_import_of_the_fixture_folder_is_safe_and_idempotent(tmp_path):
    root = _corpus(tmp_path)
    folder = tmp_path / "legacy"
    shutil.copytree(FIXTURES, folder, ignore=shutil.ignore_patterns("*.yml", "*.md", "*.py"))
    first = import_paths([folder], root)
    written = {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()}
    assert first.count("imported") >= 12 and first.count("register") == 2
    assert first.count("not-gongwen") == 6
    # every written document carries review; the classified ones have no body and no attachments
    corpus = load_corpus(root)
    assert corpus.documents and all(d.review for d in corpus.documents)
    for fixture in ("classified-textbox", "kamisky-standard-secret"):
        expected = yaml.safe_load((FIXTURES / f"{fixture}.yml").read_text(encoding="utf-8"))
        [doc] = [d for d in corpus.documents if str(d.number) == expected["fields"]["number"]]
        assert doc.classification in ("秘密", "机密") and not any(t.strip() for _, t in doc.source.body)
        assert not doc.attachments
        everything = "\n".join(p.read_text(encoding="utf-8", errors="replace")
                               for p in (root / "content").rglob("*") if p.suffix in (".md", ".csv"))
        for secret in expected["never_written"]:
            assert secret not in everything
    # the second run writes nothing and changes nothing
    second = import_paths([folder], root)
    assert second.count("imported") == 0 and second.count("register") == 0
    assert {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()} == written
