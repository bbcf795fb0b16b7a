"""Statistics of elderly care by division and period: institutions, beds, occupancy, community centres, meal
coverage and assessments by level.

The rows are the subdivisions of the chosen division (``statistics.scope.report_units``). Every figure reads
its table through ``restrict(user, "view")`` and is grouped in SQL by the row's division (the prefix of the
record's division path as long as the rows' paths); institutions' occupancy and the communities of the meal
coverage are grouped in Python over the area's rows.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Substr

from minzheng.divisions.models import Division
from minzheng.eldercare.choices import BedChange, CentreKind
from minzheng.eldercare.indicators import communities, percentage, scoped, served_communities
from minzheng.eldercare.models import Assessment, AssessmentRuleTable, BedBlock, Institution, OccupancyReport
from minzheng.eldercare.models.assessments import COUNTING_STATUSES
from minzheng.eldercare.models.community import ServiceCentre
from minzheng.eldercare.models.institutions import signed_beds
from minzheng.statistics.scope import report_units

__all__ = ["PERMISSION", "EldercareStatistics", "Figures", "eldercare_report", "eldercare_statistics"]

#: Who may read the statistics (every figure is scoped further by its own table's view permission).
PERMISSION = "eldercare.view_institution"


@dataclass
class Figures:
    """One division's figures (or the total)."""

    institutions: int = 0
    beds: int = 0
    beds_added: int = 0
    occupied: int = 0
    daycare: int = 0
    daycare_added: int = 0
    meal_centres: int = 0
    meal_centres_added: int = 0
    meal_points: int = 0
    communities: int = 0
    communities_served: int = 0
    assessments: list[int] = field(default_factory=list)

    @property
    def occupancy(self) -> Decimal:
        return percentage(self.occupied, self.beds)

    @property
    def meal_coverage(self) -> Decimal:
        return percentage(self.communities_served, self.communities)

    @property
    def assessed(self) -> int:
        return sum(self.assessments)

    def add(self, other: "Figures") -> None:
        for name in ("institutions", "beds", "beds_added", "occupied", "daycare", "daycare_added", "meal_centres",
                     "meal_centres_added", "meal_points", "communities", "communities_served"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.assessments = [a + b for a, b in zip(self.assessments, other.assessments, strict=True)]


@dataclass
class EldercareStatistics:
    division: Division | None
    units: list[Division]
    start: datetime.date
    end: datetime.date
    levels: list[str]
    figures: dict[int, Figures]

    def by_unit(self) -> list[tuple[Division, Figures]]:
        return [(unit, self.figures[unit.pk]) for unit in self.units]

    def total(self) -> Figures:
        total = Figures(assessments=[0] * len(self.levels))
        for figures in self.figures.values():
            total.add(figures)
        return total

    def by_level(self) -> list[tuple[str, int]]:
        return list(zip(self.levels, self.total().assessments, strict=True))


def _grouped(queryset: QuerySet, path_field: str, units: list[Division], aggregates: dict) -> dict[int, dict]:
    """``aggregates`` of ``queryset`` per unit (by the prefix of ``path_field``): {unit id: row}."""
    result, by_length = {}, defaultdict(list)
    for unit in units:
        by_length[len(unit.path)].append(unit)
    for length, group in by_length.items():
        paths = {unit.path: unit for unit in group}
        rows = (queryset.annotate(unit_path=Substr(path_field, 1, length)).filter(unit_path__in=list(paths))
                .order_by().values("unit_path").annotate(**aggregates))
        for row in rows:
            result[paths[row["unit_path"]].pk] = row
    return result


def _unit_of(path: str, units: list[Division]) -> Division | None:
    return next((unit for unit in units if path.startswith(unit.path)), None)


def _institutions(user, units, end: datetime.date) -> dict[int, tuple[int, int]]:
    """Per unit: institutions operating on ``end`` and the beds occupied in their latest report by then."""
    latest = OccupancyReport.objects.filter(institution=OuterRef("pk"), as_of__lte=end).order_by("-as_of")
    operating = scoped(Institution, user, None).filter(opened_on__lte=end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=end)).annotate(occupied=Subquery(latest.values("occupied")[:1]))
    result: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for path, occupied in operating.values_list("division__path", "occupied"):
        unit = _unit_of(path, units)
        if unit is not None:
            result[unit.pk][0] += 1
            result[unit.pk][1] += occupied or 0
    return {key: tuple(value) for key, value in result.items()}


