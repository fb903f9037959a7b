"""The DOCX package itself: deterministic bytes, schema order, settings, properties.
No renderer needed."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from lxml import etree

from generator.docx import FilingStamp, write_document, write_regulation
from generator.docx import layout as L
from generator.docx import ooxml as X

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _doc(corpus, slug):
    return next(d for d in corpus.documents if d.slug == slug)


def _xml(data: bytes, part: str):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(part))


def _write(corpus, slug, **kw) -> bytes:
    buf = io.BytesIO()
    write_document(_doc(corpus, slug), corpus.agency, buf, corpus_root=corpus.root, **kw)
    return buf.getvalue()


def test_layout_constants_match_the_standard():
    assert L.mm(210) == L.PAGE_WIDTH and L.mm(297) == L.PAGE_HEIGHT
    assert L.mm(37) == L.MARGIN_TOP and L.mm(28) == L.MARGIN_LEFT
    assert L.mm(156) == L.TEXT_WIDTH and L.mm(225) == L.TEXT_HEIGHT
    assert abs(L.twips_to_mm(L.MARGIN_BOTTOM) - 35) < 0.05
    assert abs(L.twips_to_mm(L.MARGIN_RIGHT) - 26) < 0.05
    # 22 lines of 579 twips fill the 225 mm text block, a 23rd does not fit
    assert 22 * L.LINE_PITCH <= L.TEXT_HEIGHT < 23 * L.LINE_PITCH
    # 28 condensed 3号 characters fit 156 mm, 29 do not
    assert 28 * L.CHAR <= L.TEXT_WIDTH < 29 * L.CHAR
    assert (L.SIZE_2, L.SIZE_3, L.SIZE_4) == (22, 16, 14)
    assert L.RULE_THICK_SZ == 8 and L.RULE_THIN_SZ == 6  # 0.35 mm and 0.25 mm in 1/8 pt
    assert L.TITLE_CHARS_PER_LINE == 20


@pytest.mark.parametrize(
    "slug",
    [
        "chunjie-zhiban-2025",
        "diandongche-chongdian-paicha-han",
        "juzhang-bangonghui-jiyao-2025-4",
        "laojiu-xiaoqu-gaizao-jihua",
    ],
)
def test_same_document_twice_gives_identical_bytes(sample_corpus, tmp_path, slug):
    first = _write(sample_corpus, slug)
    second = _write(sample_corpus, slug)
    assert first == second
    path = tmp_path / "x.docx"
    write_document(_doc(sample_corpus, slug), sample_corpus.agency, path, corpus_root=sample_corpus.root)
    assert path.read_bytes() == first


def test_regulation_twice_gives_identical_bytes(sample_corpus):
    reg = sample_corpus.regulations["kaoqin"]
    outs = []
    for _ in range(2):
        buf = io.BytesIO()
        write_regulation(reg, reg.versions[-1], sample_corpus.agency, buf)
        outs.append(buf.getvalue())
    assert outs[0] == outs[1]


def test_zip_entries_have_fixed_timestamps_and_order(sample_corpus):
    data = _write(sample_corpus, "chunjie-zhiban-2025")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = z.infolist()
        assert infos[0].filename == "[Content_Types].xml"
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        names = z.namelist()
    assert "docProps/thumbnail.jpeg" not in names
    assert not any(n.startswith("customXml/") for n in names)


def test_core_properties_are_fixed(sample_corpus):
    data = _write(sample_corpus, "chunjie-zhiban-2025")
    core = _xml(data, "docProps/core.xml")
    ns = {
        "dc": "http://purl.org/dc/elements/1.1/",
        "dcterms": "http://purl.org/dc/terms/",
        "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    }
    assert core.findtext("dc:creator", namespaces=ns) == "青川市临江区住房和城乡建设局"
    assert core.findtext("dc:title", namespaces=ns) == "关于做好2025年春节期间值班工作的通知"
    assert core.findtext("dcterms:created", namespaces=ns) == "2025-01-20T00:00:00Z"
    assert core.findtext("dcterms:modified", namespaces=ns) == "2025-01-20T00:00:00Z"
    assert core.findtext("cp:revision", namespaces=ns) == "1"
    assert "python-docx" not in etree.tostring(core, encoding="unicode")


def test_settings_grid_and_compatibility(sample_corpus):
    data = _write(sample_corpus, "chunjie-zhiban-2025")
    settings = _xml(data, "word/settings.xml")
    assert settings.find(f"{W}evenAndOddHeaders") is not None
    mode = [c for c in settings.iter(f"{W}compatSetting") if c.get(f"{W}name") == "compatibilityMode"]
    assert mode and mode[0].get(f"{W}val") == "15"
    order = [etree.QName(c).localname for c in settings]
    ranks = [X.SETTINGS_ORDER.index(n) for n in order]
    assert ranks == sorted(ranks)
    document = _xml(data, "word/document.xml")
    for sect in document.iter(f"{W}sectPr"):
        assert etree.QName(sect[-1]).localname == "docGrid"
        grid = sect[-1]
        assert grid.get(f"{W}type") == "lines" and grid.get(f"{W}linePitch") == "579"
        mar = sect.find(f"{W}pgMar")
        assert mar.get(f"{W}top") == str(L.mm(37)) and mar.get(f"{W}left") == str(L.mm(28))


def _check_order(root, tag, order):
    for el in root.iter(f"{W}{tag}"):
        names = [etree.QName(c).localname for c in el]
        ranks = [order.index(n) for n in names]
        assert ranks == sorted(ranks), (tag, names)


@pytest.mark.parametrize(
    "slug",
    [
        "chunjie-zhiban-2025",
        "diandongche-chongdian-paicha-han",
        "laojiu-gaizao-zijin-qingshi",
        "dongji-shigong-anquan-jiancha",
    ],
)
def test_properties_are_in_schema_order(sample_corpus, slug):
    data = _write(
        sample_corpus, slug, filing_stamp=FilingStamp("J012", 2025, 1, "办公室", "永久", 3), copy_number="000001"
    )
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = [n for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")]
        for name in parts:
            root = etree.fromstring(z.read(name))
            _check_order(root, "pPr", X.PPR_ORDER)
            _check_order(root, "rPr", X.RPR_ORDER)
            _check_order(root, "sectPr", X.SECTPR_ORDER)
            _check_order(root, "tblPr", X.TBLPR_ORDER)
            _check_order(root, "tcPr", X.TCPR_ORDER)


def test_runs_map_east_asian_and_latin_fonts(sample_corpus):
    data = _write(sample_corpus, "chunjie-zhiban-2025")
    document = _xml(data, "word/document.xml")
    seen_latin = seen_cjk = False
    for run in document.iter(f"{W}r"):
        text = "".join(t.text or "" for t in run.iter(f"{W}t"))
        fonts = run.find(f"{W}rPr/{W}rFonts")
        if not text or fonts is None:
            continue
        assert fonts.get(f"{W}eastAsia")
        if text.isascii():
            assert fonts.get(f"{W}ascii") == "Times New Roman"
            seen_latin = True
        else:
            assert fonts.get(f"{W}ascii") == fonts.get(f"{W}eastAsia")
            assert fonts.get(f"{W}hint") == "eastAsia"
            seen_cjk = True
    assert seen_latin and seen_cjk


def test_font_table_has_fallbacks(sample_corpus):
    data = _write(sample_corpus, "chunjie-zhiban-2025")
    fonts = _xml(data, "word/fontTable.xml")
    alt = {
        f.get(f"{W}name"): f.find(f"{W}altName").get(f"{W}val")
        for f in fonts.iter(f"{W}font")
        if f.find(f"{W}altName") is not None
    }
    assert alt["仿宋_GB2312"] in ("FangSong_GB2312", "FangSong", "仿宋")
    assert "方正小标宋简体" in alt and "楷体_GB2312" in alt and "黑体" in alt


def test_page_number_field_and_footers(sample_corpus):
    data = _write(sample_corpus, "chunjie-zhiban-2025")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        footers = [n for n in z.namelist() if n.startswith("word/footer")]
        texts = [z.read(n).decode() for n in footers]
    assert len(footers) == 2  # odd and even
    for xml in texts:
        assert " PAGE " in xml and "—" in xml
    assert any('w:val="right"' in t for t in texts) and any('w:val="left"' in t for t in texts)


def test_named_styles_mark_the_elements(sample_corpus):
    data = _write(sample_corpus, "chunjie-zhiban-2025")
    document = _xml(data, "word/document.xml")
    styles = {
        p.find(f"{W}pPr/{W}pStyle").get(f"{W}val")
        for p in document.iter(f"{W}p")
        if p.find(f"{W}pPr/{W}pStyle") is not None
    }
    for sid in (
        "GwMark",
        "GwNumber",
        "GwTitle",
        "GwRecipients",
        "GwBody",
        "GwSignature",
        "GwDate",
        "GwNote",
        "GwAttachNote",
        "GwAttachLabel",
        "GwAttachTitle",
        "GwColophon",
    ):
        assert sid in styles, sid


def test_disclosure_note_wording_is_configurable(sample_corpus):
    import copy

    agency = copy.copy(sample_corpus.agency)
    agency.disclosure_note = {"主动公开": "此件主动公开"}
    buf = io.BytesIO()
    write_document(_doc(sample_corpus, "chunjie-zhiban-2025"), agency, buf)
    assert "（此件主动公开）" in _xml(buf.getvalue(), "word/document.xml").xpath("string()")
    agency.disclosure_note = {"主动公开": ""}
    buf = io.BytesIO()
    write_document(_doc(sample_corpus, "chunjie-zhiban-2025"), agency, buf)
    assert "此件" not in _xml(buf.getvalue(), "word/document.xml").xpath("string()")


def test_every_sample_document_and_version_writes(sample_corpus, tmp_path):
    for doc in sample_corpus.documents:
        write_document(doc, sample_corpus.agency, tmp_path / f"{doc.slug}.docx", corpus_root=sample_corpus.root)
    for slug, reg in sample_corpus.regulations.items():
        for version in reg.versions:
            write_regulation(reg, version, sample_corpus.agency, tmp_path / f"{slug}-{version.file_date}.docx")
    assert len(list(tmp_path.glob("*.docx"))) == 44 + 12


def test_filing_stamp_cells():
    stamp = FilingStamp("J012", 2025, 12, "办公室", "30年", 4)
    assert stamp.cells() == [["J012", "2025", "0012"], ["办公室", "30年", "4"]]


def test_attachment_outside_the_corpus_is_refused(corpus, tmp_path):
    from generator.corpus.loader import load_corpus
    from generator.docx.document import DocumentLayoutError

    corpus.document(attachments=[{"title": "名单", "file": "../../etc/passwd.md"}])
    loaded = load_corpus(corpus.root)
    with pytest.raises(DocumentLayoutError):
        write_document(loaded.documents[0], loaded.agency, tmp_path / "x.docx", corpus_root=corpus.root)


def test_missing_values_do_not_crash(corpus, tmp_path):
    """A document without a date, number or recipients still writes (the checks report it)."""
    from generator.corpus.loader import load_corpus

    corpus.document(drop=("signed_on", "recipients"), number="乱写的文号", signed_on=None)
    loaded = load_corpus(corpus.root)
    write_document(loaded.documents[0], loaded.agency, tmp_path / "x.docx")
    assert (tmp_path / "x.docx").stat().st_size > 1000


def test_ooxml_set_child_keeps_schema_order():
    from docx.oxml import OxmlElement

    ppr = OxmlElement("w:pPr")
    X.set_child(ppr, X.make("jc", val="center"), X.PPR_ORDER)
    X.set_child(ppr, X.make("spacing", line=579, lineRule="exact"), X.PPR_ORDER)
    X.set_child(ppr, X.make("pStyle", val="GwBody"), X.PPR_ORDER)
    X.set_child(ppr, X.make("ind", left=0), X.PPR_ORDER)
    X.set_child(ppr, X.make("jc", val="left"), X.PPR_ORDER)  # replaces, does not duplicate
    assert [etree.QName(c).localname for c in ppr] == ["pStyle", "spacing", "ind", "jc"]
    assert ppr[-1].get(X.w("val")) == "left"
    with pytest.raises(ValueError):
        X.set_child(ppr, X.make("notAChild"), X.PPR_ORDER)


def test_doc_grid_is_last_child_of_sectpr():
    from docx.oxml import OxmlElement

    sect = OxmlElement("w:sectPr")
    X.set_doc_grid(sect, line_pitch=579)
    X.set_page_setup(sect, width=1, height=1, top=1, right=1, bottom=1, left=1, header=1, footer=1)
    X.set_title_page(sect, True)
    X.set_doc_grid(sect, line_pitch=579)
    assert etree.QName(sect[-1]).localname == "docGrid"
    assert len(sect.findall(X.w("docGrid"))) == 1
    assert [etree.QName(c).localname for c in sect] == ["pgSz", "pgMar", "cols", "titlePg", "docGrid"]


def test_document_date_is_written_without_padding(sample_corpus):
    data = _write(sample_corpus, "chunjie-zhiban-2025")
    text = _xml(data, "word/document.xml").xpath("string()")
    assert "2025年1月20日" in text and "2025年01月20日" not in text
    assert "2025年1月21日印发" in text
    assert isinstance(dt.date(2025, 1, 20), dt.date)


def test_regulation_sections_and_outline_style(corpus, tmp_path):
    from generator.corpus.loader import load_corpus

    body = """## 第一章 总则

