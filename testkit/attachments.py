"""Small DOCX, XLSX and PDF files written by hand for the tests (attachments)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def zip_parts(path: Path, parts: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def raw_docx(path: Path, body: str, **parts: str) -> Path:
    doc = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    return zip_parts(
        path,
        {"[Content_Types].xml": "<Types/>", "word/document.xml": doc, **{f"word/{k}.xml": v for k, v in parts.items()}},
    )


def raw_xlsx(path: Path, shared: list[str], sheets: dict[str, str], comments: str | None = None) -> Path:
    """An Excel package written by hand: ``shared`` strings (raw <si> content), sheets by name
    (raw <sheetData> content)."""
    parts: dict[str, str] = {"[Content_Types].xml": "<Types/>"}
    entries, rels = [], []
    for i, (name, data) in enumerate(sheets.items(), 1):
        entries.append(f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>')
        rels.append(f'<Relationship Id="rId{i}" Type="{R}/worksheet" Target="worksheets/sheet{i}.xml"/>')
        parts[f"xl/worksheets/sheet{i}.xml"] = f'<worksheet xmlns="{S}"><sheetData>{data}</sheetData></worksheet>'
    parts["xl/workbook.xml"] = f'<workbook xmlns="{S}" xmlns:r="{R}"><sheets>{"".join(entries)}</sheets></workbook>'
    parts["xl/_rels/workbook.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'relationships">{"".join(rels)}</Relationships>'
    )
    parts["xl/sharedStrings.xml"] = f'<sst xmlns="{S}">{"".join(f"<si>{s}</si>" for s in shared)}</sst>'
    if comments:
        parts["xl/comments1.xml"] = f'<comments xmlns="{S}"><commentList>{comments}</commentList></comments>'
    return zip_parts(path, parts)


def minimal(suffix: str, tmp: Path) -> bytes:
    """The bytes of a small valid file of the format ``suffix`` (.pdf, .docx, .xlsx) with
    nothing personal in it."""
    if suffix == ".pdf":
        import pypdf

        writer = pypdf.PdfWriter()
        writer.add_blank_page(width=595, height=842)
        buf = io.BytesIO()
        writer.write(buf)
        return buf.getvalue()
    if suffix == ".docx":
        return raw_docx(tmp / "minimal.docx", "<w:p><w:r><w:t>附件正文</w:t></w:r></w:p>").read_bytes()
    if suffix == ".xlsx":
        return raw_xlsx(
            tmp / "minimal.xlsx", ["<t>合计</t>"], {"表1": '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'}
        ).read_bytes()
    raise ValueError(suffix)
