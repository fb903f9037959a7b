"""GB/T 9704-2012 DOCX output: official documents, regulation versions (and, built on the
same parts, the archive volume).

Public API::

    write_document(doc, agency, out, *, corpus_root=None, filing_stamp=None, copy_number=None,
                   draft=False)
    write_regulation(regulation, version, agency, out)
    FilingStamp(fonds, year, item_no, department, retention, pages)   # 归档章
    page_count(docx) -> int            # pages as LibreOffice lays them out (libreoffice)

LibreOffice is run only through :mod:`~generator.office.libreoffice` (one driver: profiles,
batches, timeouts, the font map of :mod:`~generator.office.fontmap`, the page counter).

Building blocks for other writers: :class:`~generator.docx.builder.GovDocx` (a page-set-up
python-docx document with a line tracker), :class:`~generator.docx.builder.Span`,
:mod:`~generator.docx.layout` (every GB/T 9704 measurement), :mod:`~generator.docx.ooxml`
(raw WordprocessingML in schema order) and, in :mod:`~generator.docx.document`,
``draw_filing_stamp``, ``draw_colophon``, ``draw_content_table``, ``page_number_footers``.
"""

from __future__ import annotations

from ..office.libreoffice import page_count
from .document import DocumentLayoutError, DocumentWriter, FilingStamp, write_document
from .regulation import write_regulation

__all__ = [
    "write_document",
    "write_regulation",
    "FilingStamp",
    "DocumentWriter",
    "DocumentLayoutError",
    "page_count",
]
