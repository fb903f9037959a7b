"""Hostile and broken input: a clear diagnostic, never a traceback, a hang or a stray write.

Each case runs the real command line in a subprocess with a time limit, so a
hang fails the test instead of the suite, and checks the finding it expects.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from testkit.marks import slow_after

LIMIT_S = 60  # generous: a hang, not speed, is what these tests catch
GOOD_FM = "number: 区建发〔2025〕1号\ntitle: 关于加强值班管理的通知\ndoc_type: 通知\nrecipients: 局机关各科室\nsigned_on: 2025-03-05\n"
DOC = "content/documents/2025/x.md"


def check(root: Path, *extra: str) -> tuple[dict, float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "--root",
            str(root),
            "--as-of",
            "2026-11-23",
            "check",
            "--format",
            "json",
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=LIMIT_S,
    )
    elapsed = time.perf_counter() - start
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout), elapsed, proc


def codes_at(data: dict, path: str = DOC) -> set[str]:
    return {d["code"] for d in data["diagnostics"] if d["path"] == path}


CASES = {
    "yaml-alias-bomb": (
        "bytes",
        (
            "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
                f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
                for i in range(9)
            )
            + "---\n正文\n"
        ).encode(),
        {"F002"},
    ),
    "deeply-nested-yaml": ("bytes", ("---\nnumber: " + "[" * 5000 + "]" * 5000 + "\n---\n正文\n").encode(), {"F002"}),
    "binary-file": ("bytes", bytes(range(256)) * 64, {"F001"}),
    "nul-byte": ("bytes", f"---\n{GOOD_FM}---\n正文\x00第二段\n".encode(), {"F001"}),
    "empty-file": ("bytes", b"", {"F002"}),
    "gbk-file": ("bytes", f"---\n{GOOD_FM}---\n各科室：\n".encode("gb18030"), {"F001"}),
    "duplicate-key": ("bytes", f"---\n{GOOD_FM}title: 又一个标题\n---\n正文\n".encode(), {"F002"}),
    "impossible-date": (
        "bytes",
        f"---\n{GOOD_FM.replace('2025-03-05', '2025-02-30')}---\n各科室：\n\n正文。\n".encode(),
        {"D001"},
    ),
    "huge-number": (
        "bytes",
        f"---\n{GOOD_FM.replace('1号', '9999999999号')}---\n各科室：\n\n正文。\n".encode(),
        {"N009"},
    ),
    "raw-html": (
        "bytes",
        f"---\n{GOOD_FM}---\n<script>alert(1)</script>\n[点我](javascript:alert(1))\n"
        "<img src=x onerror=alert(1)>\n".encode(),
        {"X005"},
    ),
    "front-matter-not-mapping": ("bytes", b"---\n- a\n- b\n---\nbody\n", {"F002"}),
    "unclosed-front-matter": ("bytes", f"---\n{GOOD_FM}正文\n".encode(), {"F002"}),
}


@pytest.mark.parametrize("name", slow_after(sorted(CASES), keep=4))
def test_hostile_file_gets_a_diagnostic_in_bounded_time(corpus, name):
    _, content, expected = CASES[name]
    corpus.write(DOC, content)
    data, elapsed, _ = check(corpus.root)
    assert expected <= codes_at(data), (name, data["diagnostics"][:5])
    assert elapsed < LIMIT_S


def test_bom_and_crlf_are_fine(corpus):
    corpus.write(
        DOC, ("\ufeff---\r\n" + GOOD_FM.replace("\n", "\r\n") + "---\r\n各科室：\r\n\r\n正文。\r\n").encode("utf-8")
    )
    data, _, _ = check(corpus.root)
    assert not {"F001", "F002"} & codes_at(data)


@pytest.mark.slow
def test_twenty_megabyte_body_and_long_lines(corpus):
    line = "为进一步加强机关值班管理，确保节假日期间各项工作平稳有序运行。" * 3500  # ~100k characters
    body = "\n".join([line] * 200)  # ~20 MB of UTF-8
    corpus.write(DOC, f"---\n{GOOD_FM}---\n各科室：\n\n{body}\n".encode())
    assert (corpus.root / DOC).stat().st_size > 20_000_000
    data, elapsed, _ = check(corpus.root)
    assert data["summary"]["errors"] == 0
    assert elapsed < LIMIT_S


def test_attachment_path_traversal_and_symlinks_never_leave_the_root(corpus, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.md").write_text("机密内容", encoding="utf-8")
    (corpus.root / "content/attachments").mkdir(parents=True)
    (corpus.root / "content/attachments/link.md").symlink_to(outside / "secret.md")
    corpus.document(
        attachments=[
            {"title": "甲", "file": "../../../etc/passwd"},
            {"title": "乙", "file": "/etc/passwd"},
            {"title": "丙", "file": "content/attachments/link.md"},
        ]
    )
    data, _, _ = check(corpus.root)
    x006 = [d for d in data["diagnostics"] if d["code"] == "X006"]
    assert len(x006) == 3


def test_corpus_file_symlinked_out_of_the_root_is_refused(corpus, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside2")
    (outside / "leak.md").write_text(f"---\n{GOOD_FM}---\n机密\n", encoding="utf-8")
    (corpus.root / "content/documents/2025").mkdir(parents=True, exist_ok=True)
    (corpus.root / "content/documents/2025/leak.md").symlink_to(outside / "leak.md")
    data, _, proc = check(corpus.root)
    assert any(d["code"] == "F006" and "符号链接" in d["message"] for d in data["diagnostics"])
    assert proc.returncode == 1


@pytest.mark.slow
def test_build_of_hostile_corpus_refuses_and_writes_nothing(corpus, tmp_path):
    corpus.write(DOC, CASES["raw-html"][1])
    out = tmp_path / "site"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "--root",
            str(corpus.root),
            "--as-of",
            "2026-11-23",
            "build",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=LIMIT_S,
    )
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "X005" in proc.stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == [corpus.root.name] or not any(
        p.name.startswith(".site") for p in tmp_path.iterdir()
    )
