"""What the current snapshots hold for the living members of households, summed per person in one query.

One statement serves a single report and the batch review of every recipient: the source records are
summed per identity number (income in the window, properties, floor area, vehicles, deposits,
businesses) and joined to the members of the chosen households; a report reads it per member
(``member_facts``), the batch per household, summed in the database (``household_facts``).
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection

from minzheng.assistance.benefits import add_months
from minzheng.registry.choices import PersonStatus
from minzheng.registry.models import Membership, Person
from minzheng.verification.choices import INCOME_KINDS, SnapshotStatus, SourceKind
from minzheng.verification.eligibility import ZERO, HouseholdFacts
from minzheng.verification.models import SourceRecord, SourceSnapshot

__all__ = ["IncomeWindow", "MemberFacts", "current_snapshots", "household_facts", "member_facts"]


@dataclass(frozen=True)
class IncomeWindow:
    """The ``months`` whole months before the month of ``on``: monthly incomes are averaged over them."""

    on: datetime.date
    months: int

    @property
    def end(self) -> datetime.date:
        """The first day after the window (the first day of the month of ``on``)."""
        return self.on.replace(day=1)

    @property
    def start(self) -> datetime.date:
        return add_months(self.end, -self.months)


@dataclass(frozen=True)
class MemberFacts:
    household_id: int
    person_id: int
    id_number: str | None
    facts: HouseholdFacts


def current_snapshots() -> dict[str, SourceSnapshot]:
    """The current snapshot of each source kind that has one."""
    return {snapshot.kind: snapshot for snapshot in SourceSnapshot.objects.filter(status=SnapshotStatus.CURRENT)}


def _decimal(value) -> Decimal:
    if value is None:
        return ZERO
    return value if isinstance(value, Decimal) else Decimal(str(value))


class _Query:
    """The SQL and its parameters, built from the snapshots and the rules' window and vehicle types."""

    def __init__(self, snapshots: dict[str, int], window: IncomeWindow, allowed_vehicles: frozenset[str]):
        self.snapshots, self.window, self.allowed = snapshots, window, sorted(allowed_vehicles)
        self.columns: list[str] = []
        self.params: list = []

    def column(self, sql: str, *params) -> None:
        self.columns.append(f"{sql} AS c{len(self.columns)}")
        self.params.extend(params)

    def when(self, kind: str, condition: str, aggregate: str, *params) -> None:
        snapshot = self.snapshots.get(kind)
        if snapshot is None:
            self.column("0")
        else:
            self.column(f"{aggregate} FILTER (WHERE r.snapshot_id = %s{condition})", snapshot, *params)

    def build(self) -> tuple[str, list]:
        for kind in INCOME_KINDS:
            self.when(kind, " AND r.period >= %s AND r.period < %s", "SUM(r.amount)", self.window.start,
                      self.window.end)
            self.when(kind, " AND r.period IS NULL", "SUM(r.amount)")
        self.when(SourceKind.REAL_ESTATE, "", "COUNT(*)")
        self.when(SourceKind.REAL_ESTATE, "", "SUM(COALESCE(r.quantity, 0))")
        self.when(SourceKind.VEHICLE, "", "COUNT(*)")
        allowed = ", ".join(["%s"] * len(self.allowed))
        self.when(SourceKind.VEHICLE, f" AND r.category NOT IN ({allowed})" if allowed else "", "COUNT(*)",
                  *self.allowed)
        self.when(SourceKind.DEPOSIT, "", "SUM(r.amount)")
        self.when(SourceKind.BUSINESS, "", "COUNT(*)")
        ids = ", ".join(["%s"] * len(self.snapshots)) or "NULL"
        sql = (f"SELECT r.id_number, {', '.join(self.columns)} FROM {SourceRecord._meta.db_table} r "
               f"WHERE r.snapshot_id IN ({ids})")
        return sql, [*self.params, *self.snapshots.values()]


