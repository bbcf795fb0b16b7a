"""Ages in whole years and legal periods in calendar days: the date arithmetic of the marriage and adoption rules.

Pure (no database, no clock).

Ages: which day a person reaches an age is a rule-set fact (``AgeCounting``), because the law
says "年满 n 周岁" without saying it. Someone born on 29 February has no birthday in a common
year; both conventions then reach the age on 1 March, as ``registry.search.age_bounds`` does.

Periods (民法典 第二百零一条, and 民法通则 第一百五十四条 before it): the day of the event is not
counted, the period starts the next day. A period of ``n`` days from ``start`` therefore runs from
``start + 1`` to ``start + n``; its last day is ``start + n``. When the rule set says so and the
caller passes a working-day calendar, a last day that falls on a day off moves to the next working
day (第二百零三条), as ``approvals.workdays.period_end`` does.
"""

import datetime
from collections.abc import Callable, Container
from enum import StrEnum

__all__ = ["ONE_DAY", "AgeCounting", "WorkdayTest", "age_on", "date_reaching_age", "period_last_day",
           "period_last_day_skipping"]

ONE_DAY = datetime.timedelta(days=1)

#: ``day -> True`` when ``day`` is a working day (e.g. ``approvals.workdays.WorkCalendar().is_workday``)
WorkdayTest = Callable[[datetime.date], bool]


class AgeCounting(StrEnum):
    """On which day a person is ``n`` years old."""

    #: on the ``n``-th birthday (the platform's convention, ``registry.search.age_bounds``)
    ON_BIRTHDAY = "on_birthday"
    #: the day after the ``n``-th birthday (the birthday is the last day of the period, 第二百零一条)
    DAY_AFTER_BIRTHDAY = "day_after_birthday"


def _anniversary(born: datetime.date, years: int) -> datetime.date:
    """The ``years``-th birthday; 1 March when the birthday is 29 February and that year has none."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return datetime.date(born.year + years, 3, 1)


def date_reaching_age(born: datetime.date, years: int, counting: AgeCounting = AgeCounting.ON_BIRTHDAY
                      ) -> datetime.date:
    """The first day on which someone born on ``born`` is ``years`` years old."""
    day = _anniversary(born, years)
    if counting == AgeCounting.DAY_AFTER_BIRTHDAY:
        # Born on 29 February, in a common year: the period ends on 28 February, the month's last day
        # (第二百零二条), so the age is reached on 1 March, which _anniversary already gave.
        no_leap_day = (born.month, born.day) == (2, 29) and day.month == 3
        if not no_leap_day:
            day += ONE_DAY
    return day


def age_on(born: datetime.date, on: datetime.date, counting: AgeCounting = AgeCounting.ON_BIRTHDAY) -> int:
    """Age in whole years on ``on`` (0 before the first birthday; negative before birth is not allowed).

    Raises:
        ValueError: ``on`` is before ``born``.
    """
    if on < born:
        raise ValueError(f"{on} is before the birth date {born}")
    years = on.year - born.year
    while years > 0 and date_reaching_age(born, years, counting) > on:
        years -= 1
    return years


def period_last_day(start: datetime.date, days: int, is_workday: WorkdayTest | None = None) -> datetime.date:
    """The last day of a period of ``days`` calendar days counted from the day after ``start``.

    With ``is_workday``, a last day that is not a working day moves to the next working day.
    """
    return period_last_day_skipping(start, days, (), is_workday)


def period_last_day_skipping(start: datetime.date, days: int, skipped: Container[datetime.date],
                             is_workday: WorkdayTest | None = None) -> datetime.date:
    """Like ``period_last_day``, but the days in ``skipped`` are not counted (a period suspended by another)."""
    if days < 0:
        raise ValueError("a period counts forward only")
    day, counted = start, 0
    while counted < days:
        day += ONE_DAY
        counted += day not in skipped
    if is_workday is not None:
        while not is_workday(day):
            day += ONE_DAY
    return day
