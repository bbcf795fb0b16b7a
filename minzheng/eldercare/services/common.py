"""Helpers shared by the elderly-care services."""

from django.db import models

from minzheng.framework.services import record_change, user_or_none

__all__ = ["create_record", "locked", "update_fields"]


def locked(instance: models.Model) -> models.Model:
    """``instance`` read again with its row locked for the rest of the transaction."""
    return type(instance)._base_manager.select_for_update(no_key=True).get(pk=instance.pk)


def update_fields(instance: models.Model, *, actor, **values) -> models.Model:
    """Set ``values`` on ``instance``, save only them, and write the change-log row."""
    before = instance.snapshot()
    for name, value in values.items():
        setattr(instance, name, value)
    instance.updated_by = user_or_none(actor)
    instance.save(update_fields=[*values, "updated_by", "updated_at"])
    record_change(instance, "update", actor=actor, before=before, after=instance.snapshot())
    return instance


def create_record(instance: models.Model, *, actor) -> models.Model:
    """Save a new record made by a service and write its change-log row.

    The service has checked where ``actor`` may act (``ensure_holds_in``) before building the record;
    ``actor`` None is the system (a command, an import, the demo).
    """
    instance.created_by = instance.updated_by = user_or_none(actor)
    instance.save()
    record_change(instance, "create", actor=user_or_none(actor), before=None, after=instance.snapshot())
    return instance
