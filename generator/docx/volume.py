"""The year's archive volume (年度归档; DA/T 22-2015; README: Word 文件).

``export_volume(corpus, year, out_dir, as_of)`` writes into ``out_dir``:

* one DOCX per item (件), in GB/T 9704 layout with the 归档章 at the top of page 1, named
  ``<档号>.docx`` — every document signed in ``year`` except classified register entries
  (秘密 机密 绝密); public and 内部 documents alike;
* ``<档号>.pdf`` beside it, a PDF/A-2b copy (when LibreOffice can make one; ``pdfa``);
* ``目录.docx`` (and ``目录.pdf``): the 归档文件目录, one cover and one table per class;
* ``manifest.csv`` (UTF-8 with BOM, so Excel shows the Chinese) and ``manifest.json``: one
  row per file with its metadata, byte size and SHA-256.

Order and numbers (DA/T 22-2015 cl. 6-7): classes 保管期限 (永久 30年 10年 → Y D30 D10), then
机构 in the order ``site.yml: departments`` lists them (the fonds' classification scheme);
inside a class by 成文日期, then 发文字号; 件号 restarts at 0001 in every class;
档号 = ``全宗号-WS·年度-保管期限代码-机构代码-件号`` (J012-WS·2025-Y-BGS-0001).

页数 is what LibreOffice really renders. Each item is written with the page count the writer's
own line tracker expects stamped into the 归档章, then rendered; an item whose rendering
disagrees is written again with the rendered count and rendered again, until the count in
the stamp is the count of that very file (the stamp sits in the first-page header, in the
blank top margin, so it cannot move the text). Writing and rendering overlap: every batch of
100 written files goes to LibreOffice at once, one batch per CPU at a time, in private
profiles (a small Basic macro loads each file once, asks the layout for its page count and,
for PDF/A, stores the PDF), falling back to ``soffice --convert-to`` when the macro cannot run.

Re-running the export on the same corpus gives byte-identical DOCX files, catalogue and
manifests; the PDFs are made reproducible too (dates, ``/ID``, the ICC profile's creation
date are fixed; batches have a fixed composition because LibreOffice numbers the Type 1 fonts
it embeds with a process-wide counter), see :func:`normalise_pdf`.

Nothing half-written is ever left in ``out_dir``: the volume is built in a hidden folder
beside it and moved into place when complete; an existing volume is replaced as a whole, in
one step where the system can exchange two folders (:func:`generator.outputs.exchange`), so
``out_dir`` always holds a complete volume. Where it cannot, the old volume is renamed aside
first, and an export interrupted between the two renames is repaired by the next export
before it does anything else (even one that then refuses). ``out_dir`` must be new, empty or
a volume govpub wrote (:func:`generator.outputs.guard_dir`), recognised by its own
``manifest.json`` (:func:`_is_volume`: the folder goes to the archive, so it carries no
marker file); never the corpus.

``manifest.csv`` neutralises cells that a spreadsheet would run as a formula (starting with
``= + - @``, a tab or a carriage return, or a quote) by putting ``'`` in front;
``manifest.json`` keeps the exact text, and :func:`verify_manifest` reads both back alike.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import time
import uuid
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence
from xml.sax.saxutils import escape as xml_escape

from docx.oxml import parse_xml

from ..check import check_corpus
from ..diagnostics import Diagnostic
from ..errors import Refused
from ..model import Corpus, Document
from ..outputs import exchange, guard_dir
from ..schema import SECRET_LEVELS
from . import layout as L
from . import ooxml as X
from .builder import W_NS as _W_NS
from .builder import CoreProps, GovDocx, Span, split_script
from .document import DocumentLayoutError, DocumentWriter, FilingStamp
from .libreoffice import BATCH, INSTALL_HINT, LibreOfficeError, Office, pdf_page_count, soffice_path
from .libreoffice import Job as _LoJob

__all__ = [
    "export_volume",
    "plan_volume",
    "verify_manifest",
    "write_catalogue",
    "normalise_pdf",
    "pdf_page_count",
    "pdfa_identification",
    "VolumeItem",
    "VolumeResult",
    "VolumeError",
    "RETENTION_CODES",
    "MANIFEST_COLUMNS",
]

#: 保管期限 → DA/T 22-2015 code, in class order.
RETENTION_CODES = {"永久": "Y", "30年": "D30", "10年": "D10"}
#: 文书 (documents) — the 门类代码 in the 档号.
CATEGORY_CODE = "WS"
CATALOGUE_NAME = "目录"
MANIFEST_COLUMNS = ("档号", "文号", "题名", "责任者", "日期", "密级", "页数", "保管期限", "机构",
                    "文件名", "格式", "字节数", "SHA-256")
FORMAT_DOCX = "DOCX"
FORMAT_PDFA = "PDF/A-2b"

class VolumeError(Refused):
    """The export refused (exit 1): ``problems`` says what must be fixed first."""

    def __init__(self, message: str, problems: Sequence[str] = ()):
        self.problems = list(problems)
        text = message
        if self.problems:
            text += "\n" + "\n".join(f"  {p}" for p in self.problems)
        super().__init__(text)


# --- planning: which items, in which order, with which numbers -------------------------------------


@dataclass
class VolumeItem:
    """One 件 of the volume."""

    doc: Document
    retention: str  # 永久 / 30年 / 10年
    retention_code: str  # Y / D30 / D10
    department: str
    department_code: str
    item_no: int  # 件号, from 1 in each class
    archive_no: str  # 档号
    fonds: str
    year: int
    pages: int | None = None

    @property
    def stamp(self) -> FilingStamp:
        return FilingStamp(fonds=self.fonds, year=self.year, item_no=self.item_no,
                           department=self.department, retention=self.retention,
                           pages=self.pages if self.pages is not None else 0)

    @property
    def klass(self) -> tuple[str, str]:
        return self.retention, self.department


def archive_number(fonds: str, year: int, retention_code: str, department_code: str, item_no: int) -> str:
    """档号: 全宗号-WS·年度-保管期限代码-机构代码-件号 (件号 4 digits)."""
    return f"{fonds}-{CATEGORY_CODE}·{year}-{retention_code}-{department_code}-{item_no:04d}"


def in_volume(doc: Document, year: int) -> bool:
    """Signed in ``year`` and not a classified register entry."""
    return (doc.signed_on is not None and doc.signed_on.year == year
            and doc.classification not in SECRET_LEVELS)


def plan_volume(corpus: Corpus, year: int) -> list[VolumeItem]:
    """The items of ``year``'s volume in DA/T 22 order, numbered. Raises :class:`VolumeError`
    when a number cannot be formed (no 全宗号, a 机构 without a code)."""
    agency = corpus.agency
    fonds = (agency.fonds or "").strip()
    departments = dict(agency.departments or {})
    dept_rank = {name: i for i, name in enumerate(departments)}
    docs = [d for d in corpus.documents if in_volume(d, year)]
    problems = []
    if not fonds:
        problems.append("content/site.yml：缺少 fonds（全宗号），无法编制档号")
    for d in docs:
        if d.department not in departments:
            problems.append(f"{d.path}：机构“{d.department}”未在 content/site.yml 的 departments 中登记，"
                            "无法编制档号（请登记机构代码，或改写 department）")
        if d.retention not in RETENTION_CODES:
            problems.append(f"{d.path}：保管期限“{d.retention}”不是 永久、30年、10年 之一")
    if problems:
        raise VolumeError(f"{year} 年度的归档文件无法编号：", problems)
    retention_rank = {r: i for i, r in enumerate(RETENTION_CODES)}

    def key(d: Document):
        number = d.number
        return (retention_rank[d.retention], dept_rank[d.department], d.signed_on,
                (number.code, number.year, number.seq) if number else ("", 0, 0),
                d.number_raw or "", d.path)

    items: list[VolumeItem] = []
    counters: dict[tuple[str, str], int] = {}
    for d in sorted(docs, key=key):
        klass = (d.retention, d.department)
        counters[klass] = counters.get(klass, 0) + 1
        n = counters[klass]
        rc, dc = RETENTION_CODES[d.retention], str(departments[d.department]).strip()
        items.append(VolumeItem(doc=d, retention=d.retention, retention_code=rc, department=d.department,
                                department_code=dc, item_no=n,
                                archive_no=archive_number(fonds, year, rc, dc, n), fonds=fonds, year=year))
    return items


def year_errors(diagnostics: Iterable[Diagnostic], corpus: Corpus, year: int) -> list[Diagnostic]:
    """The errors that concern ``year``'s volume: errors in its documents (signed in that year
    or filed in that year's folder, register entries included: their numbers take part in the
    numbering), in the attachment files they use and in content/site.yml."""
    paths = {"content/site.yml"}
    for d in corpus.documents:
        if (d.signed_on is not None and d.signed_on.year == year) or d.year_folder == year:
            paths.add(d.path)
            for a in d.attachments:
                if a.file:
                    paths.add(a.file.lstrip("./"))
    return [x for x in diagnostics if x.severity == "error" and x.path in paths]


# --- the result ---------------------------------------------------------------------------------------


@dataclass
class VolumeResult:
    out_dir: Path
    year: int
    items: list[VolumeItem]
    #: manifest rows (dicts keyed by MANIFEST_COLUMNS), in manifest order
    files: list[dict]
    pdfa: bool
    warnings: list[str] = field(default_factory=list)
    #: seconds per phase (check, write, render, catalogue, pdf, package, total)
    timings: dict[str, float] = field(default_factory=dict)
    #: how LibreOffice was driven: "macro" or "convert"
    engine: str = ""
    #: items whose first rendering disagreed with the writer's estimate (written twice)
    rerendered: int = 0


# --- export -------------------------------------------------------------------------------------------


def export_volume(corpus: Corpus, year: int, out_dir: Path | str, as_of: dt.date, *,
                  pdfa: bool | None = None, lanes: int | None = None,
                  progress: Callable[[str], None] | None = None) -> VolumeResult:
    """Export ``year``'s archive volume into ``out_dir`` (README: Word 文件).

    ``pdfa``: None (default) writes a PDF/A-2b copy of every item when LibreOffice can make
    one (a warning otherwise); True requires them; False skips them. ``lanes`` is the number
    of LibreOffice processes run side by side (default: the CPU count, at most 4).
    ``as_of`` is the date the corpus is checked on; nothing in the output depends on it.

    Raises :class:`VolumeError` (exit 1) when the year's documents have errors, when there
    is nothing to archive, when LibreOffice is missing or fails; ``out_dir`` is then left as
    it was. Returns what was written.
    """
    t_start = time.perf_counter()
    timings: dict[str, float] = {}
    say = progress or (lambda _msg: None)
    out_dir = Path(out_dir)
    try:  # first of all: put back a volume an interrupted export left aside
        _recover(out_dir.resolve().parent, out_dir.name)
    except OSError:
        pass  # the guard or the export reports what is wrong with the place
    out_dir = guard_dir(out_dir, corpus.root, "volume", recognise=_is_volume)

    # 1. the year's documents must be free of errors
    t = time.perf_counter()
    check = check_corpus(corpus, as_of)
    errors = year_errors(check.diagnostics, corpus, year)
    timings["check"] = time.perf_counter() - t
    if errors:
        raise VolumeError(
            f"{year} 年度的公文有 {len(errors)} 个错误（govpub check），请先改正再归档：",
            [f"{e.path}:{e.line}: {e.code} {e.message}" for e in errors])
    items = plan_volume(corpus, year)
    if not items:
        raise VolumeError(f"{year} 年没有可归档的公文（成文日期在该年、且不是涉密登记的公文）")
    exe = soffice_path()
    if exe is None:
        raise VolumeError("导出归档文件需要 LibreOffice 来确定每件文件的真实页数（页数），但没有找到 soffice。"
                          + INSTALL_HINT + "。")

    want_pdf = pdfa is not False
    warnings: list[str] = []
    try:
        parent = out_dir.parent
        parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(parent, out_dir.name)
    except OSError as exc:
        raise VolumeError(f"无法使用输出位置 {out_dir}：{exc.strerror or exc}") from None
    staging = parent / f".{out_dir.name}.govpub-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    work = _ascii_tempdir("govpub-volume-")
    office = None
    try:
        # 2. write every item with the page count its layout predicts
        t = time.perf_counter()
        say(f"写出 {len(items)} 件公文的 DOCX……")
        docx_dir = work / "docx"
        pdf_dir = work / "pdf"
        docx_dir.mkdir()
        pdf_dir.mkdir()
        keys = [f"i{i:05d}" for i in range(len(items))]
        # 3. and render them as they are written: real page counts (and PDF/A)
        office = Office(exe=exe, work=work, lanes=lanes)
        if want_pdf:  # said once per export: the record copies carry these faces
            warnings.extend(office.font_warnings())
        say(f"用 LibreOffice 排版计页（{office.lanes} 个进程）{'并生成 PDF/A' if want_pdf else ''}……")
        estimates, results = _write_and_render(corpus, items, keys, docx_dir, pdf_dir if want_pdf else None,
                                               office)
        timings["write+render"] = time.perf_counter() - t
        if want_pdf:
            failed = [k for k in keys if results[k].pdf_error]
            if failed:
                detail = results[failed[0]].pdf_error
                if pdfa:
                    raise VolumeError(f"LibreOffice 无法生成 PDF/A 文件（{detail}）")
                warnings.append(f"LibreOffice 无法生成 PDF/A 文件（{detail}），本次只导出 DOCX")
                want_pdf = False
        pages = {k: results[k].pages for k in keys}

        # 4. items whose stamp was wrong: write again with the rendered count and render again,
        #    together with the catalogue (its 页数 column needs the final counts)
        t = time.perf_counter()
        index = {k: i for i, k in enumerate(keys)}
        stamped = dict(zip(keys, estimates))
        rerendered: set[str] = set()
        cat_key = "catalogue"
        cat_docx = docx_dir / f"{cat_key}.docx"
        todo = [k for k in keys if pages[k] != stamped[k]]
        for _attempt in range(4):
            for k in todo:
                item = items[index[k]]
                data, _ = _item_docx(corpus, item, pages=pages[k])
                (docx_dir / f"{k}.docx").write_bytes(data)
                stamped[k] = pages[k]
                rerendered.add(k)
            for k, item in zip(keys, items):
                item.pages = stamped[k]
            write_catalogue(items, corpus, year, cat_docx)
            jobs = [_job(k, docx_dir / f"{k}.docx", pdf_dir / f"{k}.pdf" if want_pdf else None)
                    for k in todo]
            cat_job = _job(cat_key, cat_docx, pdf_dir / f"{cat_key}.pdf" if want_pdf else None)
            say(f"计页：目录{'和 %d 件需重排的公文' % len(todo) if todo else ''}……")
            again = office.run(jobs, solo=[cat_job])
            jobs.append(cat_job)
            if want_pdf and any(again[j.key].pdf_error for j in jobs):
                bad = next(j for j in jobs if again[j.key].pdf_error)
                raise VolumeError(f"LibreOffice 无法生成 PDF/A 文件（{again[bad.key].pdf_error}）")
            results.update(again)
            pages.update({j.key: again[j.key].pages for j in jobs})
            todo = [k for k in todo if pages[k] != stamped[k]]
            if not todo:
                break
        else:
            raise VolumeError("归档章中的页数与排版结果始终不一致："
                              + "、".join(items[index[k]].archive_no for k in todo))
        timings["catalogue"] = time.perf_counter() - t

        # 5. PDFs: reproducible bytes, PDF/A identification, page count cross-check
        t = time.perf_counter()
        if want_pdf:
            say("整理 PDF/A 文件……")
            dates = {k: item.doc.signed_on for k, item in zip(keys, items)}
            dates[cat_key] = max(item.doc.signed_on for item in items)
            for k in [*keys, cat_key]:
                path = pdf_dir / f"{k}.pdf"
                data = normalise_pdf(path.read_bytes(), dates[k])
                ident = pdfa_identification(data)
                if ident != ("2", "B"):
                    raise VolumeError(f"LibreOffice 生成的 PDF 没有声明 PDF/A-2b（XMP 中为 {ident}）")
                n = pdf_page_count(data)
                if k != cat_key and n != stamped[k]:
                    raise VolumeError(f"{items[index[k]].archive_no}：PDF 有 {n} 页，归档章写的是 "
                                      f"{stamped[k]} 页")
                path.write_bytes(data)
        timings["pdf"] = time.perf_counter() - t

        # 6. the volume folder: final names, manifests, then move into place
        t = time.perf_counter()
        staging.mkdir()
        rows: list[dict] = []
        cat_rows = [("目录.docx", cat_docx, FORMAT_DOCX)]
        if want_pdf:
            cat_rows.append(("目录.pdf", pdf_dir / f"{cat_key}.pdf", FORMAT_PDFA))
        for name, src, fmt in cat_rows:
            rows.append(_catalogue_row(corpus, year, name, fmt, pages[cat_key], _move(src, staging / name)))
        for k, item in zip(keys, items):
            files = [(f"{item.archive_no}.docx", docx_dir / f"{k}.docx", FORMAT_DOCX)]
            if want_pdf:
                files.append((f"{item.archive_no}.pdf", pdf_dir / f"{k}.pdf", FORMAT_PDFA))
            for name, src, fmt in files:
                rows.append(_item_row(item, name, fmt, _move(src, staging / name)))
        _write_manifests(staging, rows, corpus, year)
        _replace_dir(staging, out_dir)
        timings["package"] = time.perf_counter() - t
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, LibreOfficeError):
            raise VolumeError(str(exc)) from exc
        if isinstance(exc, OSError):  # disk full, no permission …: a message, not a traceback
            raise VolumeError(f"导出到 {out_dir} 时文件读写失败：{exc}") from exc
        raise
    finally:
        if office is not None:
            office.close()
        shutil.rmtree(work, ignore_errors=True)
    timings["total"] = time.perf_counter() - t_start
    return VolumeResult(out_dir=out_dir, year=year, items=items, files=rows, pdfa=want_pdf,
                        warnings=warnings, timings=timings, engine=office.engine if office else "",
                        rerendered=len(rerendered))


def _ascii_tempdir(prefix: str) -> Path:
    """A new temporary folder whose path is plain ASCII (the LibreOffice macro reads paths
    from a file and the environment, where non-ASCII text depends on the locale)."""
    candidates = [None, "/tmp", "/var/tmp"]
    for base in candidates:
        try:
            path = Path(tempfile.mkdtemp(prefix=prefix, dir=base))
        except OSError:
            continue
        if str(path).isascii() and " " not in str(path):
            return path
        shutil.rmtree(path, ignore_errors=True)
    raise VolumeError("找不到路径为纯 ASCII 的临时文件夹：请把环境变量 TMPDIR 设为这样的文件夹")


_STALE_RE = r"\.{name}\.govpub-(old-)?(\d+)-[0-9a-f]{{8}}"


def _dead(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except (PermissionError, OSError):
        return False
    return False


def _recover(parent: Path, name: str) -> None:
    """When ``parent/name`` is missing but an export that was killed between its two renames
    left the old volume aside (``.name.govpub-old-PID-…``, its process gone), put it back."""
    if os.name != "posix" or not parent.is_dir() or (parent / name).exists():
        return
    pattern = re.compile(_STALE_RE.format(name=re.escape(name)))
    for path in sorted(parent.iterdir()):
        m = pattern.fullmatch(path.name)
        if m and m.group(1) and path.is_dir() and _dead(int(m.group(2))):
            os.rename(path, parent / name)
            return


def _remove_stale(parent: Path, name: str) -> None:
    """Hidden folders left beside the volume by an export that was killed (its process is
    gone): a staging folder never moved into place, or an old volume not yet deleted (once
    the volume itself is in place: :func:`_recover` runs first)."""
    if os.name != "posix":  # os.kill(pid, 0) only asks on POSIX (on Windows it terminates)
        return
    pattern = re.compile(_STALE_RE.format(name=re.escape(name)))
    for path in parent.iterdir():
        m = pattern.fullmatch(path.name)
        if not m or not path.is_dir():
            continue
        if m.group(1) and not (parent / name).exists():
            continue  # the only copy of the volume: never delete it
        if _dead(int(m.group(2))):
            shutil.rmtree(path, ignore_errors=True)


def _is_volume(folder: Path) -> bool:
    """Whether ``folder`` is a volume govpub wrote (for :func:`generator.outputs.guard_dir`).

    A volume is handed to the archive as it is, so govpub leaves no marker file in it: it is
    recognised by its ``manifest.json`` (fonds, year, category and the list of files), which
    must list every file in the folder; a folder holding anything else (a subfolder, a file
    not in the list) is not replaced."""
    try:
        data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not {"全宗号", "年度", "门类"} <= data.keys():
            return False
        listed = {str(row["文件名"]) for row in data["文件"]}
        for path in folder.iterdir():
            if path.name in ("manifest.json", "manifest.csv"):
                continue
            if path.name not in listed or path.is_symlink() or not path.is_file():
                return False
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return True


def _move(src: Path, dst: Path) -> tuple[int, str]:
    """Move ``src`` to ``dst``; returns (byte size, SHA-256)."""
    data = src.read_bytes()
    dst.write_bytes(data)
    src.unlink()
    return len(data), hashlib.sha256(data).hexdigest()


def _replace_dir(new: Path, out_dir: Path) -> None:
    """Put ``new`` where ``out_dir`` is, old and new files never mixed: one exchange where the
    system can (``out_dir`` is never missing), else the old folder is renamed aside first
    (and put back by the next export if this one is killed before the second rename)."""
    if out_dir.exists():
        if exchange(new, out_dir):
            shutil.rmtree(new, ignore_errors=True)  # the old volume, now where the new one was
            return
        old = out_dir.parent / f".{out_dir.name}.govpub-old-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        os.rename(out_dir, old)
        try:
            os.rename(new, out_dir)
        except BaseException:
            if not out_dir.exists():
                os.rename(old, out_dir)
            raise
        shutil.rmtree(old, ignore_errors=True)
        return
    os.rename(new, out_dir)


def _job(key: str, docx: Path, pdf: Path | None) -> _LoJob:
    """A LibreOffice job: the page count, and a PDF/A-2b copy when ``pdf`` is given."""
    return _LoJob(key, docx, pdf, pdfa=pdf is not None)


# --- writing the items ---------------------------------------------------------------------------------

_W = X.w


def _item_docx(corpus: Corpus, item: VolumeItem, *, pages: int | None) -> tuple[bytes, int]:
    """The item's DOCX and the page count the writer's line tracker expects.

    With ``pages`` the stamp carries it (exactly what ``write_document(...,
    filing_stamp=item.stamp)`` writes); without, the stamp carries the writer's own estimate,
    set into the built document before it is saved (one build instead of two)."""
    stamp = FilingStamp(fonds=item.fonds, year=item.year, item_no=item.item_no, department=item.department,
                        retention=item.retention, pages=pages if pages is not None else 0)
    writer = DocumentWriter(item.doc, corpus.agency, corpus_root=corpus.root, filing_stamp=stamp)
    writer.build()
    estimate = writer.gx.tracker.page
    if pages is None and not _set_stamp_pages(writer.gx, estimate):
        return _item_docx(corpus, item, pages=estimate)[0], estimate
    buf = io.BytesIO()
    writer.gx.save(buf)
    return buf.getvalue(), estimate


def _set_stamp_pages(gx: GovDocx, pages: int) -> bool:
    """Write ``pages`` into the 页数 cell (row 2, column 3) of the 归档章 already drawn with
    0; False when the stamp is not where it is expected (the caller then builds again)."""
    header = gx.document.sections[0].first_page_header._element
    paras = [p for p in header.iter(_W("p"))
             if any(s.get(_W("val")) == "GwStamp" for s in p.iter(_W("pStyle")))]
    if len(paras) != 6:
        return False
    texts = list(paras[5].iter(_W("t")))
    if len(texts) != 1 or texts[0].text != "0":
        return False
    texts[0].text = str(pages)
    return True


_POOL_CTX: tuple | None = None


def _write_one(args: tuple[int, str]) -> tuple[int, int, str | None]:
    index, key = args
    corpus, items, out = _POOL_CTX
    try:
        data, estimate = _item_docx(corpus, items[index], pages=None)
    except DocumentLayoutError as exc:
        return index, 0, f"{items[index].doc.path}：{exc}"
    (out / f"{key}.docx").write_bytes(data)
    return index, estimate, None


def _write_and_render(corpus: Corpus, items: list[VolumeItem], keys: list[str], docx_dir: Path,
                      pdf_dir: Path | None, office: Office) -> tuple[list[int], dict]:
    """Write every item (in worker processes when there are many) with its estimated page
    count, and hand each batch of written files to LibreOffice as soon as it is complete, so
    that writing and rendering overlap. Returns the estimates and the renderings."""
    global _POOL_CTX
    _POOL_CTX = (corpus, items, docx_dir)
    n = len(items)
    estimates = [0] * n
    problems: list[str] = []
    futures = []
    done = 0
    submitted = 0

    def collect(result: tuple[int, int, str | None]) -> None:
        nonlocal done, submitted
        index, estimate, error = result
        done += 1
        estimates[index] = estimate
        items[index].pages = estimate
        if error:
            problems.append(error)
        # results arrive in order: items [0, done) are written
        while not problems and (done - submitted >= BATCH or (done == n and submitted < n)):
            end = min(submitted + BATCH, n)
            futures.append(office.submit([
                _job(keys[i], docx_dir / f"{keys[i]}.docx", pdf_dir / f"{keys[i]}.pdf" if pdf_dir else None)
                for i in range(submitted, end)]))
            submitted = end

    try:
        todo = list(enumerate(keys))
        # the first item in this process: loads the word segmenter etc. once for all workers
        collect(_write_one(todo[0]))
        workers = min(os.cpu_count() or 1, 4)
        ctx = None
        if workers > 1 and n > 40:
            import multiprocessing as mp

            try:
                ctx = mp.get_context("fork")
            except ValueError:
                ctx = None
        if ctx is not None:
            with ctx.Pool(workers) as pool:
                for result in pool.imap(_write_one, todo[1:], chunksize=4):
                    collect(result)
        else:
            for t in todo[1:]:
                collect(_write_one(t))
    except BaseException:
        for future in futures:  # interrupted: batches not started yet are dropped
            future.cancel()
        raise
    finally:
        _POOL_CTX = None
        # wait for what was started, whatever happens, before the work folder goes
        results: dict = {}
        failure = None
        for future in futures:
            try:
                results.update(future.result())
            except BaseException as exc:  # noqa: BLE001 - re-raised below
                failure = failure or exc
    if problems:
        raise VolumeError("有公文无法排版：", sorted(problems))
    if failure is not None:
        raise failure
    return estimates, results


# --- the catalogue (归档文件目录) ------------------------------------------------------------------------

#: landscape A4; margins (mm) with the binding edge on the left
_CAT_MARGINS = dict(top=20.0, bottom=18.0, left=25.0, right=15.0)
#: columns and their widths in mm (sum = 297 − 25 − 15 = 257)
_CAT_COLUMNS = (("序号", 13), ("档号", 56), ("文号", 40), ("责任者", 34), ("题名", 57),
                ("日期", 22), ("密级", 11), ("页数", 12), ("备注", 12))
_CAT_SIZE = 10.5  # 五号
_CAT_HEADER_SIZE = 12.0  # 小四


def catalogue_title(doc: Document) -> str:
    """题名: the document's title; a title the archivist had to make up goes in [ ]."""
    title = (doc.title or "").strip()
    if title:
        return title
    return f"[{(doc.issuer or '').strip()}{doc.doc_type or '文件'}]"


