"""Working days on the Chinese calendar: weekends, public holidays and make-up working days (调休).

The holiday table (``approvals.Holiday``) holds the dates that depart from the plain week: a public
holiday is a day off even on a weekday, a make-up working day (调休上班) is a Saturday or Sunday
worked. It is seeded from the ``chinese-calendar`` package for the years the package covers and
edited by city administrators when the State Council announces a new year. A year with no entry
at all is not confirmed: there the calendar falls back to weekends only, and
``calendar_confirmed`` says so, so pages can flag deadlines that may still move.

Counting rule (docs/approvals.md): a period counted in days starts on the day *after* the event
(民法典 第二百零一条: 开始的当日不计入，自下一日开始计算). ``add_workdays(start, n)`` is therefore the
n-th working day after ``start``, and ``workdays_between(a, b)`` counts the working days d with
a < d ≤ b, so that ``workdays_between(a, add_workdays(a, n)) == n``. A period of calendar days whose
last day is not a working day ends on the next working day (民法典 第二百零三条): ``period_end``.
"""

import datetime
from collections.abc import Callable, Mapping

from minzheng.approvals.choices import DayKind

__all__ = [
    "WorkCalendar",
    "add_workdays",
    "calendar_confirmed",
    "is_workday",
    "period_end",
    "workdays_between",
]

ONE_DAY = datetime.timedelta(days=1)
SATURDAY = 5

#: year -> {date: DayKind value} of the entries of that year (empty when the year is not confirmed)
YearLoader = Callable[[int], Mapping[datetime.date, str]]


def _load_year_from_table(year: int) -> dict[datetime.date, str]:
    from minzheng.approvals.models import Holiday

    return dict(Holiday.objects.filter(date__year=year).values_list("date", "kind"))


class WorkCalendar:
    """The working-day calendar, reading one year of the holiday table at a time (one query per year,
    cached for the life of this object). Build one per computation; the module functions do.

    Args:
        load_year: where entries come from (default: the ``Holiday`` table); tests pass the package data.
    """

    def __init__(self, load_year: YearLoader | None = None):
        self._load_year = load_year or _load_year_from_table
        self._years: dict[int, Mapping[datetime.date, str]] = {}

    def _entries(self, year: int) -> Mapping[datetime.date, str]:
        if year not in self._years:
            self._years[year] = self._load_year(year)
        return self._years[year]

    def confirmed(self, day: datetime.date) -> bool:
        """True when the holiday arrangement of ``day``'s year is in the table (else weekends only)."""
        return bool(self._entries(day.year))

    def is_workday(self, day: datetime.date) -> bool:
        kind = self._entries(day.year).get(day)
        if kind == DayKind.WORKDAY:
            return True
        if kind == DayKind.HOLIDAY:
            return False
        return day.weekday() < SATURDAY

    def next_workday(self, day: datetime.date) -> datetime.date:
        """``day`` itself when it is a working day, else the first working day after it."""
        while not self.is_workday(day):
            day += ONE_DAY
        return day

    def add_workdays(self, start: datetime.date, n: int) -> datetime.date:
        """The ``n``-th working day after ``start`` (``start`` itself not counted; ``n == 0`` gives ``start``).

        Raises:
            ValueError: ``n`` is negative.
        """
        if n < 0:
            raise ValueError("add_workdays counts forward only")
        day = start
        while n:
            day += ONE_DAY
            if self.is_workday(day):
                n -= 1
        return day

    def workdays_between(self, a: datetime.date, b: datetime.date) -> int:
        """The number of working days d with a < d ≤ b (negative when b is before a)."""
        if b < a:
            return -self.workdays_between(b, a)
        count, day = 0, a
        while day < b:
            day += ONE_DAY
            count += self.is_workday(day)
        return count

    def period_end(self, start: datetime.date, days: int) -> datetime.date:
        """The last day of a period of ``days`` calendar days counted from the day after ``start``,
        moved to the next working day when it falls on a day off."""
        return self.next_workday(start + datetime.timedelta(days=days))


def is_workday(day: datetime.date) -> bool:
    """Whether ``day`` is a working day (weekends off, holidays off, make-up working days worked)."""
    return WorkCalendar().is_workday(day)


def add_workdays(start: datetime.date, n: int) -> datetime.date:
    """The deadline ``n`` working days after ``start``: the n-th working day after it, ``start`` not counted."""
    return WorkCalendar().add_workdays(start, n)


def workdays_between(a: datetime.date, b: datetime.date) -> int:
    """Working days after ``a`` up to and including ``b``; the inverse of ``add_workdays``."""
    return WorkCalendar().workdays_between(a, b)


def period_end(start: datetime.date, days: int) -> datetime.date:
    """The last day of a ``days``-day period starting the day after ``start`` (民法典 第二百零三条)."""
    return WorkCalendar().period_end(start, days)


def calendar_confirmed(day: datetime.date) -> bool:
    """Whether ``day``'s year has its holiday arrangement in the table; if not, only weekends are known."""
    return WorkCalendar().confirmed(day)
