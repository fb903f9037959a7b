"""Quarters, disclosure days (政务公开日) and official working days.

Disclosure postings are named by quarter (2025-Q1) and published on a fixed day of the
quarter's first month; the 20-working-day rule (P005) needs China's official calendar, in
which holidays and make-up working days (调休) are decreed each year and cannot be computed.
Working days therefore come from data only: the ``chinesecalendar`` package, the project's
``holidays.yml`` and optionally a corpus-supplied table. A year missing from all of them
raises :class:`CalendarDataMissing`; there is no Monday–Friday fallback, because a silently
wrong deadline is worse than a clear request for data.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "quarter_of",
    "parse_posting",
    "posting_name",
    "disclosure_day",
    "next_disclosure_day",
    "previous_disclosure_day",
    "CalendarDataMissing",
    "HolidayTableError",
    "YearSchedule",
    "PROJECT_TABLE_PATH",
    "parse_holiday_table",
    "load_holiday_table",
    "load_extra_holidays",
    "project_table",
    "WorkCalendar",
    "is_working_day",
    "add_working_days",
    "working_days_between",
]

# --- quarters and disclosure days ------------------------------------------------------------

_POSTING_RE = re.compile(r"([0-9]{4})-Q([1-4])")


def quarter_of(d: _dt.date) -> tuple[int, int]:
    """The (year, quarter 1..4) a date falls in."""
    return d.year, (d.month - 1) // 3 + 1


def parse_posting(name: str) -> tuple[int, int] | None:
    """Read a posting folder name such as ``2025-Q1``; None unless exactly YYYY-Q1..Q4.

    Strict (upper-case Q, four-digit year) because the folder name becomes a published URL
    (``/disclosure/2025-Q1/``) that must never change spelling.
    """
    if not isinstance(name, str):
        return None
    m = _POSTING_RE.fullmatch(name)
    if not m or int(m.group(1)) < 1:
        return None
    return int(m.group(1)), int(m.group(2))


def posting_name(year: int, q: int) -> str:
    """The folder and URL name of a posting: ``posting_name(2025, 1) == "2025-Q1"``."""
    if not 1 <= q <= 4:
        raise ValueError(f"quarter must be 1..4, not {q}")
    if not 1 <= year <= 9999:
        raise ValueError(f"year out of range: {year}")
    return f"{year:04d}-Q{q}"


def _check_day(day: int) -> None:
    """A disclosure day must exist in January, April, July and October alike: 1..30."""
    if isinstance(day, bool) or not isinstance(day, int) or not 1 <= day <= 30:
        raise ValueError(f"disclosure day must be 1..30 (it must exist in April), not {day!r}")


def disclosure_day(year: int, q: int, day: int = 10) -> _dt.date:
    """The disclosure day of quarter ``q``: ``day`` of January, April, July or October.

    ``day`` must be 1..30 so that every quarter has one; ValueError otherwise.
    """
    _check_day(day)
    if not 1 <= q <= 4:
        raise ValueError(f"quarter must be 1..4, not {q}")
    return _dt.date(year, 3 * (q - 1) + 1, day)


def _as_date(d: _dt.date) -> _dt.date:
    """Drop the time part of a datetime; dates pass through."""
    if isinstance(d, _dt.datetime):
        return d.date()
    if not isinstance(d, _dt.date):
        raise TypeError(f"expected a date, got {type(d).__name__}")
    return d


def next_disclosure_day(d: _dt.date, day: int = 10) -> _dt.date:
    """The first disclosure day on or after ``d``."""
    _check_day(day)
    d = _as_date(d)
    year, q = quarter_of(d)
    candidate = disclosure_day(year, q, day)
    if candidate >= d:
        return candidate
    if q == 4:
        return disclosure_day(year + 1, 1, day)
    return disclosure_day(year, q + 1, day)


def previous_disclosure_day(d: _dt.date, day: int = 10) -> _dt.date:
    """The last disclosure day on or before ``d``."""
    _check_day(day)
    d = _as_date(d)
    year, q = quarter_of(d)
    candidate = disclosure_day(year, q, day)
    if candidate <= d:
        return candidate
    if q == 1:
        return disclosure_day(year - 1, 4, day)
    return disclosure_day(year, q - 1, day)


# --- holiday data ------------------------------------------------------------------------------

#: The project-owned table shipped with govpub.
PROJECT_TABLE_PATH = Path(__file__).with_name("holidays.yml")


class CalendarDataMissing(Exception):
    """No official holiday schedule is known for a year, so working days cannot be counted."""

    def __init__(self, year: int) -> None:
        """Keep the year so callers can name it in a diagnostic."""
        self.year = year
        super().__init__(
            f"No official holiday schedule is known for {year}, so working days in {year} "
            f"cannot be counted. Add {year} to a holiday table (same YAML format as "
            f"generator/text/holidays.yml) from the State Council General Office notice on "
            f"the {year} holidays, listing its holidays and make-up working days. / "
            f"没有{year}年的法定节假日安排，无法计算工作日。请依据国务院办公厅关于{year}年"
            f"部分节假日安排的通知，按 generator/text/holidays.yml 的格式补充该年的放假日期"
            f"和调休上班日期。"
        )


class HolidayTableError(ValueError):
    """A holiday table file is not in the expected format."""


@dataclass(frozen=True)
class YearSchedule:
    """One year's decreed holidays and make-up working days."""

    year: int
    holidays: frozenset[_dt.date]
    workdays: frozenset[_dt.date]
    source: str = ""

    def is_working_day(self, d: _dt.date) -> bool:
        """Listed make-up day, or Monday–Friday that is not a listed holiday."""
        if d in self.workdays:
            return True
        return d.weekday() < 5 and d not in self.holidays


