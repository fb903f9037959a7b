"""The year's archive volume (年度归档; DA/T 22-2015; README: Word 文件).

``export_volume(corpus, year, out_dir, diagnostics)`` writes into ``out_dir``:

* one DOCX per item (件), in GB/T 9704 layout with the 归档章 at the top of page 1, named
  ``<档号>.docx`` — every document signed in ``year`` except classified register entries
  (秘密 机密 绝密); public and 内部 documents alike;
* ``<档号>.pdf`` beside it, a PDF/A-2b copy (when LibreOffice can make one; ``pdfa``);
* ``目录.docx`` (and ``目录.pdf``): the 归档文件目录, one cover and one table per class;
* ``manifest.csv`` (UTF-8 with BOM, so Excel shows the Chinese) and ``manifest.json``: one
  row per file with its metadata, byte size and SHA-256.

Re-running the export on the same corpus gives byte-identical DOCX files, catalogue and
manifests, and byte-identical PDFs. Nothing half-written is ever left in ``out_dir``.

One module per job:

* :mod:`.plan` — which documents, in which order, under which 档号 (DA/T 22 classes);
* :mod:`.items` — each item written with its 归档章 and its 页数 as LibreOffice lays it out,
  writing and rendering overlapped (LibreOffice is run by :mod:`generator.office.libreoffice`,
  the project's one driver and page counter);
* :mod:`.catalogue` — 目录.docx;
* :mod:`.pdf` — the PDF/A copies made reproducible;
* :mod:`.manifest` — manifest.csv / manifest.json and :func:`verify_manifest`;
* :mod:`.folder` — building aside, replacing a volume whole, recovering from a killed export;
* :mod:`.export` — :func:`export_volume`, which runs the phases in order.

The export does not run ``govpub check`` itself (an output does not call the checker): the
command passes the check as ``diagnostics``, and the export refuses when errors concern the
year's documents.
"""

from __future__ import annotations

from ...office.libreoffice import pdf_page_count
from .catalogue import catalogue_rows, catalogue_title, write_catalogue
from .export import VolumeResult, export_volume
from .manifest import MANIFEST_COLUMNS, verify_manifest
from .pdf import normalise_pdf, pdfa_identification
from .plan import RETENTION_CODES, VolumeError, VolumeItem, archive_number, plan_volume, year_errors

__all__ = [
    "export_volume",
    "plan_volume",
    "year_errors",
    "archive_number",
    "verify_manifest",
    "write_catalogue",
    "catalogue_rows",
    "catalogue_title",
    "normalise_pdf",
    "pdf_page_count",
    "pdfa_identification",
    "VolumeItem",
    "VolumeResult",
    "VolumeError",
    "RETENTION_CODES",
    "MANIFEST_COLUMNS",
]
