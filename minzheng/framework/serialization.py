"""JSON-safe snapshots of model instances for the change log."""

import datetime
import decimal
import uuid

from django.db import models
from django.db.models.fields.files import FieldFile


def to_json_value(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def serialize_instance(instance: models.Model, exclude: tuple[str, ...] = ()) -> dict:
    """Concrete field values keyed by attribute name (foreign keys as ids)."""
    data = {}
    for field in instance._meta.concrete_fields:
        if field.name in exclude:
            continue
        data[field.attname] = to_json_value(getattr(instance, field.attname))
    for field in instance._meta.many_to_many:
        if instance.pk and field.name not in exclude:
            data[field.name] = sorted(getattr(instance, field.name).values_list("pk", flat=True))
    return data
