"""Seeding the city-wide rules (the migration does it on installation; tests and the demo call this)."""

from django.db import transaction

from minzheng.audit.services import record_event
from minzheng.eldercare.events import EldercareEvent
from minzheng.eldercare.models import AssessmentRuleTable, EstablishmentRuleSet
from minzheng.eldercare.reference import ASSESSMENT_TABLES, ESTABLISHMENT_RULES

__all__ = ["seed_reference"]


@transaction.atomic
def seed_reference(*, actor=None) -> int:
    """Create the establishment rule sets and the assessment rule table when none exist (rows a bureau has
    added or edited are left alone). Returns the number of rows created."""
    created = 0
    if not EstablishmentRuleSet.objects.exists():
        for row in ESTABLISHMENT_RULES:
            EstablishmentRuleSet.objects.create(**row)
            created += 1
    if not AssessmentRuleTable.objects.exists():
        for row in ASSESSMENT_TABLES:
            AssessmentRuleTable.objects.create(**row)
            created += 1
    if created:
        record_event(EldercareEvent.REFERENCE_SEEDED, actor=actor, payload={"rows": created})
    return created
