"""Marriage registration at the office, by the law in force on the day (``checks.marriage_refusals``).

The officer records what was presented; the check finds every refusal ground (婚姻登记条例 第六条, 民法典
第一千零四十六至一千零五十三条 from 2021). With none, the marriage is registered on the spot and its
certificate numbered (第七条); otherwise the refusal is written with its reasons. Either way the record
is kept.
"""

import datetime
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.audit.services import record_event
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import ensure_holds_in, record_change, user_or_none
from minzheng.marriage.booking import use_appointment
from minzheng.marriage.certificates import issue_certificate
from minzheng.marriage.checks import Party, marriage_refusals
from minzheng.marriage.choices import CertificateKind, RegistrationStatus, Service
from minzheng.marriage.events import MarriageEvent
from minzheng.marriage.grounds import Ground, Refusal
from minzheng.marriage.models import Appointment, MarriageRegistration, MarriedPerson, RegistryOffice
from minzheng.marriage.parties import (
    check_id_number,
    check_name,
    find_person,
    married_in_registry,
    record_marital_change,
)
from minzheng.marriage.rules import rules_on
from minzheng.registry.choices import LifeEventKind

__all__ = ["MarriageParty", "preview_marriage", "registration_day", "register_marriage", "written_reason"]

SIDES = ("party_a", "party_b")


@dataclass(frozen=True, kw_only=True)
class MarriageParty:
    """What the officer records about one party."""

    name: str
    id_number: str
    present: bool = True
    voluntary: bool = True
    declares_prohibited_kinship: bool = False
    barring_disease: bool = False
    documents: frozenset[str] = field(default_factory=frozenset)

    def inputs(self) -> dict:
        return {"present": self.present, "voluntary": self.voluntary,
                "declares_prohibited_kinship": self.declares_prohibited_kinship,
                "barring_disease": self.barring_disease, "documents": sorted(self.documents)}


def registration_day(on: datetime.date | None) -> datetime.date:
    """The day of a registration: today, or an earlier day being recorded.

    Raises:
        DomainError: ``marriage.date_future``.
    """
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise DomainError(_("A registration cannot be dated in the future."), code="marriage.date_future",
                          field="on")
    return on


def written_reason(refusals: list[Refusal], note: str = "") -> str:
    """The written refusal: every ground, numbered, in the active language, and the officer's note."""
    lines = [f"{index}. {refusal.text}" for index, refusal in enumerate(refusals, start=1)]
    if note.strip():
        lines.append(note.strip())
    return "\n".join(lines)


def _identify(parties: tuple[MarriageParty, MarriageParty], on: datetime.date) -> list[tuple[str, str]]:
    checked = [(check_name(party.name, f"{side}_name"),
                check_id_number(party.id_number, f"{side}_id_number", on=on).normalized)
               for side, party in zip(SIDES, parties, strict=True)]
    if checked[0][1] == checked[1][1]:
        raise DomainError(_("The two parties must be different people."), code="marriage.same_person",
                          field="party_b_id_number")
    return checked


def _as_party(party: MarriageParty, name: str, id_number: str, married: bool) -> Party:
    return Party(present=party.present, currently_married=married,
                 declares_prohibited_kinship=party.declares_prohibited_kinship, voluntary=party.voluntary,
                 documents=frozenset(party.documents), id_number=id_number, name=name,
                 barring_disease=party.barring_disease)


def _refuse(registration: MarriageRegistration, refusals: list[Refusal], note: str) -> None:
    registration.status = RegistrationStatus.REFUSED
    registration.grounds = [refusal.as_dict() for refusal in refusals]
    registration.refusal_reason = written_reason(refusals, note)


def _claim_spouses(registration: MarriageRegistration, people) -> bool:
    """Enter both as married; False when one of them was married by another registration meanwhile."""
    try:
        with transaction.atomic():
            MarriedPerson.objects.bulk_create([MarriedPerson(id_number=id_number, marriage=registration)
                                               for _name, id_number in people])
    except IntegrityError:
        return False
    return True


def _raced(people) -> list[Refusal]:
    taken = set(MarriedPerson.objects.filter(id_number__in=[n for _name, n in people]).values_list("id_number",
                                                                                                  flat=True))
    return [Refusal(Ground.MARRIAGE_ALREADY_MARRIED, f"{side}.currently_married", {"party": name})
            for side, (name, id_number) in zip(SIDES, people, strict=True) if id_number in taken]


