"""Class 7 — lesser items: reserved slugs, over-escaping, titles with ': ', attachments of one
name, links at the top of the corpus tree. (The import items, a crafted file name and a zip bomb,
are tested in tests/importer/test_import_hostile.py.)"""

from __future__ import annotations

import os

from generator.check import check_root

from .helpers import AS_OF, build_unchecked, codes


def test_f006_fires_on_document_slug_index_and_no_page_is_replaced(corpus, tmp_path):
    corpus.document(slug="index")
    corpus.document(slug="other", number="区建发〔2025〕2号")
    [d] = [d for d in check_root(corpus.root, AS_OF).diagnostics if d.code == "F006"]
    assert d.path == "content/documents/2025/index.md" and "保留" in d.message


def test_f006_passes_slugs_that_only_look_like_pages(corpus, tmp_path):
    for i, slug in enumerate(["search", "changes", "2024", "feed", "assets"], 1):
        corpus.document(slug=slug, number=f"区建发〔2025〕{i}号")
    corpus.regulation("index")
    assert "F006" not in codes(check_root(corpus.root, AS_OF))
    out = tmp_path / "site"
    build_unchecked(corpus.root, out)
    year = (out / "documents/2025/index.html").read_text(encoding="utf-8")
    assert all(f"{s}/" in year for s in ["search", "changes", "2024", "feed", "assets"])
    assert (out / "regulations/index/index.html").is_file() and (out / "regulations/index.html").is_file()


def test_colons_and_tildes_show_without_backslashes(corpus, tmp_path):
    corpus.document(body="各科室：\n\n值班时间8:30至17:30，a~b，c=d，^e，$f。\n")
    out = tmp_path / "site"
    build_unchecked(corpus.root, out)
    page = (out / "documents/2025/zhiban-tongzhi/index.html").read_text(encoding="utf-8")
    assert "值班时间8:30至17:30，a~b，c=d，^e，$f。" in page and "\\:" not in page


def test_title_with_colon_space_keeps_its_page(corpus, tmp_path):
    corpus.document(title="关于: 值班的通知 #1 - [草案]")
    out = tmp_path / "site"
    build_unchecked(corpus.root, out)
    page = (out / "documents/2025/zhiban-tongzhi/index.html").read_text(encoding="utf-8")
    assert "<title>关于: 值班的通知 #1 - [草案]" in page
    assert "<h1" in page and "关于: 值班的通知 #1 - [草案]</h1>" in page


def test_two_attachments_with_one_file_name_both_reach_the_site(corpus, tmp_path):
    corpus.write("content/attachments/2025/a/biao.pdf", b"%PDF-1.7 first")
    corpus.write("content/attachments/2025/b/biao.pdf", b"%PDF-1.7 second")
    corpus.write("content/attachments/2025/c/zhiban-tongzhi.docx", b"PK\x03\x04 attachment")
    corpus.document(
        attachments=[
            {"title": "甲", "file": "content/attachments/2025/a/biao.pdf"},
            {"title": "乙", "file": "content/attachments/2025/b/biao.pdf"},
            {"title": "丙", "file": "content/attachments/2025/c/zhiban-tongzhi.docx"},
        ]
    )
    out = tmp_path / "site"
    build_unchecked(corpus.root, out, downloads=True)
    folder = out / "documents/2025/zhiban-tongzhi"
    pdfs = sorted(p.read_bytes() for p in folder.glob("*biao.pdf"))
    assert pdfs == [b"%PDF-1.7 first", b"%PDF-1.7 second"]
    assert (folder / "附件3-zhiban-tongzhi.docx").read_bytes() == b"PK\x03\x04 attachment"


def _outside(tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "2025").mkdir()
    (outside / "2025" / "leak.md").write_text(
        "---\nnumber: 区建发〔2025〕9号\ntitle: 关于qzleaklink的通知\ndoc_type: 通知\nrecipients: 各科室\n"
        "signed_on: 2025-03-05\n---\n各科室：\n\n正文。\n",
        encoding="utf-8",
    )
    return outside


def test_content_documents_linked_outside_is_f006_and_not_followed(corpus, tmp_path_factory):
    outside = _outside(tmp_path_factory)
    os.symlink(outside, corpus.root / "content/documents")
    result = check_root(corpus.root, AS_OF)
    assert not result.corpus.documents
    assert any(d.code == "F006" and d.path == "content/documents" for d in result.diagnostics)


def test_content_and_regulations_linked_are_f006(corpus, tmp_path_factory):
    outside = tmp_path_factory.mktemp("reg")
    (outside / "kaoqin").mkdir()
    (outside / "kaoqin" / "regulation.yml").write_text("title: 外部制度\n", encoding="utf-8")
    os.symlink(outside, corpus.root / "regulations")
    result = check_root(corpus.root, AS_OF)
    assert not result.corpus.regulations
    assert any(d.code == "F006" and d.path == "regulations" for d in result.diagnostics)


def test_site_yml_linked_is_f006_and_not_read(corpus, tmp_path_factory):
    outside = tmp_path_factory.mktemp("site")
    (outside / "site.yml").write_text((corpus.root / "content/site.yml").read_text(encoding="utf-8"))
    (corpus.root / "content/site.yml").unlink()
    os.symlink(outside / "site.yml", corpus.root / "content/site.yml")
    result = check_root(corpus.root, AS_OF)
    assert result.corpus.agency.source is None
    assert any(
        d.code == "F006" and d.path == "content/site.yml" and "符号链接" in d.message for d in result.diagnostics
    )
