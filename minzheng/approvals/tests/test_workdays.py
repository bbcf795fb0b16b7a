"""Working days on the Chinese calendar: the 2024 and 2025 春节 and 国庆 holidays with their make-up days,
the holiday table's seeding, the weekends-only fallback, and properties of the arithmetic."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minzheng.approvals import workdays
from minzheng.approvals.choices import DayKind
from minzheng.approvals.holidays import package_entries, package_years, seed_holidays
from minzheng.approvals.models import Holiday
from minzheng.approvals.workdays import WorkCalendar
from minzheng.audit.models import AuditEvent

D = datetime.date


def _package_year(year: int) -> dict[datetime.date, str]:
    return {day: kind for day, (kind, _name) in package_entries().items() if day.year == year}


#: The package's data without the database: the properties below run thousands of examples on it.
PACKAGE = WorkCalendar(_package_year)
COVERED = package_years()


# The calendar around the holidays (the table seeded from the package)

@pytest.mark.parametrize(("day", "expected"), [
    # 2024 春节: 2/10–2/17 off; Sunday 2/4 and Sunday 2/18 worked.
    (D(2024, 2, 4), True), (D(2024, 2, 9), True), (D(2024, 2, 10), False), (D(2024, 2, 16), False),
    (D(2024, 2, 17), False), (D(2024, 2, 18), True), (D(2024, 2, 19), True),
    # 2024 国庆: 10/1–10/7 off; Sunday 9/29 and Saturday 10/12 worked.
    (D(2024, 9, 28), False), (D(2024, 9, 29), True), (D(2024, 10, 1), False), (D(2024, 10, 7), False),
    (D(2024, 10, 8), True), (D(2024, 10, 12), True), (D(2024, 10, 13), False),
    # 2025 春节: 1/28–2/4 off; Sunday 1/26 and Saturday 2/8 worked.
    (D(2025, 1, 26), True), (D(2025, 1, 27), True), (D(2025, 1, 28), False), (D(2025, 2, 4), False),
    (D(2025, 2, 5), True), (D(2025, 2, 8), True), (D(2025, 2, 9), False),
    # 2025 国庆 and 中秋: 10/1–10/8 off; Sunday 9/28 and Saturday 10/11 worked.
    (D(2025, 9, 28), True), (D(2025, 10, 1), False), (D(2025, 10, 6), False), (D(2025, 10, 8), False),
    (D(2025, 10, 9), True), (D(2025, 10, 11), True), (D(2025, 10, 12), False),
])
def test_is_workday_around_the_holidays(holidays, day, expected):
    assert workdays.is_workday(day) is expected
    assert PACKAGE.is_workday(day) is expected


@pytest.mark.parametrize(("_case", "start", "n", "deadline"), [
    ("friday before the make-up sunday", D(2024, 9, 27), 1, D(2024, 9, 29)),
    ("over 国庆 2024", D(2024, 9, 30), 1, D(2024, 10, 8)),
    ("onto the make-up saturday", D(2024, 10, 8), 4, D(2024, 10, 12)),
    ("ten days over 国庆 2024", D(2024, 9, 27), 10, D(2024, 10, 16)),
    ("over 春节 2024", D(2024, 2, 8), 2, D(2024, 2, 18)),
    ("onto the make-up sunday before 春节 2025", D(2025, 1, 24), 1, D(2025, 1, 26)),
    ("over 春节 2025", D(2025, 1, 27), 1, D(2025, 2, 5)),
    ("onto the make-up saturday after 春节 2025", D(2025, 2, 7), 1, D(2025, 2, 8)),
    ("over 国庆 2025", D(2025, 9, 30), 1, D(2025, 10, 9)),
    ("ten days over 国庆 2025", D(2025, 9, 30), 10, D(2025, 10, 21)),
    ("zero days", D(2025, 10, 1), 0, D(2025, 10, 1)),
])
def test_add_workdays_counts_from_the_next_day(holidays, _case, start, n, deadline):
    assert workdays.add_workdays(start, n) == deadline
    assert workdays.workdays_between(start, deadline) == n


def test_workdays_between_counts_after_a_up_to_b(holidays):
    assert workdays.workdays_between(D(2025, 9, 30), D(2025, 10, 8)) == 0
    # 9/28 (make-up Sunday), 9/29, 9/30, 10/9, 10/10, 10/11 (make-up Saturday)
    assert workdays.workdays_between(D(2025, 9, 26), D(2025, 10, 12)) == 6
    assert workdays.workdays_between(D(2025, 10, 12), D(2025, 9, 26)) == -6
    assert workdays.workdays_between(D(2025, 9, 30), D(2025, 9, 30)) == 0


def test_period_end_moves_past_the_holiday(holidays):
    """民法典 第二百零三条: a period ending on a day off ends on the next working day."""
    assert workdays.period_end(D(2025, 9, 26), 7) == D(2025, 10, 9)  # 10/3 is 国庆
    assert workdays.period_end(D(2025, 9, 1), 7) == D(2025, 9, 8)  # a Monday
    assert workdays.period_end(D(2025, 8, 31), 7) == D(2025, 9, 8)  # ends on Sunday 9/7: moved to Monday


def test_add_workdays_refuses_a_negative_count():
    with pytest.raises(ValueError):
        PACKAGE.add_workdays(D(2025, 1, 1), -1)


# Beyond the covered years


def test_uncovered_years_fall_back_to_weekends_only(holidays):
    beyond = COVERED[-1] + 2
    new_year = D(beyond, 1, 1)
    assert not workdays.calendar_confirmed(new_year)
    assert workdays.calendar_confirmed(D(2025, 6, 1))
    assert workdays.is_workday(new_year) is (new_year.weekday() < 5)  # 元旦 unknown: only the weekend counts
    monday = new_year + datetime.timedelta(days=(7 - new_year.weekday()) % 7)
    assert workdays.add_workdays(monday, 5) == monday + datetime.timedelta(days=7)


def test_an_administrator_entry_confirms_a_new_year(db):
    beyond = COVERED[-1] + 1
    Holiday.objects.create(date=D(beyond, 1, 1), kind=DayKind.HOLIDAY, name="元旦", source="国务院办公厅通知")
    assert workdays.calendar_confirmed(D(beyond, 7, 1))
    assert not workdays.is_workday(D(beyond, 1, 1))


# Seeding


def test_seeding_reads_the_package_once_and_is_idempotent(db):
    entries = package_entries()
    first = seed_holidays()
    assert (first.created, first.updated) == (len(entries), 0)
    assert (first.first_year, first.last_year) == (COVERED[0], COVERED[-1])
    assert Holiday.objects.count() == len(entries)
    national_day = Holiday.objects.get(date=D(2025, 10, 1))
    assert (national_day.kind, national_day.name) == (DayKind.HOLIDAY, "国庆节")
    assert national_day.source.startswith("chinese-calendar ")
    assert Holiday.objects.get(date=D(2025, 10, 11)).kind == DayKind.WORKDAY
    events = AuditEvent.objects.filter(code="approvals.holidays.seeded").count()
    second = seed_holidays()
    assert (second.created, second.updated) == (0, 0)
    assert Holiday.objects.count() == len(entries)
    assert AuditEvent.objects.filter(code="approvals.holidays.seeded").count() == events == 1


def test_seeding_keeps_administrator_edits_and_repairs_its_own_rows(db):
    seed_holidays()
    Holiday.objects.filter(date=D(2025, 10, 8)).update(name="国庆节（市政府通知）", source="津政办发〔2025〕1号")
    Holiday.objects.filter(date=D(2025, 10, 7)).update(name="错名")
    Holiday.objects.filter(date=D(2025, 10, 6)).delete()
    report = seed_holidays()
    assert (report.created, report.updated) == (1, 1)
    assert Holiday.objects.get(date=D(2025, 10, 8)).name == "国庆节（市政府通知）"
    assert Holiday.objects.get(date=D(2025, 10, 7)).name == "国庆节"
    assert Holiday.objects.get(date=D(2025, 10, 6)).name == "中秋"


def test_make_up_workdays_of_the_package_fall_on_weekends():
    assert all(day.weekday() >= 5 for day, (kind, _n) in package_entries().items() if kind == DayKind.WORKDAY)


# Properties, on the package's data (no database)

covered_days = st.dates(min_value=D(COVERED[0], 1, 1), max_value=D(COVERED[-1], 10, 31))
counts = st.integers(min_value=0, max_value=60)


@given(start=covered_days, n=st.integers(min_value=1, max_value=60))
def test_add_workdays_lands_on_a_workday(start, n):
    deadline = PACKAGE.add_workdays(start, n)
    assert deadline > start
    assert PACKAGE.is_workday(deadline)


@given(start=covered_days, n=counts, m=counts)
def test_add_workdays_is_monotonic_in_the_count(start, n, m):
    low, high = sorted((n, m))
    assert PACKAGE.add_workdays(start, low) <= PACKAGE.add_workdays(start, high)
    if low < high:
        assert PACKAGE.add_workdays(start, low) < PACKAGE.add_workdays(start, high)


@given(a=covered_days, b=covered_days, n=counts)
def test_add_workdays_is_monotonic_in_the_start(a, b, n):
    early, late = sorted((a, b))
    assert PACKAGE.add_workdays(early, n) <= PACKAGE.add_workdays(late, n)


@given(start=covered_days, n=counts)
def test_workdays_between_inverts_add_workdays(start, n):
    assert PACKAGE.workdays_between(start, PACKAGE.add_workdays(start, n)) == n


@given(a=covered_days, b=covered_days)
def test_add_workdays_inverts_workdays_between_on_workdays(a, b):
    early, late = sorted((a, b))
    if PACKAGE.is_workday(late):
        assert PACKAGE.add_workdays(early, PACKAGE.workdays_between(early, late)) == late


@given(start=covered_days, days=st.integers(min_value=1, max_value=30))
def test_period_end_is_a_workday_not_before_the_calendar_end(start, days):
    end = PACKAGE.period_end(start, days)
    assert end >= start + datetime.timedelta(days=days)
    assert PACKAGE.is_workday(end)
