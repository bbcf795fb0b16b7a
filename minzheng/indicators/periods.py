"""Periods of indicators and statistics: calendar dates and whole months."""

import calendar
import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.framework.exceptions import DomainError

__all__ = ["add_months", "first_of_month", "last_of_month", "months_between", "resolve_period"]


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def last_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(month: datetime.date, count: int) -> datetime.date:
    """The first day of the month ``count`` months after ``month``'s (before it when negative)."""
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def months_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The first days of every month from ``start``'s to ``end``'s, both included."""
    months, month = [], first_of_month(start)
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    return months


def resolve_period(start: datetime.date | None, end: datetime.date | None, *,
                   today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The period an indicator is computed for: ``end`` defaults to today, ``start`` to 1 January of
    ``end``'s year (the year to date).

    Raises:
        DomainError: ``start`` is after ``end`` (code ``indicators.period_invalid``).
    """
    end = end or today or timezone.localdate()
    start = start or end.replace(month=1, day=1)
    if start > end:
        raise DomainError(_("The start of the period is after its end."), code="indicators.period_invalid",
                          field="from")
    return start, end
