"""Divorce by agreement: receiving the application, the cooling-off clock, withdrawal, lapse, registration.

Received before 2021-01-01 (婚姻登记条例 第十三条): registered on the same day or refused. Received from
2021-01-01 (民法典 第一千零七十七条): either party may withdraw during 30 days' cooling-off; in the 30 days
after it both must appear to have the divorce registered, else the application lapses. The dates come from
``checks.divorce_schedule`` on the working-day calendar when the application is received and are kept on
it; every operation checks the day against them (``DivorceSchedule.state_on``).
"""

import datetime
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.approvals.workdays import WorkCalendar
from minzheng.audit.services import record_event
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import ensure_holds_in, ensure_in_area, record_change, user_or_none
from minzheng.marriage.booking import use_appointment
from minzheng.marriage.certificates import issue_certificate
from minzheng.marriage.checks import DivorceParty, DivorceSchedule, DivorceState, divorce_refusals, divorce_schedule
from minzheng.marriage.choices import (
    CertificateKind,
    Dissolution,
    DivorceStatus,
    RegistrationStatus,
    Service,
)
from minzheng.marriage.events import MarriageEvent
from minzheng.marriage.models import Appointment, DivorceApplication, MarriageRegistration, MarriedPerson
from minzheng.marriage.parties import check_id_number, check_name, find_person, record_marital_change
from minzheng.marriage.registration import registration_day, written_reason
from minzheng.marriage.rules import rules_on
from minzheng.registry.choices import LifeEventKind

__all__ = ["DivorcePartyInput", "dissolve_marriage", "lapse_divorce_applications", "receive_divorce",
           "register_divorce", "schedule_of", "stage", "withdraw_divorce"]

SIDES = ("party_a", "party_b")


@dataclass(frozen=True, kw_only=True)
class DivorcePartyInput:
    """What the officer records about one spouse, on receiving the application or on registering."""

    name: str = ""
    id_number: str = ""
    present: bool = True
    full_civil_capacity: bool = True
    documents: frozenset[str] = field(default_factory=frozenset)

    def inputs(self) -> dict:
        return {"present": self.present, "full_civil_capacity": self.full_civil_capacity,
                "documents": sorted(self.documents)}

    def as_party(self, name: str) -> DivorceParty:
        return DivorceParty(present=self.present, full_civil_capacity=self.full_civil_capacity,
                            documents=frozenset(self.documents), name=name)


def schedule_of(application: DivorceApplication) -> DivorceSchedule:
    """The application's clock as stored when it was received."""
    return DivorceSchedule(application.applied_on, application.cooling_off_last_day, application.first_day,
                           application.last_day)


def stage(application: DivorceApplication, today: datetime.date | None = None) -> str:
    """Where a pending application stands today (cooling_off, may_register, lapsed); else its status."""
    if application.status != DivorceStatus.PENDING:
        return application.status
    return str(schedule_of(application).state_on(max(today or timezone.localdate(), application.applied_on)))


def _marriage_of(number: str, ids: set[str]) -> MarriageRegistration | None:
    """This registry's record of the marriage certificate ``number``, checked against the spouses."""
    marriage = MarriageRegistration.objects.filter(certificate_number=number.strip().upper()).first()
    if marriage is None:
        return None
    if {marriage.party_a_id_number, marriage.party_b_id_number} != ids:
        raise DomainError(_("This certificate was issued to other people."), code="marriage.certificate_mismatch",
                          field="marriage_certificate_number")
    if marriage.dissolved_on is not None or marriage.status != RegistrationStatus.REGISTERED:
        raise DomainError(_("This marriage was already dissolved."), code="marriage.already_dissolved",
                          field="marriage_certificate_number")
    return marriage


def _ensure_none_pending(ids: set[str], today: datetime.date) -> None:
    open_ = DivorceApplication.objects.filter(status=DivorceStatus.PENDING, last_day__gte=today).filter(
        models.Q(party_a_id_number__in=ids) | models.Q(party_b_id_number__in=ids))
    if open_.exists():
        raise DomainError(_("An application of these spouses is already under way."), code="marriage.divorce_pending",
                          field="party_a_id_number")


def _refuse(application: DivorceApplication, refusals, note: str, on: datetime.date) -> None:
    application.status, application.closed_on = DivorceStatus.REFUSED, on
    application.grounds = [refusal.as_dict() for refusal in refusals]
    application.refusal_reason = written_reason(refusals, note)


def _complete(application: DivorceApplication, on: datetime.date, actor) -> None:
    """The divorce is registered: the marriage dissolved, the certificate numbered, the register updated."""
    application.status, application.closed_on = DivorceStatus.REGISTERED, on
    if application.marriage_id:
        dissolve_marriage(application.marriage, on, Dissolution.DIVORCE, actor=actor)
    pending = [record_marital_change(person, LifeEventKind.DIVORCE, on, actor=actor, subject=application,
                                     details={"divorce_application": application.pk})
               for person in (application.party_a_person, application.party_b_person)]
    application.status_pending = [change for change in pending if change]
    certificate = issue_certificate(CertificateKind.DIVORCE, application.office, on, actor=actor,
                                    holders=f"{application.party_a_name} · {application.party_b_name}",
                                    divorce=application)
    application.certificate_number = certificate.number


