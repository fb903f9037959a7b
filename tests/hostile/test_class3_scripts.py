"""Class 3 — scripts on the public site. Every string that reaches a page goes through
generator/site/render.py; these tests build with the check bypassed (the renderer alone must
hold) and parse every page for injected elements, attributes and javascript: URLs."""

from __future__ import annotations

import string

import markdown
import pytest

from generator.check import check_root
from generator.site import render

from .helpers import AS_OF, build_unchecked, codes, injected_markup

X = '<qzx onqzx="1">'
ESCAPED_TITLE = 'x</title><qzx onqzx="1">'


@pytest.fixture(scope="module")
def hostile_site(corpus_builder, tmp_path_factory):
    """Built once: the tests only read its pages."""
    tmp_path = tmp_path_factory.mktemp("hostile-site")
    corpus = corpus_builder(tmp_path / "corpus")
    corpus.site(
        agency="某局" + ESCAPED_TITLE,
        short_name="短" + X,
        website={"sponsor": "某局" + X, "icp": X, "contact": "0599-" + X},
    )
    corpus.document(
        title="关于" + X + "的通知",
        recipients=["局" + X],
        topics=["值班" + X],
        issuer="局" + X,
        cc=["抄" + X],
        printed_by="印" + X,
    )
    corpus.document(slug="nl", number="区建发〔2025〕2号", title="关于值班\n" + X + "\nx: y")
    corpus.regulation(title="制度" + X, category="类" + X, department="办公室" + X, issuer="局" + X)
    corpus.disclosure(title="收费" + X, department="财务" + X, approved_by="李" + X)
    corpus.write(
        "content/attachments/a.md",
        "# 附件\n\n[点我][1] [再点](javascript:alert(1)) <javascript:alert(2)>\n\n"
        '[1]: javascript:alert(1)\n\n段落 {: onmouseover="alert(1)" }\n\n* 列表\n{: onclick=alert(2) }\n\n'
        "<script>alert(3)</script><img src=x onerror=alert(4)><qzx onqzx=1>\n\n"
        "| a | b |\n|---|---|\n| <svg onload=alert(5)> | [x](JaVaScRiPt:alert(6)) |\n",
    )
    corpus.document(
        slug="att", number="区建发〔2025〕3号", attachments=[{"title": "附件" + X, "file": "content/attachments/a.md"}]
    )
    out = tmp_path / "site"
    build_unchecked(corpus.root, out)
    return out


def test_no_injected_element_attribute_or_script_url_on_any_page(hostile_site):
    assert injected_markup(hostile_site) == []


def test_attachment_script_vectors_are_gone_from_its_page(hostile_site):
    from html.parser import HTMLParser

    page = (hostile_site / "documents/2025/att/index.html").read_text(encoding="utf-8")
    body = page[page.index('class="gp-attachment-body"') : page.index("</article>")]
    seen: list[tuple[str, list]] = []

    class Scan(HTMLParser):
        def handle_starttag(self, name, attrs):
            seen.append((name, attrs))

    Scan().feed(body)
    tags = {name for name, _ in seen}
    assert not tags & {"script", "img", "svg", "qzx", "iframe", "object"}, tags
    assert not [a for _, attrs in seen for a in attrs if a[0].startswith("on")]
    assert not [v for _, attrs in seen for k, v in attrs if k == "href" and "javascript" in (v or "").lower()]
    assert {"table", "li"} <= tags  # the structure survives


def test_agency_name_never_closes_the_title_element(hostile_site):
    page = (hostile_site / "index.html").read_text(encoding="utf-8")
    head = page[page.index("<title>") : page.index("</title>") + 8]
    assert head.count("</title>") == 1 and "<qzx" not in page


def test_title_with_line_break_and_yaml_keeps_one_page_title(hostile_site):
    page = (hostile_site / "documents/2025/nl/index.html").read_text(encoding="utf-8")
    title = page[page.index("<title>") + 7 : page.index("</title>")]
    assert title.startswith("关于值班 &lt;qzx") and "x: y" in title


