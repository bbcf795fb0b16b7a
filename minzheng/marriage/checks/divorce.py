"""The divorce-by-agreement clock: cooling-off, the window to appear together, lapse.

Pure (no database, no clock). Day counting (民法典 第一千零七十七条, from 2021-01-01): "自婚姻登记
机关收到离婚登记申请之日起三十日内" either party may withdraw; "前款规定期限届满后三十日内" both
must appear to ask for the certificate, otherwise the application counts as withdrawn. The day of
receipt is not counted (第二百零一条: 开始的当日不计入), so an application received on day D is in
cooling-off from D through D+30 (still withdrawable on D+30), may be registered from D+31 through
D+60 and has lapsed from D+61: received 2021-01-01, cooling-off to 2021-01-31, registration
2021-02-01 to 2021-03-02, lapsed on 2021-03-03. With a working-day calendar, a last day that is a
day off moves to the next working day (第二百零三条; ``DivorceRules.period_end_moves_to_workday``)
and the appearance period starts the day after the moved end.

Before 2021 the divorce is registered on the day of application (婚姻登记条例 第十三条): the
schedule is that one day, and the application is not carried over to another. Which law applies
is decided by the day of receipt: received 2020-12-31, same day; received 2021-01-01, cooling-off.
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from minzheng.marriage.dates import ONE_DAY, WorkdayTest, period_last_day
from minzheng.marriage.rules import RuleSet, rules_on

__all__ = ["DivorceSchedule", "DivorceState", "divorce_schedule"]


class DivorceState(StrEnum):
    """Where an application for divorce by agreement stands on a day (a withdrawal is the caller's to record)."""

    COOLING_OFF = "cooling_off"  # either party may withdraw; no registration yet
    MAY_REGISTER = "may_register"  # both may appear together and the divorce is registered
    LAPSED = "lapsed"  # nobody came in time: the application counts as withdrawn


@dataclass(frozen=True)
class DivorceSchedule:
    """The dates of one application for divorce by agreement.

    Attributes:
        applied_on: the day the registry received the application.
        cooling_off_last_day: the last day of the cooling-off (a withdrawal is possible up to and
            including it); ``None`` when the law in force on ``applied_on`` has no cooling-off.
        first_day / last_day: the days on which both may appear and the divorce is registered;
            both ``applied_on`` when there is no cooling-off.
    """

    applied_on: datetime.date
    cooling_off_last_day: datetime.date | None
    first_day: datetime.date
    last_day: datetime.date

    @property
    def immediate(self) -> bool:
        """Registered on the day of application (the law before 2021-01-01)."""
        return self.cooling_off_last_day is None

    def state_on(self, day: datetime.date) -> DivorceState:
        """The state of the application on ``day``.

        Raises:
            ValueError: ``day`` is before the application.
        """
        if day < self.applied_on:
            raise ValueError(f"{day} is before the application of {self.applied_on}")
        if day < self.first_day:
            return DivorceState.COOLING_OFF
        if day <= self.last_day:
            return DivorceState.MAY_REGISTER
        return DivorceState.LAPSED

    def may_withdraw_on(self, day: datetime.date) -> bool:
        """A party may withdraw during the cooling-off; afterwards staying away has the same effect."""
        return self.state_on(day) == DivorceState.COOLING_OFF


def divorce_schedule(applied_on: datetime.date, *, is_workday: WorkdayTest | None = None,
                     rules: RuleSet | None = None) -> DivorceSchedule:
    """The cooling-off and the appearance window of an application received on ``applied_on``.

    Args:
        applied_on: the day the registry received the application; chooses the rule set.
        is_workday: the working-day calendar (``approvals.workdays.WorkCalendar().is_workday``); without
            it, or when the rule set does not move period ends, periods are plain calendar days.
        rules: the rules to apply instead of those in force on ``applied_on``.
    """
    rules = rules or rules_on(applied_on)
    divorce = rules.divorce
    if divorce.cooling_off_days is None:
        return DivorceSchedule(applied_on, None, applied_on, applied_on)
    calendar = is_workday if divorce.period_end_moves_to_workday else None
    cooling_off_last_day = period_last_day(applied_on, divorce.cooling_off_days, calendar)
    last_day = period_last_day(cooling_off_last_day, divorce.appearance_days, calendar)
    return DivorceSchedule(applied_on, cooling_off_last_day, cooling_off_last_day + ONE_DAY, last_day)
