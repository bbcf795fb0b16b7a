"""Writing the good rows of a checked file: households, then people, then memberships.

Upserts: a person is matched by identity number, else registry number; a household by its
户号. A row equal to what is stored writes nothing, so importing the same file twice changes
nothing the second time. Writes are bulk (``registry.bulk``: COPY and ``UPDATE … FROM`` on
PostgreSQL, ``bulk_create``/``bulk_update`` elsewhere) in batches of ``BATCH`` rows, each batch
in its own transaction so that the job page sees the progress; a failed import can be run again
and picks up where it stopped.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from minzheng.framework.services import user_or_none
from minzheng.registry.bulk import Builder, insert_objects, update_objects
from minzheng.registry.choices import Relation
from minzheng.registry.importing.checking import Plan
from minzheng.registry.importing.rows import Entry
from minzheng.registry.models import Household, Membership, Person

__all__ = ["BATCH", "WriteCounts", "write_plan"]

BATCH = 2000
#: Person columns that are written only when the file has them (a missing column leaves the field alone).
OPTIONAL = ("ethnicity", "address", "phone", "marital_status", "disability_category", "disability_grade")
_PERSON_FIELDS = ("name", "id_number", "registry_number", "sex", "birth_date", "hukou_division_id",
                  "residence_division_id", *OPTIONAL)


@dataclass
class WriteCounts:
    persons_created: int = 0
    persons_updated: int = 0
    persons_unchanged: int = 0
    households_created: int = 0
    households_updated: int = 0
    households_unchanged: int = 0
    memberships_created: int = 0
    memberships_updated: int = 0


def _batches(items: list, size: int = BATCH):
    for start in range(0, len(items), size):
        yield items[start:start + size]


class _Writer:
    def __init__(self, plan: Plan, *, actor, columns: set[str], today: datetime.date):
        self.plan, self.user, self.columns, self.today = plan, user_or_none(actor), columns, today
        self.now = timezone.now()
        self.counts = WriteCounts()
        self.new_person, self.new_household = Builder(Person), Builder(Household)
        self.new_membership = Builder(Membership)
        self.user_id = getattr(self.user, "pk", None)

    # Households

    def households(self) -> None:
        numbers = dict.fromkeys(entry.household_number for entry in self.plan.entries if entry.household_number)
        heads = {entry.household_number: entry for entry in self.plan.entries
                 if entry.household_number and entry.relation == Relation.HEAD}
        new, changed = [], []
        for number in numbers:
            household = self.plan.households.get(number)
            if household is None:
                new.append(self._new_household(number, heads[number]))
            elif number in heads and self._update_household(household, heads[number]):
                changed.append(household)
            else:
                self.counts.households_unchanged += 1
        for batch in _batches(new):
            with transaction.atomic():
                insert_objects(Household, batch)
        for batch in _batches(changed):
            with transaction.atomic():
                update_objects(Household, batch, ["kind", "address", "updated_at", "updated_by"])
        self.plan.households.update((household.number, household) for household in new)
        self.counts.households_created, self.counts.households_updated = len(new), len(changed)

    def _new_household(self, number: str, head: Entry) -> Household:
        return self.new_household(number=number, kind=head.household_kind, division_id=head.hukou.pk,
                                  address=head.values.get("address", ""), created_by_id=self.user_id,
                                  updated_by_id=self.user_id)

    def _update_household(self, household: Household, head: Entry) -> bool:
        wanted = {"kind": head.household_kind}
        if "address" in self.columns:
            wanted["address"] = head.values.get("address", "")
        if all(getattr(household, name) == value for name, value in wanted.items()):
            return False
        for name, value in wanted.items():
            setattr(household, name, value)
        household.updated_at, household.updated_by = self.now, self.user
        return True

    # People

    def persons(self, progress: Callable[[int], None]) -> None:
        for batch in _batches(self.plan.entries):
            new, changed = [], []
            for entry in batch:
                if entry.person is None:
                    entry.person = self._new_person(entry)
                    new.append(entry.person)
                elif self._update_person(entry.person, entry):
                    changed.append(entry.person)
                else:
                    self.counts.persons_unchanged += 1
            with transaction.atomic():
                insert_objects(Person, new)
                update_objects(Person, changed, [*_PERSON_FIELDS, "name_pinyin", "name_initials", "id_last4",
                                                 "updated_at", "updated_by"])
            self.counts.persons_created += len(new)
            self.counts.persons_updated += len(changed)
            progress(len(batch))

    def _values(self, entry: Entry, person: Person) -> dict:
        values = {"name": entry.name, "sex": entry.sex, "birth_date": entry.birth_date,
                  "hukou_division_id": entry.hukou.pk,
                  # Numbers are added, never cleared: a person found by one keeps the other.
                  "id_number": entry.id_number or person.id_number,
                  "registry_number": entry.registry_number or person.registry_number}
        if entry.residence_code is not None:
            values["residence_division_id"] = entry.residence.pk if entry.residence is not None else None
        for name in OPTIONAL:
            if name in entry.values:
                values[name] = entry.values[name]
        if "disability_grade" in values:
            values["disability_grade"] = int(values["disability_grade"]) if values["disability_grade"] else None
        return values

    def _new_person(self, entry: Entry) -> Person:
        person = self.new_person(created_by_id=self.user_id, updated_by_id=self.user_id)
        for name, value in self._values(entry, person).items():
            setattr(person, name, value)
        person.fill_derived_fields()
        return person

    def _update_person(self, person: Person, entry: Entry) -> bool:
        values = self._values(entry, person)
        if all(getattr(person, name) == value for name, value in values.items()):
            return False
        for name, value in values.items():
            setattr(person, name, value)
        person.fill_derived_fields()
        person.updated_at, person.updated_by = self.now, self.user
        return True

    # Memberships

    def memberships(self) -> None:
        new, changed = [], []
        for entry in self.plan.entries:
            if not entry.household_number:
                continue
            household = self.plan.households[entry.household_number]
            current = self.plan.memberships.get(entry.person.pk)
            if current is None:
                new.append(self.new_membership(household_id=household.pk, person_id=entry.person.pk,
                                               relation=entry.relation, start_date=self.today,
                                               created_by_id=self.user_id, updated_by_id=self.user_id))
            elif current.relation != entry.relation:
                changed.append(self.new_membership(id=current.pk, relation=entry.relation, updated_at=self.now,
                                                   updated_by_id=self.user_id))
        for batch in _batches(changed):
            with transaction.atomic():
                update_objects(Membership, batch, ["relation", "updated_at", "updated_by"])
        for batch in _batches(new):
            with transaction.atomic():
                insert_objects(Membership, batch)
        self.counts.memberships_created, self.counts.memberships_updated = len(new), len(changed)


def write_plan(plan: Plan, *, actor, columns: set[str], today: datetime.date,
               progress: Callable[[int], None]) -> WriteCounts:
    """Write the good rows of ``plan``; ``columns`` are the column keys the file has.

    Calls ``progress(n)`` after each batch of ``n`` people.
    """
    writer = _Writer(plan, actor=actor, columns=columns, today=today)
    writer.households()
    writer.persons(progress)
    writer.memberships()
    return writer.counts
