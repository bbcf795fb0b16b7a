"""Reading what the database already holds about the rows of an import, in batches of ``LOOKUP_BATCH``."""

from typing import NamedTuple

from minzheng.divisions.choices import Level
from minzheng.divisions.models import Division
from minzheng.registry.choices import Relation
from minzheng.registry.importing.rows import Entry
from minzheng.registry.models import Household, Membership, Person

__all__ = ["LOOKUP_BATCH", "Current", "current_heads", "current_memberships", "divisions", "existing_households",
           "existing_persons", "local_names", "paths", "units"]

LOOKUP_BATCH = 2000


class Current(NamedTuple):
    """A person's current membership as stored (plain values: cheaper than model instances by the thousand)."""

    pk: int
    household_id: int
    household_number: str
    relation: str


def local_names() -> dict[str, str]:
    """Our own county-level codes (current and retired), accepted as identity-number address codes."""
    names: dict[str, str] = {}
    units = Division.objects.filter(level=Level.DISTRICT).values_list("code", "name", "valid_to")
    for code, name, valid_to in units:
        if code not in names or valid_to is None:
            names[code] = name
    return names


def divisions(codes: set[str | None]) -> dict[str, Division]:
    """Units by code, the current unit preferred to a retired one with the same code."""
    wanted, units = sorted(code for code in codes if code), {}
    for start in range(0, len(wanted), LOOKUP_BATCH):
        for unit in Division.objects.filter(code__in=wanted[start:start + LOOKUP_BATCH]):
            if unit.code not in units or unit.valid_to is None:
                units[unit.code] = unit
    return units


def existing_persons(entries: list[Entry]) -> dict[tuple[str, str], Person]:
    """Stored people matching the rows, keyed ``("id", number)`` and ``("reg", number)``."""
    found: dict[tuple[str, str], Person] = {}
    for key, column in (("id", "id_number"), ("reg", "registry_number")):
        numbers = sorted({getattr(entry, column) for entry in entries if getattr(entry, column)})
        for start in range(0, len(numbers), LOOKUP_BATCH):
            batch = numbers[start:start + LOOKUP_BATCH]
            for person in Person.objects.filter(**{f"{column}__in": batch}):
                found[(key, getattr(person, column))] = person
    return found


def existing_households(numbers: set[str]) -> dict[str, Household]:
    ordered, found = sorted(numbers), {}
    for start in range(0, len(ordered), LOOKUP_BATCH):
        batch = Household.objects.filter(number__in=ordered[start:start + LOOKUP_BATCH])
        found.update((household.number, household) for household in batch)
    return found


def current_memberships(person_ids: list[int]) -> dict[int, Current]:
    found = {}
    columns = ("pk", "household_id", "household__number", "relation", "person_id")
    for start in range(0, len(person_ids), LOOKUP_BATCH):
        rows = Membership.objects.filter(person_id__in=person_ids[start:start + LOOKUP_BATCH],
                                         end_date__isnull=True).values_list(*columns)
        found.update((person_id, Current(*values)) for *values, person_id in rows)
    return found


def units(ids: set[int]) -> dict[int, Division]:
    """Divisions by primary key (code, path and class only)."""
    ordered, found = sorted(ids), {}
    for start in range(0, len(ordered), LOOKUP_BATCH):
        units = Division.objects.filter(pk__in=ordered[start:start + LOOKUP_BATCH]).only(
            "code", "path", "urban_rural_class")
        found.update((unit.pk, unit) for unit in units)
    return found


def paths(ids: set[int]) -> dict[int, str]:
    return {pk: unit.path for pk, unit in units(ids).items()}


def current_heads(household_ids: list[int]) -> dict[int, int]:
    """Household id -> the person id of its current head."""
    found = {}
    for start in range(0, len(household_ids), LOOKUP_BATCH):
        rows = Membership.objects.filter(household_id__in=household_ids[start:start + LOOKUP_BATCH],
                                         end_date__isnull=True, relation=Relation.HEAD)
        found.update(rows.values_list("household_id", "person_id"))
    return found
