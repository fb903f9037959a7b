"""SPEC §7.1: a document under review is exported only with --draft, and then marked."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from generator.cli import main

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOC = "content/documents/2025/zhiban-tongzhi.md"


def _header_texts(path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return ["".join(etree.fromstring(z.read(n)).itertext()) for n in z.namelist() if n.startswith("word/header")]


def test_export_refuses_a_document_under_review(corpus, tmp_path, capsys):
    corpus.document(review="核对成文日期和主送机关")
    out = tmp_path / "x.docx"
    assert main(["--root", str(corpus.root), "export", "document", DOC, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "核对成文日期和主送机关" in err and "--draft" in err
    assert not out.exists()


def test_draft_export_carries_the_mark_on_every_page(corpus, tmp_path, capsys):
    corpus.document(review="核对成文日期和主送机关")
    out = tmp_path / "x.docx"
    assert main(["--root", str(corpus.root), "export", "document", DOC, "--out", str(out), "--draft"]) == 0
    assert "草稿" in capsys.readouterr().out
    texts = _header_texts(out)
    assert len(texts) >= 2 and all("草稿，待核对" in t for t in texts)  # odd and even pages


def test_a_document_without_review_has_no_mark(corpus, tmp_path):
    corpus.document()
    out = tmp_path / "x.docx"
    assert main(["--root", str(corpus.root), "export", "document", DOC, "--out", str(out)]) == 0
    assert not any("草稿" in t for t in _header_texts(out))


def test_draft_mark_in_a_letter_and_a_stamped_document(sample_corpus):
    """The first-page header of a 函 (the letterhead) gets the mark too, beside what it holds."""
    from generator.docx import FilingStamp, write_document

    doc = next(d for d in sample_corpus.documents if d.doc_type == "函")
    buf = io.BytesIO()
    write_document(
        doc,
        sample_corpus.agency,
        buf,
        corpus_root=sample_corpus.root,
        draft=True,
        filing_stamp=FilingStamp("J012", 2026, 1, "办公室", "10年", 2),
    )
    with zipfile.ZipFile(buf) as z:
        headers = [n for n in z.namelist() if n.startswith("word/header")]
        texts = ["".join(etree.fromstring(z.read(n)).itertext()) for n in headers]
    assert all("草稿，待核对" in t for t in texts)
    assert any(doc.issuer or sample_corpus.agency.agency in t for t in texts)  # letterhead kept
