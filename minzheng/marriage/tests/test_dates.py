"""Ages in whole years (both conventions, 29 February) and periods counted from the day after."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minzheng.marriage.dates import AgeCounting, age_on, date_reaching_age, period_last_day, period_last_day_skipping

D = datetime.date
ON, AFTER = AgeCounting.ON_BIRTHDAY, AgeCounting.DAY_AFTER_BIRTHDAY
births = st.dates(min_value=D(1900, 1, 1), max_value=D(2030, 12, 31))


@pytest.mark.parametrize(("_case", "born", "years", "counting", "reached"), [
    ("ordinary birthday", D(2000, 6, 15), 22, ON, D(2022, 6, 15)),
    ("ordinary, day after", D(2000, 6, 15), 22, AFTER, D(2022, 6, 16)),
    ("29 Feb, common year", D(2000, 2, 29), 22, ON, D(2022, 3, 1)),
    ("29 Feb, common year, day after", D(2000, 2, 29), 22, AFTER, D(2022, 3, 1)),
    ("29 Feb, leap year", D(2004, 2, 29), 20, ON, D(2024, 2, 29)),
    ("29 Feb, leap year, day after", D(2004, 2, 29), 20, AFTER, D(2024, 3, 1)),
    ("28 Feb, common year", D(2001, 2, 28), 22, ON, D(2023, 2, 28)),
    ("31 Dec, day after is next year", D(2000, 12, 31), 22, AFTER, D(2023, 1, 1)),
])
def test_date_reaching_age(_case, born, years, counting, reached):
    assert date_reaching_age(born, years, counting) == reached
    assert age_on(born, reached, counting) == years
    assert age_on(born, reached - datetime.timedelta(days=1), counting) == years - 1


def test_age_before_birth_is_an_error():
    with pytest.raises(ValueError, match="before the birth date"):
        age_on(D(2000, 1, 2), D(2000, 1, 1))


def test_age_on_the_day_of_birth_is_zero():
    assert age_on(D(2000, 2, 29), D(2000, 2, 29)) == 0
    assert age_on(D(2000, 2, 29), D(2000, 2, 29), AFTER) == 0


@given(births, st.integers(min_value=1, max_value=120), st.sampled_from(AgeCounting))
def test_the_age_changes_exactly_on_the_day_it_is_reached(born, years, counting):
    reached = date_reaching_age(born, years, counting)
    assert age_on(born, reached, counting) == years
    assert age_on(born, reached - datetime.timedelta(days=1), counting) == years - 1


@given(births, st.integers(min_value=0, max_value=40000), st.integers(min_value=0, max_value=400))
def test_age_grows_by_at_most_one_a_year_and_never_falls(born, days, more):
    first = born + datetime.timedelta(days=days)
    later = first + datetime.timedelta(days=more)
    assert 0 <= age_on(born, later) - age_on(born, first) <= 1 + more // 365


def test_day_after_counting_is_never_earlier():
    born = D(1999, 3, 1)
    assert date_reaching_age(born, 18, AFTER) == date_reaching_age(born, 18, ON) + datetime.timedelta(days=1)


# Periods


def test_a_period_starts_the_day_after():
    assert period_last_day(D(2021, 1, 1), 30) == D(2021, 1, 31)
    assert period_last_day(D(2021, 1, 31), 30) == D(2021, 3, 2)
    assert period_last_day(D(2024, 1, 31), 30) == D(2024, 3, 1)  # leap year
    assert period_last_day(D(2021, 1, 1), 0) == D(2021, 1, 1)


def test_a_last_day_off_moves_to_the_next_working_day():
    weekdays_only = lambda day: day.weekday() < 5  # noqa: E731
    assert period_last_day(D(2021, 1, 1), 30, weekdays_only) == D(2021, 2, 1)  # Sunday -> Monday
    assert period_last_day(D(2021, 1, 4), 30, weekdays_only) == D(2021, 2, 3)  # a Wednesday stays


def test_skipped_days_are_not_counted():
    skipped = {D(2022, 1, 5), D(2022, 1, 6)}
    assert period_last_day_skipping(D(2022, 1, 1), 10, skipped) == D(2022, 1, 13)
    with pytest.raises(ValueError, match="forward"):
        period_last_day(D(2022, 1, 1), -1)


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 1, 1)), st.integers(min_value=0, max_value=400))
def test_period_length_is_exactly_the_days(start, days):
    assert (period_last_day(start, days) - start).days == days
