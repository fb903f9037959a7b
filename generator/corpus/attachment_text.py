"""The text inside attachment files that the site offers as downloads (DOCX, XLSX, PDF), so
that the privacy rule X004 can read what the public will be able to read.

These files are input from a pull request like everything else, so they are read
defensively:

* DOCX and XLSX are zip packages: at most :data:`MAX_ENTRIES` entries, and only the parts that
  hold text are read, each declared at most :data:`MAX_PART_BYTES` uncompressed and all of them
  together at most :data:`MAX_TOTAL_BYTES`; the bytes actually inflated are counted against the
  same limits (a zip bomb stops at the limit, not after filling the memory).
* Their XML is parsed by the standard library's expat, streaming, with document type
  declarations refused (OOXML never has one; entity expansion and external entities are
  how XML is made to explode or to read other files).
* PDF text comes from pypdf (pure Python), at most :data:`MAX_PDF_PAGES` pages; a PDF with a
  password cannot be read by the public either and is refused. Scanned pages hold pictures,
  not text: nothing can be found in them.

A file that cannot be read within these limits raises :class:`Unreadable` with a sentence for
the editor (rule X006 reports it: a file that cannot be checked is not published).
"""

from __future__ import annotations

import logging
import posixpath
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

#: Entries a DOCX or XLSX package may have (Word and Excel files have a few dozen).
MAX_ENTRIES = 2000
#: Uncompressed size of one XML part read for its text, and of all of them together.
MAX_PART_BYTES = 32 * 1024 * 1024
MAX_TOTAL_BYTES = 96 * 1024 * 1024
#: Pages of a PDF read for their text.
MAX_PDF_PAGES = 1000

#: The suffixes whose text is read.
TEXT_SUFFIXES = (".docx", ".xlsx", ".pdf")

_CHUNK = 64 * 1024


class Unreadable(Exception):
    """The attachment cannot be read within the limits; the message says why (Chinese)."""


