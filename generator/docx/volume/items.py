"""Writing the volume's items: each document as GB/T 9704 DOCX with the 归档章 on page 1, and
its 页数 as LibreOffice really lays it out.

Each item is written with the page count the writer's own line tracker expects stamped into
the 归档章, then rendered; an item whose rendering disagrees is written again with the rendered
count (:mod:`.export` renders it again), until the count in the stamp is the count of that
very file (the stamp sits in the first-page header, in the blank top margin, so it cannot move
the text). Writing and rendering overlap: every batch of written files goes to LibreOffice at
once (:class:`generator.office.libreoffice.Office`), while the next ones are written, in worker
processes when there are many.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from ...model import Corpus
from ...office.libreoffice import BATCH, Job, Office, Result
from .. import ooxml as X
from ..builder import GovDocx
from ..document import DocumentLayoutError, DocumentWriter, FilingStamp
from .plan import VolumeError, VolumeItem

__all__ = ["job", "item_docx", "write_and_render"]


def job(key: str, docx: Path, pdf: Path | None) -> Job:
    """A LibreOffice job: the page count, and a PDF/A-2b copy when ``pdf`` is given."""
    return Job(key, docx, pdf, pdfa=pdf is not None)


_W = X.w


def item_docx(corpus: Corpus, item: VolumeItem, *, pages: int | None) -> tuple[bytes, int]:
    """The item's DOCX and the page count the writer's line tracker expects.

    With ``pages`` the stamp carries it (exactly what ``write_document(...,
    filing_stamp=item.stamp)`` writes); without, the stamp carries the writer's own estimate,
    set into the built document before it is saved (one build instead of two)."""
    stamp = FilingStamp(
        fonds=item.fonds,
        year=item.year,
        item_no=item.item_no,
        department=item.department,
        retention=item.retention,
        pages=pages if pages is not None else 0,
    )
    writer = DocumentWriter(item.doc, corpus.agency, corpus_root=corpus.root, filing_stamp=stamp)
    writer.build()
    estimate = writer.gx.tracker.page
    if pages is None and not _set_stamp_pages(writer.gx, estimate):
        return item_docx(corpus, item, pages=estimate)[0], estimate
    buf = io.BytesIO()
    writer.gx.save(buf)
    return buf.getvalue(), estimate


def _set_stamp_pages(gx: GovDocx, pages: int) -> bool:
    """Write ``pages`` into the 页数 cell (row 2, column 3) of the 归档章 already drawn with
    0; False when the stamp is not where it is expected (the caller then builds again)."""
    header = gx.document.sections[0].first_page_header._element
    paras = [p for p in header.iter(_W("p")) if any(s.get(_W("val")) == "GwStamp" for s in p.iter(_W("pStyle")))]
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
        data, estimate = item_docx(corpus, items[index], pages=None)
    except DocumentLayoutError as exc:
        return index, 0, f"{items[index].doc.path}：{exc}"
    (out / f"{key}.docx").write_bytes(data)
    return index, estimate, None


def write_and_render(
    corpus: Corpus, items: list[VolumeItem], keys: list[str], docx_dir: Path, pdf_dir: Path | None, office: Office
) -> tuple[list[int], dict[str, Result]]:
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
            futures.append(
                office.submit(
                    [
                        job(keys[i], docx_dir / f"{keys[i]}.docx", pdf_dir / f"{keys[i]}.pdf" if pdf_dir else None)
                        for i in range(submitted, end)
                    ]
                )
            )
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
        results: dict[str, Result] = {}
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
