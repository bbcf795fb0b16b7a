"""Seeding the holiday table from the ``chinese-calendar`` package (State Council arrangements, 调休 included).

The package's data is read at seeding time, never copied into this repository. Seeding is
idempotent: missing dates are added, dates the package itself seeded are corrected when a newer
package version changes them, and rows a city administrator entered or edited (any other
``source``) are left alone.
"""

import datetime
from dataclasses import dataclass

import chinese_calendar
from django.db import transaction

from minzheng.approvals.choices import DayKind
from minzheng.approvals.events import ApprovalEvent
from minzheng.approvals.models import Holiday
from minzheng.audit.services import record_event

__all__ = ["PACKAGE_SOURCE_PREFIX", "SeedReport", "package_entries", "package_years", "seed_holidays"]

PACKAGE_SOURCE_PREFIX = "chinese-calendar"
BATCH = 500


@dataclass(frozen=True)
class SeedReport:
    created: int
    updated: int
    first_year: int
    last_year: int


def package_source() -> str:
    return f"{PACKAGE_SOURCE_PREFIX} {chinese_calendar.__version__}"


def package_entries() -> dict[datetime.date, tuple[str, str]]:
    """Every date the package lists: ``date -> (DayKind, Chinese holiday name)``."""
    names = {holiday.value: holiday.chinese for holiday in chinese_calendar.Holiday}
    entries = {day: (DayKind.HOLIDAY.value, names.get(name, name)) for day, name in chinese_calendar.holidays.items()}
    entries.update(
        (day, (DayKind.WORKDAY.value, names.get(name, name))) for day, name in chinese_calendar.workdays.items()
    )
    return entries


def package_years() -> range:
    """The years the package covers."""
    years = [day.year for day in chinese_calendar.holidays]
    return range(min(years), max(years) + 1)


@transaction.atomic
def seed_holidays(*, actor=None) -> SeedReport:
    """Bring the holiday table up to date with the installed ``chinese-calendar`` package.

    Rows are written in bulk (no change record per row); one ``approvals.holidays.seeded`` event
    records what changed, and nothing is recorded when nothing changed.
    """
    source, entries, years = package_source(), package_entries(), package_years()
    existing = {row.date: row for row in Holiday.objects.filter(date__year__gte=years[0], date__year__lte=years[-1])}
    new = [Holiday(date=day, kind=kind, name=name, source=source)
           for day, (kind, name) in sorted(entries.items()) if day not in existing]
    stale = []
    for day, row in existing.items():
        if day in entries and row.source.startswith(PACKAGE_SOURCE_PREFIX):
            kind, name = entries[day]
            if (row.kind, row.name, row.source) != (kind, name, source):
                row.kind, row.name, row.source = kind, name, source
                stale.append(row)
    Holiday.objects.bulk_create(new, batch_size=BATCH)
    Holiday.objects.bulk_update(stale, ["kind", "name", "source"], batch_size=BATCH)
    report = SeedReport(len(new), len(stale), years[0], years[-1])
    if new or stale:
        record_event(ApprovalEvent.HOLIDAYS_SEEDED, actor=actor, payload={"source": source, **report.__dict__})
    return report