def _complete(registration: MarriageRegistration, persons, on: datetime.date, actor) -> None:
    """Status changes in the population register, then the certificate (its counter locked only from here)."""
    pending = [record_marital_change(person, LifeEventKind.MARRIAGE, on, actor=actor, subject=registration,
                                     details={"marriage_registration": registration.pk})
               for person in persons]
    certificate = issue_certificate(CertificateKind.MARRIAGE, registration.office, on, actor=actor,
                                    holders=f"{registration.party_a_name} · {registration.party_b_name}",
                                    marriage=registration)
    registration.certificate_number = certificate.number
    registration.status_pending = [change for change in pending if change]
    registration.save(update_fields=["certificate_number", "status_pending"])


def _assess(parties: tuple[MarriageParty, MarriageParty], on: datetime.date):
    """``(people, persons, refusals)``: the checked names and numbers, their register records, the grounds."""
    people = _identify(parties, on)
    persons = [find_person(id_number) for _name, id_number in people]
    facts = [_as_party(party, name, id_number, married_in_registry(id_number, person))
             for party, (name, id_number), person in zip(parties, people, persons, strict=True)]
    return people, persons, marriage_refusals(on, *facts)


def preview_marriage(party_a: MarriageParty, party_b: MarriageParty, *, on: datetime.date | None = None
                     ) -> list[Refusal]:
    """The refusal grounds ``register_marriage`` would find now; writes nothing (the officer's "check").

    Raises:
        DomainError: as ``register_marriage`` for input to correct.
    """
    return _assess((party_a, party_b), registration_day(on))[2]


@transaction.atomic
def register_marriage(office: RegistryOffice, party_a: MarriageParty, party_b: MarriageParty, *, actor,
                      on: datetime.date | None = None, appointment: Appointment | None = None,
                      note: str = "") -> MarriageRegistration:
    """Register the marriage of ``party_a`` and ``party_b`` at ``office``, or refuse it with the reasons.

    Registered: the marriage certificate is numbered, both are entered as married (``MarriedPerson``, unique
    per identity number) and their marital status in the population register changes through a
    ``marriage`` life event. Refused: the grounds and the written reason are kept. The appointment they
    came with, if any, is marked attended.

    Raises:
        DomainError: ``marriage.name_invalid``, ``marriage.id_invalid``, ``marriage.same_person``,
            ``marriage.date_future``, ``marriage.appointment_*``: input to correct, nothing written.
        PermissionsViolation: the actor may not add registrations at ``office``.
    """
    ensure_holds_in(actor, MarriageRegistration, "add", office.division)
    on = registration_day(on)
    people, persons, refusals = _assess((party_a, party_b), on)
    if appointment is not None:
        use_appointment(appointment, office=office, service=Service.MARRIAGE, actor=actor,
                        id_numbers=[number for _name, number in people])
    registration = MarriageRegistration(
        office=office, appointment=appointment, registered_on=on, status=RegistrationStatus.REGISTERED,
        party_a_name=people[0][0], party_a_id_number=people[0][1], party_a_person=persons[0],
        party_b_name=people[1][0], party_b_id_number=people[1][1], party_b_person=persons[1],
        inputs={side: party.inputs() for side, party in zip(SIDES, (party_a, party_b), strict=True)},
        rules_basis=rules_on(on).basis, remarks=note.strip(), created_by=user_or_none(actor),
        updated_by=user_or_none(actor))
    if refusals:
        _refuse(registration, refusals, note)
    registration.save(force_insert=True)
    if not refusals and not _claim_spouses(registration, people):
        _refuse(registration, _raced(people), note)
        registration.save(update_fields=["status", "grounds", "refusal_reason"])
    if registration.status == RegistrationStatus.REGISTERED:
        _complete(registration, persons, on, actor)
    record_change(registration, "create", actor=user_or_none(actor), before=None, after=registration.snapshot())
    registered = registration.status == RegistrationStatus.REGISTERED
    record_event(MarriageEvent.MARRIAGE_REGISTERED if registered else MarriageEvent.MARRIAGE_REFUSED,
                 actor=user_or_none(actor), subject=registration,
                 payload={"on": on, "certificate": registration.certificate_number,
                          "grounds": [ground["code"] for ground in registration.grounds]})
    return registration
