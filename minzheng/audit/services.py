"""Writing and verifying the audit trail."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone

from minzheng.audit.models import GENESIS, AuditEvent, ChainedRecord, ObjectChange
from minzheng.framework import context

__all__ = ["ChainBreak", "record_change", "record_event", "verify_chain"]

# Arbitrary but fixed advisory-lock keys, one per chain (PostgreSQL only).
_LOCK_KEYS = {ObjectChange: 7_301_001, AuditEvent: 7_301_002}


def _division_path(instance: models.Model | None) -> str:
    division = getattr(instance, "area_division", None) if instance is not None else None
    return getattr(division, "path", "") or ""


def _lock_chain(model: type[ChainedRecord]) -> None:
    """Serialise appends to one chain. SQLite's IMMEDIATE transactions already hold the write lock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEYS[model]])


def _append(record: ChainedRecord, actor) -> ChainedRecord:
    with transaction.atomic():
        model = type(record)
        _lock_chain(model)
        last = model.objects.order_by("-seq").values("seq", "hash").first()
        actor = actor if actor is not None else context.current_user.get()
        record.seq = (last["seq"] + 1) if last else 1
        record.prev_hash = last["hash"] if last else GENESIS
        record.time = timezone.now()
        record.actor = actor if getattr(actor, "pk", None) else None
        record.actor_name = getattr(actor, "username", "") or ""
        record.request_id = context.request_id.get()
        record.hash = record.compute_hash()
        record.save()
    return record


def record_change(instance: models.Model, action: str, *, actor, before: dict | None, after: dict | None
                  ) -> ObjectChange:
    """Append one change-log row for ``instance`` (called by framework.services for every tracked write)."""
    change = ObjectChange(
        action=action,
        content_type=ContentType.objects.get_for_model(instance),
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        before=before,
        after=after,
        division_path=_division_path(instance),
    )
    return _append(change, actor)


def record_event(code: str, *, actor, subject: models.Model | None = None, payload: dict | None = None
                 ) -> AuditEvent:
    """Append a named business event (``app.subject.verb``) from a domain service, in its transaction."""
    event = AuditEvent(
        code=code,
        content_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        object_id=str(subject.pk) if subject is not None else "",
        object_repr=str(subject)[:200] if subject is not None else "",
        payload=payload or {},
        division_path=_division_path(subject),
    )
    return _append(event, actor)


@dataclass(frozen=True)
class ChainBreak:
    """The first row at which a chain no longer verifies."""

    table: str
    seq: int
    reason: str


def verify_chain(model: type[ChainedRecord], batch_size: int = 5000) -> tuple[int, ChainBreak | None]:
    """Walk ``model``'s chain in order; return the number of rows checked and the first break, if any."""
    expected_seq, prev_hash, checked = 1, GENESIS, 0
    last_seq = 0
    while True:
        rows = list(model.objects.filter(seq__gt=last_seq).order_by("seq")[:batch_size])
        if not rows:
            return checked, None
        for row in rows:
            table = model._meta.db_table
            if row.seq != expected_seq:
                return checked, ChainBreak(table, expected_seq, "missing")
            if row.prev_hash != prev_hash:
                return checked, ChainBreak(table, row.seq, "prev_hash")
            if row.compute_hash() != row.hash:
                return checked, ChainBreak(table, row.seq, "content")
            prev_hash, expected_seq, last_seq = row.hash, expected_seq + 1, row.seq
            checked += 1
