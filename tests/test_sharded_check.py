"""A full check split over several processes finds exactly what one process finds."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.check import check_root
from generator.scope import ShardScope, shard_key

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)


@pytest.mark.slow
def test_split_full_check_equals_one_process(tmp_path):
    root = tmp_path / "corpus"
    for name in ("content", "regulations"):
        shutil.copytree(REPO / name, root / name)
    # findings of several kinds, in documents, items and a regulation folder
    doc = root / "content/documents/2025/kaoqin-zhidu-yinfa.md"
    shutil.copyfile(doc, root / "content/documents/2025/kaoqin-copy.md")
    (root / "regulations/stray.md").write_text("---\ntitle: 放错位置\n---\n", encoding="utf-8")
    one = check_root(root, AS_OF, jobs=1)
    assert {d.code for d in one.diagnostics} >= {"N008"}
    for jobs in (2, 3):
        split = check_root(root, AS_OF, jobs=jobs)
        assert split.diagnostics == one.diagnostics
        assert split.files == one.files


def test_every_path_is_in_exactly_one_shard_and_a_regulation_stays_together():
    paths = [
        "content/site.yml",
        "content/holidays.yml",
        "regulations/kaoqin/regulation.yml",
        "regulations/kaoqin/2024-01-01.md",
        "regulations/kaoqin/2025-03-01.md",
        "regulations/kaoqin",
        "content/documents/2025/a.md",
        "content/documents/2025/b.md",
        "content/disclosures/2026-Q1/x.md",
        "content/stray.txt",
        "",
    ]
    for count in (1, 2, 3, 4):
        shards = [ShardScope(i, count) for i in range(count)]
        for p in paths:
            assert sum(p in s for s in shards) == 1, (p, count)
        homes = {next(i for i, s in enumerate(shards) if p in s) for p in paths if p.startswith("regulations/kaoqin")}
        assert len(homes) == 1
    assert shard_key("content/site.yml") is None
