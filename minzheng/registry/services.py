"""Registry services: registering people, household changes, life events and duplicate merging.

Every entry point is atomic, takes the acting user as the keyword-only ``actor``, checks the
actor's area through ``restrict()`` (what lies outside it does not exist for them:
``PermissionsViolation``), locks the rows it reads and then writes, writes the change log
through ``save_object`` and one named ``RegistryEvent``. Domain rules raise ``DomainError``
with a stable ``registry.*`` code and, where one input is at fault, its field.

The household operations live in ``households.py`` and the duplicate handling in
``duplicates.py``; both are re-exported here, so callers import everything from
``minzheng.registry.services``.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.audit.services import record_event
from minzheng.divisions.models import Division
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import domain_error, save_object
from minzheng.registry import idcard
from minzheng.registry.choices import LifeEventKind, MaritalStatus, PersonStatus, Relation
from minzheng.registry.duplicates import dismiss_duplicate, flag_possible_duplicates, merge_persons, person_references
from minzheng.registry.events import RegistryEvent
from minzheng.registry.households import (
    add_member,
    change_head,
    create_household,
    current_membership,
    end_membership,
    merge_households,
    remove_member,
    split_household,
    transfer_member,
)
from minzheng.registry.lifeevents import handlers_for
from minzheng.registry.locks import locked
from minzheng.registry.models import LifeEvent, NumberSequence, Person

__all__ = [
    "REGISTRY_NUMBER_PREFIX",
    "add_member",
    "assign_registry_number",
    "change_head",
    "create_household",
    "current_membership",
    "dismiss_duplicate",
    "draw_numbers",
    "end_membership",
    "flag_possible_duplicates",
    "link_id_number",
    "merge_households",
    "merge_persons",
    "person_references",
    "record_life_event",
    "register_person",
    "remove_member",
    "reserve_registry_numbers",
    "split_household",
    "transfer_member",
]

REGISTRY_NUMBER_SEQUENCE = "registry_number"
REGISTRY_NUMBER_PREFIX = "MZ"
REGISTRY_NUMBER_DIGITS = 12


# Registry numbers


@transaction.atomic
def draw_numbers(name: str, count: int = 1) -> list[int]:
    """Draw ``count`` consecutive values of the gap-free counter ``name`` (created at 0 when new).

    The counter row stays locked until the caller's transaction ends, so concurrent callers
    wait for each other and a rolled-back transaction gives its numbers back: the numbers
    issued have no gaps and no repeats.
    """
    if count < 1:
        return []
    NumberSequence.objects.get_or_create(name=name)
    sequence = NumberSequence.objects.select_for_update(no_key=True).get(name=name)
    first = sequence.last_value + 1
    sequence.last_value += count
    sequence.save(update_fields=["last_value"])
    return list(range(first, first + count))


def reserve_registry_numbers(count: int) -> list[str]:
    """Draw ``count`` consecutive registry numbers ("MZ" + 12 digits), e.g. for a bulk import (``draw_numbers``)."""
    return [f"{REGISTRY_NUMBER_PREFIX}{value:0{REGISTRY_NUMBER_DIGITS}d}"
            for value in draw_numbers(REGISTRY_NUMBER_SEQUENCE, count)]


def assign_registry_number() -> str:
    """The next registry number, for a person without an identity number."""
    return reserve_registry_numbers(1)[0]


# People




@transaction.atomic
def register_person(person: Person, *, actor) -> Person:
    """Validate and create ``person``; give a registry number when there is no identity number.

    The identity number is normalised and checked against the birth date and sex
    (``Person.clean``); the new record is then compared with its possible duplicates
    (``flag_possible_duplicates``). Writes ``registry.person.registered``.

    Raises:
        DomainError: ``registry.person_invalid`` with the field errors.
        PermissionsViolation: the person's 户籍地 lies outside the actor's area.
    """
    if person.pk is not None:
        raise ValueError("register_person() creates people; use save_object() to edit one")
    try:
        person.full_clean(exclude=["registry_number"])
    except ValidationError as exc:
        raise domain_error(exc, code="registry.person_invalid") from exc
    if not person.id_number and not person.registry_number:
        person.registry_number = assign_registry_number()
    save_object(person, actor=actor)
    record_event(RegistryEvent.PERSON_REGISTERED, actor=actor, subject=person,
                 payload={"id_number": bool(person.id_number), "registry_number": person.registry_number or ""})
    flag_possible_duplicates(person, actor=actor)
    return person


@transaction.atomic
def link_id_number(person: Person, id_number: str, *, actor) -> Person:
    """Give a person known by a registry number the identity number found later.

    The registry number is kept, so papers bearing it still lead to the person. The number
    must agree with the recorded birth date and sex and belong to nobody else (if it does,
    the two records are duplicates: merge them). Writes ``registry.person.id_number_linked``.

    Raises:
        DomainError: ``registry.id_invalid``, ``registry.id_already_set``, ``registry.id_mismatch``
            or ``registry.id_in_use``, on field ``id_number``.
        PermissionsViolation: the person lies outside the actor's area.
    """
    person = locked(Person, actor, "change", [person.pk])[0]
    if person.id_number:
        raise DomainError(_("This person already has an identity number."), code="registry.id_already_set",
                          field="id_number")
    info = idcard.parse(id_number, local_names=idcard.local_division_names([str(id_number).strip()[:6]]))
    if not info.valid:
        raise DomainError(info.error, code="registry.id_invalid", field="id_number")
    if (info.birth_date, info.sex) != (person.birth_date, person.sex):
        raise DomainError(_("The identity number does not match the recorded birth date and sex."),
                          code="registry.id_mismatch", field="id_number")
    if Person.objects.filter(id_number=info.normalized).exists():
        raise DomainError(_("Another record has this identity number; merge the two records instead."),
                          code="registry.id_in_use", field="id_number")
    person.id_number = info.normalized
    save_object(person, actor=actor)
    record_event(RegistryEvent.PERSON_ID_NUMBER_LINKED, actor=actor, subject=person,
                 payload={"registry_number": person.registry_number or ""})
    flag_possible_duplicates(person, actor=actor)
    return person


# Life events


def _check_event(person: Person, kind: str, date: datetime.date) -> None:
    if kind not in LifeEventKind.values:
        raise DomainError(_("Unknown kind of life event."), code="registry.event_kind", field="kind")
    if person.status in (PersonStatus.DECEASED, PersonStatus.MERGED):
        raise DomainError(_("No events can be recorded for a deceased person or a merged record."),
                          code="registry.person_inactive", field="person")
    if date > timezone.localdate() or date < person.birth_date:
        raise DomainError(_("The date must lie between the birth date and today."), code="registry.event_date",
                          field="date")


def _leave_household(person: Person, date: datetime.date, reason: str, *, actor) -> None:
    """End the person's current membership, unless he or she heads the household (that waits for a new head)."""
    membership = current_membership(person)
    if membership is not None and membership.relation != Relation.HEAD:
        end_membership(membership, date, reason, actor=actor)


