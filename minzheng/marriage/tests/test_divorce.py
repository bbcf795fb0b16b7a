"""The divorce clock: same-day registration before 2021, then 30 days' cooling-off and 30 days to appear."""

import dataclasses
import datetime

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from minzheng.marriage.checks import DivorceState, divorce_schedule
from minzheng.marriage.rules import CIVIL_CODE

D = datetime.date
COOLING_OFF, MAY_REGISTER, LAPSED = DivorceState.COOLING_OFF, DivorceState.MAY_REGISTER, DivorceState.LAPSED
ORDER = {COOLING_OFF: 0, MAY_REGISTER: 1, LAPSED: 2}
applications = st.dates(min_value=D(2004, 1, 1), max_value=D(2040, 12, 31))


def weekdays_only(day: datetime.date) -> bool:
    return day.weekday() < 5


@pytest.mark.parametrize(("_case", "applied", "day", "state"), [
    # Before the Civil Code: registered on the day of application, nothing pending afterwards.
    ("2020-12-30, same day", D(2020, 12, 30), D(2020, 12, 30), MAY_REGISTER),
    ("2020-12-31, same day", D(2020, 12, 31), D(2020, 12, 31), MAY_REGISTER),
    ("2020-12-31, next day (the Civil Code's first)", D(2020, 12, 31), D(2021, 1, 1), LAPSED),
    # Received on 2021-01-01: cooling-off D..D+30, registration D+31..D+60, lapsed from D+61.
    ("day of receipt", D(2021, 1, 1), D(2021, 1, 1), COOLING_OFF),
    ("day 29", D(2021, 1, 1), D(2021, 1, 30), COOLING_OFF),
    ("day 30, last of the cooling-off", D(2021, 1, 1), D(2021, 1, 31), COOLING_OFF),
    ("day 31, first to register", D(2021, 1, 1), D(2021, 2, 1), MAY_REGISTER),
    ("day 60, last to register", D(2021, 1, 1), D(2021, 3, 2), MAY_REGISTER),
    ("day 61, lapsed", D(2021, 1, 1), D(2021, 3, 3), LAPSED),
    # Across the end of a common February
    ("2021-02-28, day 30", D(2021, 2, 28), D(2021, 3, 30), COOLING_OFF),
    ("2021-02-28, day 31", D(2021, 2, 28), D(2021, 3, 31), MAY_REGISTER),
    ("2021-02-28, day 60", D(2021, 2, 28), D(2021, 4, 29), MAY_REGISTER),
    ("2021-02-28, day 61", D(2021, 2, 28), D(2021, 4, 30), LAPSED),
    # Across a leap February
    ("2024-02-01, day 30", D(2024, 2, 1), D(2024, 3, 2), COOLING_OFF),
    ("2024-02-01, day 31", D(2024, 2, 1), D(2024, 3, 3), MAY_REGISTER),
    ("2024-02-01, day 60", D(2024, 2, 1), D(2024, 4, 1), MAY_REGISTER),
    ("2024-02-01, day 61", D(2024, 2, 1), D(2024, 4, 2), LAPSED),
])
def test_state_on_each_boundary(_case, applied, day, state):
    assert divorce_schedule(applied).state_on(day) == state


def test_the_schedule_on_both_sides_of_2021_01_01():
    before, after = divorce_schedule(D(2020, 12, 31)), divorce_schedule(D(2021, 1, 1))
    assert before.immediate and before.cooling_off_last_day is None
    assert (before.first_day, before.last_day) == (D(2020, 12, 31), D(2020, 12, 31))
    assert not after.immediate
    assert (after.cooling_off_last_day, after.first_day, after.last_day) == (D(2021, 1, 31), D(2021, 2, 1),
                                                                             D(2021, 3, 2))


def test_withdrawal_during_the_cooling_off_only():
    schedule = divorce_schedule(D(2021, 1, 1))
    assert schedule.may_withdraw_on(D(2021, 1, 1)) and schedule.may_withdraw_on(D(2021, 1, 31))
    assert not schedule.may_withdraw_on(D(2021, 2, 1))
    assert not divorce_schedule(D(2020, 12, 31)).may_withdraw_on(D(2020, 12, 31))


