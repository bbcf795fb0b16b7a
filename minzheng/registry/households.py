"""Household changes (re-exported by ``services``): create, add, remove, transfer, change head, split, merge.

Rules (《中华人民共和国户口登记条例》 1958, arts. 5–6: one registration per person, a household
per 户主; see docs/registry.md): a person belongs to one household at a time (also the database
constraint ``registry_membership_one_current_household``); a household has exactly one current
head (``registry_membership_one_head``), so the head leaves only when a new head is named, or
when he or she is the last member (the household is then dissolved); a deceased or merged
record joins no household; a dissolved household takes no members. History is kept: leaving
sets ``end_date`` and ``end_reason``, never deletes. A membership that ends on day D and the
one that starts on D in another household describe a move on D.

Rows are locked in a fixed order: people, then households, then memberships, each in primary
key order. The actor must be allowed to change every household involved and to see every
person involved; anything outside their area raises ``PermissionsViolation`` (not found).
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.audit.services import record_event
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import save_object, validated
from minzheng.registry.choices import PersonStatus, Relation
from minzheng.registry.events import RegistryEvent
from minzheng.registry.locks import locked
from minzheng.registry.models import Household, Membership, Person

__all__ = [
    "add_member",
    "change_head",
    "create_household",
    "current_membership",
    "end_membership",
    "merge_households",
    "remove_member",
    "split_household",
    "transfer_member",
]

INACTIVE = (PersonStatus.DECEASED, PersonStatus.MOVED_AWAY)


# Reading and checking


def _date(date: datetime.date | None) -> datetime.date:
    date = date or timezone.localdate()
    if date > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), code="registry.date_future", field="date")
    return date


def _relation(relation: str, field: str = "relation") -> str:
    if relation not in Relation.values or relation == Relation.HEAD:
        raise DomainError(_("Choose a relation to the head; the head is named separately."),
                          code="registry.relation_invalid", field=field)
    return relation


def _relations(relations: dict | None) -> dict[int, str]:
    """``{person or pk: relation}`` as ``{pk: relation}``, every relation checked."""
    return {getattr(key, "pk", key): _relation(value, "relations") for key, value in (relations or {}).items()}


def _people(actor, *people: Person | None) -> dict[int, Person]:
    """The given people (None skipped), visible to the actor, fresh and locked, by pk."""
    pks = sorted({person.pk for person in people if person is not None})
    return {person.pk: person for person in locked(Person, actor, "view", pks)}


def _check_can_join(person: Person, field: str = "person") -> None:
    if person.status == PersonStatus.DECEASED:
        raise DomainError(_("%(person)s is deceased.") % {"person": person}, code="registry.person_deceased",
                          field=field)
    if person.status == PersonStatus.MERGED:
        raise DomainError(_("%(person)s is a merged record.") % {"person": person}, code="registry.person_merged",
                          field=field)


def _households(actor, *households: Household) -> list[Household]:
    """The households, changeable by the actor and not dissolved, fresh and locked."""
    rows = locked(Household, actor, "change", sorted({household.pk for household in households}))
    for household in rows:
        if household.dissolved_on is not None:
            raise DomainError(_("Household %(number)s was dissolved.") % {"number": household.number},
                              code="registry.household_dissolved")
    by_pk = {household.pk: household for household in rows}
    return [by_pk[household.pk] for household in households]


def current_membership(person: Person) -> Membership | None:
    """The person's current membership, locked; None when he or she belongs to no household."""
    return (Membership.objects.select_for_update(no_key=True)
            .filter(person_id=person.pk, end_date__isnull=True).first())


def _members(household: Household) -> dict[int, Membership]:
    """The household's current memberships by person pk, locked."""
    rows = (Membership.objects.select_for_update(no_key=True)
            .filter(household=household, end_date__isnull=True).order_by("pk"))
    return {membership.person_id: membership for membership in rows}


def _member(members: dict[int, Membership], person: Person | None, field: str) -> Membership:
    if person is None or person.pk not in members:
        raise DomainError(_("%(person)s is not a current member of this household.") % {"person": person or "—"},
                          code="registry.not_a_member", field=field)
    return members[person.pk]


def _head(members: dict[int, Membership]) -> Membership | None:
    return next((m for m in members.values() if m.relation == Relation.HEAD), None)


def _successor(members: dict[int, Membership], person: Person | None, people: dict[int, Person], leaving: set[int],
               field: str) -> Membership:
    """The membership of the new head named to replace a leaving head."""
    if person is None:
        raise DomainError(_("The head is leaving: name the new head."), code="registry.head_required", field=field)
    if person.pk in leaving:
        raise DomainError(_("The new head must stay in the household."), code="registry.head_required", field=field)
    successor = _member(members, person, field)
    _check_alive(people[person.pk], field)
    return successor


