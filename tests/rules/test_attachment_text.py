"""Reading the text of DOCX, XLSX and PDF attachments (generator.corpus.attachment_text): what
the public can read in a download, found where it is, and hostile packages refused within
the limits. Real files made by Word, Excel and LibreOffice are in tests/fixtures/attachments
(SOURCES.md); the rest are written here."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest

from generator.corpus import attachment_text as T
from generator.corpus.attachment_text import Unreadable, attachment_text, docx_text, pdf_text, xlsx_text
from testkit.attachments import S, W, raw_docx, raw_xlsx
from testkit.attachments import zip_parts as _zip

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "attachments"
ID = "330102199001011234"  # passes the GB 11643 checksum; made up


def _find(found: list[tuple[str, str]], needle: str) -> list[str]:
    return [where for where, text in found if needle in text.replace(" ", "").replace("-", "")]


# -- real files --------------------------------------------------------------------------------


def test_libreoffice_docx_every_part_is_read():
    found = docx_text(FIXTURES / "zhiban-biao.docx")
    assert _find(found, ID) == ["正文第 2 段"]
    assert _find(found, "13812345678") == ["正文第 8 段"]  # a table cell
    assert [w for w in _find(found, "15912345678")] == ["页眉（header1.xml）第 1 段"]
    assert _find(found, "13712345678") == ["脚注第 1 段"]
    assert _find(found, "18612345678") == ["批注第 1 段"]


def test_word_files_from_elsewhere_are_read():
    found = docx_text(FIXTURES / "word-hdr-header-footer.docx")
    assert ("页眉（header2.xml）第 1 段", "Header for section-1") in found
    assert ("页脚（footer2.xml）第 1 段", "Footer for section 1") in found
    comments = [t for w, t in docx_text(FIXTURES / "word-comments-rich-para.docx") if w.startswith("批注")]
    assert "Text with character style." in comments


def test_excel_file_from_elsewhere_is_read_cell_by_cell():
    found = dict((w, t) for w, t in xlsx_text(FIXTURES / "excel-book1.xlsx"))
    assert found["工作表“Sheet2”E1 单元格"] == "inlineStr"  # an inline string
    assert found["工作表“Sheet2”C2 单元格"] == "HP"  # a shared string
    assert found["工作表“Sheet2”D2 单元格"] == "200"  # a number


def test_libreoffice_pdf_is_read_page_by_page():
    found = pdf_text(FIXTURES / "zhiban-biao.pdf")
    assert [w for w, _ in found] == ["第 1 页"]
    text = found[0][1].replace(" ", "")
    assert ID in text and "13812345678" in text and "15912345678" in text and "13712345678" in text


# -- written here --------------------------------------------------------------------------------


def test_docx_number_split_over_runs_deleted_text_and_text_boxes(tmp_path):
    body = (
        f"<w:p><w:r><w:t>电话 1381234</w:t></w:r><w:r><w:t>5678</w:t></w:r></w:p>"
        f"<w:p><w:del><w:r><w:delText>{ID}</w:delText></w:r></w:del></w:p>"
        "<w:p><w:r><w:t>见框</w:t></w:r><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>13912345678</w:t></w:r>"
        "</w:p></w:txbxContent></w:pict></w:r></w:p>"
    )
    found = docx_text(raw_docx(tmp_path / "a.docx", body))
    assert _find(found, "13812345678") == ["正文第 1 段"]
    assert _find(found, ID) == ["正文第 2 段"]  # a tracked deletion is still in the file
    assert _find(found, "13912345678")


def test_python_docx_comment_and_header(tmp_path):
    from docx import Document

    doc = Document()
    para = doc.add_paragraph("请联系办公室。")
    doc.add_comment(para.runs, text="经办人手机 15012345678", author="审核")
    doc.sections[0].header.paragraphs[0].text = f"经办人身份证 {ID}"
    path = tmp_path / "b.docx"
    doc.save(str(path))
    found = docx_text(path)
    assert _find(found, "15012345678") == ["批注第 1 段"]
    assert _find(found, ID) and _find(found, ID)[0].startswith("页眉")


def test_xlsx_shared_inline_numbers_unused_and_comments(tmp_path):
    path = raw_xlsx(
        tmp_path / "c.xlsx",
        shared=["<t>户主</t>", f"<r><t>{ID[:9]}</t></r><r><t>{ID[9:]}</t></r>", "<t>旧值 13612345678</t>"],
        sheets={
            "排查统计": (
                '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
                '<row r="2"><c r="B2" t="s"><v>1</v></c><c r="C2"><v>13812345678</v></c>'
                '<c r="D2" t="inlineStr"><is><t>139-1234-5678</t></is></c></row>'
            )
        },
        comments='<comment ref="E2"><text><r><t>本人手机 18612345678</t></r></text></comment>',
    )
    found = xlsx_text(path)
    assert _find(found, ID) == ["工作表“排查统计”B2 单元格"]  # rich text runs joined
    assert _find(found, "13812345678") == ["工作表“排查统计”C2 单元格"]  # typed as a number
    assert _find(found, "13912345678") == ["工作表“排查统计”D2 单元格"]
    assert _find(found, "13612345678") == ["共享字符串第 3 项（没有单元格使用，但仍在文件中）"]
    assert _find(found, "18612345678") == ["批注（comments1.xml，E2 单元格）"]


def test_encrypted_pdf_is_unreadable(tmp_path):
    import pypdf

    writer = pypdf.PdfWriter(clone_from=str(FIXTURES / "zhiban-biao.pdf"))
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    with pytest.raises(Unreadable, match="密码"):
        pdf_text(path)


# -- hostile packages ----------------------------------------------------------------------------


def test_doctype_and_entities_are_refused(tmp_path):
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>'
    )
    path = _zip(tmp_path / "laughs.docx", {"word/document.xml": laughs})
    with pytest.raises(Unreadable, match="DOCTYPE"):
        docx_text(path)
    external = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        f'<sst xmlns="{S}"><si><t>&e;</t></si></sst>'
    )
    path = raw_xlsx(tmp_path / "xxe.xlsx", [], {"表": ""})
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("xl/sharedStrings2.xml", external)
    with pytest.raises(Unreadable, match="DOCTYPE"):
        xlsx_text(path)


def test_zip_bomb_stops_at_the_declared_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(T, "MAX_PART_BYTES", 1024 * 1024)
    body = "<w:p><w:r><w:t>" + "0" * (2 * 1024 * 1024) + "</w:t></w:r></w:p>"
    path = raw_docx(tmp_path / "bomb.docx", body)
    assert path.stat().st_size < 20_000  # 2 MB of text in a few kilobytes
    with pytest.raises(Unreadable, match="上限"):
        docx_text(path)


def test_zip_bomb_over_many_parts_stops_at_the_total(tmp_path, monkeypatch):
    monkeypatch.setattr(T, "MAX_TOTAL_BYTES", 3 * 1024 * 1024)
    filler = "<w:p><w:r><w:t>" + "0" * (1024 * 1024) + "</w:t></w:r></w:p>"
    headers = {f"header{i}": f'<w:hdr xmlns:w="{W}">{filler}</w:hdr>' for i in range(1, 6)}
    with pytest.raises(Unreadable, match="压缩炸弹"):
        docx_text(raw_docx(tmp_path / "bombs.docx", "<w:p/>", **headers))


def _understate_size(path: Path, name: str, size: int) -> None:
    """Rewrite the uncompressed size of entry ``name`` in both its local header and the
    central directory (a package that lies about how big a part is)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(name)
    struct.pack_into("<I", data, info.header_offset + 22, size)  # local file header
    central = data.find(b"PK\x01\x02")
    while central != -1:
        n = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + n] == name.encode():
            struct.pack_into("<I", data, central + 24, size)
            break
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


def test_part_larger_than_declared_is_refused(tmp_path):
    body = "<w:p><w:r><w:t>" + "正文" * 50_000 + "</w:t></w:r></w:p>"
    path = raw_docx(tmp_path / "liar.docx", body)
    _understate_size(path, "word/document.xml", 1000)
    with zipfile.ZipFile(path) as z:
        assert z.getinfo("word/document.xml").file_size == 1000
    with pytest.raises(Unreadable):
        docx_text(path)


def test_too_many_entries_and_not_a_package(tmp_path, monkeypatch):
    monkeypatch.setattr(T, "MAX_ENTRIES", 50)
    parts = {f"word/media/x{i}.bin": b"" for i in range(60)}
    path = raw_docx(tmp_path / "many.docx", "<w:p/>")
    with zipfile.ZipFile(path, "a") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    with pytest.raises(Unreadable, match="条目"):
        docx_text(path)
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(Unreadable, match="zip"):
        docx_text(tmp_path / "bad.docx")
    with pytest.raises(Unreadable, match="document.xml"):
        docx_text(_zip(tmp_path / "empty.docx", {"a.txt": "x"}))


def test_other_formats_have_no_text_to_read(tmp_path):
    (tmp_path / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert attachment_text(tmp_path / "a.png") == []
