"""Test data for the registry: people with valid identity numbers, households, a temporary model."""

import contextlib
import datetime
import itertools
import uuid

from django.apps import apps
from django.db import connection, models

from minzheng.registry.choices import HouseholdKind, Relation
from minzheng.registry.idcard import generate_id_number
from minzheng.registry.models import Household, Membership, Person

__all__ = ["make_household", "make_person", "temporary_model"]

_sequence = itertools.count(1)


def make_person(division, *, name: str = "张三", birth_date: datetime.date = datetime.date(1980, 5, 17),
                sex: str = "1", with_id: bool = True, **extra) -> Person:
    """A person saved directly (no service, no audit); with a fresh valid identity number unless ``with_id`` is off."""
    if with_id and "id_number" not in extra:
        extra["id_number"] = generate_id_number(division.code[:6], birth_date, sex, next(_sequence) % 500)
    if not extra.get("id_number") and "registry_number" not in extra:
        extra["registry_number"] = f"T{next(_sequence):012d}"
    return Person.objects.create(name=name, birth_date=birth_date, sex=sex, hukou_division=division, **extra)


def make_household(head: Person, division=None, *, number: str | None = None, members=(),
                   start: datetime.date = datetime.date(2020, 1, 1)) -> Household:
    """A household with ``head`` and ``members`` (``(person, relation)`` pairs), saved directly."""
    household = Household.objects.create(number=number or f"H{next(_sequence):08d}", kind=HouseholdKind.URBAN,
                                         division=division or head.hukou_division)
    Membership.objects.create(household=household, person=head, relation=Relation.HEAD, start_date=start)
    for person, relation in members:
        Membership.objects.create(household=household, person=person, relation=relation, start_date=start)
    return household


@contextlib.contextmanager
def temporary_model(fields: dict[str, models.Field], *, app_label: str = "registry"):
    """A model that exists only inside the block, with its table; other apps' future models in miniature.

    Registered in the global app registry (so ``Person._meta`` sees its foreign keys) and removed
    again afterwards. On SQLite the schema editor needs a test outside a transaction
    (``transactional_db``).
    """
    name = f"Temp{uuid.uuid4().hex[:8]}"
    attrs = {"__module__": __name__, "Meta": type("Meta", (), {"app_label": app_label}), **fields}
    model = type(name, (models.Model,), attrs)
    try:
        with connection.schema_editor() as editor:
            editor.create_model(model)
        try:
            yield model
        finally:
            with connection.schema_editor() as editor:
                editor.delete_model(model)
    finally:
        del apps.all_models[app_label][name.lower()]
        apps.clear_cache()
