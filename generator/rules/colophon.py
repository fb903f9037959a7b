"""T008: the 版记's 印发机关和印发日期 (GB/T 9704 cl. 7.4.3)."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..schema import SECRET_LEVELS
from .registry import Context, Rule, rule

#: 文种 printed in the 信函格式, whose 版记 has no 印发机关和印发日期 (GB/T 9704 cl. 10.1)
_LETTER_TYPES = ("函",)


@rule(
    "T008",
    "warning",
    "colophon-printer",
    summary="公文没有印发机关或印发日期，site.yml 中也没有默认的印发机关（printed_by）",
    why="""
GB/T 9704 第7.4.3条规定，版记的末条分隔线之上写印发机关和印发日期（如“某某局办公室　2025年3月6日印发”），
它说明公文由哪个部门、在哪天送印。缺了这一行，导出的 Word 文件版记就不完整。govpub 导出时用
front matter 的 printed_by 和 printed_on；没有 printed_by 时用 content/site.yml 的 printed_by（一般是办公室），
没有 printed_on 时用成文日期。两处都没有印发机关时，就只能不印这一行：请在公文中写 printed_by，
或者在 site.yml 中写一次默认的 printed_by。信函格式的函没有这一行，不检查。
""",
    wrong="""
# content/site.yml 中没有 printed_by
number: 区建发〔2025〕12号
title: 关于加强机关值班管理的通知
signed_on: 2025-03-05
""",
    right="""
# content/site.yml
printed_by: 某市某区住房和城乡建设局办公室
# 或者在公文中写明
printed_by: 某市某区住房和城乡建设局办公室
printed_on: 2025-03-06
""",
)
def colophon_printer(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    agency = ctx.corpus.agency
    if agency is not None and (agency.printed_by or "").strip():
        return
    for doc in ctx.documents():
        if doc.doc_type in _LETTER_TYPES or doc.classification in SECRET_LEVELS:
            continue
        if (doc.printed_by or "").strip():
            continue
        missing = "印发机关和印发日期" if doc.printed_on is None else "印发机关"
        line = doc.source.line_of("printed_on") if doc.printed_on is not None else 1
        yield r.at(
            doc.path,
            line,
            f"没有写{missing}（printed_by），content/site.yml 也没有默认的 printed_by，导出的版记将缺少"
            "“某某机关　某年某月某日印发”一行：请在 front matter 中写 printed_by（和 printed_on），"
            "或在 site.yml 中写默认的 printed_by（如本机关办公室）",
        )
