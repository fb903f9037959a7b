"""The build computes the check and the search index in forked processes; the site it makes
is the same as a build done in one process, and errors still stop it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.commands.sitebuild import build_checked
from generator.site import mkdocs_run
from generator.site.build import BuildRefused

REPO = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 23)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture()
def sample(tmp_path):
    root = tmp_path / "corpus"
    for name in ("content", "regulations"):
        shutil.copytree(REPO / name, root / name)
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.mark.slow
def test_parallel_and_serial_builds_are_byte_identical(sample, tmp_path, monkeypatch):
    # the sample is small: let its full build run MkDocs in one process per CPU as a large one does
    monkeypatch.setattr(mkdocs_run, "SPLIT_MIN_PAGES", 10)
    a = build_checked(sample, AS_OF, tmp_path / "a", downloads=False, parallel=True)
    b = build_checked(sample, AS_OF, tmp_path / "b", downloads=False, parallel=False)
    assert a.timings["mkdocs workers"] >= 2 and b.timings["mkdocs workers"] == 1
    assert a.check.diagnostics == b.check.diagnostics
    fa, fb = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert any(name.startswith("search-index/s/") for name in fa)
    assert fa.keys() == fb.keys()
    assert [n for n in fa if fa[n] != fb[n]] == []


@pytest.mark.slow
def test_an_error_found_by_the_background_check_refuses_the_build(sample, tmp_path):
    doc = sample / "content/documents/2025/kaoqin-zhidu-yinfa.md"
    shutil.copyfile(doc, sample / "content/documents/2025/kaoqin-copy.md")  # N008: same number twice
    out = tmp_path / "site"
    out.mkdir()
    (out / "old.html").write_text("old", encoding="utf-8")
    from generator.outputs import MARKER, write_marker

    write_marker(out, "site")  # a site govpub published before
    with pytest.raises(BuildRefused) as info:
        build_checked(sample, AS_OF, out, downloads=False, parallel=True)
    assert any(d.code == "N008" for d in info.value.check.errors)
    assert sorted(p.name for p in out.iterdir()) == sorted([MARKER, "old.html"])
    assert not [p for p in tmp_path.iterdir() if ".build-" in p.name]
