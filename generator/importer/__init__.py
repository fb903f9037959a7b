"""``govpub import docx``: existing Word files (.docx, .doc, .wps) → corpus files (SPEC §7.5).

Import is an input, the DOCX writer an output: this package reads Word files and writes corpus
files; it imports nothing from :mod:`generator.docx`.
"""

from .batch import BatchResult, import_paths
from .docx import ImportRefused, ImportResult, read_file, write_result
from .package import ImportRefused as DocxImportError  # the older name

__all__ = [
    "BatchResult",
    "ImportRefused",
    "ImportResult",
    "DocxImportError",
    "import_paths",
    "read_file",
    "write_result",
]
