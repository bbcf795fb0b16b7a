"""Loading a source snapshot: read, check, bulk-insert the good rows, then make it current.

The good rows of a file are written even when some rows are bad (the bad ones are reported, with
line, column, value and reason); a file with no good row writes nothing and replaces nothing. The
rows go in with COPY on PostgreSQL and ``executemany`` in chunks elsewhere, in one transaction;
then a second, short transaction makes the new snapshot ``current`` and the previous current one of
the kind ``superseded`` (kept, and still readable). A bulk load is audited per file: one
``verification.snapshot.loaded`` event with the counts, no change-log row per record.
"""

import datetime
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.audit.services import record_event
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import held_at_city, user_or_none
from minzheng.registry.importing.rows import RowError
from minzheng.verification.checking import RECORD_COLUMNS, check_rows
from minzheng.verification.choices import SnapshotStatus, SourceKind
from minzheng.verification.events import VerificationEvent
from minzheng.verification.models import SourceRecord, SourceSnapshot
from minzheng.verification.reading import read_source

__all__ = ["CHUNK", "LoadReport", "ensure_may_load", "load_snapshot", "may_load"]

#: Rows per ``executemany`` statement (and per progress step).
CHUNK = 5000
#: Errors kept in ``LoadReport.as_dict``; the error report file has all of them.
RESULT_ERRORS = 100
# Arbitrary but fixed key of the PostgreSQL advisory lock that serialises the switch of one kind.
_SWITCH_LOCK = 7_301_205


@dataclass
class LoadReport:
    """What loading one file found and did; ``snapshot_id`` is None when nothing was written."""

    kind: str
    rows: int = 0
    loaded: int = 0
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    snapshot_id: int | None = None
    superseded_id: int | None = None

    def as_dict(self, max_errors: int = RESULT_ERRORS) -> dict:
        """A JSON-safe summary (for a job result or the API), with at most ``max_errors`` errors."""
        data = {key: value for key, value in asdict(self).items() if key != "errors"}
        return {**data, "errors": [asdict(error) for error in self.errors[:max_errors]],
                "errors_total": len(self.errors)}


def may_load(user) -> bool:
    """Whether ``user`` may load snapshots: city-wide data is added by a role granted at the city."""
    return held_at_city(user, SourceSnapshot)


def ensure_may_load(user) -> None:
    """Raises ``PermissionDenied`` unless ``user`` may load snapshots."""
    if not may_load(user):
        raise PermissionDenied


def _kind(kind: str) -> SourceKind:
    try:
        return SourceKind(kind)
    except ValueError:
        raise DomainError(_("Unknown source kind %(kind)s.") % {"kind": kind}, code="verification.kind_unknown",
                          field="kind") from None


def _read_bytes(file) -> bytes:
    if isinstance(file, bytes):
        return file
    if isinstance(file, str | Path):
        return Path(file).read_bytes()
    return file.read()


def load_snapshot(kind: str, file, *, as_of: datetime.date, actor, label: str = "", file_name: str = "",
                  progress: Callable[[int], None] | None = None) -> LoadReport:
    """Load a file of source ``kind`` as the snapshot as of ``as_of`` and make it the current one.

    Args:
        kind: a ``SourceKind`` value.
        file: a path, the bytes, or a binary file object (CSV or xlsx; see docs/verification.md).
        as_of: the date the source's data describe.
        actor: the loading user (a role with ``verification.add_sourcesnapshot`` at the city), or None
            for the system.
        label: a free description; file_name: shown on the snapshot (default: the path's name).
        progress: called with a number of rows as they are written.

    Raises:
        PermissionDenied: the actor may not load snapshots (nothing is read).
        DomainError: unknown kind, unreadable or empty file, or missing required columns (nothing is written).
    """
    ensure_may_load(actor)
    kind = _kind(kind)
    file_name = file_name or (Path(file).name if isinstance(file, str | Path) else getattr(file, "name", ""))
    table = read_source(_read_bytes(file), kind)
    checked = check_rows(table)
    report = LoadReport(kind=kind, rows=len(table.rows), loaded=len(checked.records),
                        rejected=len(checked.bad_lines), errors=checked.errors, ignored=table.ignored)
    if not checked.records:
        return report
    snapshot = SourceSnapshot(kind=kind, label=label, as_of=as_of, loaded_by=user_or_none(actor),
                              file_name=file_name[:255], row_count=report.loaded, rejected_count=report.rejected)
    _insert(snapshot, checked.records, progress or (lambda _count: None))
    try:
        report.superseded_id = _make_current(snapshot, actor=actor, report=report)
    except Exception:
        snapshot.delete()  # the rows go with it: no half-loaded snapshot is left behind
        raise
    report.snapshot_id = snapshot.pk
    return report


@transaction.atomic
def _insert(snapshot: SourceSnapshot, records: list[tuple], progress: Callable[[int], None]) -> None:
    """Save the snapshot (``loading``) and its rows, all or nothing."""
    snapshot.save()
    writer = _copy_records if connection.vendor == "postgresql" else _execute_records
    for start in range(0, len(records), CHUNK):
        chunk = records[start:start + CHUNK]
        writer(snapshot.pk, chunk)
        progress(len(chunk))


def _record_columns() -> tuple[str, str]:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in ("snapshot_id", *RECORD_COLUMNS))
    return quote(SourceRecord._meta.db_table), columns


def _copy_records(snapshot_id: int, chunk: list[tuple]) -> None:
    """PostgreSQL: stream the rows with COPY (psycopg 3)."""
    table, columns = _record_columns()
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in chunk:
            copy.write_row((snapshot_id, *row))


def _execute_records(snapshot_id: int, chunk: list[tuple]) -> None:
    """Other databases (SQLite): one ``executemany``; decimals and dates are passed as text."""
    table, columns = _record_columns()
    marks = ", ".join(["%s"] * (len(RECORD_COLUMNS) + 1))
    rows = [(snapshot_id, *(_plain(value) for value in row)) for row in chunk]
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def _plain(value):
    return value if value is None or isinstance(value, str) else str(value)


@transaction.atomic
def _make_current(snapshot: SourceSnapshot, *, actor, report: LoadReport) -> int | None:
    """Supersede the kind's current snapshot and make ``snapshot`` current, in one transaction.

    Returns:
        The id of the snapshot superseded, or None when the kind had none.
    """
    if connection.vendor == "postgresql":
        key = SourceKind.values.index(snapshot.kind)
        with connection.cursor() as cursor:  # one switch per kind at a time; held until commit
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_SWITCH_LOCK, key])
    previous = SourceSnapshot.objects.select_for_update().filter(kind=snapshot.kind, status=SnapshotStatus.CURRENT)
    previous_id = previous.values_list("pk", flat=True).first()
    previous.update(status=SnapshotStatus.SUPERSEDED, superseded_at=timezone.now())
    SourceSnapshot.objects.filter(pk=snapshot.pk).update(status=SnapshotStatus.CURRENT)
    snapshot.status = SnapshotStatus.CURRENT
    record_event(VerificationEvent.SNAPSHOT_LOADED, actor=user_or_none(actor), subject=snapshot, payload={
        "kind": snapshot.kind, "as_of": snapshot.as_of.isoformat(), "file": snapshot.file_name, "rows": report.rows,
        "loaded": report.loaded, "rejected": report.rejected, "superseded": previous_id})
    return previous_id
