"""One error type with its exit status, reported in one place; a bug exits 70 and asks for a report."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import cli
from generator.cli import main
from generator.errors import (
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_USAGE,
    GovpubError,
    Refused,
    UsageError,
    internal_error_message,
)

REPO = Path(__file__).resolve().parent.parent
AS_OF = ["--as-of", "2026-11-23"]

#: every error govpub explains to a user, where it lives (the first of the modules that exists:
#: the LibreOffice driver is shared by several outputs), and the exit status it must give
USER_ERRORS = [
    ("generator.corpus.loader", "CorpusRootError", EXIT_USAGE),
    ("generator.outputs", "OutputRefused", EXIT_USAGE),
    ("generator.gitutil", "GitError", EXIT_USAGE),
    ("generator.newdoc", "NewDocumentError", EXIT_USAGE),
    ("generator.commands.export", "ExportRefused", EXIT_FINDINGS),
    ("generator.report.annual", "ReportError", EXIT_FINDINGS),
    ("generator.site.build", "BuildRefused", EXIT_FINDINGS),
    ("generator.docx.volume", "VolumeError", EXIT_FINDINGS),
    ("generator.docx.document", "DocumentLayoutError", EXIT_FINDINGS),
    ("generator.office.libreoffice|generator.docx.libreoffice", "LibreOfficeError", EXIT_FINDINGS),
    ("generator.office.libreoffice|generator.docx.libreoffice", "LibreOfficeMissing", EXIT_FINDINGS),
    ("generator.importer.package", "ImportRefused", EXIT_FINDINGS),
    ("generator.importer.docx", "NoYearFolder", EXIT_FINDINGS),
]


def _first_module(names):
    for name in names:
        try:
            return importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is None or not (name == exc.name or name.startswith(exc.name + ".")):
                raise
    raise AssertionError(f"none of {names} exists")


@pytest.mark.parametrize("module,name,code", USER_ERRORS, ids=[n for _, n, _ in USER_ERRORS])
def test_every_user_error_is_a_govpub_error_with_its_exit_status(module, name, code):
    cls = getattr(_first_module(module.split("|")), name)
    assert issubclass(cls, GovpubError)
    assert cls.exit_code == code
    assert issubclass(cls, UsageError if code == EXIT_USAGE else Refused)


def test_errors_keep_the_builtin_bases_callers_catch():
    from generator.newdoc import NewDocumentError

    LibreOfficeError = _first_module(["generator.office.libreoffice", "generator.docx.libreoffice"]).LibreOfficeError

    assert issubclass(NewDocumentError, ValueError) and issubclass(LibreOfficeError, RuntimeError)


def test_a_raise_site_may_set_its_own_exit_status():
    assert Refused("x").exit_code == EXIT_FINDINGS
    assert Refused("x", exit_code=EXIT_USAGE).exit_code == EXIT_USAGE
    assert Refused("x").exit_code == EXIT_FINDINGS  # the class default is untouched
    assert UsageError("太长").message == "太长"


def _run_command(monkeypatch, capsys, exc: BaseException, argv=("--root", str(REPO), "check")):
    def boom(args):
        raise exc

    monkeypatch.setattr(cli, "_command", lambda name: boom)
    code = main(list(argv))
    return code, capsys.readouterr().err


def test_main_reports_a_govpub_error_with_its_own_exit_status(monkeypatch, capsys):
    assert _run_command(monkeypatch, capsys, UsageError("参数不对")) == (EXIT_USAGE, "govpub: 参数不对\n")
    assert _run_command(monkeypatch, capsys, Refused("有错误")) == (EXIT_FINDINGS, "govpub: 有错误\n")

    class Special(GovpubError):
        exit_code = 3

    assert _run_command(monkeypatch, capsys, Special("别的"))[0] == 3


def test_an_internal_error_exits_70_and_asks_for_a_bug_report(monkeypatch, capsys):
    monkeypatch.delenv("GOVPUB_DEBUG", raising=False)
    from generator import __version__

    code, err = _run_command(monkeypatch, capsys, KeyError("surprise"))
    assert code == EXIT_INTERNAL == 70
    assert err.startswith("govpub: 内部错误（KeyError: 'surprise'）")
    assert "缺陷" in err and "报告给" in err and "维护者" in err
    assert __version__ in err and f"govpub --root {REPO} check" in err  # the version and the command
    assert "GOVPUB_DEBUG=1" in err and "Traceback" not in err


def test_govpub_debug_shows_the_traceback(monkeypatch, capsys):
    monkeypatch.setenv("GOVPUB_DEBUG", "1")
    with pytest.raises(KeyError):
        _run_command(monkeypatch, capsys, KeyError("surprise"))


def test_interrupt_and_closed_pipe(monkeypatch, capsys):
    assert _run_command(monkeypatch, capsys, KeyboardInterrupt()) == (130, "govpub: 已中断\n")
    assert _run_command(monkeypatch, capsys, BrokenPipeError())[0] == 0


def test_internal_error_message_names_version_and_command():
    text = internal_error_message(ValueError(), "govpub build", "9.9")
    assert "ValueError" in text and "9.9" in text and "govpub build" in text


def test_a_bug_in_a_real_process_exits_70_without_traceback(tmp_path):
    """A command that crashes (here: ``govpub rules`` made to fail), run as a real process."""
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(
        "import generator.commands.check as c\n"
        "def boom(args):\n    raise ZeroDivisionError('division by zero')\n"
        "c.rules = boom\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(shim), str(REPO)])}
    env.pop("GOVPUB_DEBUG", None)
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "rules"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120
    )
    assert proc.returncode == 70, proc.stderr
    assert "内部错误（ZeroDivisionError: division by zero）" in proc.stderr and "govpub rules" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "rules"],
        capture_output=True,
        text=True,
        env={**env, "GOVPUB_DEBUG": "1"},
        cwd=tmp_path,
        timeout=120,
    )
    assert "Traceback" in proc.stderr and "ZeroDivisionError" in proc.stderr


def test_usage_errors_from_low_layers_exit_two(tmp_path, corpus):
    # an unreadable root (corpus layer), a place outputs may not write (outputs), a bad git ref (gitutil)
    assert main(["--root", str(tmp_path / "missing"), "check"]) == EXIT_USAGE
    corpus.document()
    root = str(corpus.root)
    assert (
        main(
            [
                "--root",
                root,
                *AS_OF,
                "export",
                "document",
                "content/documents/2025/zhiban-tongzhi.md",
                "--out",
                str(Path(root) / "content" / "x.docx"),
            ]
        )
        == EXIT_USAGE
    )
    assert main(["--root", root, *AS_OF, "check", "--changed-since", "no-such-ref"]) == EXIT_USAGE
    assert (
        main(
            [
                "--root",
                root,
                *AS_OF,
                "new",
                "document",
                "--code",
                "区建发",
                "--type",
                "不是文种",
                "--title",
                "关于x的通知",
            ]
        )
        == EXIT_USAGE
    )


def test_refusals_exit_one(corpus, tmp_path):
    corpus.document(body="正文\n", year=2025)
    corpus.document(slug="b")  # the same number twice: an error in the corpus
    assert (
        main(["--root", str(corpus.root), *AS_OF, "report", "annual", "--year", "2026", "--out", str(tmp_path / "r")])
        == EXIT_FINDINGS
    )
    assert (
        main(["--root", str(corpus.root), *AS_OF, "export", "regulation", "nope", "--out", str(tmp_path / "x.docx")])
        == EXIT_FINDINGS
    )


def test_git_helper_does_not_reach_into_the_command_line(tmp_path):
    from generator.gitutil import GitError, changed_files

    with pytest.raises(GitError, match="--changed-since HEAD"):
        changed_files(tmp_path, "HEAD")  # not a git repository
