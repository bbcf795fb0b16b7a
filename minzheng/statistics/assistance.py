"""Figures of social assistance by division, program and month: households, recipients and amounts.

Per month, a monthly program (低保, 特困) counts the cases in payment in that month — their members
and monthly amounts — read from the benefit periods (``assistance.indicators.paid_periods``, the
same rule as the indicators); a one-off program (临时救助) counts the grants approved in that month
and their amounts. The amounts are those decided (what the rolls are generated from).

Set-based: one query per table and per length of the rows' division paths (normally one), grouped in
SQL by the row's division (a prefix of the case's division path) and the program, with one
conditional sum per month and figure. Every query is scoped by ``restrict(user, "view")``.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Substr

from minzheng.assistance.choices import CaseStatus
from minzheng.assistance.indicators import CASE_PERMISSION, covering, paid_periods
from minzheng.assistance.models import AssistanceCase, Program
from minzheng.divisions.models import Division
from minzheng.indicators.periods import add_months
from minzheng.statistics.scope import report_units

__all__ = ["AssistanceStatistics", "Figures", "StatisticsRow", "assistance_report", "assistance_statistics"]

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Figures:
    """Households (cases), the persons in them, and the amount."""

    households: int = 0
    recipients: int = 0
    amount: Decimal = ZERO

    def __add__(self, other: "Figures") -> "Figures":
        return Figures(self.households + other.households, self.recipients + other.recipients,
                       self.amount + other.amount)

    def __bool__(self) -> bool:
        return bool(self.households or self.recipients or self.amount)


@dataclass(frozen=True)
class StatisticsRow:
    """One cell of the report: a division's figures under a program in a month."""

    division: Division
    program: Program
    month: datetime.date
    figures: Figures


@dataclass
class AssistanceStatistics:
    """The figures of a report, by (row division id, program id, month)."""

    division: Division | None
    units: list[Division]
    months: list[datetime.date]
    programs: list[Program] = field(default_factory=list)
    cells: dict[tuple[int, int, datetime.date], Figures] = field(default_factory=dict)

    def _total(self, *, unit=None, program=None, month=None) -> Figures:
        total = Figures()
        for (unit_id, program_id, cell_month), figures in self.cells.items():
            if ((unit is None or unit.pk == unit_id) and (program is None or program.pk == program_id)
                    and (month is None or month == cell_month)):
                total += figures
        return total

    def summary(self, *, unit=None, program=None) -> Figures:
        """Households and recipients of the last month, the amount of every month."""
        last = self._total(unit=unit, program=program, month=self.months[-1])
        return Figures(last.households, last.recipients, self._total(unit=unit, program=program).amount)

    def by_unit(self) -> list[tuple[Division, Figures]]:
        return [(unit, self.summary(unit=unit)) for unit in self.units]

    def by_program(self) -> list[tuple[Program, Figures]]:
        return [(program, self.summary(program=program)) for program in self.programs]

    def by_month(self) -> list[tuple[datetime.date, Figures]]:
        return [(month, self._total(month=month)) for month in self.months]

    def rows(self) -> list[StatisticsRow]:
        """Every month of each (division, program) that has figures in the period, zeros included."""
        series = sorted({(unit_id, program_id) for unit_id, program_id, _month in self.cells})
        units, programs = {u.pk: u for u in self.units}, {p.pk: p for p in self.programs}
        ordered = sorted(series, key=lambda key: (units[key[0]].path, programs[key[1]].code))
        return [StatisticsRow(units[u], programs[p], month, self.cells.get((u, p, month), Figures()))
                for u, p in ordered for month in self.months]


def _within(units: list[Division], path_field: str) -> Q:
    condition = Q()
    for unit in units:
        condition |= Q(**{f"{path_field}__startswith": unit.path})
    return condition


def _per_month(months, month_filter, households, recipients, amount) -> dict:
    aggregates = {}
    for i, month in enumerate(months):
        condition = month_filter(month)
        aggregates[f"h{i}"] = Count(households, filter=condition, distinct=True)
        aggregates[f"r{i}"] = Sum(recipients, filter=condition)
        aggregates[f"a{i}"] = Sum(amount, filter=condition)
    return aggregates


def _grouped(queryset: QuerySet, path_field: str, program_field: str, length: int, aggregates: dict) -> QuerySet:
    return (queryset.values(unit_path=Substr(path_field, 1, length), program_key=F(program_field))
            .order_by().annotate(**aggregates))


def _period_rows(user, units, length, months, program) -> QuerySet:
    """Monthly programs: the cases in payment in each month, from their benefit periods."""
    periods = paid_periods(user).filter(_within(units, "case__division__path"), starts__lte=months[-1]).filter(
        Q(ends__isnull=True) | Q(ends__gt=months[0]))
    if program is not None:
        periods = periods.filter(case__program=program)
    aggregates = _per_month(months, covering, "case", "case__member_count", "monthly_amount")
    return _grouped(periods, "case__division__path", "case__program", length, aggregates)


def _granted_in(month: datetime.date) -> Q:
    return Q(approved_on__gte=month, approved_on__lt=add_months(month, 1))


def _grant_rows(user, units, length, months, program) -> QuerySet:
    """One-off programs: the grants approved in each month."""
    cases = AssistanceCase.objects.all() if user is None else AssistanceCase.objects.restrict(user, "view")
    cases = cases.filter(_within(units, "division__path"), status=CaseStatus.GRANTED,
                         approved_on__gte=months[0], approved_on__lt=add_months(months[-1], 1))
    if program is not None:
        cases = cases.filter(program=program)
    aggregates = _per_month(months, _granted_in, "pk", "member_count", "approved_amount")
    return _grouped(cases, "division__path", "program", length, aggregates)


def _add(cells: dict, rows, units_by_path: dict, months) -> None:
    for row in rows:
        unit = units_by_path.get(row["unit_path"])
        for i, month in enumerate(months):
            figures = Figures(row[f"h{i}"] or 0, row[f"r{i}"] or 0, (row[f"a{i}"] or ZERO).quantize(ZERO))
            if unit is not None and figures:
                key = (unit.pk, row["program_key"], month)
                cells[key] = cells.get(key, Figures()) + figures


def assistance_statistics(user, *, division: Division | None, units: list[Division], months: list[datetime.date],
                          program: Program | None = None) -> AssistanceStatistics:
    """The figures of ``units`` (divisions of one report, e.g. the children of ``division``) per program
    and month, as ``user`` may see them (None: everything).

    Args:
        months: first days of consecutive months, oldest first (not empty).
        program: only this program (default: every program with figures).
    """
    cells: dict = {}
    by_length: dict[int, list[Division]] = defaultdict(list)
    for unit in units:
        by_length[len(unit.path)].append(unit)
    for length, group in by_length.items():
        units_by_path = {unit.path: unit for unit in group}
        for rows in (_period_rows, _grant_rows):
            _add(cells, rows(user, group, length, months, program), units_by_path, months)
    program_ids = {program_id for _unit, program_id, _month in cells} | ({program.pk} if program else set())
    programs = list(Program.objects.filter(pk__in=program_ids).order_by("code"))
    return AssistanceStatistics(division, units, months, programs, cells)


def assistance_report(user, *, division: Division | None, months: list[datetime.date],
                      program: Program | None = None) -> AssistanceStatistics:
    """The report a user asked for: ``division``'s subdivisions (default: the top of the user's area)."""
    division, units = report_units(user, division, CASE_PERMISSION)
    return assistance_statistics(user, division=division, units=units, months=months, program=program)