### 第一节 一般规定

第一条　为规范管理，制定本办法。

### 第二节 职责

第二条　办公室负责：

（一）统筹；

（二）督促。

第三条　本办法自2025年3月1日起施行。
"""
    corpus.regulation(versions={"2025-03-01": body})
    corpus.regulation(
        slug="waichu", title="外出报备规定", versions={"2025-04-01": "一、外出须报备。\n\n二、返回须销假。\n"}
    )
    loaded = load_corpus(corpus.root)
    reg = loaded.regulations["kaoqin"]
    buf = io.BytesIO()
    write_regulation(reg, reg.versions[0], loaded.agency, buf)
    document = _xml(buf.getvalue(), "word/document.xml")
    paragraphs = []
    for p in document.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        jc = p.find(f"{W}pPr/{W}jc")
        fonts = [r.get(f"{W}eastAsia") for r in p.iter(f"{W}rFonts")]
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        paragraphs.append(
            (
                style.get(f"{W}val") if style is not None else None,
                jc.get(f"{W}val") if jc is not None else None,
                fonts,
                text,
            )
        )
    sections = [p for p in paragraphs if p[0] == "GwSection"]
    assert [p[3] for p in sections] == ["第一节\u3000一般规定", "第二节\u3000职责"]
    assert all(p[1] == "center" and set(p[2]) == {"楷体_GB2312"} for p in sections)
    chapter = next(p for p in paragraphs if p[0] == "GwChapter")
    assert chapter[3] == "第一章\u3000总则" and chapter[1] == "center" and set(chapter[2]) == {"黑体"}
    article = next(p for p in paragraphs if p[3].startswith("第二条"))
    assert article[2][0] == "黑体" and article[3] == "第二条\u3000办公室负责："
    items = [p[3] for p in paragraphs if p[0] == "GwItem"]
    assert items == ["（一）统筹；", "（二）督促。"]
    # a rule written with 一、 as its articles
    other = loaded.regulations["waichu"]
    buf = io.BytesIO()
    write_regulation(other, other.versions[0], loaded.agency, buf)
    text = _xml(buf.getvalue(), "word/document.xml").xpath("string()")
    assert "一、外出须报备。" in text and "二、返回须销假。" in text


def test_missing_soffice_is_a_clear_error(monkeypatch, tmp_path):
    import shutil

    from generator.office import libreoffice

    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert libreoffice.soffice_path() is None
    path = tmp_path / "x.docx"
    path.write_bytes(b"")
    with pytest.raises(libreoffice.LibreOfficeMissing, match="soffice"):
        libreoffice.docx_to_pdf(path, tmp_path)
    with pytest.raises(libreoffice.LibreOfficeMissing):
        libreoffice.page_count(path)


def _texts(data: bytes) -> str:
    """All text of document.xml, text boxes included."""
    return "".join(_xml(data, "word/document.xml").itertext())


def test_colophon_takes_site_printer_and_signing_date(corpus):
    """SPEC §7.4: without printed_by/printed_on the 版记 prints site.yml's printed_by and the
    成文日期; the document's own values win."""
    from generator.corpus.loader import load_corpus

    corpus.site(printed_by="青川市临江区住房和城乡建设局办公室")
    corpus.document()
    corpus.document(slug="own", number="区建发〔2025〕2号", printed_by="区住建局综合科", printed_on=dt.date(2025, 3, 9))
    loaded = load_corpus(corpus.root)
    by_slug = {d.slug: d for d in loaded.documents}
    buf = io.BytesIO()
    write_document(by_slug["zhiban-tongzhi"], loaded.agency, buf)
    assert "青川市临江区住房和城乡建设局办公室\t2025年3月5日印发" in _runs_text(buf.getvalue())
    buf = io.BytesIO()
    write_document(by_slug["own"], loaded.agency, buf)
    text = _runs_text(buf.getvalue())
    assert "区住建局综合科\t2025年3月9日印发" in text and "办公室" not in text.split("抄送")[-1]