def test_no_state_before_the_application():
    with pytest.raises(ValueError, match="before the application"):
        divorce_schedule(D(2021, 1, 10)).state_on(D(2021, 1, 9))


def test_period_ends_on_a_day_off_move_to_the_next_working_day():
    # 2021-01-31 is a Sunday: the cooling-off ends on Monday 1 February, the window runs 2 February–3 March.
    schedule = divorce_schedule(D(2021, 1, 1), is_workday=chinese_calendar.is_workday)
    assert (schedule.cooling_off_last_day, schedule.first_day, schedule.last_day) == (D(2021, 2, 1), D(2021, 2, 2),
                                                                                      D(2021, 3, 3))
    assert schedule.state_on(D(2021, 2, 1)) == COOLING_OFF
    # Received 2021-09-01: day 30 is 国庆 (1–7 October), so the cooling-off ends on Friday 8 October; day 30
    # of the window is Sunday 7 November, so it ends on Monday 8 November.
    schedule = divorce_schedule(D(2021, 9, 1), is_workday=chinese_calendar.is_workday)
    assert (schedule.cooling_off_last_day, schedule.first_day, schedule.last_day) == (D(2021, 10, 8), D(2021, 10, 9),
                                                                                      D(2021, 11, 8))
    assert schedule.state_on(D(2021, 11, 8)) == MAY_REGISTER
    assert schedule.state_on(D(2021, 11, 9)) == LAPSED


def test_the_calendar_is_ignored_when_the_rule_set_says_so():
    rules = dataclasses.replace(CIVIL_CODE, divorce=dataclasses.replace(CIVIL_CODE.divorce,
                                                                        period_end_moves_to_workday=False))
    schedule = divorce_schedule(D(2021, 1, 1), is_workday=chinese_calendar.is_workday, rules=rules)
    assert schedule.cooling_off_last_day == D(2021, 1, 31)


def test_the_periods_are_rule_set_data():
    rules = dataclasses.replace(CIVIL_CODE, divorce=dataclasses.replace(CIVIL_CODE.divorce, cooling_off_days=15,
                                                                        appearance_days=10))
    schedule = divorce_schedule(D(2022, 1, 1), rules=rules)
    assert (schedule.cooling_off_last_day, schedule.last_day) == (D(2022, 1, 16), D(2022, 1, 26))


def test_no_rules_before_2003():
    with pytest.raises(LookupError):
        divorce_schedule(D(2003, 1, 1))


@given(applications, st.integers(min_value=0, max_value=120), st.integers(min_value=0, max_value=120),
       st.booleans())
def test_state_only_moves_forward(applied, first, more, with_calendar):
    schedule = divorce_schedule(applied, is_workday=weekdays_only if with_calendar else None)
    earlier = applied + datetime.timedelta(days=first)
    later = earlier + datetime.timedelta(days=more)
    assert ORDER[schedule.state_on(earlier)] <= ORDER[schedule.state_on(later)]


@given(applications)
def test_the_periods_are_thirty_days_each_from_2021(applied):
    schedule = divorce_schedule(applied)
    if applied < D(2021, 1, 1):
        assert schedule.immediate and schedule.first_day == schedule.last_day == applied
        assert schedule.state_on(applied) == MAY_REGISTER
        assert schedule.state_on(applied + datetime.timedelta(days=1)) == LAPSED
        return
    assert (schedule.cooling_off_last_day - applied).days == 30
    assert (schedule.last_day - schedule.cooling_off_last_day).days == 30
    assert schedule.first_day == schedule.cooling_off_last_day + datetime.timedelta(days=1)


@given(st.dates(min_value=D(2021, 1, 1), max_value=D(2040, 12, 31)))
def test_with_a_calendar_both_periods_end_on_working_days_and_last_at_least_thirty_days(applied):
    schedule = divorce_schedule(applied, is_workday=weekdays_only)
    plain = divorce_schedule(applied)
    assert weekdays_only(schedule.cooling_off_last_day) and weekdays_only(schedule.last_day)
    assert 0 <= (schedule.cooling_off_last_day - plain.cooling_off_last_day).days <= 2
    assert 30 <= (schedule.last_day - schedule.cooling_off_last_day).days <= 32
