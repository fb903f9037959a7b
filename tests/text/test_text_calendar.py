"""Quarters, disclosure days and official working days (P004, P005)."""

import datetime as dt
import textwrap

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.text.calendar import (
    PROJECT_TABLE_PATH,
    CalendarDataMissing,
    HolidayTableError,
    WorkCalendar,
    add_working_days,
    disclosure_day,
    is_working_day,
    load_extra_holidays,
    next_disclosure_day,
    parse_holiday_table,
    parse_posting,
    posting_name,
    previous_disclosure_day,
    project_table,
    quarter_of,
    working_days_between,
)

D = dt.date


@pytest.mark.parametrize(
    "d, q",
    [
        (D(2025, 1, 1), (2025, 1)),
        (D(2025, 3, 31), (2025, 1)),
        (D(2025, 4, 1), (2025, 2)),
        (D(2025, 9, 30), (2025, 3)),
        (D(2025, 10, 1), (2025, 4)),
        (D(2025, 12, 31), (2025, 4)),
    ],
)
def test_quarter_of(d, q):
    assert quarter_of(d) == q


@pytest.mark.parametrize("name, value", [("2025-Q1", (2025, 1)), ("2026-Q4", (2026, 4))])
def test_parse_posting(name, value):
    assert parse_posting(name) == value
    assert posting_name(*value) == name


@pytest.mark.parametrize(
    "name", ["2025-q1", "2025-Q5", "2025-Q0", "25-Q1", "2025Q1", "2025-Q1 ", "2025-Q01", "２０２５-Q1", "0000-Q1", ""]
)
def test_parse_posting_strict(name):
    assert parse_posting(name) is None


def test_posting_name_rejects():
    with pytest.raises(ValueError):
        posting_name(2025, 5)


def test_disclosure_day():
    assert disclosure_day(2025, 1) == D(2025, 1, 10)
    assert disclosure_day(2025, 2) == D(2025, 4, 10)
    assert disclosure_day(2025, 3, 15) == D(2025, 7, 15)
    assert disclosure_day(2025, 4, 30) == D(2025, 10, 30)
    for bad_day in (0, 31, 32, -1):
        with pytest.raises(ValueError):
            disclosure_day(2025, 1, bad_day)
    with pytest.raises(ValueError):
        disclosure_day(2025, 0)


@pytest.mark.parametrize(
    "d, nxt, prev",
    [
        (D(2025, 1, 10), D(2025, 1, 10), D(2025, 1, 10)),
        (D(2025, 1, 9), D(2025, 1, 10), D(2024, 10, 10)),
        (D(2025, 1, 11), D(2025, 4, 10), D(2025, 1, 10)),
        (D(2025, 10, 11), D(2026, 1, 10), D(2025, 10, 10)),
        (D(2025, 3, 31), D(2025, 4, 10), D(2025, 1, 10)),
    ],
)
def test_next_and_previous_disclosure_day(d, nxt, prev):
    assert next_disclosure_day(d) == nxt
    assert previous_disclosure_day(d) == prev


@settings(max_examples=200, deadline=None)
@given(st.dates(D(1990, 1, 1), D(2100, 12, 31)), st.integers(1, 30))
def test_disclosure_days_bracket_the_date(d, day):
    nxt, prev = next_disclosure_day(d, day), previous_disclosure_day(d, day)
    assert prev <= d <= nxt
    assert nxt.day == prev.day == day and nxt.month in (1, 4, 7, 10) and prev.month in (1, 4, 7, 10)
    assert (nxt - prev).days <= 92


# --- working days ---------------------------------------------------------------------------


def test_project_table_agrees_with_package_for_every_day_of_2026():
    schedule = project_table()[2026]
    assert schedule.source
    d = D(2026, 1, 1)
    while d.year == 2026:
        assert schedule.is_working_day(d) == chinese_calendar.is_workday(d), d
        d += dt.timedelta(days=1)


def test_project_table_is_used_for_2026():
    assert WorkCalendar().source_of(2026) == "project"
    assert WorkCalendar().source_of(2025) == "package"
    only_table = WorkCalendar(use_package=False)
    assert only_table.is_working_day(D(2026, 1, 4))
    with pytest.raises(CalendarDataMissing):
        only_table.is_working_day(D(2025, 1, 2))


@pytest.mark.parametrize(
    "d, working",
    [
        (D(2026, 1, 1), False),
        (D(2026, 1, 2), False),
        (D(2026, 1, 4), True),  # Sunday make-up day
        (D(2026, 2, 14), True),
        (D(2026, 2, 16), False),
        (D(2026, 2, 23), False),
        (D(2026, 2, 28), True),
        (D(2026, 4, 6), False),
        (D(2026, 5, 9), True),
        (D(2026, 6, 19), False),
        (D(2026, 9, 20), True),
        (D(2026, 9, 25), False),
        (D(2026, 10, 7), False),
        (D(2026, 10, 10), True),
        (D(2026, 10, 11), False),
        (D(2026, 10, 12), True),
        (D(2025, 10, 8), False),
        (D(2025, 9, 28), True),  # from the package
        (D(2004, 1, 1), False),
    ],
)
def test_known_days(d, working):
    assert is_working_day(d) is working