def _to_date(value: Any, where: str) -> _dt.date:
    """A YAML date (or ISO string) as a date, with a located error otherwise."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise HolidayTableError(f"{where}: {value!r} is not a date (YYYY-MM-DD)")


def _dates_of(entry: Any, where: str, allow_range: bool) -> list[_dt.date]:
    """Expand one holidays/workdays entry into its dates."""
    if isinstance(entry, Mapping):
        if allow_range and "from" in entry:
            start = _to_date(entry.get("from"), where)
            end = _to_date(entry.get("to", entry.get("from")), where)
            if end < start:
                raise HolidayTableError(f"{where}: 'to' {end} is before 'from' {start}")
            return [start + _dt.timedelta(days=k) for k in range((end - start).days + 1)]
        if "date" in entry:
            return [_to_date(entry["date"], where)]
        keys = "'from'/'to' or 'date'" if allow_range else "'date'"
        raise HolidayTableError(f"{where}: an entry needs {keys}")
    return [_to_date(entry, where)]


def parse_holiday_table(data: Any, origin: str = "<holiday table>") -> dict[int, YearSchedule]:
    """Validate loaded YAML (``years: {YEAR: {source, holidays, workdays}}``) into schedules.

    Raises :class:`HolidayTableError` naming ``origin`` when the shape is wrong, a date falls
    outside its year, or a day is both a holiday and a working day.
    """
    if not isinstance(data, Mapping) or not isinstance(data.get("years"), Mapping):
        raise HolidayTableError(f"{origin}: expected a top-level 'years:' mapping")
    tables: dict[int, YearSchedule] = {}
    for key, body in data["years"].items():
        try:
            year = int(key)
        except (TypeError, ValueError):
            raise HolidayTableError(f"{origin}: {key!r} is not a year") from None
        where = f"{origin}: {year}"
        if not isinstance(body, Mapping):
            raise HolidayTableError(f"{where}: expected source, holidays and workdays")
        unknown = set(body) - {"source", "holidays", "workdays"}
        if unknown:
            raise HolidayTableError(f"{where}: unknown keys {sorted(map(str, unknown))}")
        holidays: set[_dt.date] = set()
        workdays: set[_dt.date] = set()
        for name, target, allow_range in (("holidays", holidays, True), ("workdays", workdays, False)):
            entries = body.get(name) or []
            if not isinstance(entries, list):
                raise HolidayTableError(f"{where}: '{name}' must be a list")
            for entry in entries:
                target.update(_dates_of(entry, f"{where} {name}", allow_range))
        for d in holidays | workdays:
            if d.year != year:
                raise HolidayTableError(f"{where}: {d} is not in {year}")
        both = holidays & workdays
        if both:
            raise HolidayTableError(f"{where}: {', '.join(map(str, sorted(both)))} listed as both holiday and workday")
        tables[year] = YearSchedule(year, frozenset(holidays), frozenset(workdays), str(body.get("source") or ""))
    return tables


def load_holiday_table(path: str | Path) -> dict[int, YearSchedule]:
    """Read and validate a holiday table file (UTF-8 YAML)."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except yaml.YAMLError as exc:
        raise HolidayTableError(f"{path}: not valid YAML: {exc}") from None
    return parse_holiday_table(data, str(path))


def load_extra_holidays(path: str | Path) -> dict[int, YearSchedule]:
    """Read a corpus-supplied table, to pass as ``extra=`` to the working-day functions.

    Extra tables take precedence over both the project table and the package, so a corpus
    can add a year (or correct one) without a new govpub release.
    """
    return load_holiday_table(path)


