"""Incremental rebuilds give the same site as full builds, and never touch the published one.

A copy of the sample corpus goes through a series of edits; after each one the site is built
twice: into the same output folder as before (incremental) and into a new one (full). The two
trees must be byte-identical, and the previous output must not change while the incremental
build runs (it shares its unchanged files with the new site by hard links).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest

from generator.commands.sitebuild import build_checked
from generator.site import incremental

REPO = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 23)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _copy_corpus(dest: Path) -> Path:
    for name in ("content", "regulations"):
        shutil.copytree(REPO / name, dest / name)
    if (REPO / "mkdocs.yml").exists():
        shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


class Witness:
    """Hard links to every file of a site, with its bytes: whatever writes through a link
    into the published site shows up here."""

    def __init__(self, site: Path, where: Path):
        self.where = where
        shutil.rmtree(where, ignore_errors=True)
        incremental.link_tree(site, where)
        self.before = _tree(where)

    def unchanged(self) -> bool:
        return _tree(self.where) == self.before


def _both(root: Path, out: Path, full: Path, as_of: dt.date, witness_dir: Path, *, downloads: bool = False):
    witness = Witness(out, witness_dir) if out.exists() else None
    inc = build_checked(root, as_of, out, downloads=downloads)
    shutil.rmtree(full, ignore_errors=True)
    ref = build_checked(root, as_of, full, downloads=downloads, incremental_ok=False)
    assert ref.timings["incremental"] == 0.0
    a, b = _tree(out), _tree(full)
    assert a.keys() == b.keys(), (sorted(a.keys() - b.keys())[:5], sorted(b.keys() - a.keys())[:5])
    different = [k for k in a if a[k] != b[k]]
    assert not different, different[:5]
    assert inc.warnings == ref.warnings == []
    if witness is not None:
        assert witness.unchanged(), "the incremental build wrote through into the published site"
    return inc


@pytest.mark.slow
def test_incremental_builds_equal_full_builds_through_a_series_of_edits(tmp_path):
    root = _copy_corpus(tmp_path / "corpus")
    out, full, wit = tmp_path / "site", tmp_path / "full", tmp_path / "witness"
    docs = root / "content" / "documents"

    first = _both(root, out, full, AS_OF, wit)
    assert first.timings["incremental"] == 0.0  # nothing to start from

    # nothing changed: nothing is rebuilt
    again = _both(root, out, full, AS_OF, wit)
    assert again.timings["incremental"] == 1.0 and again.rebuilt == []

    # a document's text: its page (and the pages that show its text: none) and the search index
    doc = docs / "2026" / "chunjie-zhiban-2026.md"
    _edit(doc, "一、压实值班责任。", "一、压实值班责任，落实到人。")
    step = _both(root, out, full, AS_OF, wit)
    assert step.timings["incremental"] == 1.0
    assert step.rebuilt == ["documents/2026/chunjie-zhiban-2026.md"]

    # a new document, a day after the newest: its page, its year's list, the home page
    text = doc.read_text(encoding="utf-8")
    text = text.replace("区建办〔2026〕1号", "区建办〔2026〕8号").replace(
        "signed_on: 2026-01-30", "signed_on: 2026-11-20"
    )
    text = text.replace("printed_on: 2026-02-02", "printed_on: 2026-11-20")
    text = text.replace("关于做好2026年春节期间值班工作的通知", "关于做好2026年元旦期间值班工作的通知")
    (docs / "2026" / "yuandan-zhiban-2027.md").write_text(text, encoding="utf-8")
    step = _both(root, out, full, AS_OF, wit)
    assert step.timings["incremental"] == 1.0
    assert "documents/2026/yuandan-zhiban-2027.md" in step.rebuilt and len(step.rebuilt) < 10

    # a public document withdrawn (its publication date moved into the future): its page goes
    _edit(doc, "signed_on: 2026-01-30", "signed_on: 2026-01-30\npublished_on: 2027-06-01")
    step = _both(root, out, full, AS_OF, wit)
    assert step.timings["incremental"] == 1.0
    assert not (out / "documents" / "2026" / "chunjie-zhiban-2026" / "index.html").exists()

    # an article of a regulation version
    version = sorted((root / "regulations" / "kaoqin").glob("*.md"))[-1]
    body = version.read_text(encoding="utf-8")
    article = re.search(r"^第二条[\u3000 ].*$", body, re.M).group(0)
    _edit(version, article, article + "（本条有修改）")
    step = _both(root, out, full, AS_OF, wit)
    assert step.timings["incremental"] == 1.0

    # a later day: the next quarter's posting becomes public, consultations close
    _both(root, out, full, dt.date(2027, 1, 10), wit)

    # a document file removed altogether
    (docs / "2026" / "yuandan-zhiban-2027.md").unlink()
    _both(root, out, full, dt.date(2027, 1, 10), wit)

    # the site's own configuration: every page changes, so a full build, still the same
    (root / "mkdocs.yml").write_text("site_name: 临江区住建局政务公开\n", encoding="utf-8")
    step = _both(root, out, full, dt.date(2027, 1, 10), wit)
    assert step.timings["incremental"] == 0.0


@pytest.mark.slow
def test_a_touched_output_folder_means_a_full_build(tmp_path):
    root = _copy_corpus(tmp_path / "corpus")
    out, full, wit = tmp_path / "site", tmp_path / "full", tmp_path / "witness"
    _both(root, out, full, AS_OF, wit, downloads=True)
    # someone edits the published site by hand: the next build starts from scratch
    page = out / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- edited -->", encoding="utf-8")
    step = _both(root, out, full, AS_OF, wit, downloads=True)
    assert step.timings["incremental"] == 0.0
    # a file removed from it
    os.unlink(out / "feed.xml")
    step = _both(root, out, full, AS_OF, wit, downloads=True)
    assert step.timings["incremental"] == 0.0
    # an unreadable state file
    incremental.state_path(out).write_text("{not json", encoding="utf-8")
    step = _both(root, out, full, AS_OF, wit, downloads=True)
    assert step.timings["incremental"] == 0.0
    # and with Word downloads, an edited document gets a new DOCX and nothing else does
    doc = root / "content" / "documents" / "2026" / "chunjie-zhiban-2026.md"
    _edit(doc, "一、压实值班责任。", "一、压实值班责任，落实到人。")
    docx = out / "documents" / "2026" / "chunjie-zhiban-2026" / "chunjie-zhiban-2026.docx"
    other = next(p for p in out.glob("documents/2025/*/*.docx"))
    ino_docx, ino_other = docx.stat().st_ino, other.stat().st_ino
    step = _both(root, out, full, AS_OF, wit, downloads=True)
    assert step.timings["incremental"] == 1.0
    assert docx.stat().st_ino != ino_docx and other.stat().st_ino == ino_other
    # withdrawn: its page and its Word file go (nothing but the sweep removes a download)
    _edit(doc, "signed_on: 2026-01-30", "signed_on: 2026-01-30\npublished_on: 2027-06-01")
    step = _both(root, out, full, AS_OF, wit, downloads=True)
    assert step.timings["incremental"] == 1.0
    assert not docx.exists() and not docx.parent.exists()


@pytest.mark.slow
def test_two_builds_into_one_folder_take_turns(tmp_path):
    import subprocess
    import sys

    root = _copy_corpus(tmp_path / "corpus")
    out = tmp_path / "site"
    cmd = [
        sys.executable,
        "-m",
        "generator",
        "--root",
        str(root),
        "--as-of",
        AS_OF.isoformat(),
        "build",
        "--no-docx",
        "--out",
        str(out),
    ]
    build_checked(root, AS_OF, out, downloads=False)
    _edit(
        root / "content" / "documents" / "2026" / "chunjie-zhiban-2026.md",
        "一、压实值班责任。",
        "一、压实值班责任，落实到人。",
    )
    procs = [
        subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    ref = build_checked(root, AS_OF, tmp_path / "full", downloads=False, incremental_ok=False)
    assert ref.rebuilt is None
    assert _tree(out) == _tree(tmp_path / "full")
    assert not [p.name for p in tmp_path.iterdir() if ".build-" in p.name]