def _centres(user, units, start, end) -> dict[int, dict]:
    centres = scoped(ServiceCentre, user, None)
    is_open = Q(opened_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gt=end))
    added = Q(opened_on__gte=start, opened_on__lte=end)
    aggregates = {}
    for key, kind in (("daycare", CentreKind.DAYCARE), ("meal_centres", CentreKind.MEAL_CENTRE),
                      ("meal_points", CentreKind.MEAL_POINT)):
        aggregates[key] = Count("pk", filter=is_open & Q(kind=kind))
        aggregates[f"{key}_added"] = Count("pk", filter=added & Q(kind=kind))
    return _grouped(centres, "division__path", units, aggregates)


def _coverage(user, units, division, end) -> dict[int, tuple[int, int]]:
    served = served_communities(end, user=user)
    result: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for pk, path in communities(end, user=user, division=division).values_list("pk", "path"):
        unit = _unit_of(path, units)
        if unit is not None:
            result[unit.pk][0] += 1
            result[unit.pk][1] += pk in served
    return {key: tuple(value) for key, value in result.items()}


def _levels(end: datetime.date) -> list[str]:
    table = AssessmentRuleTable.objects.applicable(end) or AssessmentRuleTable.objects.order_by(
        "-effective_from").first()
    return list(table.rules.levels) if table is not None else []


def eldercare_statistics(user, *, division: Division | None, units: list[Division], start: datetime.date,
                         end: datetime.date) -> EldercareStatistics:
    """The figures of ``units`` for the period ``start``–``end`` as ``user`` may see them (None: everything)."""
    levels = _levels(end)
    beds = _grouped(scoped(BedBlock, user, None), "institution__division__path", units, {
        "capacity": Sum(signed_beds(), filter=Q(on__lte=end)),
        "added": Sum("beds", filter=Q(change=BedChange.ADDED, on__gte=start, on__lte=end))})
    assessments = _grouped(
        scoped(Assessment, user, None).filter(status__in=COUNTING_STATUSES, assessed_on__gte=start,
                                              assessed_on__lte=end), "division__path", units,
        {f"l{level}": Count("pk", filter=Q(level=level)) for level in range(len(levels))})
    institutions, centres = _institutions(user, units, end), _centres(user, units, start, end)
    coverage = _coverage(user, units, division, end)
    figures = {}
    for unit in units:
        bed_row, centre_row = beds.get(unit.pk, {}), centres.get(unit.pk, {})
        operating, occupied = institutions.get(unit.pk, (0, 0))
        total, served = coverage.get(unit.pk, (0, 0))
        figures[unit.pk] = Figures(
            institutions=operating, beds=bed_row.get("capacity") or 0, beds_added=bed_row.get("added") or 0,
            occupied=occupied, daycare=centre_row.get("daycare", 0), daycare_added=centre_row.get("daycare_added", 0),
            meal_centres=centre_row.get("meal_centres", 0), meal_centres_added=centre_row.get("meal_centres_added", 0),
            meal_points=centre_row.get("meal_points", 0), communities=total, communities_served=served,
            assessments=[assessments.get(unit.pk, {}).get(f"l{level}", 0) for level in range(len(levels))])
    return EldercareStatistics(division, units, start, end, levels, figures)


def eldercare_report(user, *, division: Division | None, start: datetime.date,
                     end: datetime.date) -> EldercareStatistics:
    """The report a user asked for: ``division``'s subdivisions (default: the top of the user's area)."""
    division, units = report_units(user, division, PERMISSION)
    return eldercare_statistics(user, division=division, units=units, start=start, end=end)