def test_x005_fires_on_html_in_titles_names_and_site_yml(corpus):
    corpus.site(agency="某局" + X)
    corpus.document(title="关于" + X + "的通知")
    corpus.regulation(title="制度" + X)
    result = check_root(corpus.root, AS_OF)
    for path in ("content/site.yml", "content/documents/2025/zhiban-tongzhi.md", "regulations/kaoqin/regulation.yml"):
        assert "X005" in codes(result, path), path


def test_x005_fires_on_attachment_attribute_lists_and_reference_links(corpus):
    corpus.write("content/attachments/a.md", "[点我][1]\n\n[1]: javascript:alert(1)\n\n段落 {: onmouseover=x }\n")
    corpus.document(attachments=[{"title": "附", "file": "content/attachments/a.md"}])
    found = [d for d in check_root(corpus.root, AS_OF).diagnostics if d.code == "X005"]
    assert [d.line for d in found] == [3, 5] and all(d.path == "content/attachments/a.md" for d in found)


@pytest.mark.parametrize("name", ["tu.svg", "ye.html", "ye.htm", "jiaoben.js", "a.exe", "noext"])
def test_unsafe_attachment_formats_are_x006(corpus, name):
    corpus.write(f"content/attachments/{name}", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>")
    corpus.document(attachments=[{"title": "图", "file": f"content/attachments/{name}"}])
    assert "X006" in codes(check_root(corpus.root, AS_OF))


def test_attachment_whose_content_is_not_its_format_is_x006(corpus):
    corpus.write("content/attachments/tu.png", b"<html><script>alert(1)</script></html>")
    corpus.document(attachments=[{"title": "图", "file": "content/attachments/tu.png"}])
    [d] = [d for d in check_root(corpus.root, AS_OF).diagnostics if d.code == "X006"]
    assert "不符" in d.message


def test_x006_passes_safe_formats(corpus, tmp_path):
    from testkit.attachments import minimal

    files = {
        "a.pdf": minimal(".pdf", tmp_path),
        "b.docx": minimal(".docx", tmp_path),
        "c.xlsx": minimal(".xlsx", tmp_path),
        "d.png": b"\x89PNG\r\n\x1a\n",
        "e.jpg": b"\xff\xd8\xff\xe0",
        "f.gif": b"GIF89a",
        "g.webp": b"RIFF\x00\x00\x00\x00WEBPVP8 ",
        "h.md": "# 表\n".encode(),
    }
    for name, data in files.items():
        corpus.write(f"content/attachments/2025/{name}", data)
    corpus.document(attachments=[{"title": n, "file": f"content/attachments/2025/{n}"} for n in files])
    assert "X006" not in codes(check_root(corpus.root, AS_OF))


MD_EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "toc", "def_list", "abbr", "footnotes"]


def test_escape_md_renders_every_ascii_punctuation_as_written():
    """What Python-Markdown treats as escapable decides which characters get a backslash; the
    rest must not (``8\\:30`` was shown)."""
    for ch in string.punctuation:
        text = f"8{ch}30 {ch}{ch}{ch} a{ch}b{ch}c {ch}x{ch}"
        html = markdown.markdown(render.escape_md(text), extensions=MD_EXTENSIONS)
        assert html == f"<p>{render.escape_html(text).replace('&#x27;', chr(39)).replace('&quot;', chr(34))}</p>", ch


@pytest.mark.parametrize(
    "text",
    [
        ": 开头的定义",
        "*[HTML]: 缩写",
        "[^1]: 脚注",
        "!!! note",
        "1. 列表",
        "# 标题",
        "| a | b |",
        "{: .x }",
        "<b>x</b>",
        "&amp; &lt;",
        "- 项",
        "+ 项",
        "> 引用",
        "[a](javascript:x)",
        "`code`",
        "***",
        "___",
    ],
)
def test_escape_md_never_makes_structure(text):
    html = markdown.markdown(render.escape_md(text), extensions=MD_EXTENSIONS)
    assert html.startswith("<p>") and html.count("<") == 2, html
