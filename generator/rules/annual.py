"""A rules: the 政府信息公开工作年度报告 (政府信息公开条例 Art. 49–50)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..corpus.loader import ANNUAL_REPORTS_DIR
from ..diagnostics import Diagnostic
from .registry import Context, Rule, rule

#: departments publish the previous year's report by 31 January (条例 Art. 49)
DEADLINE = (1, 31)


def _active_in(ctx: Context, year: int) -> bool:
    """Whether the corpus holds anything of ``year`` (a document signed, a posting, a regulation
    version adopted): an agency whose corpus begins later, or holds only older texts (imported
    regulations of past decades), is not reminded of a report for a year it has nothing of."""
    corpus = ctx.corpus
    for doc in corpus.documents:
        if doc.signed_on is not None and doc.signed_on.year == year:
            return True
    for item in corpus.disclosures:
        if item.posting is not None and item.posting[0] == year:
            return True
    for reg in corpus.regulations.values():
        for ver in reg.versions:
            start = ver.public_from
            if start is not None and start.year == year:
                return True
    return False


@rule(
    "A001",
    "warning",
    "annual-report-missing",
    summary="上一年度的政府信息公开工作年度报告还没有（1 月 31 日后为逾期）",
    why="""
《中华人民共和国政府信息公开条例》第四十九条要求，县级以上人民政府部门每年 1 月 31 日前向本级政府信息
公开工作主管部门提交本部门上一年度的政府信息公开工作年度报告并向社会公布。每年 1 月 1 日起，
语料库中有上一年度的公文、政务公开事项或制度版本，却还没有上一年度的年度报告数据
（content/annual-reports/<上一年>.yml）时提示，过了 1 月 31 日提示已逾期。年度报告由 govpub report annual 按国家统一格式（国办公开办函〔2021〕30号）生成，
公文、制度和政务公开事项的件数从语料库统计，其余数字和文字由办公室在这个文件里填写。
这是警告，不影响每天的网站生成：公开日的内容照常上网。
""",
    wrong="""
content/annual-reports/2024.yml   （2026 年 1 月 5 日：还没有 2025.yml）
""",
    right="""
content/annual-reports/2025.yml
  published_on: 2026-01-20
  overview: |
    2025年，本局……
""",
)
def annual_report_missing(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    as_of: dt.date = ctx.as_of
    year = as_of.year - 1
    if year in ctx.corpus.annual_reports or not _active_in(ctx, year):
        return
    path = f"{ANNUAL_REPORTS_DIR}/{year}.yml"
    deadline = dt.date(year + 1, *DEADLINE)
    if as_of <= deadline:
        message = (
            f"还没有 {year} 年度的政府信息公开工作年度报告：须在 {deadline.year}年1月31日前公布。"
            f"请填写 {path}（格式见 docs/corpus.md），再运行 govpub report annual --year {year}"
        )
    else:
        days = (as_of - deadline).days
        message = (
            f"{year} 年度的政府信息公开工作年度报告已逾期 {days} 天（应在 {deadline.year}年1月31日前公布）："
            f"请尽快填写 {path}（格式见 docs/corpus.md）并运行 govpub report annual --year {year}"
        )
    yield r.at(path, 1, message)
