"""Figures of the registry per office and month: marriages and refusals, divorce applications and their
outcomes, appointments and no-shows, adoptions.

Each figure is counted in the month of its own date: a registration or refusal on its day, a divorce
application when received, a divorce, withdrawal or lapse when the application closed, an appointment on its
day (cancelled ones left out), an adoption when registered. One grouped query per table, scoped by
``restrict(user, "view")`` on that table, so a user sees the figures of the offices of his or her area only.
"""

import datetime
from dataclasses import dataclass, field, fields

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from minzheng.indicators.periods import last_of_month
from minzheng.marriage.choices import AdoptionStatus, AppointmentStatus, DivorceStatus, RegistrationStatus
from minzheng.marriage.models import (
    AdoptionApplication,
    Appointment,
    DivorceApplication,
    MarriageRegistration,
    RegistryOffice,
)

__all__ = ["Figures", "MarriageStatistics", "marriage_statistics"]


@dataclass
class Figures:
    marriages: int = 0
    refusals: int = 0
    divorce_applications: int = 0
    divorces: int = 0
    withdrawn: int = 0
    lapsed: int = 0
    appointments: int = 0
    no_shows: int = 0
    adoptions: int = 0

    def __add__(self, other: "Figures") -> "Figures":
        return Figures(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass
class MarriageStatistics:
    """The figures of a report by (office id, month)."""

    offices: list[RegistryOffice]
    months: list[datetime.date]
    cells: dict[tuple[int, datetime.date], Figures] = field(default_factory=dict)

    def cell(self, office_id: int, month: datetime.date) -> Figures:
        return self.cells.setdefault((office_id, month), Figures())

    def total(self, *, office=None, month=None) -> Figures:
        total = Figures()
        for (office_id, cell_month), figures in self.cells.items():
            if (office is None or office.pk == office_id) and (month is None or month == cell_month):
                total += figures
        return total

    def by_office(self) -> list[tuple[RegistryOffice, Figures]]:
        return [(office, self.total(office=office)) for office in self.offices]

    def by_month(self) -> list[tuple[datetime.date, Figures]]:
        return [(month, self.total(month=month)) for month in self.months]

    def rows(self) -> list[dict]:
        """Every office and month, zeros included, as flat rows (exports and the API)."""
        return [{"office": office.name, "office_code": office.code, "month": f"{month:%Y-%m}",
                 **self.cells.get((office.pk, month), Figures()).as_dict()}
                for office in self.offices for month in self.months]


def _scoped(model, user, division):
    queryset = model.objects.all() if user is None else model.objects.restrict(user, "view")
    return queryset if division is None else queryset.in_division(division)


def _count(report: MarriageStatistics, queryset, date_field: str, figures: dict[str, Q]) -> None:
    start, end = report.months[0], last_of_month(report.months[-1])
    ids = [office.pk for office in report.offices]
    rows = (queryset.filter(**{f"{date_field}__gte": start, f"{date_field}__lte": end}, office_id__in=ids)
            .annotate(month=TruncMonth(date_field)).values("office_id", "month").order_by()
            .annotate(**{name: Count("pk", filter=condition) for name, condition in figures.items()}))
    for row in rows:
        month = row["month"].date() if isinstance(row["month"], datetime.datetime) else row["month"]
        cell = report.cell(row["office_id"], month)
        for name in figures:
            setattr(cell, name, getattr(cell, name) + row[name])


def marriage_statistics(user, *, months: list[datetime.date], division=None) -> MarriageStatistics:
    """The figures of the offices ``user`` may see (inside ``division`` when given) for ``months``."""
    offices = list(_scoped(RegistryOffice, user, division).order_by("code"))
    report = MarriageStatistics(offices, months)
    if not offices:
        return report
    everything = Q(pk__isnull=False)
    _count(report, _scoped(MarriageRegistration, user, division), "registered_on",
           {"marriages": Q(status=RegistrationStatus.REGISTERED), "refusals": Q(status=RegistrationStatus.REFUSED)})
    divorces = _scoped(DivorceApplication, user, division)
    _count(report, divorces, "applied_on", {"divorce_applications": everything})
    _count(report, divorces, "closed_on", {"divorces": Q(status=DivorceStatus.REGISTERED),
                                           "withdrawn": Q(status=DivorceStatus.WITHDRAWN),
                                           "lapsed": Q(status=DivorceStatus.LAPSED)})
    _count(report, _scoped(Appointment, user, division).exclude(status=AppointmentStatus.CANCELLED), "date",
           {"appointments": everything, "no_shows": Q(status=AppointmentStatus.NO_SHOW)})
    _count(report, _scoped(AdoptionApplication, user, division).filter(status=AdoptionStatus.REGISTERED),
           "decided_on", {"adoptions": everything})
    return report
