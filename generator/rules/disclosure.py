"""P rules: disclosure items' sign-off and deadlines, and the 20-working-day rule for documents.

A disclosure item is published on its posting's disclosure day (regular), within 7 days of
the matter's completion (prompt), or before the decision for public comment (pre), and only
after the principal has signed it off. Proactively disclosed documents go online within 20
working days (《政府信息公开条例》第二十六条), counted on China's official calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..corpus.loader import HOLIDAYS_FILE, as_str
from ..diagnostics import ERROR, WARNING, Diagnostic
from ..model import DisclosureItem
from ..schema import Classification, DisclosureKind, DisclosureStatus
from ..text.calendar import (
    CalendarDataMissing,
    HolidayTableError,
    WorkCalendar,
    disclosure_day,
    load_extra_holidays,
    posting_name,
    quarter_of,
)
from .registry import Context, Rule, rule

PROMPT_DAYS = 7
COMMENT_DAYS = 30
WORKING_DAYS = 20

KIND_LABELS = {
    DisclosureKind.REGULAR: "定期公开事项",
    DisclosureKind.PROMPT: "重要/临时事项（prompt）",
    DisclosureKind.PRE: "预公开事项（pre）",
}
_Q_CN = {1: "一", 2: "二", 3: "三", 4: "四"}


def _d(d: dt.date) -> str:
    return d.isoformat()


def _posting_label(year: int, q: int) -> str:
    return f"{year}年第{_Q_CN[q]}季度"


def _posting_day(ctx: Context, year: int, q: int) -> dt.date | None:
    """The disclosure day of a posting, or None when site.yml's day is unusable (F005)."""
    try:
        return disclosure_day(year, q, ctx.corpus.agency.disclosure_day)
    except (ValueError, TypeError, OverflowError):
        return None


def _quarter_bounds(year: int, q: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, 3 * (q - 1) + 1, 1)
    last = dt.date(year + 1, 1, 1) if q == 4 else dt.date(year, 3 * q + 1, 1)
    return first, last - dt.timedelta(days=1)


def _kind(item: DisclosureItem) -> DisclosureKind | None:
    """The item's kind as written, None when it is not one (F005 reports it)."""
    kind = as_str(item.source.value("kind")) if item.source.has("kind") else DisclosureKind.REGULAR
    return DisclosureKind(kind) if kind in KIND_LABELS else None


def _date_field(item: DisclosureItem, key: str) -> tuple[bool, dt.date | None]:
    """(usable, date): usable is False when the key is present but not a date (D001 reports)."""
    value = getattr(item, key)
    if item.source.has(key) and value is None and item.source.value(key) not in (None, ""):
        return False, None
    return True, value


def _folder(year: int, q: int) -> str:
    return f"content/disclosures/{posting_name(year, q)}/"


def publication_date(ctx: Context, item: DisclosureItem) -> tuple[dt.date | None, str]:
    """When the item is due to be published, and how that date was found."""
    if item.posting is None:
        return None, ""
    year, q = item.posting
    kind = _kind(item)
    day = _posting_day(ctx, year, q)
    if kind == DisclosureKind.PROMPT:
        if item.completed_on is not None:
            return item.completed_on + dt.timedelta(
                days=PROMPT_DAYS
            ), f"办结日期 {_d(item.completed_on)} 后 {PROMPT_DAYS} 天"
        return day, f"{_posting_label(year, q)}政务公开日"
    if kind == DisclosureKind.PRE:
        if item.comment_until is not None:
            return item.comment_until - dt.timedelta(
                days=COMMENT_DAYS
            ), f"征求意见截止日 {_d(item.comment_until)} 前 {COMMENT_DAYS} 天"
        return _quarter_bounds(year, q)[1], f"{_posting_label(year, q)}最后一天"
    if kind == DisclosureKind.REGULAR:
        return day, f"{_posting_label(year, q)}政务公开日"
    return None, ""


# -- P001 ---------------------------------------------------------------------


