"""The 政府信息公开工作年度报告: computed from the corpus and the office's
``content/annual-reports/<YYYY>.yml`` (:mod:`.annual`, :mod:`.data`), published on the site under
年报 and written by ``govpub report annual`` (:mod:`generator.commands.report`) as Markdown and
as a GB/T 9704 DOCX. This package computes; it neither checks the corpus nor writes files."""

from __future__ import annotations

from .annual import AnnualReport, ReportError, build_report, deadline, public_report_years

__all__ = ["AnnualReport", "ReportError", "build_report", "deadline", "public_report_years"]
