"""The publication rule under fuzzing: a marker placed in a non-public file never appears in
any output byte of the built site (HTML, JSON, XML, sitemap .gz, feed, 404, DOCX unzipped),
whatever hostile text surrounds it, and nothing raises an internal error.

Hypothesis draws, per example: which non-public kind carries the marker (内部, 机密 register
entry, 依申请公开, not yet due, unapproved item, ``review``, a Markdown or a Word attachment of
an internal document, a regulation version not yet adopted), hostile text around it in the title, body and
attachment, hostile values in regulation.yml and site.yml, and one of several mkdocs.yml
variants. ``GOVPUB_FUZZ_EXAMPLES`` sets the number of examples (default 25, about a minute).
A second test builds the same kinds of files over 55 as-of dates in one output folder."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check import check_root
from generator.commands.sitebuild import build_checked
from generator.site.build import BuildRefused
from testkit.leaks import as_of_dates, output_bytes

D = dt.date
MARK = "qzfuzzleak"
BUDGET = int(os.environ.get("GOVPUB_FUZZ_EXAMPLES", "25"))
SPICE = [
    "<script>",
    "</title>",
    "---",
    "...",
    "\v",
    ": ",
    "{: onclick=x }",
    "[x]: javascript:1",
    "&#106;",
    "\u202e",
    "8:30",
    "区建发〔2026〕1号",
    "（一）",
    "第一条　",
    "*",
    "|",
    "\n",
    "'",
    '"',
    "#",
    "!ENV",
]
KINDS = ["internal", "secret", "onrequest", "later", "unapproved", "review", "attachment", "download", "version"]
MKDOCS = [
    "",
    "site_name: 某局\n",
    "site_name: 某局\nhooks: [x.py]\n",
    "extra:\n  k: !ENV HOME\n",
    "theme:\n  name: material\n  custom_dir: ../x\n",
    "copyright: '<script>qz</script>'\n",
    "site_name: [1]\n",
    "markdown_extensions: [footnotes, def_list]\n",
]

text = st.lists(st.one_of(st.sampled_from(SPICE), st.text(alphabet="值班管理通知abc123 ", max_size=6)), max_size=5).map(
    "".join
)


def _seed(corpus, kind: str, before: str, after: str, reg_value: str, site_value: str, mkdocs: str) -> None:
    spiced = f"{before}{MARK}{after}"
    corpus.site(agency="某区住房和城乡建设局" + site_value.replace("\n", ""), short_name=site_value[:10] or None)
    corpus.document(
        slug="public", number="区建发〔2026〕1号", signed_on=D(2026, 3, 2), title="关于加强机关值班管理的通知"
    )
    title = f"关于{spiced}事项的通知"
    body = f"各科室：\n\n{spiced}\n"
    if kind == "internal":
        corpus.document(
            slug="x",
            number="区建发〔2026〕2号",
            signed_on=D(2026, 3, 3),
            title=title,
            classification="内部",
            withhold_reason="内部事务",
            body=body,
        )
    elif kind == "secret":
        corpus.document(
            slug="x",
            number="区建发〔2026〕2号",
            signed_on=D(2026, 3, 3),
            title=title,
            classification="机密",
            retention="永久",
            body="",
        )
    elif kind == "onrequest":
        corpus.document(
            slug="x",
            number="区建发〔2026〕2号",
            signed_on=D(2026, 3, 3),
            title=title,
            disclosure="依申请公开",
            body=body,
        )
    elif kind == "later":
        corpus.document(
            slug="x",
            number="区建发〔2026〕2号",
            signed_on=D(2026, 11, 20),
            published_on=D(2027, 12, 1),
            title=title,
            body=body,
        )
    elif kind == "unapproved":
        corpus.disclosure(
            posting="2026-Q2", slug="x", title=f"{spiced}收费标准", approved_by=None, approved_on=None, body=body
        )
    elif kind == "review":
        corpus.document(
            slug="x",
            number="区建发〔2026〕2号",
            signed_on=D(2026, 3, 3),
            title=title,
            review=f"核对{spiced}",
            body=body,
        )
    elif kind == "attachment":
        corpus.write("content/attachments/2026/x.md", f"# 附表\n\n| 项目 | 说明 |\n|---|---|\n| {spiced} | x |\n")
        corpus.document(
            slug="x",
            number="区建发〔2026〕2号",
            signed_on=D(2026, 3, 3),
            title="关于内部事项的通知",
            classification="内部",
            withhold_reason="内部事务",
            attachments=[{"title": "附表", "file": "content/attachments/2026/x.md"}],
        )
    elif kind == "download":  # a Word attachment (served as a download) of an internal document
        from xml.sax.saxutils import escape

        from testkit.attachments import raw_docx

        xml_text = escape("".join(ch for ch in spiced if ch in "\t\n" or ord(ch) >= 0x20))
        path = raw_docx(corpus.root / "x.docx", f"<w:p><w:r><w:t>{xml_text}</w:t></w:r></w:p>")
        corpus.write("content/attachments/2026/x.docx", path.read_bytes())
        path.unlink()
        corpus.document(
            slug="x",
            number="区建发〔2026〕2号",
            signed_on=D(2026, 3, 3),
            title="关于内部事项的通知",
            classification="内部",
            withhold_reason="内部事务",
            attachments=[{"title": "附表", "file": "content/attachments/2026/x.docx"}],
        )
    elif kind == "version":
        corpus.regulation("kaoqin", versions={}, title="机关考勤管理制度" + reg_value, category=reg_value or "人事")
        corpus.version("kaoqin", "2025-03-01", adopted_on=D(2025, 2, 20))
        corpus.version(
            "kaoqin",
            "2027-12-01",
            adopted_on=D(2027, 11, 1),
            body=f"## 第一章 总则\n\n第一条　{spiced}为规范考勤管理，制定本制度。\n",
        )
    if kind != "version":
        corpus.regulation("kaoqin", title="机关考勤管理制度" + reg_value, category=reg_value or "人事")
    if mkdocs:
        corpus.write("mkdocs.yml", mkdocs)


def _leaks(out) -> list[str]:
    return [str(p.relative_to(out)) for p, data in output_bytes(out) if MARK.encode() in data]


@pytest.mark.slow
@settings(
    max_examples=BUDGET,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    kind=st.sampled_from(KINDS),
    before=text,
    after=text,
    reg_value=text,
    site_value=text,
    mkdocs=st.sampled_from(MKDOCS),
)
def test_no_marker_of_a_non_public_file_reaches_any_output_byte(
    tmp_path_factory, corpus_builder, kind, before, after, reg_value, site_value, mkdocs
):
    root = tmp_path_factory.mktemp("fuzzleak")
    corpus = corpus_builder(root)
    _seed(corpus, kind, before, after, reg_value, site_value, mkdocs)
    result = check_root(root, D(2026, 11, 23))  # must not raise
    assert all(d.line >= 1 and d.path for d in result.diagnostics)
    out = root.parent / (root.name + "-site")
    try:
        build_checked(root, D(2026, 11, 23), out, corpus=result.corpus, downloads=True, parallel=False)
    except BuildRefused:
        assert result.errors and not out.exists()
        return
    assert not result.errors
    assert _leaks(out) == [], kind


@pytest.mark.slow
def test_leak_property_holds_over_55_dates_with_attachments_metadata_and_configuration(corpus, tmp_path):
    """Daily rebuilds into one folder, as the scheduled job does, with every non-public kind at
    once, an attachment of an internal document, hostile regulation metadata, site.yml values
    and an accepted mkdocs.yml; the version adopted 2027-02-01 must appear from that day on."""
    corpus.site(agency="某区住房和城乡建设局", website={"sponsor": "某区住房和城乡建设局", "contact": "0599-86012345"})
    corpus.document(
        slug="public", number="区建发〔2026〕1号", signed_on=D(2026, 3, 2), title="关于加强机关值班管理的通知"
    )
    corpus.document(
        slug="internal",
        number="区建发〔2026〕2号",
        signed_on=D(2026, 3, 3),
        title=f"关于{MARK}1的通知",
        classification="内部",
        withhold_reason="内部事务",
        body=f"各科室：\n\n{MARK}1\n",
        attachments=[{"title": "附表", "file": "content/attachments/2026/x.md"}],
    )
    corpus.write("content/attachments/2026/x.md", f"# 附表\n\n| {MARK}2 | x |\n|---|---|\n")
    corpus.document(
        slug="review",
        number="区建发〔2026〕3号",
        signed_on=D(2026, 3, 4),
        title=f"关于{MARK}3的通知",
        review="核对文号",
        body=f"各科室：\n\n{MARK}3\n",
    )
    corpus.document(
        slug="later",
        number="区建发〔2026〕4号",
        signed_on=D(2026, 11, 20),
        published_on=D(2027, 9, 1),
        title=f"关于{MARK}4的通知",
        body=f"各科室：\n\n{MARK}4\n",
    )
    corpus.disclosure(
        posting="2027-Q3",
        slug="unapproved",
        title=f"{MARK}5收费标准",
        approved_by="无",
        approved_on=None,
        body=f"{MARK}5\n",
    )
    corpus.regulation("kaoqin", versions={}, title="机关考勤管理制度", category="人事管理", department="办公室")
    corpus.version("kaoqin", "2025-03-01", adopted_on=D(2025, 2, 20))
    corpus.version(
        "kaoqin",
        "2027-03-01",
        adopted_on=D(2027, 2, 1),
        body="## 第一章 总则\n\n第一条　qzfuzzversion 为规范考勤管理，制定本制度。\n",
    )
    corpus.write(
        "mkdocs.yml", "site_name: 某区住房和城乡建设局\ntheme:\n  name: material\n  features: [navigation.top]\n"
    )
    result = check_root(corpus.root, D(2026, 11, 23))
    assert [d for d in result.errors if d.code != "F005"] == []  # approved_by: 无 is the one error
    corpus.disclosure(
        posting="2027-Q3",
        slug="unapproved",
        title=f"{MARK}5收费标准",
        approved_by=None,
        approved_on=None,
        body=f"{MARK}5\n",
    )
    dates = as_of_dates()
    assert len(dates) >= 50
    out = tmp_path / "site"
    for as_of in dates:
        build_checked(corpus.root, as_of, out, downloads=True)
        assert _leaks(out) == [], as_of
        version_shown = any(b"qzfuzzversion" in data for _, data in output_bytes(out))
        assert version_shown == (as_of >= D(2027, 2, 1)), as_of
