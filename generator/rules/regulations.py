"""R rules: the versions of a regulation, their dates and the notices behind them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..corpus.loader import as_str
from ..diagnostics import Diagnostic
from ..model import Version
from ..text.docnumber import normalise_doc_number
from .registry import Context, Rule, rule


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def _name(ver: Version) -> str:
    return ver.path.rsplit("/", 1)[-1]


@rule(
    "R001",
    "error",
    "version-name-date",
    summary="版本文件名与施行日期 effective_on 不一致",
    why="""
制度的每个版本以施行日期命名（regulations/<slug>/<YYYY-MM-DD>.md），文件名决定版本页的网址
（/regulations/<slug>/<YYYY-MM-DD>/）和版本的先后顺序，effective_on 决定哪天起哪个版本有效。
两者不一致时，网址上的日期和页面上写的施行日期对不上，“某日有效的版本”也会算错。
""",
    wrong="""
regulations/kaoqin/2025-03-01.md
---
effective_on: 2025-04-01
---
""",
    right="""
regulations/kaoqin/2025-04-01.md
---
effective_on: 2025-04-01
---
""",
)
def version_name_date(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for ver in ctx.versions():
        eff = _date(ver.effective_on)
        if ver.file_date is None or eff is None or ver.file_date == eff:
            continue
        slug = ver.regulation_slug
        yield r.at(
            ver.path,
            ver.source.line_of("effective_on"),
            f"文件名 {_name(ver)} 表示施行日期是 {ver.file_date.isoformat()}，"
            f"但 effective_on 写的是 {eff.isoformat()}：两者必须一致。"
            f"若施行日期确是 {eff.isoformat()}，请把文件改名为 regulations/{slug}/{eff.isoformat()}.md；"
            f"否则把 effective_on 改为 {ver.file_date.isoformat()}",
        )


@rule(
    "R002",
    "error",
    "version-order",
    summary="版本的施行日期不晚于前一个版本",
    why="""
同一制度的各版本按文件名（即施行日期）排列，后一个版本替代前一个版本，所以施行日期必须逐个推后、
不能相同：两个版本同一天施行，或者后面的版本反而更早施行，“某日有效的是哪个版本”就无法确定，
网站的现行版本和修订对照也会出错。
""",
    wrong="""
regulations/kaoqin/2025-02-01.md   effective_on: 2025-02-01
regulations/kaoqin/2026-03-01.md   effective_on: 2025-02-01
""",
    right="""
regulations/kaoqin/2025-02-01.md   effective_on: 2025-02-01
regulations/kaoqin/2026-03-01.md   effective_on: 2026-03-01
""",
)
def version_order(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for reg in ctx.regulations():
        versions = sorted(
            (v for v in reg.versions if v.source.meta is not None and v.file_date is not None),
            key=lambda v: v.file_date or dt.date.min,  # never None here (filtered above)
        )
        prev = None
        for ver in versions:
            eff = _date(ver.effective_on)
            if eff is None:
                continue
            if prev is not None and eff <= prev[1] and ctx.in_scope(ver.path):
                same = "相同" if eff == prev[1] else "更早"
                yield r.at(
                    ver.path,
                    ver.source.line_of("effective_on"),
                    f"施行日期 {eff.isoformat()} 与前一个版本 {_name(prev[0])} 的施行日期 "
                    f"{prev[1].isoformat()} {same}：同一制度的版本按文件名排列，施行日期须逐个推后。"
                    "请核对 effective_on（并按施行日期为文件命名），同一天施行的内容应合并为一个版本",
                )
            prev = (ver, eff)


@rule(
    "R003",
    "error",
    "version-after-repeal",
    summary="版本在制度废止之日或之后才施行",
    why="""
制度自 regulation.yml 中 repealed_on 之日起废止，网站显示为“已废止”。废止之日或之后施行的版本
自相矛盾：要么废止日期写错了，要么这个版本不该存在（新制度应另建一个制度文件夹）。
""",
    wrong="""
regulation.yml: repealed_on: 2026-01-01
regulations/kaoqin/2026-03-01.md   effective_on: 2026-03-01
""",
    right="""
regulation.yml: repealed_on: 2026-06-01
regulations/kaoqin/2026-03-01.md   effective_on: 2026-03-01
""",
)
def version_after_repeal(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for reg in ctx.regulations():
        repealed = _date(reg.repealed_on)
        if repealed is None:
            continue
        yml = reg.source.path if reg.source else f"regulations/{reg.slug}/regulation.yml"
        for ver in reg.versions:
            eff = _date(ver.effective_on)
            if ver.source.meta is None or eff is None or eff < repealed or not ctx.in_scope(ver.path):
                continue
            when = "同一天" if eff == repealed else "之后"
            yield r.at(
                ver.path,
                ver.source.line_of("effective_on"),
                f"本版本于 {eff.isoformat()} 施行，在制度废止日期 {repealed.isoformat()}"
                f"（{yml} 的 repealed_on）{when}：已废止的制度不能再有版本施行。"
                "请核对 effective_on 或 repealed_on；若这是一项新制度，请另建制度文件夹",
            )


def _number_problem(ctx: Context, value: object, key: str, label: str) -> str | None:
    raw = as_str(value)
    if not raw:
        return None
    number = normalise_doc_number(raw)
    if number is None:
        return f"{key}（{label}）“{raw}”不是可识别的发文字号：应写成 代字〔年份〕序号号 的形式，如 区建发〔2025〕3号"
    if str(number) in ctx.numbers_in_corpus:
        return None
    shown = f"“{raw}”" + (f"（即 {number}）" if str(number) != raw else "")
    return f"{key}（{label}）{shown} 在语料库中找不到这份公文：请核对文号，或把该公文补录到 content/documents/ 下"


@rule(
    "R004",
    "warning",
    "unknown-issuing-number",
    summary="issued_by 或 repealed_by 所写的文号在语料库中找不到",
    why="""
制度版本的 issued_by 是印发该版本的通知的发文字号，regulation.yml 的 repealed_by 是废止该制度的
文件的发文字号。网站据此把制度和印发、废止它的公文互相链接，档案员也据此追溯依据。文号写错或
对应的公文尚未录入，链接就会断开。比较时按规范形式比较（括号、补零等写法差异不算不同）。
""",
    wrong="""
---
effective_on: 2025-02-01
issued_by: 区建发〔2025〕99号     （语料库中没有这份公文）
---
""",
    right="""
---
effective_on: 2025-02-01
issued_by: 区建发〔2025〕1号
---
""",
)
def unknown_issuing_number(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for ver in ctx.versions():
        if ver.source.has("issued_by"):
            msg = _number_problem(ctx, ver.source.value("issued_by"), "issued_by", "印发文件文号")
            if msg:
                yield r.at(ver.path, ver.source.line_of("issued_by"), msg)
    for reg in ctx.regulations():
        src = reg.source
        if src is None or src.meta is None or not src.has("repealed_by") or not ctx.in_scope(src.path):
            continue
        msg = _number_problem(ctx, src.value("repealed_by"), "repealed_by", "废止文件文号")
        if msg:
            yield r.at(src.path, src.line_of("repealed_by"), msg)
