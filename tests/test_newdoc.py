"""govpub new document: next free number, a file check explains, never overwrites."""

from __future__ import annotations

import datetime as dt
import subprocess

from generator.cli import main
from generator.corpus import load_corpus
from generator.newdoc import create_document, slug_for

AS_OF = dt.date(2026, 11, 23)


def test_takes_the_next_free_number_of_that_code_and_year(corpus):
    corpus.document(slug="a", number="区建发〔2026〕1号", signed_on=dt.date(2026, 3, 1))
    corpus.document(slug="b", number="区建发〔2026〕2号", signed_on=dt.date(2026, 4, 1))
    corpus.document(slug="c", number="区建办〔2026〕7号", signed_on=dt.date(2026, 4, 1))
    made = create_document(load_corpus(corpus.root), "区建发", "通知", "关于加强值班管理的通知", AS_OF)
    assert str(made.number) == "区建发〔2026〕3号"
    assert made.path.parent.name == "2026"
    text = made.path.read_text(encoding="utf-8")
    assert "number: 区建发〔2026〕3号" in text and "signed_on: 2026-11-23" in text
    assert "recipients:" in text


def test_new_file_is_flagged_until_the_editor_completes_it(corpus, capsys):
    assert (
        main(
            [
                "--root",
                str(corpus.root),
                "--as-of",
                "2026-11-23",
                "new",
                "document",
                "--code",
                "区建办",
                "--type",
                "请示",
                "--title",
                "关于追加老旧小区改造资金的请示",
            ]
        )
        == 0
    )
    assert "区建办〔2026〕1号" in capsys.readouterr().out
    codes = corpus.codes()
    assert {"T004", "T005", "S008"} <= codes  # signer, recipient and body still to write
    assert not {"F002", "F003", "N001"} & codes  # but the file itself is well-formed


def test_slug_is_pinyin_of_the_title_words():
    assert slug_for("关于加强机关值班管理的通知", "通知") == "jiaqiang-jiguan-zhiban-guanli"


def test_never_overwrites_an_existing_file(corpus):
    corpus_model = load_corpus(corpus.root)
    first = create_document(corpus_model, "区建发", "通知", "关于加强值班管理的通知", AS_OF, slug="zhiban")
    again = create_document(load_corpus(corpus.root), "区建发", "通知", "关于加强值班管理的通知", AS_OF, slug="zhiban")
    assert first.path != again.path and first.path.exists() and again.path.exists()


def test_unknown_code_or_type_is_a_usage_error(corpus, capsys):
    assert (
        main(
            [
                "--root",
                str(corpus.root),
                "new",
                "document",
                "--code",
                "区建法",
                "--type",
                "通知",
                "--title",
                "关于x的通知",
            ]
        )
        == 2
    )
    assert "区建发" in capsys.readouterr().err
    assert (
        main(
            [
                "--root",
                str(corpus.root),
                "new",
                "document",
                "--code",
                "区建发",
                "--type",
                "通告书",
                "--title",
                "关于x的通知",
            ]
        )
        == 2
    )


def test_parallel_branches_taking_one_number_are_caught_by_n008(corpus):
    root = corpus.root
    corpus.document(slug="base", number="区建发〔2026〕1号", signed_on=dt.date(2026, 3, 1), recipients="局机关各科室")
    git = ["git", "-C", str(root), "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    for branch, slug in (("one", "yi"), ("two", "er")):
        subprocess.run([*git, "checkout", "-q", "-b", branch, "main"], check=True)
        made = create_document(load_corpus(root), "区建发", "通知", "关于开展安全检查的通知", AS_OF, slug=slug)
        assert str(made.number) == "区建发〔2026〕2号"
        subprocess.run([*git, "add", "-A"], check=True)
        subprocess.run([*git, "commit", "-qm", branch], check=True)
    subprocess.run([*git, "checkout", "-q", "main"], check=True)
    subprocess.run([*git, "merge", "-q", "one"], check=True)
    subprocess.run([*git, "merge", "-q", "--no-edit", "two"], check=True)
    n008 = corpus.findings("N008")
    assert {d.path for d in n008} == {"content/documents/2026/yi.md", "content/documents/2026/er.md"}
