"""The 政府信息公开工作年度报告 (``govpub report annual``): computed from the corpus and the
office's ``content/annual-reports/<YYYY>.yml``, published on the site under 年报 and exported
as a GB/T 9704 DOCX. See :mod:`.annual` and :mod:`.data`."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from .annual import AnnualReport, ReportError, build_report, deadline, public_report_years

__all__ = ["AnnualReport", "ReportError", "build_report", "deadline", "public_report_years", "export_annual"]

#: the file that marks a folder as written by ``govpub report`` (it may be written again)
MARKER = ".govpub-report"


def _check_out_dir(root: Path, out: Path) -> None:
    out = out.resolve()
    root = root.resolve()
    if out == root or out.is_relative_to(root / "content") or out.is_relative_to(root / "regulations"):
        raise ReportError(f"--out {out} 是语料库根目录或其中的内容文件夹：请把年度报告写到另一个文件夹")
    if out.exists() and not out.is_dir():
        raise ReportError(f"--out {out} 是一个文件，不是文件夹")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise ReportError(f"--out {out} 不是空文件夹，也不是 govpub report 写过的文件夹：请换一个文件夹")


def export_annual(corpus, year: int, out_dir: Path, as_of: dt.date) -> tuple[AnnualReport, list[Path]]:
    """Check, compute and write ``<year>年政府信息公开工作年度报告.md`` and ``.docx`` into ``out_dir``.

    Refuses (:class:`ReportError`) when the corpus has errors, the year is not over, its data
    file is missing, or ``out_dir`` is part of the corpus or a folder govpub did not write."""
    from ..check import check_corpus
    from ..docx import write_document
    from ..site.pages import annual_report_markdown
    from .annual import report_document

    _check_out_dir(Path(corpus.root), Path(out_dir))
    report = build_report(corpus, year, as_of)
    result = check_corpus(corpus, as_of)
    if result.errors:
        lines = "\n".join(f"  {d.path}:{d.line}: {d.code} {d.message}" for d in result.errors[:20])
        raise ReportError(f"语料库有 {len(result.errors)} 个错误，年度报告没有生成：\n{lines}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("govpub report\n", encoding="utf-8")
    stem = f"{year}年政府信息公开工作年度报告"
    written = []
    for name, write in ((f"{stem}.md", lambda p: p.write_text(annual_report_markdown(report), encoding="utf-8")),
                        (f"{stem}.docx", lambda p: write_document(report_document(report, corpus), corpus.agency, p))):
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out)
        os.close(fd)
        try:
            write(Path(tmp))
            os.replace(tmp, out / name)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        written.append(out / name)
    return report, written