@rule(
    "P001",
    "error",
    "disclosure-not-signed-off",
    summary="公开事项到了公开日期还没有主要负责人审签（未到日期时为警告）",
    why="""
政务公开事项须经本机关主要负责人审核签字后才能公开（本机关政务公开制度）。没有 approved_by 和
approved_on 的事项不会发布：定期事项在政务公开日、重要/临时事项在办结后 7 日内、预公开事项在
征求意见开始时就该上网，到期仍未审签就会误期。公开日期未到时先给警告提醒，到期后报错。
""",
    wrong="""
---
title: 2025年第二季度行政事业性收费标准
category: 收费标准
department: 财务审计科
---
""",
    right="""
---
title: 2025年第二季度行政事业性收费标准
category: 收费标准
department: 财务审计科
approved_by: 李明华
approved_on: 2025-04-03
---
""",
)
def not_signed_off(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for item in ctx.disclosures():
        src = item.source
        by = src.value("approved_by")
        if isinstance(by, (list, dict)):
            continue  # F005 reports the type
        ok_on, _ = _date_field(item, "approved_on")
        if not ok_on:
            continue  # D001 reports the date
        has_by = by is not None and str(by).strip() != ""
        has_on = item.approved_on is not None
        if has_by and has_on:
            continue
        due, how = publication_date(ctx, item)
        if due is None:
            continue  # folder (F006), kind (F005) or site.yml (F005) is wrong
        missing = []
        if not has_by:
            missing.append("approved_by（审签人，即签字的主要负责人姓名）")
        if not has_on:
            missing.append("approved_on（审签日期）")
        if has_by:
            line = src.line_of("approved_by")
        elif has_on:
            line = src.line_of("approved_on")
        else:
            line = 1
        example = "approved_by: 主要负责人姓名\napproved_on: 审签日期"
        if due <= ctx.as_of:
            head = f"本事项应于 {_d(due)}（{how}）公开，现在已过期限，但还没有审签"
            severity = ERROR
        else:
            head = f"本事项应于 {_d(due)}（{how}）公开，尚未审签"
            severity = WARNING
        yield r.at(
            item.path,
            line,
            f"{head}：缺少 {'、'.join(missing)}。请由本机关主要负责人签字审核后，"
            f"在前置元数据中补上（{example.replace(chr(10), '；')}）；未审签的事项不会发布",
            severity=severity,
        )


# -- P002 ---------------------------------------------------------------------


@rule(
    "P002",
    "error",
    "prompt-approved-late",
    summary="重要/临时事项（prompt）办结 7 天后才审签",
    why="""
重要事项和临时性工作须在办结后 7 日内公开（本机关政务公开制度），审签是公开的前提，
所以审签日期不得晚于办结日期后第 7 天；审签日期早于办结日期则不合逻辑，说明有一个日期写错了。
""",
    wrong="""
kind: prompt
completed_on: 2025-05-06
approved_on: 2025-05-20
""",
    right="""
kind: prompt
completed_on: 2025-05-06
approved_on: 2025-05-12
""",
)
def prompt_approved_late(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for item in ctx.disclosures():
        if _kind(item) != DisclosureKind.PROMPT or item.approved_on is None or item.completed_on is None:
            continue
        delay = (item.approved_on - item.completed_on).days
        line = item.source.line_of("approved_on")
        if delay > PROMPT_DAYS:
            latest = item.completed_on + dt.timedelta(days=PROMPT_DAYS)
            yield r.at(
                item.path,
                line,
                f"审签日期 {_d(item.approved_on)} 比办结日期 {_d(item.completed_on)} 晚 {delay} 天，"
                f"超过 {PROMPT_DAYS} 天的时限：重要/临时事项最迟应于 {_d(latest)} 审签公开。"
                "请核对日期；若确已逾期，请如实保留并说明原因，今后按时审签",
            )
        elif delay < 0:
            yield r.at(
                item.path,
                line,
                f"审签日期 {_d(item.approved_on)} 早于办结日期 {_d(item.completed_on)}：事项办结前不能审签公开其结果，"
                "请核对 approved_on 和 completed_on 哪个写错了",
            )


# -- P003 ---------------------------------------------------------------------


@rule(
    "P003",
    "warning",
    "short-comment-period",
    summary="预公开事项（pre）的征求意见期不足 30 天",
    why="""
重大行政决策草案向社会公开征求意见的期限一般不少于 30 日（《重大行政决策程序暂行条例》第十四条）。
预公开事项自审签公开之日起到 comment_until 为征求意见期；期限过短，公众来不及提出意见，
征求意见就流于形式。确有紧急情况缩短期限的，应在公开时说明理由。
""",
    wrong="""
kind: pre
approved_on: 2025-05-06
comment_until: 2025-05-20
""",
    right="""
kind: pre
approved_on: 2025-05-06
comment_until: 2025-06-05
""",
)
def short_comment_period(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for item in ctx.disclosures():
        if _kind(item) != DisclosureKind.PRE or item.approved_on is None or item.comment_until is None:
            continue
        period = (item.comment_until - item.approved_on).days
        if period >= COMMENT_DAYS:
            continue
        earliest = item.approved_on + dt.timedelta(days=COMMENT_DAYS)
        if period < 0:
            what = f"征求意见截止日 {_d(item.comment_until)} 早于审签公开日 {_d(item.approved_on)}，征求意见期不存在"
        else:
            what = (
                f"征求意见期只有 {period} 天（{_d(item.approved_on)} 审签公开，{_d(item.comment_until)} 截止），"
                f"不足 {COMMENT_DAYS} 天"
            )
        yield r.at(
            item.path,
            item.source.line_of("comment_until"),
            f"{what}：comment_until 应不早于 {_d(earliest)}；确需缩短的，请在正文中说明理由",
        )


# -- P004 ---------------------------------------------------------------------


def _first_posting_on_or_after(ctx: Context, d: dt.date) -> tuple[int, int] | None:
    year, q = quarter_of(d)
    for _ in range(2):
        day = _posting_day(ctx, year, q)
        if day is None:
            return None
        if day >= d:
            return year, q
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return None


@rule(
    "P004",
    "error",
    "posting-dates-mismatch",
    summary="公开事项的日期与所在的季度文件夹不符",
    why="""
文件夹决定事项在哪一期政务公开日发布（content/disclosures/2025-Q2/ 在 2025 年 4 月的公开日发布）。
定期事项在该期公开日之后才审签，就赶不上这一期，网站上却会显示为这一期公开的，造成公开时间失实；
重要/临时事项和预公开事项随审签公开，应放在审签日期所在季度的文件夹里。
""",
    wrong="""
content/disclosures/2025-Q2/shoufei-biaozhun.md
approved_on: 2025-04-20      （2025-Q2 的公开日是 2025-04-10）
""",
    right="""
content/disclosures/2025-Q3/shoufei-biaozhun.md
approved_on: 2025-04-20
""",
)
def posting_dates_mismatch(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for item in ctx.disclosures():
        if item.posting is None or item.approved_on is None:
            continue
        year, q = item.posting
        kind = _kind(item)
        line = item.source.line_of("approved_on")
        here = posting_name(year, q)
        if kind == DisclosureKind.REGULAR:
            day = _posting_day(ctx, year, q)
            if day is None or item.approved_on <= day:
                continue
            target = _first_posting_on_or_after(ctx, item.approved_on)
            fix = ""
            if target is not None:
                tday = _posting_day(ctx, *target)
                assert tday is not None  # _first_posting_on_or_after found it
                fix = f"请移到 {_folder(*target)}（{_posting_label(*target)}，公开日 {_d(tday)}），或核对审签日期"
            yield r.at(
                item.path,
                line,
                f"审签日期 {_d(item.approved_on)} 晚于 {here} 这一期的政务公开日 {_d(day)}，赶不上这一期公开：{fix}",
            )
        elif kind in (DisclosureKind.PROMPT, DisclosureKind.PRE):
            first, last = _quarter_bounds(year, q)
            if first <= item.approved_on <= last:
                continue
            right = quarter_of(item.approved_on)
            yield r.at(
                item.path,
                line,
                f"{KIND_LABELS[kind]}随审签公开，审签日期 {_d(item.approved_on)} 在 {posting_name(*right)}，"
                f"不在所在文件夹 {here}（{_d(first)} 至 {_d(last)}）：请移到 {_folder(*right)}，或核对审签日期",
            )


# -- P005 ---------------------------------------------------------------------


def _work_calendar(ctx: Context) -> tuple[WorkCalendar, str | None]:
    """(calendar, problem): the corpus table is used when content/holidays.yml exists."""
    path = ctx.corpus.holidays_path
    if not path:
        return WorkCalendar(), None
    try:
        return WorkCalendar(load_extra_holidays(path)), None
    except (HolidayTableError, OSError, ValueError) as exc:
        return WorkCalendar(), str(exc)


@rule(
    "P005",
    "warning",
    "published-late",
    summary="主动公开的公文在成文 20 个工作日之后才发布",
    why="""
属于主动公开范围的政府信息，应当自形成或者变更之日起 20 个工作日内予以公开（《政府信息公开条例》第二十六条）。
工作日按国务院办公厅每年公布的节假日安排计算（含调休上班日），不能简单按周一至周五推算；
程序从 chinesecalendar 和项目自带的节假日表读取，缺少某年数据时明确提示补充，而不是猜测。
""",
    wrong="""
signed_on: 2025-03-05
published_on: 2025-04-15
""",
    right="""
signed_on: 2025-03-05
published_on: 2025-03-10
""",
)
def published_late(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    calendar = None
    table_problem = None
    for doc in ctx.documents():
        src = doc.source
        if doc.classification != Classification.PUBLIC or doc.disclosure != DisclosureStatus.PROACTIVE:
            continue
        if not src.has("published_on") or doc.published_on is None or doc.signed_on is None:
            continue
        if doc.published_on <= doc.signed_on:
            continue
        if calendar is None:
            calendar, table_problem = _work_calendar(ctx)
            if table_problem:
                yield r.at(
                    HOLIDAYS_FILE,
                    1,
                    f"节假日表无法读取，P005 暂按内置数据计算：{table_problem}。"
                    "请按 generator/text/holidays.yml 的格式修正此文件",
                )
        line = src.line_of("published_on")
        try:
            deadline = calendar.add_working_days(doc.signed_on, WORKING_DAYS)
        except CalendarDataMissing as exc:
            yield r.at(doc.path, line, _missing_message(exc.year, doc.signed_on, doc.published_on))
            continue
        except (OverflowError, ValueError):
            continue  # a date at the edge of the calendar: D001/D003 territory
        if doc.published_on <= deadline:
            continue
        try:
            count = f"{calendar.working_days_between(doc.signed_on, doc.published_on)} 个工作日"
        except (CalendarDataMissing, OverflowError, ValueError):
            count = f"{(doc.published_on - doc.signed_on).days} 天"
        yield r.at(
            doc.path,
            line,
            f"发布日期 {_d(doc.published_on)} 比成文日期 {_d(doc.signed_on)} 晚 {count}，"
            f"超过主动公开 {WORKING_DAYS} 个工作日的时限（最迟 {_d(deadline)}）：请及时发布，"
            "把 published_on 提前到该日期之前；若确有理由推迟，请报经审批并留存说明",
        )


def _missing_message(year: int, signed_on: dt.date, published_on: dt.date) -> str:
    return (
        f"无法检查 20 个工作日的公开时限：没有 {year} 年的法定节假日安排数据"
        f"（成文日期 {_d(signed_on)}，发布日期 {_d(published_on)}）。"
        f"工作日不能按周一至周五推算：请依据国务院办公厅关于{year}年部分节假日安排的通知，"
        f"在语料库中新建 {HOLIDAYS_FILE}，按 generator/text/holidays.yml 的格式写入 years: {year}: "
        "的 source、holidays（放假日期）和 workdays（调休上班日期），本检查会自动读取"
    )
