"""Constants of the elderly-care app that are confirmed law (REFERENCE.md ✅); everything unconfirmed is data."""

import datetime

__all__ = ["ELDERLY_AGE", "age_on", "born_by"]

#: 老年人权益保障法 Art. 2: an elderly person is a citizen aged 60 or over (✅ confirmed).
ELDERLY_AGE = 60


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    """Whole years of age on ``day``."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def born_by(day: datetime.date, age: int = ELDERLY_AGE) -> datetime.date:
    """The latest birth date of a person who is ``age`` or over on ``day`` (29 February maps to 28)."""
    try:
        return day.replace(year=day.year - age)
    except ValueError:
        return day.replace(year=day.year - age, day=28)