def dissolve_marriage(marriage: MarriageRegistration, on: datetime.date, how: str, *, actor) -> None:
    """Mark ``marriage`` dissolved on ``on`` (by divorce or a spouse's death); its spouses may marry again."""
    before = marriage.snapshot()
    marriage.dissolved_on, marriage.dissolved_by = on, how
    marriage.save(update_fields=["dissolved_on", "dissolved_by", "updated_at"])
    record_change(marriage, "update", actor=user_or_none(actor), before=before, after=marriage.snapshot())
    MarriedPerson.objects.filter(marriage=marriage).delete()


def _save(application: DivorceApplication, before: dict | None, actor) -> None:
    application.updated_by = user_or_none(actor)
    application.save()
    record_change(application, "create" if before is None else "update", actor=user_or_none(actor), before=before,
                  after=application.snapshot())


@transaction.atomic
def receive_divorce(office, party_a: DivorcePartyInput, party_b: DivorcePartyInput, *, marriage_certificate_number: str,
                    agreement_signed: bool, actor, registered_in_mainland: bool = True, on: datetime.date | None = None,
                    appointment: Appointment | None = None, note: str = "") -> DivorceApplication:
    """Receive an application for divorce by agreement at ``office``.

    Not accepted (refused with the written reason) on a ground of 婚姻登记条例 第十二条. Otherwise, before
    2021 the divorce is registered at once; from 2021 the application waits out its cooling-off.

    Raises:
        DomainError: input to correct, nothing written: ``marriage.name_invalid``, ``marriage.id_invalid``,
            ``marriage.same_person``, ``marriage.date_future``, ``marriage.certificate_mismatch``,
            ``marriage.already_dissolved``, ``marriage.divorce_pending``, ``marriage.appointment_*``.
        PermissionsViolation: the actor may not add applications at ``office``.
    """
    ensure_holds_in(actor, DivorceApplication, "add", office.division)
    on = registration_day(on)
    people = [(check_name(party.name, f"{side}_name"),
               check_id_number(party.id_number, f"{side}_id_number", on=on).normalized)
              for side, party in zip(SIDES, (party_a, party_b), strict=True)]
    ids = {number for _name, number in people}
    if len(ids) == 1:
        raise DomainError(_("The two parties must be different people."), code="marriage.same_person",
                          field="party_b_id_number")
    marriage = _marriage_of(marriage_certificate_number, ids)
    _ensure_none_pending(ids, on)
    if appointment is not None:
        use_appointment(appointment, office=office, service=Service.DIVORCE, id_numbers=list(ids), actor=actor)
    schedule = divorce_schedule(on, is_workday=WorkCalendar().is_workday)
    application = DivorceApplication(
        office=office, appointment=appointment, applied_on=on, cooling_off_last_day=schedule.cooling_off_last_day,
        first_day=schedule.first_day, last_day=schedule.last_day, party_a_name=people[0][0],
        party_a_id_number=people[0][1], party_a_person=find_person(people[0][1]), party_b_name=people[1][0],
        party_b_id_number=people[1][1], party_b_person=find_person(people[1][1]), marriage=marriage,
        marriage_certificate_number=marriage_certificate_number.strip().upper(),
        registered_in_mainland=registered_in_mainland, agreement_signed=agreement_signed,
        inputs={"received": {side: p.inputs() for side, p in zip(SIDES, (party_a, party_b), strict=True)}},
        rules_basis=rules_on(on).basis, remarks=note.strip(), created_by=user_or_none(actor))
    refusals = divorce_refusals(on, party_a.as_party(people[0][0]), party_b.as_party(people[1][0]),
                                agreement_signed=agreement_signed, registered_in_mainland=registered_in_mainland)
    if refusals:
        _refuse(application, refusals, note, on)
    _save(application, None, actor)
    if not refusals and schedule.immediate:
        before = application.snapshot()
        _complete(application, on, actor)
        _save(application, before, actor)
    event = {DivorceStatus.REFUSED: MarriageEvent.DIVORCE_REFUSED,
             DivorceStatus.REGISTERED: MarriageEvent.DIVORCE_REGISTERED}.get(application.status,
                                                                             MarriageEvent.DIVORCE_RECEIVED)
    record_event(event, actor=user_or_none(actor), subject=application,
                 payload={"on": on, "first_day": application.first_day, "last_day": application.last_day,
                          "grounds": [ground["code"] for ground in application.grounds]})
    return application


def _locked_pending(application: DivorceApplication, actor) -> DivorceApplication:
    ensure_in_area(application, actor, "change")
    application = (DivorceApplication.objects.select_for_update(no_key=True, of=("self",))
                   .select_related("office", "party_a_person", "party_b_person").get(pk=application.pk))
    if application.status != DivorceStatus.PENDING:
        raise DomainError(_("This application is closed (%(status)s).") % {"status": application.get_status_display()},
                          code="marriage.divorce_closed")
    return application


