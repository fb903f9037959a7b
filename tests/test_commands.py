"""The commands layer: one "check, then refuse", one guarded atomic way to write output."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from generator.check import REFUSAL_LINES, refuse_on_errors
from generator.corpus import load_corpus
from generator.errors import Refused
from generator.outputs import MARKER, Output, OutputRefused

AS_OF = dt.date(2026, 11, 23)


def test_refuse_on_errors_passes_a_clean_corpus(corpus):
    corpus.document()
    result = refuse_on_errors(load_corpus(corpus.root), AS_OF, subject="语料库", consequence="没有生成")
    assert result.errors == []


def test_refuse_on_errors_names_the_findings_and_the_consequence(corpus):
    corpus.document()
    corpus.document(slug="b")  # the same number again
    loaded = load_corpus(corpus.root)

    class Mine(Refused):
        pass

    with pytest.raises(Mine) as info:
        refuse_on_errors(loaded, AS_OF, subject="要导出的内容", consequence="没有导出", error=Mine)
    first, *lines = str(info.value).splitlines()
    assert first.startswith("要导出的内容有 ") and first.endswith(" 个错误，没有导出：")
    assert lines and all(line.startswith("  content/") for line in lines)
    # the findings of other files do not stop an output that does not read them
    codes = {d.code for d in corpus.check().errors}
    refuse_on_errors(loaded, AS_OF, subject="x", consequence="y", targets={"content/site.yml"})
    # ``keep`` narrows the errors (an archive volume: its year only)
    refuse_on_errors(loaded, AS_OF, subject="x", consequence="y", keep=lambda d: d.code not in codes)


def test_refusal_lists_at_most_twenty_findings(corpus):
    for k in range(REFUSAL_LINES + 3):
        corpus.document(slug=f"d{k}")  # all with the same number
    with pytest.raises(Refused) as info:
        refuse_on_errors(load_corpus(corpus.root), AS_OF, subject="语料库", consequence="没有生成")
    lines = str(info.value).splitlines()
    assert len(lines) == 1 + REFUSAL_LINES + 1 and "另有" in lines[-1] and "govpub check" in lines[-1]


def test_output_file_is_guarded_before_any_work_and_written_atomically(tmp_path_factory, corpus):
    corpus.document()
    tmp_path = tmp_path_factory.mktemp("out")
    with pytest.raises(OutputRefused):
        Output.file(corpus.root / "content" / "x.docx", corpus.root)
    (tmp_path / "theirs.docx").write_bytes(b"not ours")
    with pytest.raises(OutputRefused, match="不会覆盖"):
        Output.file(tmp_path / "theirs.docx", corpus.root)
    target = Output.file(tmp_path / "new.txt", corpus.root)

    def fails(tmp):
        tmp.write_text("half", encoding="utf-8")
        raise OSError("disk full")

    with pytest.raises(OSError):
        target.write(fails)
    assert list(tmp_path.iterdir()) == [tmp_path / "theirs.docx"]  # no half-written file, no temporary
    assert target.write(lambda p: p.write_text("ok", encoding="utf-8")) == tmp_path / "new.txt"
    assert (tmp_path / "new.txt").read_text(encoding="utf-8") == "ok"


def test_output_folder_gets_its_marker_and_may_be_written_again(tmp_path_factory, corpus):
    out = tmp_path_factory.mktemp("outputs") / "out"
    target = Output.folder(out, corpus.root, "report")
    assert not out.exists()  # asking writes nothing
    written = target.write(lambda p: p.write_text("a", encoding="utf-8"), "a.md")
    assert written == out / "a.md"
    assert json.loads((out / MARKER).read_text(encoding="utf-8")) == {"tool": "govpub", "kind": "report"}
    Output.folder(out, corpus.root, "report").write(lambda p: p.write_text("b", encoding="utf-8"), "a.md")
    assert (out / "a.md").read_text(encoding="utf-8") == "b"
    with pytest.raises(OutputRefused, match="另一种输出"):
        Output.folder(out, corpus.root, "site")
    for bad in ("../x", "sub/x", MARKER, ""):
        with pytest.raises(ValueError):
            target.write(lambda p: None, bad)


def test_report_folder_written_by_an_earlier_version_may_be_written_again(tmp_path):
    from generator.commands.report import LEGACY_MARKER, export_annual
    from generator.report.annual import ReportError

    out = tmp_path / "report-2025"
    out.mkdir()
    (out / LEGACY_MARKER).write_text("govpub report\n", encoding="utf-8")
    (out / "old.md").write_text("x", encoding="utf-8")
    # the sample corpus has no report data for 2024: refused by the report, not by the guard
    repo = Path(__file__).resolve().parent.parent
    with pytest.raises(ReportError, match="content/annual-reports/2024.yml"):
        export_annual(load_corpus(repo), 2024, out, AS_OF)
    (out / LEGACY_MARKER).unlink()
    with pytest.raises(OutputRefused):
        export_annual(load_corpus(repo), 2024, out, AS_OF)
