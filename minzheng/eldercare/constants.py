"""Constants of the elderly-care app that are confirmed law (REFERENCE.md ✅); everything unconfirmed is data."""

import datetime

from minzheng.registry.search import age_on
from minzheng.registry.search import born_by as registry_born_by

__all__ = ["ELDERLY_AGE", "age_on", "born_by"]

#: 老年人权益保障法 Art. 2: an elderly person is a citizen aged 60 or over (✅ confirmed).
ELDERLY_AGE = 60


def born_by(day: datetime.date, age: int = ELDERLY_AGE) -> datetime.date:
    """The latest birth date of a person who is ``age`` (default: elderly) or over on ``day``."""
    return registry_born_by(day, age)