@transaction.atomic
def withdraw_divorce(application: DivorceApplication, *, withdrawn_by: str, actor, on: datetime.date | None = None,
                     ) -> DivorceApplication:
    """Either spouse withdraws the application during the cooling-off (第一千零七十七条第一款).

    Raises:
        DomainError: ``marriage.divorce_closed``; ``marriage.withdrawal_over`` after the cooling-off (the
            application then lapses unless both appear); ``marriage.withdrawn_by`` (not one of the spouses).
    """
    application = _locked_pending(application, actor)
    on = registration_day(on)
    if withdrawn_by not in (application.party_a_name, application.party_b_name):
        raise DomainError(_("Name the spouse who withdraws."), code="marriage.withdrawn_by", field="withdrawn_by")
    if not schedule_of(application).may_withdraw_on(max(on, application.applied_on)):
        raise DomainError(_("The cooling-off ended on %(date)s; the application can no longer be withdrawn.")
                          % {"date": f"{application.cooling_off_last_day:%Y-%m-%d}"},
                          code="marriage.withdrawal_over")
    before = application.snapshot()
    application.status, application.closed_on, application.withdrawn_by = DivorceStatus.WITHDRAWN, on, withdrawn_by
    _save(application, before, actor)
    record_event(MarriageEvent.DIVORCE_WITHDRAWN, actor=user_or_none(actor), subject=application,
                 payload={"on": on, "by": withdrawn_by})
    return application


def _check_window(application: DivorceApplication, on: datetime.date) -> None:
    state = schedule_of(application).state_on(max(on, application.applied_on))
    if state == DivorceState.COOLING_OFF:
        raise DomainError(_("The cooling-off runs until %(last)s; both may come to register from %(first)s.")
                          % {"last": f"{application.cooling_off_last_day:%Y-%m-%d}",
                             "first": f"{application.first_day:%Y-%m-%d}"}, code="marriage.cooling_off")
    if state == DivorceState.LAPSED:
        raise DomainError(_("Nobody appeared by %(last)s: the application has lapsed.")
                          % {"last": f"{application.last_day:%Y-%m-%d}"}, code="marriage.divorce_lapsed")


@transaction.atomic
def register_divorce(application: DivorceApplication, party_a: DivorcePartyInput, party_b: DivorcePartyInput, *,
                     actor, on: datetime.date | None = None, appointment: Appointment | None = None,
                     note: str = "") -> DivorceApplication:
    """Both spouses appear after the cooling-off and ask for the certificate: registered, or refused.

    Raises:
        DomainError: ``marriage.divorce_closed``, ``marriage.cooling_off`` (too early),
            ``marriage.divorce_lapsed`` (too late), ``marriage.date_future``, ``marriage.appointment_*``.
        PermissionsViolation: outside the actor's area.
    """
    application = _locked_pending(application, actor)
    on = registration_day(on)
    _check_window(application, on)
    if appointment is not None:
        use_appointment(appointment, office=application.office, service=Service.DIVORCE, actor=actor,
                        id_numbers=[application.party_a_id_number, application.party_b_id_number])
    before = application.snapshot()
    application.inputs = {**application.inputs, "registration": {
        side: party.inputs() for side, party in zip(SIDES, (party_a, party_b), strict=True)}}
    refusals = divorce_refusals(on, party_a.as_party(application.party_a_name),
                                party_b.as_party(application.party_b_name),
                                agreement_signed=application.agreement_signed,
                                registered_in_mainland=application.registered_in_mainland)
    if refusals:
        _refuse(application, refusals, note, on)
    else:
        _complete(application, on, actor)
    _save(application, before, actor)
    event = MarriageEvent.DIVORCE_REFUSED if refusals else MarriageEvent.DIVORCE_REGISTERED
    record_event(event, actor=user_or_none(actor), subject=application,
                 payload={"on": on, "certificate": application.certificate_number,
                          "grounds": [ground["code"] for ground in application.grounds]})
    return application


def lapse_divorce_applications(*, today: datetime.date | None = None) -> int:
    """Close, as lapsed, the pending applications whose window to register has ended (the daily job).

    Each in its own short transaction, as the system; the application counts as withdrawn from the day
    after its last day (第一千零七十七条第二款). Returns how many.
    """
    today = today or timezone.localdate()
    lapsed = 0
    for pk in DivorceApplication.objects.filter(status=DivorceStatus.PENDING, last_day__lt=today).values_list(
            "pk", flat=True):
        with transaction.atomic():
            application = (DivorceApplication.objects.select_for_update(no_key=True, of=("self",))
                           .filter(pk=pk, status=DivorceStatus.PENDING).first())
            if application is None:
                continue
            before = application.snapshot()
            application.status = DivorceStatus.LAPSED
            application.closed_on = application.last_day + datetime.timedelta(days=1)
            _save(application, before, None)
            record_event(MarriageEvent.DIVORCE_LAPSED, actor=None, subject=application,
                         payload={"last_day": application.last_day})
            lapsed += 1
    return lapsed