@functools.lru_cache(maxsize=1)
def project_table() -> dict[int, YearSchedule]:
    """The table shipped in ``generator/text/holidays.yml`` (loaded once)."""
    return load_holiday_table(PROJECT_TABLE_PATH)


@functools.lru_cache(maxsize=16384)
def _package_is_workday(d: _dt.date) -> bool | None:
    """``chinese_calendar``'s answer, or None when the package has no data for that year.

    Cached: the package validates its whole table on every call, and checking a
    corpus asks about the same few hundred days thousands of times.
    """
    try:
        import chinese_calendar
    except ImportError:  # pragma: no cover - it is a declared dependency
        return None
    try:
        return bool(chinese_calendar.is_workday(d))
    except NotImplementedError:
        return None


class WorkCalendar:
    """Working days from: extra tables, then the project table, then ``chinese_calendar``."""

    def __init__(
        self,
        extra: Mapping[int, YearSchedule] | None = None,
        *,
        use_project_table: bool = True,
        use_package: bool = True,
    ) -> None:
        """``extra`` usually comes from :func:`load_extra_holidays`."""
        self.extra: dict[int, YearSchedule] = dict(extra or {})
        self.use_project_table = use_project_table
        self.use_package = use_package

    def _schedule(self, year: int) -> YearSchedule | None:
        """The table schedule for a year, if a table lists it."""
        if year in self.extra:
            return self.extra[year]
        if self.use_project_table:
            return project_table().get(year)
        return None

    def source_of(self, year: int) -> str:
        """Which source answers for ``year``: "extra", "project" or "package"; else raises."""
        if year in self.extra:
            return "extra"
        if self.use_project_table and year in project_table():
            return "project"
        if self.use_package and _package_is_workday(_dt.date(year, 1, 1)) is not None:
            return "package"
        raise CalendarDataMissing(year)

    def is_working_day(self, d: _dt.date) -> bool:
        """True if ``d`` is an official working day; :class:`CalendarDataMissing` if unknown."""
        d = _as_date(d)
        schedule = self._schedule(d.year)
        if schedule is not None:
            return schedule.is_working_day(d)
        if self.use_package:
            answer = _package_is_workday(d)
            if answer is not None:
                return answer
        raise CalendarDataMissing(d.year)

    def add_working_days(self, d: _dt.date, n: int) -> _dt.date:
        """The ``n``-th working day after ``d`` (before it for negative ``n``; ``d`` for 0)."""
        d = _as_date(d)
        step = 1 if n >= 0 else -1
        remaining = abs(n)
        one = _dt.timedelta(days=step)
        while remaining:
            d += one
            if self.is_working_day(d):
                remaining -= 1
        return d

    def working_days_between(self, a: _dt.date, b: _dt.date) -> int:
        """Number of working days in the interval (a, b]; 0 when ``b <= a``."""
        a, b = _as_date(a), _as_date(b)
        count = 0
        d = a + _dt.timedelta(days=1)
        while d <= b:
            if self.is_working_day(d):
                count += 1
            d += _dt.timedelta(days=1)
        return count


@functools.lru_cache(maxsize=1)
def _default_calendar() -> WorkCalendar:
    """The calendar used when no extra table is given."""
    return WorkCalendar()


def _calendar(extra: Mapping[int, YearSchedule] | WorkCalendar | None) -> WorkCalendar:
    """Pick the default calendar or build one around a corpus table."""
    if isinstance(extra, WorkCalendar):
        return extra
    if not extra:
        return _default_calendar()
    return WorkCalendar(extra)


def is_working_day(d: _dt.date, extra: Mapping[int, YearSchedule] | WorkCalendar | None = None) -> bool:
    """True if ``d`` is an official working day in mainland China.

    Raises :class:`CalendarDataMissing` for a year no source covers (never guesses).
    """
    return _calendar(extra).is_working_day(d)


def add_working_days(d: _dt.date, n: int, extra: Mapping[int, YearSchedule] | WorkCalendar | None = None) -> _dt.date:
    """The ``n``-th working day after ``d`` (e.g. the 20-working-day disclosure deadline)."""
    return _calendar(extra).add_working_days(d, n)


def working_days_between(
    a: _dt.date, b: _dt.date, extra: Mapping[int, YearSchedule] | WorkCalendar | None = None
) -> int:
    """Number of working days in (a, b]; 0 when ``b <= a``."""
    return _calendar(extra).working_days_between(a, b)