def _check_alive(person: Person, field: str) -> None:
    if person.status != PersonStatus.ALIVE:
        raise DomainError(_("%(person)s cannot head a household (%(status)s).")
                          % {"person": person, "status": person.get_status_display()},
                          code="registry.head_inactive", field=field)




def validated_household(household: Household) -> Household:
    return validated(household, code="registry.household_invalid")


# Writing memberships


def end_membership(membership: Membership, date: datetime.date, reason: str, *, actor) -> Membership:
    """End a current membership on ``date`` with ``reason`` (audited; no event of its own)."""
    if date < membership.start_date:
        raise DomainError(_("The date cannot precede the start of the membership (%(date)s).")
                          % {"date": membership.start_date.isoformat()}, code="registry.membership_dates",
                          field="date")
    membership.end_date, membership.end_reason = date, str(reason)[:100]
    return save_object(membership, actor=actor)


def _start(household: Household, person: Person, relation: str, date: datetime.date, *, actor) -> Membership:
    """Start a membership; the database constraints catch a concurrent second household or head."""
    membership = Membership(household=household, person=person, relation=relation, start_date=date)
    try:
        with transaction.atomic():
            return save_object(membership, actor=actor)
    except IntegrityError:
        if Membership.objects.filter(person=person, end_date__isnull=True).exists():
            raise _already_member(person)
        raise DomainError(_("This household already has a head."), code="registry.one_head", field="relation")


def _already_member(person: Person, field: str = "person") -> DomainError:
    return DomainError(_("%(person)s already belongs to a household.") % {"person": person},
                       code="registry.one_household", field=field)


def _join(household: Household, person: Person, relation: str, date: datetime.date, *, actor,
          field: str = "person") -> Membership:
    _check_can_join(person, field)
    if current_membership(person) is not None:
        raise _already_member(person, field)
    return _start(household, person, relation, date, actor=actor)


def _set_relations(members: dict[int, Membership], relations: dict[int, str], *, actor) -> None:
    for pk, relation in relations.items():
        membership = members.get(pk)
        if membership is None:
            raise DomainError(_("Relations can be given only for current members."), code="registry.not_a_member",
                              field="relations")
        if membership.relation != relation:
            membership.relation = relation
            save_object(membership, actor=actor)


def _promote(successor: Membership, *, actor) -> None:
    """Make ``successor`` the head; the previous head's membership must already be ended or demoted."""
    successor.relation = Relation.HEAD
    save_object(successor, actor=actor)


def _dissolve(household: Household, date: datetime.date, *, actor) -> None:
    household.dissolved_on = date
    save_object(household, actor=actor)


# Operations


@transaction.atomic
def create_household(head: Person, *, number: str, kind: str, division, address: str = "", actor,
                     date: datetime.date | None = None) -> Household:
    """Register a new household with ``head`` as its head from ``date`` (today by default).

    Raises:
        DomainError: ``registry.household_invalid`` (e.g. the number is taken), ``registry.person_deceased``,
            ``registry.person_merged``, ``registry.one_household`` (the head belongs to a household: split instead).
        PermissionsViolation: the division or the head lies outside the actor's area.
    """
    date = _date(date)
    person = _people(actor, head)[head.pk]
    household = validated_household(Household(number=number, kind=kind, division=division, address=address))
    try:
        with transaction.atomic():
            save_object(household, actor=actor)
    except IntegrityError:
        raise DomainError(_("This household number is taken."), code="registry.household_invalid", field="number")
    _join(household, person, Relation.HEAD, date, actor=actor, field="head")
    record_event(RegistryEvent.HOUSEHOLD_CREATED, actor=actor, subject=household,
                 payload={"number": household.number, "head": person.pk, "date": date})
    return household


@transaction.atomic
def add_member(household: Household, person: Person, *, relation: str, actor,
               date: datetime.date | None = None) -> Membership:
    """Add ``person`` to ``household`` with ``relation`` to the head (not head: see ``change_head``).

    Raises:
        DomainError: ``registry.relation_invalid``, ``registry.person_deceased``, ``registry.person_merged``,
            ``registry.one_household``, ``registry.household_dissolved``.
        PermissionsViolation: the household or the person lies outside the actor's area.
    """
    date, relation = _date(date), _relation(relation)
    person = _people(actor, person)[person.pk]
    (household,) = _households(actor, household)
    membership = _join(household, person, relation, date, actor=actor)
    record_event(RegistryEvent.MEMBER_ADDED, actor=actor, subject=household,
                 payload={"person": person.pk, "relation": relation, "date": date})
    return membership


