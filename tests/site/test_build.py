"""The sample site: pages at their contract URLs, nothing unpublished, stable output."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from generator.cli import main
from generator.commands.sitebuild import build_checked
from generator.corpus import load_corpus
from generator.publish import public_view
from generator.site.build import BuildRefused
from testkit.corpus import AS_OF as SAMPLE_AS_OF
from testkit.corpus import REPO


def read(site, url: str) -> str:
    path = site / url.strip("/") / "index.html" if not url.endswith((".xml", ".html")) else site / url
    return path.read_text(encoding="utf-8")


def test_every_public_document_has_its_page_at_the_contract_url(sample_site):
    view = public_view(load_corpus(REPO), SAMPLE_AS_OF)
    assert len(view.documents) >= 35
    for doc in view.documents:
        html = read(sample_site, f"documents/{doc.signed_on.year}/{doc.slug}/")
        assert doc.title in html
        assert str(doc.number) in html


def test_document_page_has_metadata_block_and_word_download(sample_site):
    html = read(sample_site, "documents/2025/kaoqin-zhidu-yinfa/")
    for label in ("索引号", "文号", "发文机关", "成文日期", "发布日期", "有效性"):
        assert f"<th>{label}</th>" in html
    assert "LJZJJ-001/2025-区建发-00001" in html
    assert 'href="kaoqin-zhidu-yinfa.docx"' in html
    assert (sample_site / "documents/2025/kaoqin-zhidu-yinfa/kaoqin-zhidu-yinfa.docx").stat().st_size > 5000


def test_documents_that_are_not_public_have_no_page(sample_site):
    corpus = load_corpus(REPO)
    hidden = [d for d in corpus.documents if d.classification != "公开" or d.disclosure != "主动公开"]
    assert {d.classification for d in hidden} >= {"内部", "机密"}
    assert {d.disclosure for d in hidden} >= {"依申请公开", "不予公开"}
    everything = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in sample_site.rglob("*")
        if p.is_file() and p.suffix in (".html", ".xml", ".json", ".txt")
    )
    for doc in hidden:
        assert not (sample_site / "documents" / str(doc.signed_on.year) / doc.slug).exists()
        assert doc.title not in everything, doc.title
        assert str(doc.number) not in everything, doc.number


def test_regulation_pages_versions_and_changes(sample_site):
    html = read(sample_site, "regulations/kaoqin/")
    assert 'id="ch-1"' in html and 'id="art-12"' in html
    assert "现行有效" in html
    assert (sample_site / "regulations/kaoqin/2025-02-01/index.html").exists()
    assert (sample_site / "regulations/kaoqin/2026-03-01/index.html").exists()
    changes = read(sample_site, "regulations/kaoqin/changes/")
    assert "gp-ins" in changes and "gp-del" in changes
    assert "仅条号变化" in changes


def test_regulation_status_labels(sample_site):
    assert "已废止" in read(sample_site, "regulations/gongwen/")
    caiwu = read(sample_site, "regulations/caiwu/")
    assert "新版本将于 2027年1月1日 施行" in caiwu
    assert "尚未施行" in read(sample_site, "regulations/caiwu/2027-01-01/")
    index = read(sample_site, "regulations/")
    for label in ("现行有效", "已废止"):
        assert label in index


def test_postings_appear_from_their_disclosure_day(sample_site):
    assert (sample_site / "disclosure/2026-Q4/index.html").exists()
    assert not (sample_site / "disclosure/2027-Q1").exists()
    posting = read(sample_site, "disclosure/2026-Q4/")
    assert "征求意见" in posting and "意见征集中" in posting


def test_feed_and_sitemap_list_only_public_pages(sample_site):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(sample_site / "feed.xml").getroot()
    links = [e.find("a:link", ns).get("href") for e in feed.findall("a:entry", ns)]
    assert links and all(l.startswith("https://zjj.linjiang.example.gov.cn/") for l in links)
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    for link in links:
        assert link in sitemap
    assert "2027-Q1" not in sitemap


def test_home_page_shows_postings_consultations_and_latest_documents(sample_site):
    html = read(sample_site, "")
    assert "下一个政务公开日：<strong>2027年1月10日</strong>" in html
    assert "2026年10月10日" in html  # latest posting
    assert "物业服务收费管理办法" in html  # open consultation
    assert 'id="govpub-search"' in html


def test_build_refuses_on_errors_and_keeps_previous_site(corpus, tmp_path):
    corpus.document()
    out = tmp_path / "out"
    build_checked(corpus.root, SAMPLE_AS_OF, out)
    marker = out / "index.html"
    before = marker.read_bytes()
    corpus.document(slug="bad", number="区建发[2025]2号")
    with pytest.raises(BuildRefused):
        build_checked(corpus.root, SAMPLE_AS_OF, out)
    assert marker.read_bytes() == before
    assert main(["--root", str(corpus.root), "--as-of", "2026-11-23", "build", "--out", str(out)]) == 1
    assert marker.read_bytes() == before
    # nothing but the staging folder of incremental builds (see generator/site/incremental.py)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")]
    assert leftovers == [".out.govpub"]


@pytest.mark.slow
def test_builds_are_byte_identical(corpus, tmp_path):
    corpus.document()
    corpus.regulation()
    corpus.disclosure()
    a, b = tmp_path / "a", tmp_path / "b"
    build_checked(corpus.root, SAMPLE_AS_OF, a)
    build_checked(corpus.root, SAMPLE_AS_OF, b)
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_corpus_text_cannot_inject_markup(corpus, tmp_path):
    """Even when a rule is bypassed, the renderer escapes what editors write."""
    from generator.site import render

    nasty = "<script>alert(1)</script> [点我](javascript:alert(1)) **粗** <img src=x onerror=alert(1)>"
    md = render.escape_md(nasty)
    import markdown

    html = markdown.markdown(md, extensions=["attr_list", "tables"])
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html
    html = render.attachment_html(["| a | b |", "|---|---|", "| [x](javascript:alert(1)) | <b>y</b> |"])
    assert "javascript" not in html and "<b>" not in html and "<table>" in html
