"""D rules: dates in front matter and in bodies."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator

from ..corpus.source import MAX_DATE, MIN_DATE, Field
from ..diagnostics import Diagnostic
from ..schema import FIELDS_BY_KIND
from ..text.chinese import find_padded_dates
from ..text.numerals import to_ascii_digits
from .registry import Context, Rule, body_sources, rule

_FORM = "YYYY-MM-DD（四位年、两位月、两位日，不加引号）"
_HOW = f"请写成 {_FORM}，如 2025-03-05"

# Ways people write a date: 2025-3-5, 2025/3/5, 2025.3.5, 2025年3月5日, 20250305.
_LOOSE_DATE_RES = (
    re.compile(r"^(\d{4})\s*[-/.．／－]\s*(\d{1,2})\s*[-/.．／－]\s*(\d{1,2})$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def _read_loose_date(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) from a recognisable date written any common way, else None."""
    text = to_ascii_digits(text.strip())
    for pattern in _LOOSE_DATE_RES:
        m = pattern.match(text)
        if m:
            return int(m[1]), int(m[2]), int(m[3])
    return None


def _impossible(year: int, month: int, day: int) -> str | None:
    """Why year-month-day is not a real date, or None when it is one."""
    if not 1 <= month <= 12:
        return f"没有 {month} 月"
    last = calendar.monthrange(year, month)[1]
    if day == 0:
        return "日不能是 0"
    if day > last:
        if month == 2 and day == 29:
            return f"{year}年不是闰年，2月没有29日"
        return f"{year}年{month}月没有{day}日（该月只有 {last} 天）"
    return None


def _date_problem(field: Field) -> str | None:
    """What is wrong with a date-typed value, or None when it is a date (or empty)."""
    value = field.value
    if value is None:
        return None  # an empty key: F004 reports it when required
    if isinstance(value, dt.date):
        return None
    if isinstance(value, (list, dict)):
        return f"应是一个日期，不能是列表或映射：{_HOW}"
    if isinstance(value, bool):
        return f"“{field.raw or str(value).lower()}”不是日期：{_HOW}"
    written = field.raw if field.raw is not None else str(value)
    if isinstance(value, str) and not value.strip():
        return None
    parts = _read_loose_date(written)
    if parts is None:
        return f"“{written}”不是有效的日期：{_HOW}"
    year, month, day = parts
    if not MIN_DATE.year <= year <= MAX_DATE.year:
        return (
            f"“{written}”超出可用的日期范围（{MIN_DATE.year}–{MAX_DATE.year} 年）："
            "请核对年份，文件的日期不会在这个范围之外"
        )
    why = _impossible(year, month, day)
    if why:
        return f"“{written}”不是有效的日期：{why}。请核对后按 YYYY-MM-DD 写一个真实存在的日期"
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    if isinstance(value, str) and written.strip() == iso:
        return f"“{written}”加了引号，会被当作文字而不是日期：请去掉引号，写成 {iso}"
    return f"“{written}”的写法不对：日期须写成 {_FORM}，应写成 {iso}"


@rule(
    "D001",
    "error",
    "invalid-date",
    summary="不是有效的日期",
    why="""
成文日期、发布日期、施行日期等决定文件何时公开、按哪个版本施行、归入哪一年度，必须是真实存在的日期，
并以 YAML 日期 YYYY-MM-DD 书写。2025年3月5日、2025/3/5、20250305 或带引号的写法不会被识别为日期，
2025-02-30 这样不存在的日期更会让发布判断落空。
""",
    wrong="""
signed_on: 2025年3月5日
published_on: 2025-02-30
""",
    right="""
signed_on: 2025-03-05
published_on: 2025-02-28
""",
)
def invalid_date(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for src in ctx.sources():
        if src.meta is None or src.kind not in FIELDS_BY_KIND:
            continue
        for name, spec in FIELDS_BY_KIND[src.kind].items():
            if spec.type != "date" or not src.has(name):
                continue
            field = src.meta[name]
            problem = _date_problem(field)
            if problem:
                yield r.at(src.path, field.line, f"{name}（{spec.label}）的值{problem}")


@rule(
    "D002",
    "error",
    "date-before-signed",
    summary="印发日期或发布日期早于成文日期",
    why="""
公文先成文（负责人签发的日期），再印发、再公开发布，印发日期和发布日期都不能早于成文日期。
发布日期早于成文日期，网站会在公文尚未形成时就把它公开；印发日期写早了，版记与事实不符。
""",
    wrong="""
signed_on: 2025-03-05
printed_on: 2025-03-01
""",
    right="""
signed_on: 2025-03-05
printed_on: 2025-03-06
""",
)
def date_before_signed(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    labels = {"printed_on": "印发日期", "published_on": "发布日期"}
    for doc in ctx.documents():
        if doc.signed_on is None:
            continue
        for key, when in (("printed_on", doc.printed_on), ("published_on", doc.published_on)):
            if when is None or when >= doc.signed_on:
                continue
            yield r.at(
                doc.path,
                doc.source.line_of(key),
                f"{key}（{labels[key]}）{when.isoformat()} 早于成文日期 signed_on "
                f"{doc.signed_on.isoformat()}：{labels[key]}不能早于成文日期，请核对，"
                f"至早写 {doc.signed_on.isoformat()}",
            )


@rule(
    "D003",
    "warning",
    "signed-in-future",
    summary="成文日期晚于检查基准日（as-of）",
    why="""
成文日期是负责人签发的日期，不会是将来的日子。晚于检查基准日的成文日期，多半是年份或月份写错，
或者文件尚未签发就提前录入；它还会影响编号顺序和公开期限的判断。
""",
    wrong="signed_on: 2062-03-05   # 本应是 2026-03-05",
    right="signed_on: 2026-03-05",
)
def signed_in_future(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for doc in ctx.documents():
        if doc.signed_on is None or doc.signed_on <= ctx.as_of:
            continue
        yield r.at(
            doc.path,
            doc.source.line_of("signed_on"),
            f"成文日期 signed_on {doc.signed_on.isoformat()} 晚于检查基准日 {ctx.as_of.isoformat()}："
            "成文日期不能是将来的日期，请核对年份和月份；尚未签发的公文请签发后再录入",
        )


def _unpadded(date_text: str) -> str:
    m = re.match(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?", to_ascii_digits(date_text))
    if not m:
        return date_text
    out = f"{int(m[1])}年{int(m[2])}月"
    if m[3] is not None:
        out += f"{int(m[3])}日"
    return out


@rule(
    "D004",
    "warning",
    "padded-date",
    summary="正文中的日期在月或日前补了 0（2024年03月05日）",
    why="""
公文中的日期用阿拉伯数字将年、月、日标全，年份不简写，月和日不编虚位（GB/T 9704-2012 第 7.3.5.1 条），
写作 2024年3月5日，而不是 2024年03月05日。补零是从表格或系统中复制日期时常见的问题。
""",
    wrong="请于2024年03月05日前报送。",
    right="请于2024年3月5日前报送。",
)
def padded_date(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for src in body_sources(ctx):
        if src.meta is None:
            continue
        for line, text in src.body:
            for _, found in find_padded_dates(text):
                yield r.at(src.path, line, f"日期“{found}”的月或日前补了 0：日期不编虚位，应写作 {_unpadded(found)}")
