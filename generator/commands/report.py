"""``govpub report annual``: the year's 政府信息公开工作年度报告 as Markdown and DOCX."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..check import refuse_on_errors
from ..errors import EXIT_OK
from ..model import Corpus
from ..outputs import Output
from . import load

#: the marker earlier versions left in a report folder; such a folder may be written again
LEGACY_MARKER = ".govpub-report"


def _written_before(folder: Path) -> bool:
    return (folder / LEGACY_MARKER).is_file()


def export_annual(corpus: Corpus, year: int, out_dir: Path, as_of: dt.date):
    """Check, compute and write ``<year>年政府信息公开工作年度报告.md`` and ``.docx`` into ``out_dir``.

    Refuses when ``out_dir`` may not be written (:class:`generator.outputs.OutputRefused`:
    part of the corpus, or a folder govpub did not write) and
    (:class:`generator.report.ReportError`) when the year is not over, its data file is
    missing or the corpus has errors. Returns the report and the files written."""
    from ..docx import write_document
    from ..report import ReportError, build_report
    from ..report.annual import report_document
    from ..site.pages import annual_report_markdown

    target = Output.folder(out_dir, corpus.root, "report", recognise=_written_before)
    report = build_report(corpus, year, as_of)
    refuse_on_errors(corpus, as_of, subject="语料库", consequence="年度报告没有生成", error=ReportError)
    stem = f"{year}年政府信息公开工作年度报告"
    markdown = annual_report_markdown(report)
    written = [
        target.write(lambda p: p.write_text(markdown, encoding="utf-8"), f"{stem}.md"),
        target.write(lambda p: write_document(report_document(report, corpus), corpus.agency, p), f"{stem}.docx"),
    ]
    return report, written


def annual(args) -> int:
    corpus = load(args.root)
    out = Path(args.out or f"report-{args.year}")
    report, written = export_annual(corpus, args.year, out, args.as_of)
    print(f"已生成《{report.title}》：" + "、".join(str(p) for p in written))
    print(
        f"  统计自语料库：公文 {report.documents_total} 件，政务公开事项 {report.items_total} 项，"
        f"规章制度新制定或修订 {report.regulations.made} 件、废止 {report.regulations.repealed} 件、"
        f"年末现行有效 {report.regulations.in_force} 件"
    )
    return EXIT_OK
