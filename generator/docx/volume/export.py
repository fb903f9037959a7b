"""``export_volume``: the year's archive volume, from the corpus to a complete folder.

The phases, each in a module of its own: plan the items (:mod:`.plan`), write them and count
their pages with LibreOffice (:mod:`.items`, :mod:`generator.office.libreoffice`), write the
catalogue (:mod:`.catalogue`), make the PDF/A copies reproducible (:mod:`.pdf`), list every file
with its checksum (:mod:`.manifest`) and move the folder into place (:mod:`.folder`).

Whether the corpus may be archived is the caller's to find out (``govpub check``): the export
receives the check as a callable and refuses when it reports errors that concern the year.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ...model import Corpus
from ...office.libreoffice import INSTALL_HINT, LibreOfficeError, Office, ascii_tempdir, pdf_page_count, soffice_path
from ...outputs import guard_dir
from .catalogue import CATALOGUE_NAME, write_catalogue
from .folder import is_volume, move, recover, remove_stale, replace_dir, staging_dir
from .items import item_docx, job, write_and_render
from .manifest import FORMAT_DOCX, FORMAT_PDFA, catalogue_row, item_row, write_manifests
from .pdf import normalise_pdf, pdfa_identification
from .plan import VolumeError, VolumeItem, plan_volume, year_errors

if TYPE_CHECKING:
    from ...diagnostics import Diagnostic

__all__ = ["export_volume", "VolumeResult"]


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


def export_volume(
    corpus: Corpus,
    year: int,
    out_dir: Path | str,
    diagnostics: Callable[[], Iterable[Diagnostic]],
    *,
    pdfa: bool | None = None,
    lanes: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> VolumeResult:
    """Export ``year``'s archive volume into ``out_dir`` (README: Word 文件).

    ``diagnostics`` gives the findings of ``govpub check`` for ``corpus`` (on the as-of date
    the caller chose; nothing in the output depends on it). It is called once, after an
    interrupted export has been repaired and ``out_dir`` has been found acceptable, and the
    export refuses when an error concerns the year's volume (:func:`.plan.year_errors`).
    ``pdfa``: None (default) writes a PDF/A-2b copy of every item when LibreOffice can make
    one (a warning otherwise); True requires them; False skips them. ``lanes`` is the number
    of LibreOffice processes run side by side (default: the CPU count, at most 4).

    Raises :class:`VolumeError` (exit 1) when the year's documents have errors, when there
    is nothing to archive, when LibreOffice is missing or fails; ``out_dir`` is then left as
    it was. Returns what was written.
    """
    t_start = time.perf_counter()
    timings: dict[str, float] = {}
    say = progress or (lambda _msg: None)
    out_dir = Path(out_dir)
    try:  # first of all: put back a volume an interrupted export left aside
        recover(out_dir.resolve().parent, out_dir.name)
    except OSError:
        pass  # the guard or the export reports what is wrong with the place
    out_dir = guard_dir(out_dir, corpus.root, "volume", recognise=is_volume)

    # 1. the year's documents must be free of errors
    t = time.perf_counter()
    errors = year_errors(diagnostics(), corpus, year)
    timings["check"] = time.perf_counter() - t
    if errors:
        raise VolumeError(
            f"{year} 年度的公文有 {len(errors)} 个错误（govpub check），请先改正再归档：",
            [f"{e.path}:{e.line}: {e.code} {e.message}" for e in errors],
        )
    items = plan_volume(corpus, year)
    if not items:
        raise VolumeError(f"{year} 年没有可归档的公文（成文日期在该年、且不是涉密登记的公文）")
    exe = soffice_path()
    if exe is None:
        raise VolumeError(
            "导出归档文件需要 LibreOffice 来确定每件文件的真实页数（页数），但没有找到 soffice。" + INSTALL_HINT + "。"
        )

    want_pdf = pdfa is not False
    warnings: list[str] = []
    try:
        parent = out_dir.parent
        parent.mkdir(parents=True, exist_ok=True)
        remove_stale(parent, out_dir.name)
    except OSError as exc:
        raise VolumeError(f"无法使用输出位置 {out_dir}：{exc.strerror or exc}") from None
    staging = staging_dir(out_dir)
    try:
        work = ascii_tempdir("govpub-volume-")
    except LibreOfficeError as exc:
        raise VolumeError(str(exc)) from None
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
        estimates, results = write_and_render(corpus, items, keys, docx_dir, pdf_dir if want_pdf else None, office)
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
                data, _ = item_docx(corpus, item, pages=pages[k])
                (docx_dir / f"{k}.docx").write_bytes(data)
                stamped[k] = pages[k]
                rerendered.add(k)
            for k, item in zip(keys, items):
                item.pages = stamped[k]
            write_catalogue(items, corpus, year, cat_docx)
            jobs = [job(k, docx_dir / f"{k}.docx", pdf_dir / f"{k}.pdf" if want_pdf else None) for k in todo]
            cat_job = job(cat_key, cat_docx, pdf_dir / f"{cat_key}.pdf" if want_pdf else None)
            say(f"计页：目录{f'和 {len(todo)} 件需重排的公文' if todo else ''}……")
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
            raise VolumeError(
                "归档章中的页数与排版结果始终不一致：" + "、".join(items[index[k]].archive_no for k in todo)
            )
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
                    raise VolumeError(f"{items[index[k]].archive_no}：PDF 有 {n} 页，归档章写的是 {stamped[k]} 页")
                path.write_bytes(data)
        timings["pdf"] = time.perf_counter() - t

        # 6. the volume folder: final names, manifests, then move into place
        t = time.perf_counter()
        staging.mkdir()
        rows: list[dict] = []
        cat_rows = [(f"{CATALOGUE_NAME}.docx", cat_docx, FORMAT_DOCX)]
        if want_pdf:
            cat_rows.append((f"{CATALOGUE_NAME}.pdf", pdf_dir / f"{cat_key}.pdf", FORMAT_PDFA))
        for name, src, fmt in cat_rows:
            rows.append(catalogue_row(corpus, year, name, fmt, pages[cat_key], move(src, staging / name)))
        for k, item in zip(keys, items):
            files = [(f"{item.archive_no}.docx", docx_dir / f"{k}.docx", FORMAT_DOCX)]
            if want_pdf:
                files.append((f"{item.archive_no}.pdf", pdf_dir / f"{k}.pdf", FORMAT_PDFA))
            for name, src, fmt in files:
                rows.append(item_row(item, name, fmt, move(src, staging / name)))
        write_manifests(staging, rows, corpus, year)
        replace_dir(staging, out_dir)
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
    return VolumeResult(
        out_dir=out_dir,
        year=year,
        items=items,
        files=rows,
        pdfa=want_pdf,
        warnings=warnings,
        timings=timings,
        engine=office.engine if office else "",
        rerendered=len(rerendered),
    )
