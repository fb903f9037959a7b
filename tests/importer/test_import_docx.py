"""``govpub import docx``: a 公文 DOCX back into a corpus file.

* round trip: every sample document → write_document → import_docx → the corpus file, read
  by the corpus loader, has the same number, title, doc_type, recipients, signer, signed_on,
  attachment titles, cc, printed_by/on and body paragraphs;
* a typical Word-made 公文 (python-docx, direct formatting, no styles of ours);
* a DOCX that is not a 公文, a corrupt file, an existing target.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document as NewDocx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from generator.corpus.loader import load_corpus
from generator.docx import write_document
from generator.docx.document import DocumentWriter
from generator.importer import ImportRefused as DocxImportError
from generator.importer.docx import import_docx, read_file
from generator.importer.recognise import parse_date
from generator.newdoc import slug_for

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sample():
    return load_corpus(REPO)


@pytest.fixture
def empty_corpus(tmp_path):
    """A corpus root with the sample site.yml and no documents."""
    root = tmp_path / "corpus"
    (root / "content").mkdir(parents=True)
    shutil.copy(REPO / "content" / "site.yml", root / "content" / "site.yml")
    return root


# --- round trip ------------------------------------------------------------------------------------------------


def _documents(sample):
    return [d for d in sample.documents if not d.is_register_entry]


@pytest.mark.slow
def test_round_trip_every_sample_document(sample, empty_corpus, tmp_path):
    corpus = load_corpus(empty_corpus)
    written = {}
    for doc in _documents(sample):
        docx = tmp_path / "docx" / f"{doc.slug}.docx"
        docx.parent.mkdir(exist_ok=True)
        write_document(doc, sample.agency, docx, corpus_root=sample.root)
        target = empty_corpus / "content" / "documents" / str(doc.signed_on.year) / f"{doc.slug}.md"
        result = import_docx(docx, corpus, target)
        assert result.path == target and target.is_file()
        written[doc.slug] = result
    reread = {d.slug: d for d in load_corpus(empty_corpus).documents}
    for doc in _documents(sample):
        got = reread[doc.slug]
        where = f"{doc.slug}: {written[doc.slug].warnings}"
        assert got.number == doc.number, where
        assert got.title == doc.title, where
        assert got.doc_type == doc.doc_type, where
        assert "、".join(got.recipients) == "、".join(doc.recipients), where
        if doc.doc_type in ("请示", "报告"):
            assert got.signer == doc.signer, where
        assert got.signed_on == doc.signed_on, where
        assert [a.title for a in got.attachments] == [a.title for a in doc.attachments], where
        assert "，".join(got.cc) == "，".join(doc.cc), where
        if doc.doc_type != "函":  # a 信函格式 版记 has no 印发 line
            assert got.printed_by == doc.printed_by, where
            assert got.printed_on == doc.printed_on, where
        assert got.issuer == doc.issuer, where
        assert got.disclosure == doc.disclosure, where
        # the same body paragraphs: what the writer laid out (the 附件说明 comes from
        # attachments, 出席/请假/列席 go at the end)
        writer = DocumentWriter(doc, sample.agency, corpus_root=sample.root)
        expected = [b.text for b in writer.blocks] + [f"{label}：{names}" for label, names in writer.attendance]
        assert [text for _, text in got.source.body if text.strip()] == expected, where


def test_round_trip_warns_only_about_what_the_docx_cannot_hold(sample, tmp_path):
    for doc in _documents(sample):
        path = tmp_path / f"{doc.slug}.docx"
        write_document(doc, sample.agency, path, corpus_root=sample.root)
        result = read_file(path)
        for w in result.warnings:
            assert "withhold_reason" in w or "附注" in w, (doc.slug, w)


# --- a typical Word-made 公文 -------------------------------------------------------------------------------


def _para(
    doc, text="", *, size=16, color=None, align=None, bold=False, first_line=None, font="仿宋_GB2312", page_break=False
):
    p = doc.add_paragraph()
    if page_break:
        p.add_run().add_break(WD_BREAK.PAGE)
    if text:
        run = p.add_run(text)
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = font
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
        if color:
            run.font.color.rgb = RGBColor.from_string(color)
    if align:
        p.alignment = align
    if first_line is not None:
        p.paragraph_format.first_line_indent = Pt(first_line)
    return p


def _red_rule(doc):
    p = doc.add_paragraph()
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "12"), ("w:space", "1"), ("w:color", "FF0000")):
        bottom.set(qn(k), v)
    bdr.append(bottom)
    ppr.append(bdr)


WORD_BODY = [
    "为切实做好2025年汛期安全防范工作，保障人民群众生命财产安全，现就开展汛期安全大检查有关事项通知如下。",
    "一、检查范围",
    "全区在建房屋建筑和市政基础设施工程，重点是深基坑、高支模和起重机械。",
    "二、工作要求",
    "各单位要于6月20日前完成自查，并将自查情况报局工程建设科。",
]


def _typical_word_docx(path: Path, *, upward: bool = False) -> Path:
    doc = NewDocx()
    C, R = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    _para(doc, "特急", font="黑体")
    _para(doc)
    _para(doc, "青川市临江区住房和城乡建设局文件", size=42, color="FF0000", align=C, font="方正小标宋简体")
    _para(doc)
    if upward:
        _para(doc, "区建办[2025]8号　　　　　　　　签发人：李明华")
    else:
        _para(doc, "区建发[2025]12号", align=C)
    _red_rule(doc)
    _para(doc)
    if upward:
        _para(doc, "关于申请防汛专项经费的请示", size=22, align=C, font="方正小标宋简体")
    else:
        _para(doc, "关于开展2025年汛期", size=22, align=C, font="方正小标宋简体")
        _para(doc, "建设工程安全大检查的通知", size=22, align=C, font="方正小标宋简体")
    _para(doc)
    _para(doc, "临江区人民政府：" if upward else "各科室、局属各单位：")
    for text in WORD_BODY:
        _para(doc, text, first_line=32, font="黑体" if text.endswith(("范围", "要求")) else "仿宋_GB2312")
    _para(doc)
    if not upward:
        _para(doc, "附件：1.汛期建设工程安全检查表", first_line=32)
        _para(doc, "　　　2.检查情况汇总表")
        _para(doc)
    _para(doc, "青川市临江区住房和城乡建设局", align=R)
    _para(doc, "2025年6月3日" if upward else "二〇二五年六月三日", align=R)
    _para(doc, "（此件依申请公开）" if upward else "（此件公开发布）", first_line=32)
    if not upward:
        _para(doc, "附件1", font="黑体", page_break=True)
        _para(doc)
        _para(doc, "汛期建设工程安全检查表", size=22, align=C)
        table = doc.add_table(rows=2, cols=3)
        for r, row in enumerate([["序号", "检查项目", "检查结果"], ["1", "深基坑支护", "合格"]]):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
        _para(doc, "附件2", font="黑体", page_break=True)
        _para(doc)
        _para(doc, "检查情况汇总表", size=22, align=C)
        _para(doc, "（各单位填报）", align=C)
    colophon = doc.add_table(rows=2, cols=1)
    colophon.cell(0, 0).text = "抄送：区应急管理局，区水务局。" if not upward else "抄送：区财政局。"
    colophon.cell(1, 0).text = "临江区住房和城乡建设局办公室　　　　　2025年6月4日印发"
    doc.save(str(path))
    return path


def test_typical_word_document(sample, tmp_path):
    path = _typical_word_docx(tmp_path / "word.docx")
    result = read_file(path)
    f = result
    assert f.value("number") == "区建发〔2025〕12号"
    assert "区建发[2025]12号" in result.fields["number"].note and "〔2025〕" in result.fields["number"].note
    assert f.value("title") == "关于开展2025年汛期建设工程安全大检查的通知"
    assert f.value("doc_type") == "通知"
    assert f.value("urgency") == "特急"
    assert f.value("recipients") == ["各科室", "局属各单位"]
    assert f.value("signed_on") == dt.date(2025, 6, 3)
    assert f.value("attachments") == ["汛期建设工程安全检查表", "检查情况汇总表"]
    assert f.value("cc") == ["区应急管理局", "区水务局"]
    assert f.value("printed_by") == "临江区住房和城乡建设局办公室"
    assert f.value("printed_on") == dt.date(2025, 6, 4)
    assert f.value("issuer") == "青川市临江区住房和城乡建设局"  # the 署名 is the corpus agency: the default
    assert f.value("disclosure") == "主动公开"  # 此件公开发布 = 主动公开, the default
    assert result.body == WORD_BODY
    assert [title for title, _ in result.pages] == ["汛期建设工程安全检查表", "检查情况汇总表"]


def test_typical_word_upward_document(sample, tmp_path):
    path = _typical_word_docx(tmp_path / "word.docx", upward=True)
    result = read_file(path)
    f = result
    assert f.value("number") == "区建办〔2025〕8号"
    assert f.value("signer") == "李明华"
    assert f.value("doc_type") == "请示"
    assert f.value("recipients") == ["临江区人民政府"]
    assert f.value("signed_on") == dt.date(2025, 6, 3)
    assert f.value("disclosure") == "依申请公开"
    assert f.value("cc") == ["区财政局"]
    assert result.body == WORD_BODY


@pytest.mark.slow
def test_typical_word_document_written_and_checked(sample, empty_corpus, tmp_path):
    """Default target: content/documents/<year>/<pinyin slug>.md; the file loads with the
    same values; a second import refuses to overwrite."""
    path = _typical_word_docx(tmp_path / "word.docx")
    corpus = load_corpus(empty_corpus)
    result = import_docx(path, corpus)
    title = "关于开展2025年汛期建设工程安全大检查的通知"
    expected = empty_corpus / "content" / "documents" / "2025" / f"{slug_for(title, '通知')}.md"
    assert result.path == expected and expected.is_file()
    doc = load_corpus(empty_corpus).documents[0]
    assert doc.title == title and str(doc.number) == "区建发〔2025〕12号"
    assert doc.signed_on == dt.date(2025, 6, 3) and doc.urgency == "特急"
    assert [a.title for a in doc.attachments] == ["汛期建设工程安全检查表", "检查情况汇总表"]
    assert [text for _, text in doc.source.body if text.strip()] == WORD_BODY
    before = expected.read_bytes()
    with pytest.raises(DocxImportError) as err:
        import_docx(path, corpus)
    assert "已导入过" in str(err.value)
    assert expected.read_bytes() == before


def _png() -> io.BytesIO:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buf, format="PNG")
    buf.seek(0)
    return buf


def test_images_are_kept_as_files_named_in_review_and_never_listed_as_attachments(sample, empty_corpus, tmp_path):
    """A picture in a body paragraph, a picture on a line of its own and one on an attachment
    page: each saved under content/attachments/<year>/<slug>/, each named with where it stood,
    and ``attachments`` still lists only the two attachments of the 附件说明."""
    path = _typical_word_docx(tmp_path / "word.docx")
    doc = NewDocx(str(path))
    paras = doc.paragraphs
    body3 = next(p for p in paras if p.text == WORD_BODY[2])
    body3.add_run().add_picture(_png())
    last = next(p for p in paras if p.text == WORD_BODY[4])
    alone = OxmlElement("w:p")
    last._p.addnext(alone)
    from docx.text.paragraph import Paragraph

    Paragraph(alone, last._parent).add_run().add_picture(_png())
    page2 = next(p for p in paras if p.text == "（各单位填报）")
    page2.add_run().add_picture(_png())
    doc.save(str(path))

    result = import_docx(path, load_corpus(empty_corpus))
    written = load_corpus(empty_corpus).documents[0]
    assert [a.title for a in written.attachments] == ["汛期建设工程安全检查表", "检查情况汇总表"]
    folder = f"content/attachments/2025/{written.slug}"
    images = sorted(p.relative_to(empty_corpus).as_posix() for p in (empty_corpus / folder).glob("tupian-*"))
    assert images == [f"{folder}/tupian-{k}.png" for k in (1, 2, 3)]
    places = {n.split("有一幅图片")[0]: n for n in written.review if "有一幅图片" in n}
    assert set(places) == {"正文第 3 段", "正文第 5 段之后", "附件2"}, written.review
    for k, where in enumerate(("正文第 3 段", "正文第 5 段之后", "附件2"), 1):
        assert f"{folder}/tupian-{k}.png" in places[where]
    assert [text for _, text in written.source.body if text.strip()] == WORD_BODY
    assert result.path == empty_corpus / written.path


def test_explicit_target_never_overwritten(sample, tmp_path):
    path = _typical_word_docx(tmp_path / "word.docx")
    target = tmp_path / "existing.md"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(DocxImportError):
        import_docx(path, sample, target)
    assert target.read_text(encoding="utf-8") == "keep me"


# --- not a 公文, not a DOCX ------------------------------------------------------------------------------------


def test_not_a_gongwen(sample, tmp_path):
    doc = NewDocx()
    doc.add_heading("Quarterly team notes", level=1)
    doc.add_paragraph("We met on Tuesday and discussed the roadmap.")
    doc.add_paragraph("Action items will follow by email.")
    path = tmp_path / "notes.docx"
    doc.save(str(path))
    result = read_file(path)
    assert result.status == "not-gongwen" and "不是公文" in result.message
    assert "发文字号" in result.message and "成文日期" in result.message
    # it is not imported as a 公文, not even with --out
    with pytest.raises(DocxImportError) as err:
        import_docx(path, sample, tmp_path / "notes.md")
    assert "不是公文" in str(err.value)
    assert not (tmp_path / "notes.md").exists()


def test_empty_docx(sample, tmp_path):
    path = tmp_path / "empty.docx"
    NewDocx().save(str(path))
    result = read_file(path)
    assert result.status == "not-gongwen"


@pytest.mark.parametrize(
    "content",
    [
        b"this is not a zip file",
        b"PK\x03\x04garbage",
    ],
)
def test_corrupt_file(sample, tmp_path, content):
    path = tmp_path / "broken.docx"
    path.write_bytes(content)
    with pytest.raises(DocxImportError) as err:
        read_file(path)
    assert "broken.docx" in str(err.value)


def test_truncated_and_foreign_zip(sample, tmp_path):
    good = _typical_word_docx(tmp_path / "word.docx")
    truncated = tmp_path / "truncated.docx"
    data = good.read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(DocxImportError):
        read_file(truncated)
    foreign = tmp_path / "foreign.docx"
    with zipfile.ZipFile(foreign, "w") as z:
        z.writestr("hello.txt", "not word")
    with pytest.raises(DocxImportError) as err:
        read_file(foreign)
    assert "word/document.xml" in str(err.value)
    bad_xml = tmp_path / "badxml.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad_xml, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, b"<w:document" if name == "word/document.xml" else src.read(name))
    with pytest.raises(DocxImportError) as err:
        read_file(bad_xml)
    assert "XML" in str(err.value)


def test_missing_file(sample, tmp_path):
    with pytest.raises(DocxImportError):
        read_file(tmp_path / "nope.docx")


# --- dates ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2025年3月5日", dt.date(2025, 3, 5)),
        ("2025 年 12 月 31 日", dt.date(2025, 12, 31)),
        ("二〇二五年三月五日", dt.date(2025, 3, 5)),
        ("二○二五年十二月三十一日", dt.date(2025, 12, 31)),
        ("二〇二四年十月二十日", dt.date(2024, 10, 20)),
        ("２０２５年３月５日", dt.date(2025, 3, 5)),
        ("2025年2月30日", None),
        ("三月五日", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_automatic_numbering_becomes_text(sample, tmp_path):
    doc = NewDocx()
    _para(doc, "关于做好值班工作的通知", size=22, align=WD_ALIGN_PARAGRAPH.CENTER)
    doc.add_paragraph("各科室：")
    doc.add_paragraph("值班要求", style="List Number")
    doc.add_paragraph("交接要求", style="List Number")
    doc.add_paragraph("请各科室认真落实。")
    path = tmp_path / "numbered.docx"
    doc.save(str(path))
    result = read_file(path)
    assert result.value("title") == "关于做好值班工作的通知"
    assert result.body[:2] == ["1.值班要求", "2.交接要求"]
