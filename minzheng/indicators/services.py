"""Reading indicators: one value, or every indicator a user may read, for a division and a period."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from minzheng.divisions.models import Division
from minzheng.indicators.periods import resolve_period
from minzheng.indicators.registry import Indicator, visible_indicators

__all__ = ["IndicatorValue", "evaluate", "indicator_values"]


@dataclass(frozen=True)
class IndicatorValue:
    """An indicator's value for a division (None: the whole area in reach) over a period."""

    indicator: Indicator
    value: Decimal | int
    division: Division | None
    period_start: datetime.date
    period_end: datetime.date


def evaluate(indicator: Indicator, *, user=None, division: Division | None = None,
             period_start: datetime.date | None = None, period_end: datetime.date | None = None) -> IndicatorValue:
    """Compute ``indicator`` as ``user`` may see it (None: unrestricted, for the system).

    The period defaults to the year to date (``periods.resolve_period``).

    Raises:
        DomainError: the period starts after it ends (``indicators.period_invalid``).
    """
    start, end = resolve_period(period_start, period_end)
    value = indicator.compute(user=user, division=division, period_start=start, period_end=end)
    return IndicatorValue(indicator, value, division, start, end)


def indicator_values(user, *, division: Division | None = None, period_start: datetime.date | None = None,
                     period_end: datetime.date | None = None) -> list[IndicatorValue]:
    """The value of every indicator ``user`` may read, for ``user``'s area (or ``division`` within it)."""
    return [evaluate(indicator, user=user, division=division, period_start=period_start, period_end=period_end)
            for indicator in visible_indicators(user)]