def _residence(details: dict) -> Division | None:
    code = details.get("residence_division")
    if not code:
        return None
    division = Division.objects.filter(code=str(code)).order_by(models.F("valid_to").desc(nulls_first=True)).first()
    if division is None:
        raise DomainError(_("Unknown division code %(code)s.") % {"code": code}, code="registry.event_details",
                          field="details")
    return division


def _apply_event(person: Person, event: LifeEvent, *, actor, scoped: bool = True) -> None:
    """What the event changes on the person record (and the household membership)."""
    if event.kind == LifeEventKind.DEATH:
        person.status, person.death_date, person.status_date = PersonStatus.DECEASED, event.date, event.date
        _leave_household(person, event.date, _("Death"), actor=actor)
    elif event.kind == LifeEventKind.MOVE:
        residence = _residence(event.details)
        if residence is not None:
            person.residence_division = residence
        else:
            person.status, person.status_date = PersonStatus.MOVED_AWAY, event.date
            _leave_household(person, event.date, _("Moved away"), actor=actor)
    elif event.kind == LifeEventKind.MARRIAGE:
        person.marital_status = MaritalStatus.MARRIED
    elif event.kind == LifeEventKind.DIVORCE:
        person.marital_status = MaritalStatus.DIVORCED
    save_object(person, actor=actor, scoped=scoped)


#: The kinds another service may record on its own authority (they change only the person's marital status).
AUTHORISED_KINDS = (LifeEventKind.MARRIAGE, LifeEventKind.DIVORCE)


@transaction.atomic
def record_life_event(person: Person, kind: str, date: datetime.date, *, actor, details: dict | None = None,
                      authority=None) -> LifeEvent:
    """Record a death, move, marriage or divorce, update the person, then run the registered handlers.

    Death: deceased with the date of death; the current household membership ends on that date,
    unless the person is the head (the household keeps its head until ``change_head`` names a
    new one, which then ends it). Move: with ``details["residence_division"]`` (a division code)
    the 居住地 changes; without, the person has moved away (out of the city) and leaves the
    household like a deceased member. Marriage and divorce set the marital status.

    Writes ``registry.life_event.recorded`` and then calls every handler registered for
    ``kind`` (``lifeevents.register_life_event_handler``) in this transaction: a handler's
    error rolls everything back.

    ``authority`` is the record of another service that decided the event and has checked its own
    permission — a marriage registered by an office, whose parties' households may lie in other districts
    (婚姻登记条例 Art. 4: either party's place of registration). Only a marriage or a divorce (they change
    nothing but the marital status); the person may then lie outside the actor's area, the writes are logged as
    the actor's and the event names the authority; without it the person must lie in the actor's area.

    Raises:
        DomainError: ``registry.event_kind``, ``registry.person_inactive``, ``registry.event_date``,
            ``registry.event_details``.
        PermissionsViolation: the person lies outside the actor's area (and no ``authority`` is given).
    """
    if authority is not None and kind not in AUTHORISED_KINDS:
        raise ValueError(f"a life event of kind {kind} is recorded in the person's own area")
    scoped = authority is None
    person = locked(Person, actor, "change", [person.pk])[0] if scoped else (
        Person.objects.select_for_update(no_key=True).get(pk=person.pk))
    _check_event(person, kind, date)
    event = save_object(LifeEvent(person=person, kind=kind, date=date, details=details or {}), actor=actor,
                        scoped=scoped)
    _apply_event(person, event, actor=actor, scoped=scoped)
    payload = {"person": person.pk, "kind": kind, "date": date, "details": event.details}
    if authority is not None:
        payload["authority"] = {"model": authority._meta.label_lower, "id": authority.pk, "repr": str(authority)[:200]}
    record_event(RegistryEvent.LIFE_EVENT_RECORDED, actor=actor, subject=event, payload=payload)
    for handler in handlers_for(kind):
        handler(event, actor=actor)
    return event
