"""SPEC §7.1: a file that carries ``review`` is never public, whatever else it says."""

from __future__ import annotations

import datetime as dt

from generator.corpus import load_corpus
from generator.publish import public_view

AS_OF = dt.date(2026, 11, 23)


def test_document_with_review_marker_is_not_public(corpus):
    corpus.document("checked", number="区建发〔2025〕1号")
    corpus.document("imported", number="区建发〔2025〕2号", review="核对主送机关和成文日期")
    view = public_view(load_corpus(corpus.root), AS_OF)
    assert [d.slug for d in view.documents] == ["checked"]


def test_empty_or_odd_review_marker_still_withholds(corpus):
    corpus.document("a", number="区建发〔2025〕1号", review="")
    corpus.document("b", number="区建发〔2025〕2号", review=["核对标题"])
    corpus.md(
        "content/documents/2025/c.md",
        "number: 区建发〔2025〕3号\ntitle: 关于加强机关值班管理的通知\ndoc_type: 通知\n"
        "recipients: 局机关各科室\nsigned_on: 2025-03-05\nreview:\n",
        "正文。\n",
    )
    view = public_view(load_corpus(corpus.root), AS_OF)
    assert view.documents == []


def test_disclosure_item_with_review_marker_is_not_public(corpus):
    corpus.disclosure(slug="checked")
    corpus.disclosure(slug="imported", review="核对审签人")
    view = public_view(load_corpus(corpus.root), AS_OF)
    assert [i.slug for p in view.postings for i in p.items] == ["checked"]