@dataclass
class _Budget:
    """Bytes that may still be inflated from one package."""

    left: int = field(default_factory=lambda: MAX_TOTAL_BYTES)

    def take(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise Unreadable(
                f"解压后的内容超过 {MAX_TOTAL_BYTES // (1024 * 1024)} MB，"
                "这不像正常的 Word 或 Excel 文件（可能是“压缩炸弹”）"
            )


def _local(name: str) -> str:
    """``{namespace} local`` (expat with a namespace separator) → ``local``."""
    return name.rsplit(" ", 1)[-1]


def _refuse_dtd(*_args) -> None:
    raise Unreadable("XML 中有文档类型声明（DOCTYPE/实体）：Word 和 Excel 文件不会有，可能是恶意构造的文件")


def _parse(
    z: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    budget: _Budget,
    start: Callable[[str, dict], None],
    end: Callable[[str], None],
    text: Callable[[str], None],
) -> None:
    """Stream one XML part of ``z`` through expat; element names are local names."""
    if info.file_size > MAX_PART_BYTES:
        raise Unreadable(
            f"其中的 {info.filename} 解压后有 {info.file_size // (1024 * 1024)} MB，"
            f"超过 {MAX_PART_BYTES // (1024 * 1024)} MB 的上限：请把文件拆小，或另存为 PDF"
        )
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.StartElementHandler = lambda name, attrs: start(_local(name), attrs)
    parser.EndElementHandler = lambda name: end(_local(name))
    parser.CharacterDataHandler = text
    read = 0
    try:
        with z.open(info) as handle:
            while True:
                chunk = handle.read(_CHUNK)
                if not chunk:
                    break
                read += len(chunk)
                if read > info.file_size:  # more than declared: never trust the header
                    raise Unreadable(f"其中的 {info.filename} 实际内容比声明的大：文件已损坏或被篡改")
                budget.take(len(chunk))
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise Unreadable(
            f"其中的 {info.filename} 不是有效的 XML（{expat.ErrorString(exc.code)}，"
            f"第 {exc.lineno} 行）：文件已损坏，请用 Word 或 Excel 重新保存"
        ) from None
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise Unreadable(f"其中的 {info.filename} 无法解压（{exc}）：文件已损坏，请重新保存") from None


def _open_package(path: Path) -> zipfile.ZipFile:
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Unreadable(
            f"不是有效的 zip 包（{exc}）：DOCX 和 XLSX 文件都是 zip 包，文件可能已损坏，请重新保存"
        ) from None
    if len(z.infolist()) > MAX_ENTRIES:
        z.close()
        raise Unreadable(f"包中有 {len(z.infolist())} 个条目，超过 {MAX_ENTRIES} 个：这不像正常的 Word 或 Excel 文件")
    return z


def _parts(z: zipfile.ZipFile, pattern: str) -> list[zipfile.ZipInfo]:
    """Entries whose name matches ``pattern`` (whole name), in a natural order (sheet2 before sheet10)."""
    rx = re.compile(pattern)

    def key(info: zipfile.ZipInfo):
        return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", info.filename)]

    return sorted((i for i in z.infolist() if rx.fullmatch(i.filename) and not i.is_dir()), key=key)


# -- DOCX ---------------------------------------------------------------------------------------

#: Parts of a Word file whose text is published with it, and how a message names them.
_DOCX_PARTS = (
    (r"word/document\d*\.xml", "正文"),
    (r"word/header\d*\.xml", "页眉"),
    (r"word/footer\d*\.xml", "页脚"),
    (r"word/footnotes\.xml", "脚注"),
    (r"word/endnotes\.xml", "尾注"),
    (r"word/comments\.xml", "批注"),
    (r"docProps/core\.xml", "文档属性"),
)
#: Elements whose character data is text: w:t (runs), w:delText (deleted text that a reader
#: sees with the revisions shown), w:instrText (field codes), a:t (text in shapes), m:t (math).
_DOCX_TEXT = frozenset({"t", "delText", "instrText"})


def _docx_part(z: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, budget: _Budget) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    stack: list[list[str]] = []  # open paragraphs (a text box's paragraph sits inside another)
    count = [0]
    depth_in_text = [0]
    loose: list[str] = []  # text outside paragraphs (document properties)

    def start(name: str, _attrs) -> None:
        if name == "p":
            stack.append([])
        elif name in _DOCX_TEXT:
            depth_in_text[0] += 1
        elif name == "tab" and stack:
            stack[-1].append("\t")
        elif name in ("br", "cr") and stack:
            stack[-1].append(" ")

    def end(name: str) -> None:
        if name == "p" and stack:
            paragraph = "".join(stack.pop())
            if paragraph.strip():  # counted as a reader counts: paragraphs with text
                count[0] += 1
                out.append((f"{label}第 {count[0]} 段", paragraph))
        elif name in _DOCX_TEXT:
            depth_in_text[0] -= 1

    def text(data: str) -> None:
        if depth_in_text[0] > 0 or (not stack and label == "文档属性"):
            (stack[-1] if stack else loose).append(data)

    _parse(z, info, budget, start, end, text)
    if loose and "".join(loose).strip():
        out.append((label, " ".join(t for t in loose if t.strip())))
    return out


def docx_text(path: Path) -> list[tuple[str, str]]:
    """(where, paragraph) of the text in a Word file: body, headers and footers, footnotes,
    endnotes, comments and document properties. Raises :class:`Unreadable`."""
    budget = _Budget()
    with _open_package(path) as z:
        if "word/document.xml" not in z.namelist():
            raise Unreadable("包中没有 word/document.xml：这不是 Word 文件（.docx），请用 Word 重新保存")
        out: list[tuple[str, str]] = []
        for pattern, label in _DOCX_PARTS:
            for info in _parts(z, pattern):
                name = (
                    label
                    if label in ("正文", "脚注", "尾注", "批注", "文档属性")
                    else f"{label}（{posixpath.basename(info.filename)}）"
                )
                out.extend(_docx_part(z, info, name, budget))
        return out


# -- XLSX ---------------------------------------------------------------------------------------

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass
class _Sheet:
    name: str
    part: str
    cells: list[tuple[str, str]] = field(default_factory=list)


def _collect(z: zipfile.ZipFile, name: str, budget: _Budget, element: str, attrs_of: Callable[[dict], object]) -> list:
    """The attributes (through ``attrs_of``) of every ``element`` of the part ``name``, if present."""
    try:
        info = z.getinfo(name)
    except KeyError:
        return []
    found: list = []
    _parse(
        z,
        info,
        budget,
        lambda n, a: found.append(attrs_of(a)) if n == element else None,
        lambda n: None,
        lambda t: None,
    )
    return found


def _sheets(z: zipfile.ZipFile, budget: _Budget) -> list[_Sheet]:
    """The worksheets in workbook order, with their names (from workbook.xml and its rels)."""
    rels = dict(
        _collect(z, "xl/_rels/workbook.xml.rels", budget, "Relationship", lambda a: (a.get("Id"), a.get("Target", "")))
    )
    sheets: list[_Sheet] = []
    for sheet_name, rid in _collect(
        z, "xl/workbook.xml", budget, "sheet", lambda a: (a.get("name", "?"), a.get(f"{_REL_NS} id"))
    ):
        target = rels.get(rid)
        if not target:
            continue
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        sheets.append(_Sheet(sheet_name, part))
    known = {s.part for s in sheets}
    for info in _parts(z, r"xl/worksheets/[^/]+\.xml"):  # sheets the workbook does not name
        if info.filename not in known:
            sheets.append(_Sheet(posixpath.basename(info.filename), info.filename))
    return sheets


def _shared_strings(z: zipfile.ZipFile, budget: _Budget) -> list[str]:
    strings: list[str] = []
    parts: list[str] = []
    inside = [0]

    def start(name: str, _attrs) -> None:
        if name == "si":
            parts.clear()
        elif name == "t":
            inside[0] += 1

    def end(name: str) -> None:
        if name == "si":
            strings.append("".join(parts))
        elif name == "t":
            inside[0] -= 1

    def text(data: str) -> None:
        if inside[0]:
            parts.append(data)

    for info in _parts(z, r"xl/sharedStrings\d*\.xml"):
        _parse(z, info, budget, start, end, text)
    return strings


def _sheet_cells(z: zipfile.ZipFile, sheet: _Sheet, strings: list[str], used: set[int], budget: _Budget) -> None:
    """The text of each cell of ``sheet``: shared strings by index, inline strings, and the
    values of other cells as written (a mobile number is often typed as a number)."""
    try:
        info = z.getinfo(sheet.part)
    except KeyError:
        return
    cell: dict = {}
    buf: list[str] = []
    grab = [0]

    def start(name: str, attrs) -> None:
        if name == "c":
            cell.clear()
            cell.update(ref=attrs.get("r", "?"), type=attrs.get("t", "n"), value=None, inline=[])
        elif name in ("v", "t") and cell:
            grab[0] += 1
            buf.clear()

    def end(name: str) -> None:
        if name == "v" and cell:
            grab[0] -= 1
            cell["value"] = "".join(buf)
        elif name == "t" and cell:
            grab[0] -= 1
            cell["inline"].append("".join(buf))
        elif name == "c" and cell:
            text_of_cell = None
            if cell["type"] == "s" and cell["value"] is not None:
                try:
                    index = int(cell["value"])
                    text_of_cell = strings[index]
                    used.add(index)
                except (ValueError, IndexError):
                    text_of_cell = None
            elif cell["type"] == "inlineStr":
                text_of_cell = "".join(cell["inline"])
            elif cell["value"] is not None:
                text_of_cell = cell["value"]
            if text_of_cell and text_of_cell.strip():
                sheet.cells.append((cell["ref"], text_of_cell))
            cell.clear()

    def text(data: str) -> None:
        if grab[0]:
            buf.append(data)

    _parse(z, info, budget, start, end, text)


def _comments(z: zipfile.ZipFile, budget: _Budget) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for info in _parts(z, r"xl/comments\d*\.xml"):
        current: dict = {}
        inside = [0]

        def start(name: str, attrs, current=current, inside=inside) -> None:
            if name == "comment":
                current.update(ref=attrs.get("ref", "?"), text=[])
            elif name == "t" and current:
                inside[0] += 1

        def end(name: str, current=current, inside=inside, info=info) -> None:
            if name == "t" and current:
                inside[0] -= 1
            elif name == "comment" and current:
                body = "".join(current["text"])
                if body.strip():
                    out.append((f"批注（{posixpath.basename(info.filename)}，{current['ref']} 单元格）", body))
                current.clear()

        def text(data: str, current=current, inside=inside) -> None:
            if inside[0] and current:
                current["text"].append(data)

        _parse(z, info, budget, start, end, text)
    return out


def xlsx_text(path: Path) -> list[tuple[str, str]]:
    """(where, text) of the text in an Excel file: every cell's text (shared strings, inline
    strings and values) by sheet and cell, shared strings no cell uses, comments and document
    properties. Raises :class:`Unreadable`."""
    budget = _Budget()
    with _open_package(path) as z:
        if "xl/workbook.xml" not in z.namelist():
            raise Unreadable("包中没有 xl/workbook.xml：这不是 Excel 文件（.xlsx），请用 Excel 重新保存")
        strings = _shared_strings(z, budget)
        used: set[int] = set()
        out: list[tuple[str, str]] = []
        for sheet in _sheets(z, budget):
            _sheet_cells(z, sheet, strings, used, budget)
            out.extend((f"工作表“{sheet.name}”{ref} 单元格", text) for ref, text in sheet.cells)
        out.extend(
            (f"共享字符串第 {i + 1} 项（没有单元格使用，但仍在文件中）", s)
            for i, s in enumerate(strings)
            if i not in used and s.strip()
        )
        out.extend(_comments(z, budget))
        for info in _parts(z, r"docProps/core\.xml"):
            out.extend(_docx_part(z, info, "文档属性", budget))
        return out


# -- PDF ----------------------------------------------------------------------------------------


def pdf_text(path: Path) -> list[tuple[str, str]]:
    """(where, text) of each page of a PDF with text, through pypdf. Raises :class:`Unreadable`."""
    import pypdf

    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)  # pypdf warns about every small defect of a real file
    try:
        try:
            reader = pypdf.PdfReader(str(path), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise Unreadable("PDF 设有打开密码：公众无法打开，govpub 也无法检查其中的文字。请去掉密码后再作为附件")
            pages = len(reader.pages)
        except Unreadable:
            raise
        except Exception as exc:  # noqa: BLE001 - a parser of hostile input may fail in any way
            raise Unreadable(f"PDF 无法读取（{type(exc).__name__}）：文件可能已损坏，请重新导出") from None
        if pages > MAX_PDF_PAGES:
            raise Unreadable(f"PDF 有 {pages} 页，超过 {MAX_PDF_PAGES} 页的检查上限：请拆分为几个附件")
        out: list[tuple[str, str]] = []
        for n in range(pages):
            try:
                text = reader.pages[n].extract_text() or ""
            except Exception as exc:  # noqa: BLE001 - as above: this page cannot be checked
                raise Unreadable(
                    f"PDF 第 {n + 1} 页的文字无法读取（{type(exc).__name__}）：文件可能已损坏，请重新导出"
                ) from None
            if text.strip():
                out.append((f"第 {n + 1} 页", text))
        return out
    finally:
        pypdf_log.setLevel(level)


def attachment_text(path: Path) -> list[tuple[str, str]]:
    """(where, text) of the text in the DOCX, XLSX or PDF file ``path`` (by its suffix); an
    empty list for other formats. Raises :class:`Unreadable`."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return docx_text(path)
    if suffix == ".xlsx":
        return xlsx_text(path)
    if suffix == ".pdf":
        return pdf_text(path)
    return []
