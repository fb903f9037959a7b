"""Class 2 — data loss: no command deletes or overwrites what it did not write (SPEC §7.6).

Every refusal is exit 2 with a reason, and the files that were there are still there."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from testkit.marks import slow_after

from .helpers import cli

DOC = "content/documents/2025/zhiban-tongzhi.md"


def snapshot(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha1(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def repo(corpus):
    corpus.document()
    corpus.regulation()
    (corpus.root / ".git").mkdir()
    (corpus.root / ".git/HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (corpus.root / "mkdocs.yml").write_text("site_name: 某局\n", encoding="utf-8")
    return corpus


@pytest.mark.parametrize(
    "out", slow_after([".", "content", "regulations", ".git", "content/documents", "..", "content/attachments/site"])
)
def test_build_refuses_the_corpus_and_its_parents(repo, out):
    before = snapshot(repo.root)
    proc = cli(repo.root, "build", "--out", out, "--no-docx", cwd=repo.root)
    assert proc.returncode == 2, proc.stderr
    assert "govpub:" in proc.stderr and ("语料" in proc.stderr or "git" in proc.stderr)
    assert snapshot(repo.root) == before


def test_build_refuses_a_file_and_a_foreign_folder(repo, tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("mine", encoding="utf-8")
    proc = cli(repo.root, "build", "--out", str(target), "--no-docx")
    assert proc.returncode == 2 and target.read_text(encoding="utf-8") == "mine"
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "a.jpg").write_bytes(b"\xff\xd8\xff")
    proc = cli(repo.root, "build", "--out", str(folder), "--no-docx")
    assert proc.returncode == 2 and "不是 govpub" in proc.stderr
    assert [p.name for p in folder.iterdir()] == ["a.jpg"]


@pytest.mark.slow
def test_build_rewrites_its_own_output_and_an_empty_folder(repo, tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    from generator.outputs import MARKER

    assert cli(repo.root, "build", "--out", str(out), "--no-docx").returncode == 0
    assert (out / MARKER).is_file() and (out / "index.html").is_file()
    repo.document(slug="second", number="区建发〔2025〕2号")
    assert cli(repo.root, "build", "--out", str(out), "--no-docx").returncode == 0
    assert (out / "documents/2025/second/index.html").is_file()


def test_export_document_onto_its_source_is_refused(repo, tmp_path):
    before = snapshot(repo.root)
    proc = cli(repo.root, "export", "document", DOC, "--out", DOC, cwd=repo.root)
    assert proc.returncode == 2 and "语料" in proc.stderr
    assert snapshot(repo.root) == before


@pytest.mark.parametrize(
    "out", slow_after(["mkdocs.yml", "content/new.docx", "regulations/kaoqin/x.docx", ".git/x.docx"])
)
def test_export_document_into_the_corpus_is_refused(repo, out):
    before = snapshot(repo.root)
    proc = cli(repo.root, "export", "document", DOC, "--out", out, cwd=repo.root)
    assert proc.returncode == 2, proc.stderr
    assert snapshot(repo.root) == before


@pytest.mark.slow
def test_export_over_a_foreign_file_is_refused_and_over_its_own_docx_allowed(repo, tmp_path):
    foreign = tmp_path / "报告.docx"
    foreign.write_bytes(b"PK\x03\x04 someone else's file")
    proc = cli(repo.root, "export", "document", DOC, "--out", str(foreign))
    assert proc.returncode == 2 and foreign.read_bytes().startswith(b"PK\x03\x04 someone")
    from generator.outputs import is_govpub_docx

    mine = tmp_path / "通知.docx"
    assert cli(repo.root, "export", "document", DOC, "--out", str(mine)).returncode == 0
    assert is_govpub_docx(mine)
    assert cli(repo.root, "export", "document", DOC, "--out", str(mine)).returncode == 0


def test_export_regulation_onto_a_source_is_refused(repo):
    before = snapshot(repo.root)
    proc = cli(repo.root, "export", "regulation", "kaoqin", "--out", "regulations/kaoqin/regulation.yml", cwd=repo.root)
    assert proc.returncode == 2 and snapshot(repo.root) == before


@pytest.mark.parametrize("out", slow_after(["content", ".", "regulations"]))
def test_export_volume_into_the_corpus_is_refused_before_anything(repo, out):
    before = snapshot(repo.root)
    proc = cli(repo.root, "export", "volume", "--year", "2025", "--out", out, "--no-pdfa", cwd=repo.root)
    assert proc.returncode == 2 and "语料" in proc.stderr
    assert snapshot(repo.root) == before


def test_export_volume_into_a_foreign_folder_is_refused(repo, tmp_path):
    folder = tmp_path / "档案"
    folder.mkdir()
    (folder / "台账.xlsx").write_bytes(b"PK\x03\x04")
    proc = cli(repo.root, "export", "volume", "--year", "2025", "--out", str(folder), "--no-pdfa")
    assert proc.returncode == 2 and [p.name for p in folder.iterdir()] == ["台账.xlsx"]


def test_guard_accepts_new_empty_and_marked_places(tmp_path):
    from generator.outputs import OutputRefused, guard_dir, guard_file, write_marker

    root = tmp_path / "corpus"
    (root / "content").mkdir(parents=True)
    assert guard_dir(tmp_path / "new", root, "site") == (tmp_path / "new").resolve()
    (tmp_path / "empty").mkdir()
    guard_dir(tmp_path / "empty", root, "site")
    (tmp_path / "marked").mkdir()
    (tmp_path / "marked" / "x.html").write_text("x")
    write_marker(tmp_path / "marked", "site")
    guard_dir(tmp_path / "marked", root, "site")
    with pytest.raises(OutputRefused):
        guard_dir(tmp_path / "marked", root, "volume")  # a site is not a volume
    with pytest.raises(OutputRefused):
        guard_file(root / "content" / "x.docx", root)


def test_docx_recognised_by_its_application_stamp(tmp_path):
    from generator.outputs import is_govpub_docx

    doc = tmp_path / "a.docx"
    with zipfile.ZipFile(doc, "w") as z:
        z.writestr("docProps/app.xml", "<Properties><Application>Microsoft Office Word</Application></Properties>")
    assert not is_govpub_docx(doc)
    with zipfile.ZipFile(doc, "w") as z:
        z.writestr("docProps/app.xml", "<Properties><Application>govpub</Application></Properties>")
    assert is_govpub_docx(doc)
