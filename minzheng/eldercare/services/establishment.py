"""Establishing an institution by the rules in force on the date (REFERENCE.md §7.1).

Under a licence rule set (2013–2018) an application is accepted, the institution inspected on site, and a
licence granted or refused; the decision is due a number of working days after acceptance (the approvals
working-day calendar). Under a registration rule set (from 2018) the institution's registration is filed
with civil affairs and it operates from its registration date. Which one applies is decided by the date the
application or filing was received, never by the user.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.approvals.workdays import add_workdays
from minzheng.audit.services import record_event
from minzheng.eldercare.choices import EstablishmentStatus, InstitutionStatus, Procedure
from minzheng.eldercare.events import EldercareEvent
from minzheng.eldercare.models import Establishment, EstablishmentRuleSet, Institution
from minzheng.eldercare.services.common import create_record, locked, update_fields
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import ensure_holds_in, ensure_in_area

__all__ = ["decide_licence", "record_site_inspection", "rules_on", "start_establishment"]

OPEN_OR_DONE = (EstablishmentStatus.ACCEPTED, EstablishmentStatus.GRANTED, EstablishmentStatus.FILED)


def rules_on(date: datetime.date) -> EstablishmentRuleSet:
    """The establishment rule set in force on ``date``.

    Raises:
        DomainError: none is (``eldercare.no_establishment_rules``).
    """
    rule_set = EstablishmentRuleSet.objects.applicable(date)
    if rule_set is None:
        raise DomainError(_("No establishment rules are in force on %(date)s.") % {"date": date.isoformat()},
                          code="eldercare.no_establishment_rules", field="received_on")
    return rule_set


def _check_registration(authority: str, number: str, registered_on, received_on: datetime.date) -> None:
    for field, value in (("registration_authority", authority), ("registration_number", number),
                         ("registered_on", registered_on)):
        if not value:
            raise DomainError(_("Under the registration rules, give the institution's registration: authority, "
                                "number and date."), code="eldercare.registration_required", field=field)
    if registered_on > received_on:
        raise DomainError(_("The filing cannot be received before the institution is registered."),
                          code="eldercare.filed_before_registration", field="registered_on")


@transaction.atomic
def start_establishment(institution: Institution, *, received_on: datetime.date, applicant: str,
                        beds_declared: int, actor, registration_authority: str = "", registration_number: str = "",
                        registered_on: datetime.date | None = None, remarks: str = "") -> Establishment:
    """Accept a licence application or record a registration filing, by the rules in force on ``received_on``.

    Under a licence rule set the beds declared must reach its minimum and the decision falls due its
    number of working days after ``received_on``; the registration fields are not used. Under a
    registration rule set they are required, the record is filed at once and the institution operates
    from its registration date.

    Raises:
        DomainError: no rules on the date, the institution is closed or already established, too few beds,
            a registration incomplete or later than the filing.
        PermissionsViolation: ``actor`` may not add establishments in the institution's area (nothing written).
    """
    institution = locked(institution)
    ensure_holds_in(actor, Establishment, "add", institution.division)
    if received_on > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), code="eldercare.date_in_future", field="received_on")
    if institution.status == InstitutionStatus.CLOSED:
        raise DomainError(_("The institution is closed."), code="eldercare.institution_closed")
    if institution.establishments.filter(status__in=OPEN_OR_DONE).exists():
        raise DomainError(_("The institution is already established, or its application is pending."),
                          code="eldercare.already_established")
    rule_set = rules_on(received_on)
    record = Establishment(institution=institution, rule_set=rule_set, procedure=rule_set.procedure,
                           applicant=applicant, received_on=received_on, beds_declared=beds_declared, remarks=remarks)
    if rule_set.procedure == Procedure.LICENCE:
        if rule_set.min_beds is not None and beds_declared < rule_set.min_beds:
            raise DomainError(_("An institution needs at least %(beds)d beds under %(rules)s.")
                              % {"beds": rule_set.min_beds, "rules": rule_set.name},
                              code="eldercare.too_few_beds", field="beds_declared")
        record.status = EstablishmentStatus.ACCEPTED
        record.decision_due = add_workdays(received_on, rule_set.decision_workdays)
    else:
        _check_registration(registration_authority, registration_number, registered_on, received_on)
        record.status = EstablishmentStatus.FILED
        record.registration_authority, record.registration_number = registration_authority, registration_number
        record.registered_on = registered_on
    create_record(record, actor=actor)
    if record.status == EstablishmentStatus.FILED:
        _open(institution, registered_on, actor=actor)
    record_event(EldercareEvent.ESTABLISHMENT_STARTED, actor=actor, subject=record, payload={
        "procedure": record.procedure, "rules": rule_set.code, "received_on": received_on.isoformat(),
        "decision_due": record.decision_due.isoformat() if record.decision_due else None})
    return record


def _open(institution: Institution, on: datetime.date, *, actor) -> None:
    values = {"status": InstitutionStatus.OPERATING}
    if institution.opened_on is None:
        values["opened_on"] = on
    update_fields(institution, actor=actor, **values)


def _awaiting_decision(establishment: Establishment, *, actor, on: datetime.date) -> Establishment:
    establishment = locked(establishment)
    ensure_in_area(establishment, actor, "change")
    if establishment.procedure != Procedure.LICENCE or establishment.status != EstablishmentStatus.ACCEPTED:
        raise DomainError(_("Only an accepted licence application awaits inspection and decision."),
                          code="eldercare.not_awaiting_decision")
    if on < establishment.received_on:
        raise DomainError(_("The date cannot be before the application was received."),
                          code="eldercare.date_before_application", field="on")
    if on > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), code="eldercare.date_in_future", field="on")
    return establishment


@transaction.atomic
def record_site_inspection(establishment: Establishment, *, on: datetime.date, passed: bool, notes: str = "",
                           actor) -> Establishment:
    """Record the on-site inspection of a licence application and whether the premises passed.

    Raises:
        DomainError: not an accepted licence application, or a date before it was received.
        PermissionsViolation: outside ``actor``'s area (nothing written).
    """
    establishment = _awaiting_decision(establishment, actor=actor, on=on)
    update_fields(establishment, actor=actor, inspected_on=on, inspection_passed=passed, inspection_notes=notes)
    record_event(EldercareEvent.SITE_INSPECTED, actor=actor, subject=establishment,
                 payload={"on": on.isoformat(), "passed": passed})
    return establishment


@transaction.atomic
def decide_licence(establishment: Establishment, *, on: datetime.date, granted: bool, licence_number: str = "",
                   reason: str = "", actor) -> Establishment:
    """Grant or refuse the licence; a grant puts the institution in operation from ``on``.

    Raises:
        DomainError: not awaiting a decision, the on-site inspection missing (when the rules require one) or
            failed (for a grant), no licence number (grant) or no reason (refusal).
        PermissionsViolation: outside ``actor``'s area (nothing written).
    """
    establishment = _awaiting_decision(establishment, actor=actor, on=on)
    if establishment.rule_set.requires_site_inspection and establishment.inspected_on is None:
        raise DomainError(_("The rules require an on-site inspection before the decision."),
                          code="eldercare.inspection_required")
    if granted and establishment.inspection_passed is False:
        raise DomainError(_("The premises failed the on-site inspection."), code="eldercare.inspection_failed")
    if granted and not licence_number.strip():
        raise DomainError(_("Give the licence number."), code="eldercare.licence_number_required",
                          field="licence_number")
    if not granted and not reason.strip():
        raise DomainError(_("Give the reason for the refusal."), code="eldercare.reason_required", field="reason")
    status = EstablishmentStatus.GRANTED if granted else EstablishmentStatus.REFUSED
    update_fields(establishment, actor=actor, status=status, decided_on=on, licence_number=licence_number.strip(),
                  refusal_reason=reason.strip())
    if granted:
        _open(locked(establishment.institution), on, actor=actor)
    record_event(EldercareEvent.LICENCE_DECIDED, actor=actor, subject=establishment, payload={
        "granted": granted, "on": on.isoformat(), "late": establishment.decided_late})
    return establishment