@transaction.atomic
def remove_member(household: Household, person: Person, *, reason: str, actor, date: datetime.date | None = None,
                  new_head: Person | None = None) -> Membership:
    """End ``person``'s membership of ``household`` on ``date`` for ``reason``.

    The head leaves only when ``new_head`` (a current member) is named, or as the last member,
    which dissolves the household.

    Raises:
        DomainError: ``registry.reason_required``, ``registry.not_a_member``, ``registry.head_required``,
            ``registry.head_inactive``, ``registry.membership_dates``.
        PermissionsViolation: the household or a person lies outside the actor's area.
    """
    date = _date(date)
    if not reason or not str(reason).strip():
        raise DomainError(_("Give the reason for leaving."), code="registry.reason_required", field="reason")
    people = _people(actor, person, new_head)
    (household,) = _households(actor, household)
    members = _members(household)
    membership = _member(members, person, "person")
    successor = None
    if membership.relation == Relation.HEAD and len(members) > 1:
        successor = _successor(members, new_head, people, {person.pk}, "new_head")
    end_membership(membership, date, reason, actor=actor)
    if successor is not None:
        _promote(successor, actor=actor)
    elif len(members) == 1:
        _dissolve(household, date, actor=actor)
    record_event(RegistryEvent.MEMBER_REMOVED, actor=actor, subject=household,
                 payload={"person": person.pk, "reason": str(reason), "date": date,
                          "new_head": successor.person_id if successor else None})
    return membership


@transaction.atomic
def transfer_member(person: Person, to_household: Household, *, relation: str, actor,
                    date: datetime.date | None = None, reason: str = "", new_head: Person | None = None
                    ) -> Membership:
    """Move ``person`` from his or her current household to ``to_household``; both memberships are kept.

    A head being transferred needs ``new_head`` for the household left behind, unless he or she
    is its last member (it is then dissolved).

    Raises:
        DomainError: ``registry.not_a_member`` (no current household), ``registry.same_household``,
            ``registry.relation_invalid``, ``registry.head_required``, ``registry.household_dissolved``.
        PermissionsViolation: either household or a person lies outside the actor's area.
    """
    date, relation = _date(date), _relation(relation)
    people = _people(actor, person, new_head)
    person = people[person.pk]
    _check_can_join(person)
    current = current_membership(person)
    if current is None:
        raise DomainError(_("%(person)s belongs to no household; add him or her instead.") % {"person": person},
                          code="registry.not_a_member", field="person")
    if current.household_id == to_household.pk:
        raise DomainError(_("This is the person's household already."), code="registry.same_household",
                          field="to_household")
    source, target = _households(actor, Household(pk=current.household_id), to_household)
    members = _members(source)
    successor = None
    if current.relation == Relation.HEAD and len(members) > 1:
        successor = _successor(members, new_head, people, {person.pk}, "new_head")
    end_membership(members[person.pk], date, reason or _("Moved to household %(number)s") % {"number": target.number},
                   actor=actor)
    if successor is not None:
        _promote(successor, actor=actor)
    elif len(members) == 1:
        _dissolve(source, date, actor=actor)
    membership = _start(target, person, relation, date, actor=actor)
    record_event(RegistryEvent.MEMBER_TRANSFERRED, actor=actor, subject=target,
                 payload={"person": person.pk, "from": source.number, "to": target.number, "relation": relation,
                          "date": date})
    return membership


@transaction.atomic
def change_head(household: Household, new_head: Person, *, actor, date: datetime.date | None = None,
                old_head_relation: str = Relation.OTHER, relations: dict | None = None) -> Household:
    """Make ``new_head`` (a current member) the head.

    The previous head becomes a member with ``old_head_relation``; a previous head who has died
    or moved away leaves the household instead, as of the date of death or of the move.
    ``relations`` (``{person: relation}``) updates the other members' relations to the new head.

    Raises:
        DomainError: ``registry.not_a_member``, ``registry.already_head``, ``registry.head_inactive``,
            ``registry.relation_invalid``.
        PermissionsViolation: the household or a person lies outside the actor's area.
    """
    date, old_head_relation, relations = _date(date), _relation(old_head_relation, "old_head_relation"), \
        _relations(relations)
    people = _people(actor, new_head)
    (household,) = _households(actor, household)
    members = _members(household)
    successor = _member(members, new_head, "new_head")
    if successor.relation == Relation.HEAD:
        raise DomainError(_("%(person)s is the head already.") % {"person": new_head}, code="registry.already_head",
                          field="new_head")
    _check_alive(people[new_head.pk], "new_head")
    old = _head(members)
    if old is not None:
        _step_down(old, old_head_relation, date, actor=actor)
    _promote(successor, actor=actor)
    _set_relations({pk: m for pk, m in members.items() if m not in (old, successor)}, relations, actor=actor)
    record_event(RegistryEvent.HEAD_CHANGED, actor=actor, subject=household,
                 payload={"old_head": old.person_id if old else None, "new_head": new_head.pk, "date": date})
    return household