def test_colophon_without_any_printer_has_no_printed_line(corpus):
    from generator.corpus.loader import load_corpus

    corpus.site(printed_by=None)
    corpus.document()
    loaded = load_corpus(corpus.root)
    buf = io.BytesIO()
    write_document(loaded.documents[0], loaded.agency, buf)
    assert "印发" not in _runs_text(buf.getvalue())


def _runs_text(data: bytes) -> str:
    """Text of every run, tabs as \\t."""
    root = _xml(data, "word/document.xml")
    out = []
    for r in root.iter(f"{W}r"):
        for child in r:
            if child.tag == f"{W}t":
                out.append(child.text or "")
            elif child.tag == f"{W}tab":
                out.append("\t")
    return "".join(out)


def test_colophon_is_a_bottom_aligned_text_box(sample_corpus):
    """The 版记 stands in a text box aligned to the bottom of the text block (cl. 7.4.1)."""
    root = _xml(_write(sample_corpus, "chunjie-zhiban-2025"), "word/document.xml")
    WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    anchors = list(root.iter(f"{WP}anchor"))
    assert len(anchors) == 1
    pos = anchors[0].find(f"{WP}positionV")
    assert pos.get("relativeFrom") == "margin" and pos.find(f"{WP}align").text == "bottom"
    box = next(root.iter(f"{W}txbxContent"))
    assert box.find(f"{W}tbl") is not None and "印发" in "".join(box.itertext())
