"""Importing people and households from xlsx or CSV files (see docs/registry-import.md).

``read_table`` reads a file, ``import_persons`` checks every row (``checking``) and writes the
good ones in bulk (``writing``); ``write_error_report`` saves the bad rows as a CSV file that
opens in Excel. The job ``registry.import_persons`` (``registry/jobs.py``) strings them together.

A bulk import is audited per file, not per row: one ``registry.persons.imported`` event with the
counts, and no change-log row per person (per-row history would make an import of a district's
people as slow as typing them in; see DESIGN.md lesson 2).
"""

import csv
import datetime
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.audit.services import record_event
from minzheng.registry.events import RegistryEvent
from minzheng.registry.importing.checking import Plan, check_table
from minzheng.registry.importing.reading import RawRow, Table, read_file, read_table
from minzheng.registry.importing.rows import Entry, RowError
from minzheng.registry.importing.writing import WriteCounts, write_plan

__all__ = ["PERSONS_IMPORTED", "Entry", "ImportReport", "Plan", "RawRow", "RowError", "Table", "check_table",
           "import_persons", "read_file", "read_table", "write_error_report"]

#: The audit event of an import (one per file).
PERSONS_IMPORTED = RegistryEvent.PERSONS_IMPORTED
#: Errors kept in the job result; the error report file has all of them.
RESULT_ERRORS = 100
# Arbitrary but fixed key of the PostgreSQL advisory lock that serialises imports.
_IMPORT_LOCK = 7_301_101


@dataclass
class ImportReport:
    """What an import found and did."""

    rows: int = 0
    bad_rows: int = 0
    loaded: int = 0
    all_or_nothing: bool = False
    errors: list[RowError] = field(default_factory=list)
    counts: WriteCounts = field(default_factory=WriteCounts)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self, max_errors: int = RESULT_ERRORS) -> dict:
        """A JSON-safe summary for the job result, with at most ``max_errors`` errors."""
        return {"ok": self.ok, "rows": self.rows, "bad_rows": self.bad_rows, "loaded": self.loaded,
                "all_or_nothing": self.all_or_nothing, **asdict(self.counts),
                "errors": [asdict(error) for error in self.errors[:max_errors]],
                "errors_total": len(self.errors)}


@contextmanager
def _serialised():
    """One import at a time on PostgreSQL (a session lock, held across the import's many transactions).

    SQLite already lets one writer in at a time; two imports could still interleave their
    batches there, and the second then fails on the unique numbers and can be retried.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [_IMPORT_LOCK])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_IMPORT_LOCK])


def import_persons(table: Table, *, actor, all_or_nothing: bool = False, source: str = "",
                   progress: Callable[[int], None] | None = None, today: datetime.date | None = None
                   ) -> ImportReport:
    """Check every row of ``table`` and load the good ones (all of them or none with ``all_or_nothing``).

    Not one transaction: each batch commits on its own (see ``writing``), so progress shows and
    memory stays flat; running the same import again is harmless.

    Args:
        table: from ``read_table``/``read_file``.
        actor: the importing user, limited to the area where they may add and change people and
            households; None is the system (no area limit).
        all_or_nothing: write nothing when any row is bad.
        source: the file name, for the audit event.
        progress: called with a number of rows as they are checked and then written.
        today: the import date (start of new memberships; latest birth date); default today.
    """
    progress = progress or (lambda _count: None)
    today = today or timezone.localdate()
    with _serialised():
        plan = check_table(table, actor=actor, today=today)
        progress(plan.rows)
        report = ImportReport(rows=plan.rows, bad_rows=len(plan.bad_lines), errors=plan.errors,
                              all_or_nothing=all_or_nothing)
        if plan.entries and not (all_or_nothing and plan.errors):
            report.counts = write_plan(plan, actor=actor, columns=set(table.headers), today=today,
                                       progress=progress)
            report.loaded = len(plan.entries)
        progress(plan.rows - report.loaded)
        with transaction.atomic():
            record_event(PERSONS_IMPORTED, actor=actor, payload={
                "file": source, "rows": report.rows, "bad_rows": report.bad_rows, "loaded": report.loaded,
                "all_or_nothing": all_or_nothing, **asdict(report.counts)})
    return report


def write_error_report(errors: list[RowError], path: Path) -> Path:
    """Save ``errors`` as CSV (UTF-8 with BOM, so Excel reads the Chinese): line, column, value, reason."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([_("Line"), _("Column"), _("Value"), _("Reason")])
        writer.writerows([error.line, error.column, error.value, error.reason] for error in errors)
    return path