def catalogue_rows(items: Sequence[VolumeItem]) -> list[list[str]]:
    """The table rows (without the header) of one class."""
    rows = []
    for i, item in enumerate(items, 1):
        doc = item.doc
        rows.append([
            str(i),
            item.archive_no,
            str(doc.number) if doc.number is not None else (doc.number_raw or ""),
            doc.issuer,
            catalogue_title(doc),
            doc.signed_on.strftime("%Y%m%d") if doc.signed_on else "",
            "" if doc.classification == "公开" else doc.classification,
            str(item.pages) if item.pages is not None else "",
            "",
        ])
    return rows


def write_catalogue(items: Sequence[VolumeItem], corpus: Corpus, year: int, out: Path | str) -> None:
    """目录.docx: for every class (保管期限 × 机构) a cover (全宗名称, 全宗号, 年度, 保管期限,
    机构（问题）, 件号 range) and the 归档文件目录 table on landscape A4.

    One cover per class: every class is a series of its own (件号 restart at 0001), so an
    archivist prints and binds one 目录 per class, the way DA/T 22 classes are shelved;
    keeping them in one file keeps the volume simple (one catalogue file to check in)."""
    agency = corpus.agency
    last = max((i.doc.signed_on for i in items if i.doc.signed_on), default=dt.date(year, 12, 31))
    gx = GovDocx(CoreProps(title=f"{agency.agency}{year}年度归档文件目录", author=agency.agency, date=last,
                           subject=f"{agency.fonds}-{CATEGORY_CODE}·{year}", keywords="归档文件目录",
                           category="归档文件目录", identifier=f"{agency.fonds}-{CATEGORY_CODE}·{year}"),
                 even_odd_footers=False)
    sect = gx.section._sectPr
    width = L.PAGE_HEIGHT
    X.set_child(sect, X.make("pgSz", w=L.PAGE_HEIGHT, h=L.PAGE_WIDTH, orient="landscape"), X.SECTPR_ORDER)
    X.set_child(sect, X.make("pgMar", top=L.mm(_CAT_MARGINS["top"]), right=L.mm(_CAT_MARGINS["right"]),
                             bottom=L.mm(_CAT_MARGINS["bottom"]), left=L.mm(_CAT_MARGINS["left"]),
                             header=L.mm(10), footer=L.mm(10), gutter=0), X.SECTPR_ORDER)
    X.remove_children(sect, "docGrid")
    text_width = width - L.mm(_CAT_MARGINS["left"]) - L.mm(_CAT_MARGINS["right"])
    classes: list[list[VolumeItem]] = []
    for item in items:
        if classes and classes[-1][0].klass == item.klass:
            classes[-1].append(item)
        else:
            classes.append([item])
    for n, members in enumerate(classes):
        _catalogue_cover(gx, members, corpus, year, first=n == 0)
        _catalogue_table(gx, members, text_width)
    # a document body ends with a paragraph, not a table
    gx.paragraph([Span("", size=1)], style="GwSpacer", jc="left", line=20, snap=False, track=False)
    gx.save(out)


