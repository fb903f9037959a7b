"""Regulations transcribed with real defects (tests/fixtures/regulations, SOURCES.md): check
reports each defect with the right code and advice; once the gaps are acknowledged the versions
export and the site builds."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from generator.check import check_root
from generator.cli import main

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "regulations"
AS_OF = dt.date(2026, 11, 23)
EXPECTED = yaml.safe_load((FIXTURES / "EXPECTED.yml").read_text(encoding="utf-8"))
VERSIONS = {"liping": "1988-12-01", "bingjia": "1981-04-06", "gongshi": "1995-05-01"}


@pytest.fixture
def root(tmp_path) -> Path:
    root = tmp_path / "corpus"
    (root / "content").mkdir(parents=True)
    shutil.copy(REPO / "content" / "site.yml", root / "content" / "site.yml")
    shutil.copytree(FIXTURES, root / "regulations", ignore=shutil.ignore_patterns("*.md", "*.yml"))
    for slug, date in VERSIONS.items():
        shutil.copy(FIXTURES / slug / "regulation.yml", root / "regulations" / slug / "regulation.yml")
        shutil.copy(FIXTURES / slug / f"{date}.md", root / "regulations" / slug / f"{date}.md")
    return root


def test_check_reports_every_defect_with_its_code_and_advice(root):
    found = {(d.path, d.line, d.code): d for d in check_root(root, AS_OF).diagnostics}
    expected = {(path, line, code): text for path, items in EXPECTED.items() for line, code, text in items}
    assert set(found) == set(expected)
    for key, text in expected.items():
        assert text in found[key].message, (key, found[key].message)
    for d in found.values():
        if d.code in ("S004", "S006", "S009"):
            assert "顺改" not in d.message and "重新编号" not in d.message
        if d.code == "S004":
            assert "补回" in d.message and "acknowledged" in d.message


def _acknowledge(root: Path) -> None:
    reasons = {"S004": "印发文本即缺这些条，以印发文本为准", "S009": "印发文本即是连排，以印发文本为准"}
    for slug, date in VERSIONS.items():
        path = root / "regulations" / slug / f"{date}.md"
        _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
        fm = yaml.safe_load(head)
        fm["acknowledged"] = [{"code": c, "reason": r} for c, r in reasons.items()]
        path.write_text(
            "---\n" + yaml.safe_dump(fm, allow_unicode=True, sort_keys=False) + "---\n" + body, encoding="utf-8"
        )


def test_unacknowledged_gaps_refuse_export(root, tmp_path):
    out = tmp_path / "liping.docx"
    assert (
        main(["--root", str(root), "--as-of", "2026-11-23", "export", "regulation", "liping", "--out", str(out)]) == 1
    )
    assert not out.exists()


def test_acknowledged_regulations_export(root, tmp_path):
    _acknowledge(root)
    result = check_root(root, AS_OF)
    assert result.errors == []
    acked = {(d.path.split("/")[1], d.code) for d in result.diagnostics if d.severity == "acknowledged"}
    assert acked == {
        ("liping", "S004"),
        ("liping", "S009"),
        ("bingjia", "S004"),
        ("bingjia", "S009"),
        ("gongshi", "S004"),
        ("gongshi", "S009"),
    }
    assert not [d for d in result.diagnostics if d.code == "K001"]
    for slug in VERSIONS:
        out = tmp_path / f"{slug}.docx"
        assert (
            main(["--root", str(root), "--as-of", "2026-11-23", "export", "regulation", slug, "--out", str(out)]) == 0
        )
        assert out.stat().st_size > 3000


@pytest.mark.slow
def test_acknowledged_regulations_build(root, tmp_path):
    _acknowledge(root)
    site = tmp_path / "site"
    assert main(["--root", str(root), "--as-of", "2026-11-23", "build", "--out", str(site), "--no-docx"]) == 0
    page = (site / "regulations" / "liping" / "index.html").read_text(encoding="utf-8")
    assert "第十一条" in page and 'id="art-11"' in page
