"""Writing and verifying the audit trail.

Rows are appended only here, in the caller's transaction (house style L2). Appends to one chain
are serialised: on PostgreSQL by a transaction-level advisory lock, on SQLite by the IMMEDIATE
transaction mode that takes the write lock when the outermost ``atomic()`` begins.
"""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from minzheng.audit.choices import BreakReason
from minzheng.audit.models import GENESIS, AuditEvent, ChainedRecord, ObjectChange
from minzheng.framework import context

__all__ = [
    "CHAINS",
    "ChainBreak",
    "ChainReport",
    "record_change",
    "record_event",
    "verify_chain",
]

#: The chained tables, in the order ``audit verify`` checks them.
CHAINS: tuple[type[ChainedRecord], ...] = (ObjectChange, AuditEvent)

# Arbitrary but fixed advisory-lock keys, one per chain (PostgreSQL only).
_LOCK_KEYS = {ObjectChange: 7_301_001, AuditEvent: 7_301_002}

DEFAULT_BATCH_SIZE = 5000


def _division_path(instance: models.Model | None) -> str:
    division = getattr(instance, "area_division", None) if instance is not None else None
    return getattr(division, "path", "") or ""


def _json_safe(value):
    """``value`` as it will read back from a JSON column (dates, decimals and UUIDs become strings).

    Hashing the stored form rather than the caller's objects keeps the hash reproducible.
    """
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _lock_chain(model: type[ChainedRecord]) -> None:
    """Serialise appends to one chain. SQLite's IMMEDIATE transactions already hold the write lock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEYS[model]])


def _append(record: ChainedRecord, actor) -> ChainedRecord:
    """Link ``record`` to the chain's last row and insert it (inside the caller's transaction)."""
    model = type(record)
    for field in model._meta.concrete_fields:
        if isinstance(field, models.JSONField):
            setattr(record, field.attname, _json_safe(getattr(record, field.attname)))
    with transaction.atomic():
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
    """Append one change-log row for ``instance`` (called by framework.services for every tracked write).

    Args:
        instance: the created, updated or deleted object (before deletion, so it still has its pk).
        action: a ``ChangeAction`` value.
        actor: the user doing it; ``None`` falls back to the user bound by ``context.activity``.
        before: the snapshot before the write (``None`` on create).
        after: the snapshot after the write (``None`` on delete).
    """
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
    """Append a named business event (``app.subject.verb``) from a domain service, in its transaction.

    Args:
        code: the event's dotted code, a member of the app's ``StrEnum`` of events.
        actor: the user doing it; ``None`` falls back to the user bound by ``context.activity``.
        subject: the record the event is about, if any; its division scopes who may see the event.
        payload: JSON-ready details (dates, decimals and UUIDs are stored as strings).
    """
    event = AuditEvent(
        code=str(code),
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
    reason: BreakReason

    def __str__(self) -> str:
        return f"{self.table} seq {self.seq}: {self.reason.label}"


@dataclass(frozen=True)
class ChainReport:
    """The outcome of walking one chain: rows that verified, the last good row, and the break if any."""

    table: str
    checked: int
    head_seq: int
    head_hash: str
    broken: ChainBreak | None = None

    @property
    def ok(self) -> bool:
        return self.broken is None

    def as_dict(self) -> dict:
        broken = None
        if self.broken is not None:
            broken = {"seq": self.broken.seq, "reason": str(self.broken.reason)}
        return {"table": self.table, "checked": self.checked, "head_seq": self.head_seq,
                "head_hash": self.head_hash, "broken": broken}


def _batches(model: type[ChainedRecord], batch_size: int) -> Iterator[list[ChainedRecord]]:
    """The chain's rows in ``seq`` order, ``batch_size`` at a time (keyset pagination, not OFFSET)."""
    last_seq = 0
    while True:
        rows = list(model.objects.filter(seq__gt=last_seq).order_by("seq")[:batch_size])
        if not rows:
            return
        yield rows
        last_seq = rows[-1].seq


def _check_row(row: ChainedRecord, expected_seq: int, prev_hash: str) -> BreakReason | None:
    if row.seq != expected_seq:
        return BreakReason.MISSING
    if row.prev_hash != prev_hash:
        return BreakReason.LINK
    if row.compute_hash() != row.hash:
        return BreakReason.CONTENT
    return None


def verify_chain(model: type[ChainedRecord], *, batch_size: int = DEFAULT_BATCH_SIZE,
                 on_batch: Callable[[int], None] | None = None) -> ChainReport:
    """Walk ``model``'s chain in ``seq`` order and report the first row that does not verify.

    A row is *missing* when its ``seq`` skips a number (the break names the first absent seq),
    its *link is broken* when its ``prev_hash`` is not the previous row's hash (the previous
    row was rewritten together with its own hash), and its *content is altered* when its hash
    does not match its content. Memory use is one batch, whatever the table's size.

    Args:
        model: ``ObjectChange`` or ``AuditEvent``.
        batch_size: rows read per query.
        on_batch: called with the number of rows of each batch read (job progress).
    """
    table = model._meta.db_table
    expected_seq, prev_hash, checked = 1, GENESIS, 0
    for rows in _batches(model, batch_size):
        for row in rows:
            reason = _check_row(row, expected_seq, prev_hash)
            if reason is not None:
                seq = expected_seq if reason == BreakReason.MISSING else row.seq
                return ChainReport(table, checked, expected_seq - 1, prev_hash, ChainBreak(table, seq, reason))
            prev_hash, expected_seq, checked = row.hash, expected_seq + 1, checked + 1
        if on_batch is not None:
            on_batch(len(rows))
    return ChainReport(table, checked, expected_seq - 1, prev_hash)
