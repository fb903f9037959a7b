"""The DOCX commands from the command line: export, import, refusals, never overwrite."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent


def test_export_then_import_round_trips_through_the_command_line(tmp_path, capsys):
    root = tmp_path / "corpus"
    for name in ("content", "regulations"):
        shutil.copytree(REPO / name, root / name)
    docx = tmp_path / "zhiban.docx"
    assert main(["--root", str(root), "export", "document", "区建发[2025]4号", "--out", str(docx)]) == 0
    assert docx.stat().st_size > 5000
    (root / "content/documents/2025/zhiban-banfa-yinfa.md").unlink()
    assert main(["--root", str(root), "import", "docx", str(docx)]) == 0
    captured = capsys.readouterr()
    assert "已导入" in captured.out + captured.err
    [written] = [p for p in (root / "content/documents").rglob("*.md") if "\nreview:" in p.read_text(encoding="utf-8")]
    # under review: a warning (I001), never an error, and not yet strict-clean
    assert main(["--root", str(root), "--as-of", "2026-11-23", "check"]) == 0
    assert "I001" in capsys.readouterr().out
    assert main(["--root", str(root), "--as-of", "2026-11-23", "check", "--strict"]) == 1
    # a second import writes nothing and changes nothing
    before = written.read_bytes()
    assert main(["--root", str(root), "import", "docx", str(docx)]) == 0
    assert "跳过" in capsys.readouterr().err and written.read_bytes() == before
    # the editor checks it and removes review: clean
    import yaml

    _, head, body = written.read_text(encoding="utf-8").split("---\n", 2)
    fm = yaml.safe_load(head)
    assert fm.pop("review")
    written.write_text(
        "---\n" + yaml.safe_dump(fm, allow_unicode=True, sort_keys=False) + "---\n" + body, encoding="utf-8"
    )
    assert main(["--root", str(root), "--as-of", "2026-11-23", "check", "--strict"]) == 0


def test_export_refuses_register_entries_and_unknown_numbers(tmp_path, capsys):
    out = tmp_path / "x.docx"
    assert main(["--root", str(REPO), "export", "document", "区建发〔2025〕8号", "--out", str(out)]) == 1
    assert "登记条目" in capsys.readouterr().err
    assert main(["--root", str(REPO), "export", "document", "区建发〔2099〕1号", "--out", str(out)]) == 1
    assert not out.exists()
    assert (
        main(["--root", str(REPO), "export", "regulation", "kaoqin", "--version", "2020-01-01", "--out", str(out)]) == 1
    )
    assert not out.exists()


def test_export_refuses_a_document_with_errors_and_writes_nothing(corpus, tmp_path, capsys):
    corpus.document(number="区建发[2025]1号")
    out = tmp_path / "bad.docx"
    assert main(["--root", str(corpus.root), "export", "document", "区建发〔2025〕1号", "--out", str(out)]) == 1
    assert "N002" in capsys.readouterr().err
    assert not out.exists() and not list(tmp_path.glob(".bad.docx*"))


def test_import_of_a_non_docx_is_a_clear_refusal(tmp_path, capsys):
    bogus = tmp_path / "x.docx"
    bogus.write_text("not a zip", encoding="utf-8")
    assert main(["--root", str(REPO), "import", "docx", str(bogus)]) == 1
    err = capsys.readouterr().err
    assert "DOCX" in err and "Traceback" not in err