def _catalogue_cover(gx: GovDocx, members: list[VolumeItem], corpus: Corpus, year: int, *, first: bool) -> None:
    agency = corpus.agency
    head = members[0]
    gx.spacer(L.mm(30), track=False)
    p = gx.paragraph([Span("归档文件目录", L.XIAOBIAOSONG, 36.0)], style="GwTitle", jc="center",
                     line=L.pt(54), snap=False, page_break_before=not first, track=False)
    del p
    gx.spacer(L.mm(22), track=False)
    lines = [
        ("全宗名称", agency.agency),
        ("全 宗 号", agency.fonds),
        ("年　　度", f"{year}年"),
        ("保管期限", head.retention),
        ("机构（问题）", f"{head.department}（{head.department_code}）"),
        ("件　　号", f"{members[0].item_no:04d}—{members[-1].item_no:04d}（共{len(members)}件）"),
    ]
    indent = L.mm(75)
    for label, value in lines:
        gx.paragraph([Span(f"{label}：\t", L.HEITI, 18.0), Span(value, L.FANGSONG, 18.0)], style="GwBody",
                     jc="left", left=indent, first_line=0, line=L.pt(34), snap=False, track=False,
                     tabs=[("left", indent + L.pt(18 * 7))])


def _catalogue_table(gx: GovDocx, members: list[VolumeItem], text_width: int) -> None:
    """The 归档文件目录 table of one class, on a new page; the header row repeats on every
    page and rows never split. Built as one XML string (a volume has thousands of cells)."""
    rows = [[c for c, _ in _CAT_COLUMNS], *catalogue_rows(members)]
    widths = [L.mm(w) for _, w in _CAT_COLUMNS]
    widths[4] += text_width - sum(widths)
    margin = L.mm(1.2)
    # the table starts on a new page: an empty paragraph that breaks the page before it
    gx.paragraph([Span("", size=1)], style="GwSpacer", jc="left", line=20, snap=False,
                 page_break_before=True, track=False)
    edge = '<w:{0} w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
    parts = [
        f'<w:tbl xmlns:w="{_W_NS}"><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>',
        "<w:tblBorders>" + "".join(edge.format(e) for e in ("top", "left", "bottom", "right", "insideH",
                                                             "insideV")) + "</w:tblBorders>",
        '<w:tblLayout w:type="fixed"/>',
        f'<w:tblCellMar><w:top w:w="{L.mm(0.8)}" w:type="dxa"/><w:left w:w="{margin}" w:type="dxa"/>'
        f'<w:bottom w:w="{L.mm(0.8)}" w:type="dxa"/><w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>',
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        "".join(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    left_cols = {2, 3, 4, 8}
    for r, values in enumerate(rows):
        header = r == 0
        size = _CAT_HEADER_SIZE if header else _CAT_SIZE
        face = L.HEITI if header else L.FANGSONG
        line = round(size * 1.3 * L.TWIPS_PER_PT)
        parts.append(f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{L.mm(10 if header else 8)}" '
                     f'w:hRule="atLeast"/>{"<w:tblHeader/>" if header else ""}</w:trPr>')
        for c, value in enumerate(values):
            jc = "left" if (c in left_cols and not header) else "center"
            parts.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{widths[c]}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
                f'<w:p><w:pPr><w:pStyle w:val="GwTableText"/><w:snapToGrid w:val="0"/>'
                f'<w:spacing w:before="0" w:after="0" w:beforeLines="0" w:afterLines="0" w:line="{line}" '
                f'w:lineRule="exact"/><w:ind w:left="0" w:leftChars="0" w:right="0" w:rightChars="0"/>'
                f'<w:jc w:val="{jc}"/></w:pPr>{_runs_xml(value, face, size)}</w:p></w:tc>')
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    body = gx.document.element.body
    tbl = parse_xml("".join(parts))
    sect = body.find(_W("sectPr"))
    if sect is not None:
        sect.addprevious(tbl)
    else:
        body.append(tbl)


def _runs_xml(text: str, face: L.Face, size: float) -> str:
    """Runs as GovDocx writes them: ASCII in the Latin face, the rest in ``face``."""
    out = []
    half = round(size * 2)
    for piece, is_ascii in split_script(text):
        latin = L.LATIN_FONT if is_ascii else face.east_asia
        hint = "" if is_ascii else ' w:hint="eastAsia"'
        out.append(f'<w:r><w:rPr><w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{face.east_asia}" '
                   f'w:cs="{latin}"{hint}/><w:spacing w:val="{L.CHAR_SPACING}"/><w:sz w:val="{half}"/>'
                   f'<w:szCs w:val="{half}"/></w:rPr><w:t xml:space="preserve">{xml_escape(piece)}</w:t></w:r>')
    return "".join(out)


# --- manifests ----------------------------------------------------------------------------------------------


def _item_row(item: VolumeItem, name: str, fmt: str, fixity: tuple[int, str]) -> dict:
    doc = item.doc
    return {
        "档号": item.archive_no,
        "文号": str(doc.number) if doc.number is not None else (doc.number_raw or ""),
        "题名": catalogue_title(doc),
        "责任者": doc.issuer,
        "日期": doc.signed_on.strftime("%Y%m%d") if doc.signed_on else "",
        "密级": doc.classification,
        "页数": item.pages,
        "保管期限": item.retention,
        "机构": item.department,
        "文件名": name,
        "格式": fmt,
        "字节数": fixity[0],
        "SHA-256": fixity[1],
    }


def _catalogue_row(corpus: Corpus, year: int, name: str, fmt: str, pages: int, fixity: tuple[int, str]) -> dict:
    return {
        "档号": "", "文号": "", "题名": f"{year}年度归档文件目录", "责任者": corpus.agency.agency,
        "日期": "", "密级": "", "页数": pages, "保管期限": "", "机构": "",
        "文件名": name, "格式": fmt, "字节数": fixity[0], "SHA-256": fixity[1],
    }


#: A cell starting with one of these is run as a formula by spreadsheets (CSV injection); the
#: quote is there so that a text starting with ' reads back unchanged.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def csv_cell(value) -> str:
    """A manifest value as a CSV cell a spreadsheet shows as text: ``'`` before a formula start."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_value(cell: str) -> str:
    """The value of a cell written by :func:`csv_cell`."""
    return cell[1:] if cell.startswith("'") else cell


def _write_manifests(folder: Path, rows: list[dict], corpus: Corpus, year: int) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(MANIFEST_COLUMNS)
    for row in rows:
        writer.writerow([csv_cell(row[c]) for c in MANIFEST_COLUMNS])
    # UTF-8 with a byte-order mark: Excel (zh-CN Windows) opens it as UTF-8, not GBK
    (folder / "manifest.csv").write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    data = {
        "全宗号": corpus.agency.fonds,
        "全宗名称": corpus.agency.agency,
        "年度": year,
        "门类": CATEGORY_CODE,
        "文件": [{c: row[c] for c in MANIFEST_COLUMNS} for row in rows],
    }
    (folder / "manifest.json").write_bytes(
        (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def _read_manifest_csv(path: Path) -> list[dict]:
    text = path.read_bytes().decode("utf-8-sig")
    return [{k: csv_value(v) if isinstance(v, str) else v for k, v in row.items()}
            for row in csv.DictReader(io.StringIO(text, newline=""))]


def verify_manifest(out_dir: Path | str) -> list[str]:
    """Problems found checking a volume folder against its manifest: listed files missing,
    size or SHA-256 different, files not listed, manifest.csv and manifest.json disagreeing.
    An empty list means the volume is intact."""
    out_dir = Path(out_dir)
    problems: list[str] = []
    json_path, csv_path = out_dir / "manifest.json", out_dir / "manifest.csv"
    rows: list[dict] | None = None
    if json_path.is_file():
        try:
            rows = json.loads(json_path.read_text(encoding="utf-8"))["文件"]
        except (ValueError, KeyError, TypeError) as exc:
            problems.append(f"manifest.json 无法读取：{exc}")
    else:
        problems.append("缺少 manifest.json")
    csv_rows = None
    if csv_path.is_file():
        try:
            csv_rows = _read_manifest_csv(csv_path)
        except (ValueError, csv.Error) as exc:
            problems.append(f"manifest.csv 无法读取：{exc}")
    else:
        problems.append("缺少 manifest.csv")
    if rows is None:
        rows = csv_rows
    if rows is None:
        return problems
    if csv_rows is not None and rows is not csv_rows:
        a = [[str(r.get(c, "")) for c in MANIFEST_COLUMNS] for r in rows]
        b = [[str(r.get(c, "")) for c in MANIFEST_COLUMNS] for r in csv_rows]
        if a != b:
            problems.append("manifest.csv 与 manifest.json 的内容不一致")
    listed = set()
    for row in rows:
        name = str(row.get("文件名", ""))
        listed.add(name)
        path = out_dir / name
        if not name or "/" in name or "\\" in name or name.startswith("."):
            problems.append(f"清单中的文件名不合规：{name!r}")
            continue
        if not path.is_file():
            problems.append(f"{name}：文件缺失")
            continue
        data = path.read_bytes()
        try:
            size = int(row.get("字节数"))
        except (TypeError, ValueError):
            size = -1
        if len(data) != size:
            problems.append(f"{name}：大小为 {len(data)} 字节，清单记为 {row.get('字节数')}")
        digest = hashlib.sha256(data).hexdigest()
        if digest != str(row.get("SHA-256", "")).lower():
            problems.append(f"{name}：SHA-256 与清单不符（文件可能已被改动或损坏）")
    for path in sorted(out_dir.iterdir()):
        if path.name in ("manifest.csv", "manifest.json") or path.name in listed:
            continue
        problems.append(f"{path.name}：不在清单中")
    return problems


# --- PDF post-processing -------------------------------------------------------------------------------------

_XREF_RE = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_DATE_KEYS_RE = re.compile(rb"/(CreationDate|ModDate)\s*\((D:[^)]*)\)")
_XMP_DATE_RE = re.compile(rb"<(xmp:CreateDate|xmp:ModifyDate|xmp:MetadataDate)>[^<]*</\1>")
_XMP_ID_RE = re.compile(rb"<(xmpMM:DocumentID|xmpMM:InstanceID)>[^<]*</\1>")
_LENGTH_RE = re.compile(rb"/Length\s+(\d+)(\s+0\s+R)?")


def _parse_xref(data: bytes) -> tuple[int, list[tuple[int, int]], bytes]:
    """(xref offset, [(object number, offset)] of in-use objects, trailer dictionary bytes)
    of a PDF with one classic cross-reference table (what LibreOffice writes)."""
    m = _XREF_RE.search(data[-64:])
    if not m:
        raise ValueError("no startxref")
    xref = int(m.group(1))
    if data[xref:xref + 4] != b"xref":
        raise ValueError("no classic xref table")
    pos = xref + 4
    objects = []
    trailer_at = data.find(b"trailer", pos)
    table = data[pos:trailer_at].split()
    i = 0
    while i < len(table):
        first, count = int(table[i]), int(table[i + 1])
        i += 2
        for n in range(count):
            off, _gen, kind = table[i], table[i + 1], table[i + 2]
            i += 3
            if kind == b"n":
                objects.append((first + n, int(off)))
    trailer = data[trailer_at:data.rfind(b"startxref")]
    return xref, objects, trailer


def normalise_pdf(data: bytes, when: dt.date | None) -> bytes:
    """Make a LibreOffice PDF reproducible: /CreationDate and /ModDate, the XMP dates and
    document IDs, the creation date inside the embedded ICC output profile and the trailer
    /ID (and LibreOffice's /DocChecksum) are set from ``when`` and the content; the
    cross-reference table is rebuilt. Everything else is left byte for byte."""
    when = when or dt.date(1980, 1, 1)
    pdf_date = when.strftime("D:%Y%m%d000000Z").encode()
    xmp_date = when.strftime("%Y-%m-%dT00:00:00Z").encode()
    xref, objects, trailer = _parse_xref(data)
    objects.sort(key=lambda o: o[1])
    spans: dict[int, bytes] = {}
    for i, (num, off) in enumerate(objects):
        end = objects[i + 1][1] if i + 1 < len(objects) else xref
        spans[num] = data[off:end]
    header = data[:objects[0][1]] if objects else data[:xref]
    length_fix: dict[int, int] = {}

    def indirect(num: int) -> int | None:
        m = re.match(rb"\d+ 0 obj\s*(\d+)\s*endobj", spans.get(num, b""))
        return int(m.group(1)) if m else None

    for num, span in spans.items():
        new = span
        if b"/CreationDate" in span or b"/ModDate" in span:
            new = _DATE_KEYS_RE.sub(lambda m: b"/" + m.group(1) + b"(" + pdf_date + b")", new)
        if b"/Type/Metadata" in span.replace(b" ", b"") and b"stream" in span:
            new = _restream(new, lambda body: _XMP_ID_RE.sub(
                lambda m: b"<" + m.group(1) + b">uuid:" + _uuid_from(body) + b"</" + m.group(1) + b">",
                _XMP_DATE_RE.sub(lambda m: b"<" + m.group(1) + b">" + xmp_date + b"</" + m.group(1) + b">",
                                 body)), indirect, length_fix, compressed=False)
        elif b"/N 3" in span[:200] and b"/FlateDecode" in span[:200] and b"stream" in span:
            new = _restream(new, lambda body: _icc_fix_date(body, when), indirect, length_fix, compressed=True)
        spans[num] = new
    for num, length in length_fix.items():
        old = spans[num]
        m = re.match(rb"(\d+ 0 obj\s*)\d+(\s*endobj)", old)
        if m:
            spans[num] = m.group(1) + str(length).encode() + m.group(2) + old[m.end():]
    out = bytearray(header)
    offsets = {}
    for num, _off in objects:
        offsets[num] = len(out)
        out += spans[num]
    digest = hashlib.md5(bytes(out)).hexdigest().upper().encode()
    size = max(offsets) + 1 if offsets else 1
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        if num in offsets:
            out += b"%010d 00000 n \n" % offsets[num]
        else:
            out += b"0000000000 65535 f \n"
    trailer = re.sub(rb"/ID\s*\[\s*<[0-9A-Fa-f]*>\s*<[0-9A-Fa-f]*>\s*\]",
                     b"/ID [ <" + digest + b">\n<" + digest + b"> ]", trailer)
    trailer = re.sub(rb"/DocChecksum\s*/[0-9A-Fa-f]+", b"/DocChecksum /" + digest, trailer)
    trailer = re.sub(rb"/Size\s+\d+", b"/Size %d" % size, trailer)
    out += trailer + b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def _uuid_from(body: bytes) -> bytes:
    return str(uuid.UUID(hashlib.md5(body).hexdigest())).encode()


def _restream(span: bytes, fix: Callable[[bytes], bytes], indirect: Callable[[int], int | None],
              length_fix: dict[int, int], *, compressed: bool) -> bytes:
    """Apply ``fix`` to the (decompressed) stream data of an object span and write /Length
    (direct, or through the indirect length object, recorded in ``length_fix``)."""
    head_end = span.find(b"stream")
    dict_part = span[:head_end]
    m = _LENGTH_RE.search(dict_part)
    if not m:
        return span
    start = head_end + len(b"stream")
    if span[start:start + 2] == b"\r\n":
        start += 2
    elif span[start:start + 1] in (b"\n", b"\r"):
        start += 1
    length = indirect(int(m.group(1))) if m.group(2) else int(m.group(1))
    if length is None:
        return span
    raw_end = start + length
    raw = span[start:raw_end]
    try:
        body = zlib.decompress(raw) if compressed else raw
    except zlib.error:
        return span
    new_body = fix(body)
    if new_body == body:
        return span
    new_raw = zlib.compress(new_body, 6) if compressed else new_body
    if m.group(2):
        length_fix[int(m.group(1))] = len(new_raw)
        new_dict = dict_part
    else:
        new_dict = dict_part[:m.start(1)] + str(len(new_raw)).encode() + dict_part[m.end(1):]
    return new_dict + span[head_end:start] + new_raw + span[raw_end:]


def _icc_fix_date(body: bytes, when: dt.date) -> bytes:
    """An ICC profile's header holds its creation date-time (bytes 24-35); LibreOffice makes
    the sRGB output intent at export time."""
    if len(body) < 128 or body[36:40] != b"acsp":
        return body
    stamp = b"".join(v.to_bytes(2, "big") for v in (when.year, when.month, when.day, 0, 0, 0))
    return body[:24] + stamp + body[36:]


def pdfa_identification(data: bytes) -> tuple[str, str] | None:
    """(pdfaid:part, pdfaid:conformance) declared in the XMP metadata, or None."""
    part = re.search(rb"<pdfaid:part>\s*(\d+)\s*</pdfaid:part>|pdfaid:part=\"(\d+)\"", data)
    conf = re.search(rb"<pdfaid:conformance>\s*([A-Za-z])\s*</pdfaid:conformance>|pdfaid:conformance=\"([A-Za-z])\"",
                     data)
    if not part or not conf:
        return None
    return ((part.group(1) or part.group(2)).decode(), (conf.group(1) or conf.group(2)).decode().upper())
