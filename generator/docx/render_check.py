"""Measure the PDF LibreOffice makes of a DOCX: what the tests and the bench rely on.

This module only measures. LibreOffice itself is run by :mod:`generator.office.libreoffice`,
the project's one driver (``docx_to_pdf(s)``, ``page_count(s)``, ``soffice_path``), which also
holds the one page counter.

Measurements are positions, never font names: the rendering machine substitutes whatever
CJK face it has (Noto CJK here), and every CJK face advances one em, so line and character
counts, margins and rule positions survive substitution.

All y values are in PDF points measured **from the top of the page** (pdfplumber's
``top``), x from the left edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..office.libreoffice import docx_to_pdf

__all__ = [
    "measure_pdf",
    "render",
    "ink_rows",
    "Char",
    "TextLine",
    "Rule",
    "Page",
    "PdfReport",
    "MM",
]

#: points per millimetre
MM = 72 / 25.4


# --- measuring ------------------------------------------------------------------------------------------


@dataclass
class Char:
    text: str
    x0: float
    x1: float
    top: float  # em-box top
    bottom: float
    baseline: float
    size: float
    color: tuple | None


@dataclass
class TextLine:
    """Characters sharing a baseline (within 1 pt), left to right."""

    baseline: float
    chars: list[Char]

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        return self.chars[-1].x1

    @property
    def top(self) -> float:
        return min(c.top for c in self.chars)

    @property
    def bottom(self) -> float:
        return max(c.bottom for c in self.chars)

    @property
    def size(self) -> float:
        return max(c.size for c in self.chars)

    @property
    def visible(self) -> str:
        return self.text.replace(" ", "").replace("\u3000", "")


@dataclass
class Rule:
    """A horizontal rule: a thin filled rectangle or a stroked line."""

    x0: float
    x1: float
    top: float
    bottom: float
    color: tuple | None

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def thickness(self) -> float:
        return self.bottom - self.top

    @property
    def y(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def is_red(self) -> bool:
        return _is_red(self.color)


@dataclass
class Box:
    """A rectangle outline (stamp cells, table borders), from the rules around it."""

    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[TextLine] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    vrules: list[Rule] = field(default_factory=list)

    def find(self, needle: str) -> TextLine | None:
        for line in self.lines:
            if needle in line.visible:
                return line
        return None

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class PdfReport:
    path: Path
    pages: list[Page]

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def text(self) -> str:
        return "\n\f".join(p.text for p in self.pages)


def _is_red(color) -> bool:
    if not color:
        return False
    c = tuple(float(v) for v in color) if isinstance(color, (tuple, list)) else (float(color),)
    if len(c) == 3:
        return c[0] > 0.8 and c[1] < 0.3 and c[2] < 0.3
    if len(c) == 4:  # CMYK
        return c[1] > 0.7 and c[2] > 0.7 and c[3] < 0.3
    return False


def _color(value):
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return tuple(round(float(v), 3) for v in value)
    try:
        return (round(float(value), 3),)
    except (TypeError, ValueError):
        return None


def measure_pdf(pdf_path: Path | str) -> PdfReport:
    """Lines (by baseline), characters and horizontal/vertical rules of every page."""
    import pdfplumber

    pages: list[Page] = []
    with pdfplumber.open(str(pdf_path)) as pdf:
        for index, pg in enumerate(pdf.pages, 1):
            height = float(pg.height)
            page = Page(index, float(pg.width), height)
            chars: list[Char] = []
            for c in pg.chars:
                matrix = c.get("matrix") or (1, 0, 0, 1, 0, height - c["bottom"])
                baseline = height - float(matrix[5])
                chars.append(
                    Char(
                        c["text"],
                        float(c["x0"]),
                        float(c["x1"]),
                        float(c["top"]),
                        float(c["bottom"]),
                        baseline,
                        float(c["size"]),
                        _color(c.get("non_stroking_color")),
                    )
                )
            chars.sort(key=lambda ch: (round(ch.baseline, 0), ch.x0))
            for ch in chars:
                if page.lines and abs(page.lines[-1].baseline - ch.baseline) <= 1.0:
                    page.lines[-1].chars.append(ch)
                else:
                    page.lines.append(TextLine(ch.baseline, [ch]))
            for line in page.lines:
                line.chars.sort(key=lambda ch: ch.x0)
            for r in pg.rects:
                x0, x1, top, bottom = float(r["x0"]), float(r["x1"]), float(r["top"]), float(r["bottom"])
                color = _color(r.get("non_stroking_color") if r.get("fill") else r.get("stroking_color"))
                if bottom - top <= 3 and x1 - x0 > 5:
                    page.rules.append(Rule(x0, x1, top, bottom, color))
                elif x1 - x0 <= 3 and bottom - top > 5:
                    page.vrules.append(Rule(x0, x1, top, bottom, color))
            for ln in list(pg.lines) + [e for e in pg.curves if len(e.get("pts", [])) == 2]:
                x0, x1, top, bottom = float(ln["x0"]), float(ln["x1"]), float(ln["top"]), float(ln["bottom"])
                lw = float(ln.get("linewidth") or 0)
                color = _color(ln.get("stroking_color"))
                if bottom - top <= 1 and x1 - x0 > 5:
                    page.rules.append(Rule(x0, x1, top - lw / 2, bottom + lw / 2, color))
                elif x1 - x0 <= 1 and bottom - top > 5:
                    page.vrules.append(Rule(x0 - lw / 2, x1 + lw / 2, top, bottom, color))
            page.rules.sort(key=lambda r: (r.top, r.x0))
            page.vrules.sort(key=lambda r: (r.x0, r.top))
            pages.append(page)
    return PdfReport(Path(pdf_path), pages)


def render(docx: Path | str | bytes | BinaryIO, out_dir: Path | str | None = None) -> PdfReport:
    """Convert and measure in one step."""
    return measure_pdf(docx_to_pdf(docx, out_dir))


def ink_rows(
    pdf_path: Path | str, page: int, box: tuple[float, float, float, float], *, dpi: int = 600
) -> tuple[float, float] | None:
    """Top and bottom (PDF points from the top of the page) of the dark pixels inside ``box``
    (x0, top, x1, bottom in points) of page ``page`` (1-based): where a glyph's ink really is,
    which its character box does not tell (a dash sits in the middle of its em box, at a
    height that depends on the face). Needs poppler's ``pdftoppm``; None when it is missing
    or the box is blank."""
    import shutil
    import subprocess

    exe = shutil.which("pdftoppm")
    if exe is None:
        return None
    x0, top, x1, bottom = box
    scale = dpi / 72
    args = [
        exe,
        "-f",
        str(page),
        "-l",
        str(page),
        "-r",
        str(dpi),
        "-gray",
        "-x",
        str(int(x0 * scale)),
        "-y",
        str(int(top * scale)),
        "-W",
        str(max(1, int((x1 - x0) * scale))),
        "-H",
        str(max(1, int((bottom - top) * scale))),
        str(pdf_path),
    ]
    proc = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=120)
    data = proc.stdout
    if proc.returncode != 0 or not data.startswith(b"P5"):
        return None
    # binary PGM: "P5\n<w> <h>\n<max>\n" then w*h bytes
    fields, pos = [], 2
    while len(fields) < 3:
        while data[pos : pos + 1].isspace():
            pos += 1
        start = pos
        while not data[pos : pos + 1].isspace():
            pos += 1
        fields.append(int(data[start:pos]))
    width, height, _ = fields
    pixels = data[pos + 1 :]
    rows = [y for y in range(height) if min(pixels[y * width : (y + 1) * width] or b"\xff") < 128]
    if not rows:
        return None
    return top + rows[0] / scale, top + (rows[-1] + 1) / scale
