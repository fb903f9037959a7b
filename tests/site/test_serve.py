"""``govpub serve``: it starts and keeps serving while the corpus has errors, shows them (escaped)
with file and line, comes back to the site when they are fixed, answers unknown paths with the
site's own 404 page, and prints the same summary as ``govpub check``."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from testkit.corpus import REPO

AS_OF = "2026-11-23"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def wait_for(predicate, timeout: float = 90.0, what: str = ""):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            value = predicate()
        except (urllib.error.URLError, ConnectionError, OSError):
            value = None
        if value:
            return value
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    root = tmp_path / "corpus"
    for name in ("content", "regulations"):
        shutil.copytree(REPO / name, root / name)
    return root


BROKEN_TITLE = "title: 关于印发<script>window.x=1</script>《机关考勤管理制度》的通知"


@pytest.mark.slow
def test_serve_shows_errors_then_the_site_and_its_404(corpus_copy, tmp_path):
    doc = corpus_copy / "content/documents/2025/kaoqin-zhidu-yinfa.md"
    good = doc.read_text(encoding="utf-8")
    doc.write_text(
        good.replace("number: 区建发〔2025〕1号", "number: 区建发[2025]1号").replace(
            "title: 关于印发《机关考勤管理制度》的通知", BROKEN_TITLE
        ),
        encoding="utf-8",
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    with open(tmp_path / "out.txt", "w") as out, open(tmp_path / "err.txt", "w") as err:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "generator",
                "--root",
                str(corpus_copy),
                "--as-of",
                AS_OF,
                "serve",
                "--port",
                str(port),
            ],
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        try:
            status, html = wait_for(lambda: get(base), what="the error page")
            assert proc.poll() is None, "serve stopped on a corpus with errors"
            assert status == 200 and "语料库有错误" in html
            assert "content/documents/2025/kaoqin-zhidu-yinfa.md:2: N002" in html
            assert "<script>window.x" not in html  # findings are escaped
            status, other = get(base + "documents/2025/")
            assert "N002" in other  # every path shows the errors while there are errors

            doc.write_text(good, encoding="utf-8")
            wait_for(lambda: "首页" in get(base)[1], what="the site after the fix")
            status, html = get(base + "documents/2025/kaoqin-zhidu-yinfa/")
            assert status == 200 and "机关考勤管理制度" in html
            status, html = get(base + "no/such/page/")
            assert status == 404 and "md-header" in html and "404" in html  # the site's own 404 page
        finally:
            os.killpg(proc.pid, signal.SIGINT)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    printed = (tmp_path / "out.txt").read_text(encoding="utf-8") + (tmp_path / "err.txt").read_text(encoding="utf-8")
    assert "Traceback" not in printed
    assert "2 个错误" in printed  # N002, and X005 for the script in the title (a value shown on pages)


@pytest.mark.slow
def test_serve_summary_counts_warnings_like_check(corpus_copy, tmp_path):
    # a corpus with warnings (N009: a gap in a 代字's numbers) and no errors
    (corpus_copy / "content/documents/2025/chunjie-zhiban-2025.md").unlink()
    check = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(corpus_copy), "--as-of", AS_OF, "check"],
        capture_output=True,
        text=True,
    )
    summary = check.stdout.strip().splitlines()[-1]
    assert "个警告" in summary and " 0 个警告" not in summary, summary
    port = free_port()
    with open(tmp_path / "out.txt", "w") as out, open(tmp_path / "err.txt", "w") as err:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "generator",
                "--root",
                str(corpus_copy),
                "--as-of",
                AS_OF,
                "serve",
                "--port",
                str(port),
            ],
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        try:
            wait_for(lambda: "首页" in get(f"http://127.0.0.1:{port}/")[1], what="the site")
        finally:
            os.killpg(proc.pid, signal.SIGINT)
            proc.wait(timeout=20)
    printed = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert summary in printed


def test_error_page_escapes_what_it_lists():
    from generator.site.serve import error_page

    html = error_page("标题", ["a.md:3: X005 <img src=x onerror=alert(1)>"], "说明").decode("utf-8")
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert '<html lang="zh-CN">' in html and "/livereload/" in html
