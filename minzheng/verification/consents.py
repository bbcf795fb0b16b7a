"""Recording and revoking a member's consent (授权书) to the verification of the household's income and assets."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.audit.services import record_event
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import ensure_in_area, record_change, save_object, validated
from minzheng.verification.events import VerificationEvent
from minzheng.verification.models import Consent

__all__ = ["record_consent", "revoke_consent"]


@transaction.atomic
def record_consent(consent: Consent, *, actor) -> Consent:
    """Record a signed consent (an unsaved ``Consent`` with its scan).

    Raises:
        DomainError: a field is invalid, the person is not a current member, or the scan is missing.
        PermissionsViolation: ``actor`` may not add consents in the household's area (nothing is written).
    """
    if consent.pk is not None:
        raise DomainError(_("A recorded consent is not changed; revoke it and record a new one."),
                          code="verification.consent_recorded")
    validated(consent, code="verification.invalid")
    save_object(consent, actor=actor)
    record_event(VerificationEvent.CONSENT_RECORDED, actor=actor, subject=consent,
                 payload={"person": consent.person_id, "signed_on": consent.signed_on.isoformat()})
    return consent


@transaction.atomic
def revoke_consent(consent: Consent, *, actor, on: datetime.date | None = None) -> Consent:
    """Revoke a consent from ``on`` (today by default): no verification may use it from that day.

    Raises:
        DomainError: it is already revoked, or ``on`` is before it was signed.
        PermissionsViolation: ``actor`` may not change consents in the household's area (nothing is written).
    """
    consent = Consent.objects.select_for_update(no_key=True).get(pk=consent.pk)
    ensure_in_area(consent, actor, "change")
    on = on or timezone.localdate()
    if consent.revoked_on is not None:
        raise DomainError(_("The consent is already revoked."), code="verification.consent_revoked")
    if on < consent.signed_on:
        raise DomainError(_("It cannot be revoked before it was signed."), code="verification.invalid",
                          field="revoked_on")
    before = consent.snapshot()
    consent.revoked_on = on
    consent.save(update_fields=["revoked_on", "updated_at"])
    record_change(consent, "update", actor=actor, before=before, after=consent.snapshot())
    record_event(VerificationEvent.CONSENT_REVOKED, actor=actor, subject=consent, payload={"on": on.isoformat()})
    return consent