def test_datetime_is_accepted():
    assert is_working_day(dt.datetime(2026, 1, 4, 9, 30)) is True


@pytest.mark.parametrize("d", [D(2027, 1, 4), D(2003, 6, 2), D(2100, 3, 1)])
def test_missing_year_raises(d):
    with pytest.raises(CalendarDataMissing) as info:
        is_working_day(d)
    assert info.value.year == d.year
    message = str(info.value)
    assert str(d.year) in message and "holiday" in message and "节假日" in message


def test_crossing_into_missing_year_raises():
    with pytest.raises(CalendarDataMissing):
        add_working_days(D(2026, 12, 20), 20)
    with pytest.raises(CalendarDataMissing):
        working_days_between(D(2026, 12, 1), D(2027, 1, 31))


def test_add_and_count_examples():
    # signed Thursday 2025-09-25: National Day week 10/1-10/8 is off, 9/28 and 10/11 are worked
    assert add_working_days(D(2025, 9, 25), 1) == D(2025, 9, 26)
    assert add_working_days(D(2025, 9, 26), 1) == D(2025, 9, 28)
    assert add_working_days(D(2025, 9, 30), 1) == D(2025, 10, 9)
    assert add_working_days(D(2025, 9, 25), 0) == D(2025, 9, 25)
    assert add_working_days(D(2025, 10, 9), -1) == D(2025, 9, 30)
    assert working_days_between(D(2025, 9, 30), D(2025, 10, 9)) == 1
    assert working_days_between(D(2025, 10, 9), D(2025, 9, 30)) == 0
    assert working_days_between(D(2025, 10, 9), D(2025, 10, 9)) == 0


@settings(max_examples=150, deadline=None)
@given(st.dates(D(2005, 1, 1), D(2026, 10, 31)), st.integers(0, 40))
def test_add_and_between_are_inverse(d, n):
    later = add_working_days(d, n)
    assert working_days_between(d, later) == n
    if n:
        assert is_working_day(later)
        assert add_working_days(later, -n) <= d
        assert working_days_between(d, later - dt.timedelta(days=1)) == n - 1


@settings(max_examples=150, deadline=None)
@given(st.dates(D(2005, 1, 1), D(2026, 10, 31)), st.integers(0, 60))
def test_between_then_add(a, span):
    b = a + dt.timedelta(days=span)
    n = working_days_between(a, b)
    if n:
        reached = add_working_days(a, n)
        assert reached <= b and working_days_between(reached, b) == 0


TABLE_2027 = textwrap.dedent(
    """\
    years:
      2027:
        source: test table
        holidays:
          - {name: 元旦, from: 2027-01-01, to: 2027-01-03}
          - 2027-02-08
        workdays:
          - 2027-01-09
          - {name: 调休, date: 2027-02-06}
    """
)


def test_extra_table_makes_2027_work(tmp_path):
    path = tmp_path / "holidays-2027.yml"
    path.write_text(TABLE_2027, encoding="utf-8")
    extra = load_extra_holidays(path)
    assert set(extra) == {2027}
    assert is_working_day(D(2027, 1, 1), extra) is False
    assert is_working_day(D(2027, 1, 4), extra) is True
    assert is_working_day(D(2027, 1, 9), extra) is True  # Saturday make-up day
    assert is_working_day(D(2027, 1, 10), extra) is False
    assert is_working_day(D(2027, 2, 8), extra) is False
    assert add_working_days(D(2026, 12, 31), 1, extra) == D(2027, 1, 4)
    assert working_days_between(D(2026, 12, 30), D(2027, 1, 9), extra) == 1 + 5 + 1
    assert WorkCalendar(extra).source_of(2027) == "extra"
    with pytest.raises(CalendarDataMissing):
        is_working_day(D(2027, 1, 4))  # the default calendar is untouched


def test_extra_table_overrides_package():
    extra = parse_holiday_table({"years": {2025: {"holidays": [D(2025, 3, 3)]}}})
    assert is_working_day(D(2025, 3, 3)) is True
    assert is_working_day(D(2025, 3, 3), extra) is False
    assert is_working_day(D(2025, 10, 1), extra) is True  # the extra table replaces the year


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"2027": {}},
        {"years": {"twenty": {}}},
        {"years": {2027: {"holidays": [D(2026, 1, 1)]}}},
        {"years": {2027: {"holidays": [{"name": "x", "from": D(2027, 1, 3), "to": D(2027, 1, 1)}]}}},
        {"years": {2027: {"holidays": [D(2027, 1, 1)], "workdays": [D(2027, 1, 1)]}}},
        {"years": {2027: {"holiday": []}}},
        {"years": {2027: {"holidays": "2027-01-01"}}},
        {"years": {2027: {"holidays": ["not a date"]}}},
        {"years": {2027: {"workdays": [{"name": "x"}]}}},
    ],
)
def test_bad_tables_are_rejected(data):
    with pytest.raises(HolidayTableError):
        parse_holiday_table(data, "test.yml")


def test_bad_yaml_file(tmp_path):
    path = tmp_path / "bad.yml"
    path.write_text("years: [unclosed", encoding="utf-8")
    with pytest.raises(HolidayTableError):
        load_extra_holidays(path)


def test_project_table_file_ships():
    assert PROJECT_TABLE_PATH.is_file()
    assert 2026 in project_table()