#: The per-person sums after the first columns: 2 per income kind, then 6 for the assets.
SUMS = 2 * len(INCOME_KINDS) + 6


def _facts(values, months: int, *, members: int = 1, unmatched: int = 0) -> HouseholdFacts:
    values = [_decimal(value) for value in values]
    income = {kind: values[2 * index] / months + values[2 * index + 1] for index, kind in enumerate(INCOME_KINDS)}
    rest = values[2 * len(INCOME_KINDS):]
    return HouseholdFacts(members=members, unmatched=unmatched, income=income, properties=int(rest[0]),
                          area=rest[1], vehicles=int(rest[2]), disallowed_vehicles=int(rest[3]), deposits=rest[4],
                          businesses=int(rest[5]))


def _statement(households: tuple[str, list], snapshots: dict[str, int], window: IncomeWindow,
               allowed_vehicles: frozenset[str], *, only_members: bool, per_household: bool) -> tuple[str, list]:
    households_sql, households_params = households
    records_sql, records_params = _Query(snapshots, window, allowed_vehicles).build()
    membership, person = Membership._meta.db_table, Person._meta.db_table
    members_where = f"m.end_date IS NULL AND p.status = %s AND m.household_id IN ({households_sql})"
    members_params = [PersonStatus.ALIVE.value, *households_params]
    if only_members:
        records_sql += (f" AND r.id_number IN (SELECT p.id_number FROM {membership} m JOIN {person} p "
                        f"ON p.id = m.person_id WHERE {members_where})")
        records_params += members_params
    if per_household:
        sums = ", ".join(f"SUM(a.c{index})" for index in range(SUMS))
        select = f"m.household_id, COUNT(*), COUNT(*) FILTER (WHERE p.id_number IS NULL), {sums}"
        group = " GROUP BY m.household_id"
    else:
        select, group = "m.household_id, p.id, p.id_number, " + ", ".join(f"a.c{i}" for i in range(SUMS)), ""
    sql = (f"SELECT {select} FROM {membership} m JOIN {person} p ON p.id = m.person_id "
           f"LEFT JOIN ({records_sql} GROUP BY r.id_number) a ON a.id_number = p.id_number WHERE {members_where}"
           f"{group}")
    return sql, [*records_params, *members_params]


def _rows(sql: str, params: list) -> Iterator[tuple]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and connection.in_atomic_block:
            # Compiling this one aggregate query costs more than it saves (bench/verification.py).
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(10_000):
            yield from rows


def member_facts(households: tuple[str, list], *, snapshots: dict[str, int], window: IncomeWindow,
                 allowed_vehicles: frozenset[str] = frozenset(), only_members: bool = True) -> Iterator[MemberFacts]:
    """The facts of every living current member of the households selected by ``households`` (SQL giving
    household ids, and its parameters): one row per member, for a report.

    ``only_members`` limits the records summed to the members' identity numbers (a few households);
    without it every record of the snapshots is summed once (the whole population of a batch).
    """
    sql, params = _statement(households, snapshots, window, allowed_vehicles, only_members=only_members,
                             per_household=False)
    for household_id, person_id, id_number, *values in _rows(sql, params):
        yield MemberFacts(household_id, person_id, id_number,
                          _facts(values, window.months, unmatched=0 if id_number else 1))


def household_facts(households: tuple[str, list], *, snapshots: dict[str, int], window: IncomeWindow,
                    allowed_vehicles: frozenset[str] = frozenset(), only_members: bool = True
                    ) -> Iterator[tuple[int, HouseholdFacts]]:
    """The same sums folded per household in the database (the batch review): ``(household id, facts)``."""
    sql, params = _statement(households, snapshots, window, allowed_vehicles, only_members=only_members,
                             per_household=True)
    for household_id, members, unmatched, *values in _rows(sql, params):
        yield household_id, _facts(values, window.months, members=members, unmatched=unmatched)
