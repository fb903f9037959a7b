"""govpub diff: a pull request's changes, readable in a PR comment."""

from __future__ import annotations

import datetime as dt
import subprocess

from generator.cli import main

V1 = (
    "第一条　为规范考勤管理，制定本制度。\n\n第二条　请假超过三天的，由局长批准。\n\n第三条　本制度自发布之日起施行。\n"
)
V2 = (
    "第一条　为规范考勤管理，制定本制度。\n\n第二条　工作人员应当按时打卡。\n\n"
    "第三条　请假超过五天的，由局长批准。\n\n第四条　本制度自发布之日起施行。\n"
)


def _git(root, *args):
    base = ["git", "-C", str(root), "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run([*base, *args], check=True, capture_output=True)


def test_diff_lists_new_documents_and_compares_a_new_version_with_the_previous(corpus, capsys):
    corpus.regulation("kaoqin", versions={"2025-03-01": V1})
    corpus.document(slug="a")
    _git(corpus.root, "init", "-q")
    _git(corpus.root, "add", "-A")
    _git(corpus.root, "commit", "-qm", "base")
    corpus.version("kaoqin", "2026-03-01", V2)
    corpus.document(slug="b", number="区建发〔2025〕2号", title="关于开展安全检查的通知", signed_on=dt.date(2025, 4, 1))
    assert main(["--root", str(corpus.root), "diff", "--since", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert "新增：`content/documents/2025/b.md` 区建发〔2025〕2号 关于开展安全检查的通知" in out
    assert "与上一版本 2025-03-01相比：新增 1 条" in out
    assert "| 新增 | 第二条 | <ins>工作人员应当按时打卡。</ins> |" in out
    assert "第三条（原第二条）" in out and "<del>三</del><ins>五</ins>" in out


def test_diff_escapes_markup_from_the_corpus(corpus, capsys):
    corpus.regulation("kaoqin", versions={"2025-03-01": V1})
    _git(corpus.root, "init", "-q")
    _git(corpus.root, "add", "-A")
    _git(corpus.root, "commit", "-qm", "base")
    corpus.version("kaoqin", "2025-03-01", V1.replace("由局长批准", "由<b>局长</b>批准"))
    assert main(["--root", str(corpus.root), "diff", "--since", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert "<b>" not in out and "&lt;b&gt;" in out


def test_diff_with_a_bad_ref_is_a_usage_error(corpus):
    _git(corpus.root, "init", "-q")
    assert main(["--root", str(corpus.root), "diff", "--since", "nope"]) == 2
