"""T008: 印发机关和印发日期 in the 版记, and the site.yml default."""

from __future__ import annotations

import datetime as dt

DOC = "content/documents/2025/zhiban-tongzhi.md"


def test_t008_fires_without_printed_by_anywhere(corpus):
    corpus.site(printed_by=None)
    corpus.document()
    [f] = corpus.findings("T008")
    assert (f.severity, f.path, f.line) == ("warning", DOC, 1)
    assert "printed_by" in f.message and "site.yml" in f.message and "印发机关和印发日期" in f.message


def test_t008_fires_with_printed_on_but_no_printer(corpus):
    corpus.site(printed_by=None)
    corpus.document(printed_on=dt.date(2025, 3, 6))
    [f] = corpus.findings("T008")
    text = (corpus.root / DOC).read_text(encoding="utf-8").split("\n")
    assert text[f.line - 1].startswith("printed_on")
    assert "没有写印发机关（printed_by）" in f.message


def test_t008_passes_with_a_site_default(corpus):
    corpus.site(printed_by="青川市临江区住房和城乡建设局办公室")
    corpus.document()
    assert "T008" not in corpus.codes()


def test_t008_passes_with_printed_by_in_the_document(corpus):
    corpus.site(printed_by=None)
    corpus.document(printed_by="青川市临江区住房和城乡建设局办公室", printed_on=dt.date(2025, 3, 6))
    assert "T008" not in corpus.codes()


def test_t008_passes_for_a_letter_and_a_register_entry(corpus):
    corpus.site(printed_by=None)
    corpus.document(doc_type="函", title="关于商请协助做好值班工作的函", number="区建函〔2025〕1号")
    corpus.document(
        slug="miji",
        number="区建发〔2025〕2号",
        title="关于某事项的通知",
        classification="机密",
        disclosure="不予公开",
        withhold_reason="涉及国家秘密",
        body="",
    )
    assert "T008" not in corpus.codes()


def test_sample_corpus_has_a_default_printer(sample_root):
    from generator.corpus.loader import load_corpus

    assert load_corpus(sample_root).agency.printed_by