def _step_down(old: Membership, relation: str, date: datetime.date, *, actor) -> None:
    """The previous head stays as a member, or leaves when deceased or moved away (as of that date)."""
    person = Person.objects.get(pk=old.person_id)
    if person.status in INACTIVE:
        until = person.death_date or person.status_date or date
        reason = _("Death") if person.status == PersonStatus.DECEASED else _("Moved away")
        end_membership(old, max(until, old.start_date), reason, actor=actor)
    else:
        old.relation = relation
        save_object(old, actor=actor)


@transaction.atomic
def split_household(household: Household, members: list[Person], *, new_head: Person, number: str, actor,
                    kind: str | None = None, division=None, address: str | None = None,
                    date: datetime.date | None = None, relations: dict | None = None,
                    remaining_head: Person | None = None) -> Household:
    """Move ``members`` (``new_head`` among them) out of ``household`` into a new household ``number``.

    The new household takes the old one's kind, division and address unless given. The moved
    members' relations to ``new_head`` come from ``relations`` (default: other). When the head
    moves out, ``remaining_head`` must be named; at least one member must stay.

    Raises:
        DomainError: ``registry.not_a_member``, ``registry.split_all``, ``registry.head_required``,
            ``registry.head_inactive``, ``registry.household_invalid``, ``registry.relation_invalid``.
        PermissionsViolation: the households or a person lie outside the actor's area.
    """
    date, relations = _date(date), _relations(relations)
    moving = list(dict.fromkeys([new_head.pk, *(person.pk for person in members)]))
    people = _people(actor, new_head, remaining_head, *members)
    (source,) = _households(actor, household)
    current = _members(source)
    for pk in moving:
        _member(current, people[pk], "members")
    if len(current) == len(moving):
        raise DomainError(_("At least one member must stay; to move everyone, merge the households."),
                          code="registry.split_all", field="members")
    _check_alive(people[new_head.pk], "new_head")
    head = _head(current)
    successor = None
    if head is not None and head.person_id in moving:
        successor = _successor(current, remaining_head, people, set(moving), "remaining_head")
    new = validated_household(Household(number=number, kind=kind or source.kind, division=division or source.division,
                               address=source.address if address is None else address))
    save_object(new, actor=actor)
    for pk in moving:
        end_membership(current[pk], date, _("Split into household %(number)s") % {"number": new.number}, actor=actor)
    if successor is not None:
        _promote(successor, actor=actor)
    for pk in moving:
        relation = Relation.HEAD if pk == new_head.pk else relations.get(pk, Relation.OTHER)
        _start(new, people[pk], relation, date, actor=actor)
    record_event(RegistryEvent.HOUSEHOLD_SPLIT, actor=actor, subject=new,
                 payload={"from": source.number, "to": new.number, "members": moving, "head": new_head.pk,
                          "date": date})
    return new


@transaction.atomic
def merge_households(target: Household, source: Household, *, actor, date: datetime.date | None = None,
                     relations: dict | None = None) -> Household:
    """Move every current member of ``source`` into ``target`` and dissolve ``source``.

    ``target`` keeps its head; the incoming members' relations to it come from ``relations``
    (default: other). Members of ``source`` who have died or moved away (a head awaiting a
    successor) leave instead, as of that date.

    Raises:
        DomainError: ``registry.same_household``, ``registry.household_dissolved``, ``registry.relation_invalid``.
        PermissionsViolation: either household lies outside the actor's area.
    """
    date, relations = _date(date), _relations(relations)
    if target.pk == source.pk:
        raise DomainError(_("A household cannot be merged into itself."), code="registry.same_household",
                          field="source")
    target, source = _households(actor, target, source)
    members = _members(source)
    people = Person.objects.in_bulk(list(members))
    moved = []
    for pk, membership in members.items():
        if people[pk].status in INACTIVE:
            _step_down(membership, Relation.OTHER, date, actor=actor)
            continue
        end_membership(membership, date, _("Merged into household %(number)s") % {"number": target.number},
                       actor=actor)
        _start(target, people[pk], relations.get(pk, Relation.OTHER), date, actor=actor)
        moved.append(pk)
    _dissolve(source, date, actor=actor)
    record_event(RegistryEvent.HOUSEHOLDS_MERGED, actor=actor, subject=target,
                 payload={"source": source.number, "target": target.number, "members": moved, "date": date})
    return target
