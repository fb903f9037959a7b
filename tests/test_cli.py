"""The command line contract: formats, exit codes, scoped checks, no tracebacks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent
AS_OF = ["--as-of", "2026-11-23"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd or REPO, timeout=120
    )


def test_sample_corpus_checks_clean_and_exits_zero():
    proc = run("--root", str(REPO), *AS_OF, "check", "--strict")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "没有发现问题" in proc.stdout


def test_root_with_only_content_and_regulations_works(tmp_path):
    for name in ("content", "regulations"):
        shutil.copytree(REPO / name, tmp_path / name)
    proc = run("--root", str(tmp_path), *AS_OF, "check", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["diagnostics"] == []
    assert data["summary"]["errors"] == data["summary"]["warnings"] == 0
    # Markdown attachments are checked like bodies (SPEC §7.6), so they count as files
    assert data["summary"]["files"] == len(list((tmp_path / "content").rglob("*.md"))) + 1 + len(
        list((tmp_path / "regulations").rglob("*.*"))
    ) + len(list((tmp_path / "content" / "annual-reports").glob("*.yml")))


def test_json_format_and_exit_code_on_errors(corpus):
    corpus.document(number="区建发[2025]012号")
    proc = run("--root", str(corpus.root), *AS_OF, "check", "--format", "json")
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    codes = {d["code"] for d in data["diagnostics"]}
    assert {"N002", "N003"} <= codes
    d = next(d for d in data["diagnostics"] if d["code"] == "N002")
    assert set(d) == {"path", "line", "code", "severity", "message"}
    assert d["path"] == "content/documents/2025/zhiban-tongzhi.md" and d["line"] == 2
    assert data["summary"]["errors"] >= 2 and data["summary"]["files"] == 2


def test_github_format_annotations(corpus):
    corpus.document(number="区建发[2025]1号")
    proc = run("--root", str(corpus.root), *AS_OF, "check", "--format", "github")
    assert proc.returncode == 1
    line = next(l for l in proc.stdout.splitlines() if "N002" in l)
    assert line.startswith("::error file=content/documents/2025/zhiban-tongzhi.md,line=2::N002 ")


def test_strict_turns_warnings_into_failure(corpus):
    corpus.document(signed_on=__import__("datetime").date(2026, 12, 1), number="区建发〔2026〕1号")
    assert main(["--root", str(corpus.root), *AS_OF, "check"]) == 0  # D003 is a warning
    assert main(["--root", str(corpus.root), *AS_OF, "check", "--strict"]) == 1


def test_checking_one_path_still_judges_against_the_whole_corpus(corpus, capsys):
    a = corpus.document(slug="a")
    corpus.document(slug="b")  # same number 区建发〔2025〕1号
    rel = str(a.relative_to(corpus.root))
    assert main(["--root", str(corpus.root), *AS_OF, "check", rel, "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert {d["path"] for d in data["diagnostics"]} == {rel}
    assert any(d["code"] == "N008" for d in data["diagnostics"])
    assert data["summary"]["files"] == 1


def test_changed_since_checks_changed_files_only(corpus, capsys):
    root = corpus.root
    corpus.document(slug="a")
    git = ["git", "-C", str(root), "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    corpus.document(slug="b")  # takes the same number on a "branch"
    assert main(["--root", str(root), *AS_OF, "check", "--changed-since", "HEAD", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert {d["path"] for d in data["diagnostics"]} == {"content/documents/2025/b.md"}
    assert main(["--root", str(root), *AS_OF, "check", "--changed-since", "no-such-ref"]) == 2


def test_usage_errors_exit_two_without_traceback(tmp_path):
    proc = run("--root", str(tmp_path / "missing"), "check")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "不存在" in proc.stderr
    proc = run("--as-of", "2025-02-30", "check")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    proc = run("frobnicate")
    assert proc.returncode == 2


def test_rules_command_explains_a_rule():
    proc = run("rules", "n003")
    assert proc.returncode == 0
    assert "N003" in proc.stdout and "区建发〔2025〕12号" in proc.stdout
    assert run("rules", "Q999").returncode == 2


def test_console_script_and_module_are_the_same_program():
    govpub = Path(sys.executable).with_name("govpub")
    if not govpub.exists():
        pytest.skip("the govpub console script is not installed in this environment")
    proc = subprocess.run([str(govpub), "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.startswith("govpub ")
