"""The 附注 (公开属性, GB/T 9704 cl. 7.3.6) reads the same on the site's page of a document and
in its Word file: one function (:func:`generator.publish.disclosure_note`) words it for both."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile

import pytest
from lxml import etree

from generator.commands.siteparts import default_parts
from generator.docx import write_document
from generator.publish import disclosure_note, public_view
from generator.site.build import plan_project

AS_OF = dt.date(2026, 11, 23)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_note(doc, agency, root) -> str:
    """The text of the GwNote paragraph of the document's Word file ("" when there is none)."""
    buf = io.BytesIO()
    write_document(doc, agency, buf, corpus_root=root)
    xml = etree.fromstring(zipfile.ZipFile(buf).read("word/document.xml"))
    notes = [
        "".join(p.itertext())
        for p in xml.iter(f"{W}p")
        if any(s.get(f"{W}val") == "GwNote" for s in p.iter(f"{W}pStyle"))
    ]
    assert len(notes) <= 1
    return notes[0] if notes else ""


def site_note(page: str) -> str:
    """The paragraph marked ``.gp-note`` on a generated document page ("" when there is none)."""
    m = re.search(r"^(.*)\n\{: \.gp-note \}$", page, re.M)
    return m.group(1) if m else ""


def site_pages(corpus) -> dict[str, str]:
    plan = plan_project(corpus, public_view(corpus, AS_OF), parts=default_parts())[0]
    return {p.path: p.text for p in plan.pages}


@pytest.mark.parametrize("wording", [None, {"主动公开": "此件主动公开"}, {"主动公开": "(此件公开发布)"}])
def test_site_and_word_file_print_the_same_note(sample_corpus, wording):
    corpus = copy.copy(sample_corpus)
    if wording is not None:
        corpus.agency = copy.copy(sample_corpus.agency)
        corpus.agency.disclosure_note = wording
    pages = site_pages(corpus)
    view = public_view(corpus, AS_OF)
    assert view.documents
    for doc in view.documents:
        page = next(text for path, text in pages.items() if path == f"documents/{doc.signed_on.year}/{doc.slug}.md")
        expected = disclosure_note(doc, corpus.agency)
        assert expected.startswith("（") and expected.endswith("）")
        assert site_note(page) == expected, doc.path
        assert docx_note(doc, corpus.agency, corpus.root) == expected, doc.path


def test_note_in_round_brackets_and_empty_when_configured_empty(sample_corpus):
    doc = next(d for d in sample_corpus.documents if d.disclosure == "主动公开" and d.classification == "公开")
    agency = copy.copy(sample_corpus.agency)
    agency.disclosure_note = {}
    assert disclosure_note(doc, agency) == "（此件公开发布）"
    agency.disclosure_note = {"主动公开": "此件主动公开"}
    assert disclosure_note(doc, agency) == "（此件主动公开）"
    agency.disclosure_note = {"主动公开": ""}
    assert disclosure_note(doc, agency) == ""
    secret = copy.copy(doc)
    secret.classification = "秘密"
    assert disclosure_note(secret, sample_corpus.agency) == ""
