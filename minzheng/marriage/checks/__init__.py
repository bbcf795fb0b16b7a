"""The legal checks of marriage registration, divorce by agreement and adoption (pure functions).

``marriage`` (marriage registration and accepting a divorce), ``divorce`` (the cooling-off clock)
and ``adoption``; each reads its ages, periods, limits and checklists from ``rules.rules_on``.
"""

from minzheng.marriage.checks.adoption import (
    Adopter,
    Child,
    adoption_refusals,
    adoption_review_last_day,
    foundling_notice_last_day,
)
from minzheng.marriage.checks.divorce import DivorceSchedule, DivorceState, divorce_schedule
from minzheng.marriage.checks.marriage import DivorceParty, Party, divorce_refusals, marriage_refusals

__all__ = [
    "Adopter",
    "Child",
    "DivorceParty",
    "DivorceSchedule",
    "DivorceState",
    "Party",
    "adoption_refusals",
    "adoption_review_last_day",
    "divorce_refusals",
    "divorce_schedule",
    "foundling_notice_last_day",
    "marriage_refusals",
]
