"""Field-by-field comparison of ``govpub import`` with what a clerk reads (tests/fixtures/import).

Used by tests/importer/test_fixtures.py and bench/import_bench.py."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"


@dataclass
class Score:
    right: int = 0
    expected: int = 0
    wrong: list[str] = field(default_factory=list)
    files: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def fidelity(self) -> float:
        return self.right / self.expected if self.expected else 0.0


def fixtures() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.suffix in (".docx", ".doc"))


def _norm(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_norm(v) for v in value]
    return value


def read_fixture(path: Path):
    """The import result for one fixture (a .doc converted with LibreOffice first), or None
    when LibreOffice is needed and missing."""
    from generator.importer.convert import convert_to_docx, soffice
    from generator.importer.docx import read_file

    if path.suffix == ".doc":
        if soffice() is None:
            return None
        tmp = Path(tempfile.mkdtemp(prefix="fixture-"))
        try:
            converted = convert_to_docx([path], tmp)[path]
            return read_file(converted, shown=path.name) if isinstance(converted, Path) else None
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return read_file(path, shown=path.name)


def score(paths: list[Path] | None = None) -> Score:
    s = Score()
    for path in paths or fixtures():
        expected = yaml.safe_load(path.with_suffix(".yml").read_text(encoding="utf-8"))
        result = read_fixture(path)
        if result is None:
            s.skipped.append(path.name)
            continue
        s.files += 1
        s.expected += 1
        if result.status == expected["status"]:
            s.right += 1
        else:
            s.wrong.append(f"{path.name}: status {result.status} ≠ {expected['status']}")
        for name, want in (expected.get("fields") or {}).items():
            s.expected += 1
            got = _norm(result.value(name))
            if got == _norm(want):
                s.right += 1
            else:
                s.wrong.append(f"{path.name}: {name} {got!r} ≠ {want!r}")
    return s
