"""Rectifying what an inspection found."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.audit.services import record_event
from minzheng.eldercare.choices import FindingStatus
from minzheng.eldercare.events import EldercareEvent
from minzheng.eldercare.models import InspectionFinding
from minzheng.eldercare.services.common import locked, update_fields
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import ensure_in_area, user_or_none

__all__ = ["rectify_finding"]


@transaction.atomic
def rectify_finding(finding: InspectionFinding, *, on: datetime.date, note: str, actor) -> InspectionFinding:
    """Record that a finding was rectified on ``on`` (checked by ``actor``), with what was done.

    Raises:
        DomainError: already rectified, no note, or a date before the inspection or in the future.
        PermissionsViolation: outside ``actor``'s area (nothing written).
    """
    finding = locked(finding)
    ensure_in_area(finding, actor, "change")
    if finding.status != FindingStatus.OPEN:
        raise DomainError(_("The finding is already rectified."), code="eldercare.finding_rectified")
    if not note.strip():
        raise DomainError(_("Say what was done."), code="eldercare.note_required", field="note")
    if on < finding.inspection.inspected_on or on > timezone.localdate():
        raise DomainError(_("The date must lie between the inspection and today."),
                          code="eldercare.date_out_of_range", field="on")
    late = on > finding.rectification_due
    update_fields(finding, actor=actor, status=FindingStatus.RECTIFIED, rectified_on=on, rectification=note.strip(),
                  checked_by=user_or_none(actor))
    record_event(EldercareEvent.FINDING_RECTIFIED, actor=actor, subject=finding,
                 payload={"on": on.isoformat(), "late": late})
    return finding
