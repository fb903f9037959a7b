"""Checking a few files (PR mode) gives exactly what a full check says about them."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.check import check_corpus, check_root
from generator.corpus import load_corpus

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)


def _all_files(root: Path) -> list[str]:
    corpus = load_corpus(root)
    return [s.path for s in corpus.sources]


def _full_by_path(root: Path) -> dict[str, list]:
    result = check_corpus(load_corpus(root), AS_OF)
    out: dict[str, list] = {}
    for d in result.diagnostics:
        out.setdefault(d.path, []).append(d)
    return out


@pytest.mark.slow
def test_every_sample_file_alone_matches_the_full_check(tmp_path):
    root = tmp_path / "corpus"
    for name in ("content", "regulations"):
        shutil.copytree(REPO / name, root / name)
    # add trouble so there is something to compare: a duplicate, a gap, a bad citation
    doc = root / "content/documents/2025/kaoqin-zhidu-yinfa.md"
    shutil.copyfile(doc, root / "content/documents/2025/kaoqin-copy.md")
    full = _full_by_path(root)
    assert any(d.code == "N008" for ds in full.values() for d in ds)
    for path in _all_files(root):
        focused = check_root(root, AS_OF, [path]).diagnostics
        assert focused == sorted(full.get(path, []), key=lambda d: (d.path, d.line, d.code, d.message)), path


@pytest.mark.parametrize(
    "odd",
    [
        "number: '区建发〔2025〕1号'",
        "number: 区建发〔2025〕1号 # 注释",
        "signed_on: 2025-02-30",
        "number: &n 区建发〔2025〕1号",
    ],
)
def test_unusual_front_matter_in_other_files_falls_back_to_a_full_parse(corpus, odd):
    corpus.document(slug="target", number="区建发〔2025〕1号")
    other = corpus.document(slug="other", number="区建发〔2025〕2号", signed_on=dt.date(2025, 3, 6))
    text = other.read_text(encoding="utf-8")
    key = odd.split(":")[0]
    lines = [odd if line.startswith(key + ":") else line for line in text.splitlines()]
    other.write_text("\n".join(lines) + "\n", encoding="utf-8")
    full = [d for d in corpus.check().diagnostics if d.path == "content/documents/2025/target.md"]
    focused = corpus.check(paths=["content/documents/2025/target.md"]).diagnostics
    assert focused == full
