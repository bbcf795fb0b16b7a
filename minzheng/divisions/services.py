"""Division services: reference data, dated changes, roll-up by date, code lookup and import.

The tree keeps every unit that ever existed. A dated ``DivisionChange`` retires units
(``valid_to``), starts others (``valid_from``) and moves each retired unit under its successor,
so records made under 塘沽区 stay inside 滨海新区's area while statistics can still be rolled up
by the tree of any date (``ancestor_as_of``, ``rollup_counts``).
"""

import datetime
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from django.db import models, transaction
from django.db.models import Case, Count, F, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.audit.services import record_event
from minzheng.divisions.choices import LEVEL_ORDER, Level
from minzheng.divisions.events import DivisionEvent
from minzheng.divisions.importing import ImportReport, ImportRow, NewUnit, plan_import
from minzheng.divisions.models import PATH_SEPARATOR, Division, DivisionChange, ancestor_paths_of
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import user_or_none

__all__ = ["REFERENCE_FILE", "ReferenceReport", "ancestor_as_of", "apply_change", "create_units", "current_units",
           "import_divisions", "is_applied", "load_reference", "move_subtree", "resolve_code", "rollup_counts"]

REFERENCE_FILE = Path(__file__).resolve().parent / "data" / "tianjin.json"
LOOKUP_BATCH = 500
BULK_BATCH = 500


# Reading the tree


def current_units(codes: Iterable[str]) -> dict[str, Division]:
    """The current (not retired) units with the given codes, by code."""
    ordered, units = sorted(set(codes)), {}
    for start in range(0, len(ordered), LOOKUP_BATCH):
        batch = Division.objects.current().filter(code__in=ordered[start:start + LOOKUP_BATCH])
        units.update((unit.code, unit) for unit in batch)
    return units


def resolve_code(code: str, date: datetime.date | None = None) -> Division:
    """The unit with ``code``; retired codes stay resolvable.

    Without ``date`` the current unit is preferred, then the most recently retired one; with
    ``date``, the unit valid on that date.

    Raises:
        DomainError: no unit has this code (on that date).
    """
    units = Division.objects.filter(code=code)
    if date is not None:
        units = units.valid_on(date)
    unit = units.order_by(F("valid_to").desc(nulls_first=True)).first()
    if unit is None:
        raise DomainError(_("Unknown division code %(code)s.") % {"code": code}, code="divisions.code_unknown")
    return unit


def _innermost_valid(path: str, candidates: dict[str, Division], date: datetime.date) -> Division | None:
    """The innermost unit among ``candidates`` (by path) on ``path``'s chain that is valid on ``date``."""
    for ancestor_path in reversed(ancestor_paths_of(path)):
        unit = candidates.get(ancestor_path)
        if unit is not None and unit.is_valid_on(date):
            return unit
    return None


def ancestor_as_of(division: Division, level: str, date: datetime.date) -> Division | None:
    """The unit at ``level`` that ``division`` belonged to on ``date`` (``division`` itself included).

    Walks up from ``division`` and returns the first unit at ``level`` valid on ``date``: a
    record under 120221 rolls up to 宁河县 in 2014 and, 宁河县 being retired under 宁河区, to
    宁河区 in 2016. None when no unit at ``level`` on the chain was valid then.
    """
    candidates = Division.objects.filter(path__in=division.ancestor_paths(), level=level)
    return _innermost_valid(division.path, {unit.path: unit for unit in candidates}, date)


def _group_field(model: type[models.Model]) -> tuple[str, bool]:
    """The field to group an area-scoped model's rows by, and whether it holds paths (else division ids)."""
    if model.area_path:
        return model.area_path, True
    if model.area_lookup is None:
        raise ValueError(f"{model._meta.label} is not area-scoped")
    return model.area_lookup or "pk", False


def rollup_counts(queryset: models.QuerySet, *, date: datetime.date, level: str = Level.DISTRICT
                  ) -> dict[Division, int]:
    """Count the rows of an area-scoped ``queryset`` by the unit of ``level`` they belonged to on ``date``.

    One GROUP BY query on the rows' division, then the divisions are mapped to their ancestor
    at ``level`` as of ``date`` in Python (two small queries on the division table). Rows
    without a division, or with no unit at ``level`` valid on ``date`` above them, are left
    out; units with no rows are absent.
    """
    field, holds_paths = _group_field(queryset.model)
    groups = queryset.order_by().values(field).annotate(rows=Count("pk")).values_list(field, "rows")
    counts = {key: rows for key, rows in groups if key}
    if holds_paths:
        paths = {key: key for key in counts}
    else:
        paths = {pk: unit.path for pk, unit in Division.objects.only("path").in_bulk(list(counts)).items()}
    candidates = {unit.path: unit for unit in Division.objects.filter(level=level)}
    result: dict[Division, int] = {}
    for key, rows in counts.items():
        unit = _innermost_valid(paths[key], candidates, date) if key in paths else None
        if unit is not None:
            result[unit] = result.get(unit, 0) + rows
    return result


# Changing the tree


def create_units(new: Sequence[tuple[Division, str | None]], *, actor) -> list[Division]:
    """Bulk-create unsaved units level by level, parents first, with their paths.

    Args:
        new: ``(unit, parent code)`` pairs; a parent code names a current unit or a unit in ``new``.
        actor: stamped as creator (None for the system).
    """
    known = current_units(code for _unit, code in new if code)
    user, created = user_or_none(actor), []
    for level in LEVEL_ORDER:
        batch = [unit for unit, _code in new if unit.level == level]
        for unit, parent_code in ((u, c) for u, c in new if u.level == level):
            unit.parent = known[parent_code] if parent_code else None
            unit.refresh_path()
            unit.created_by = unit.updated_by = user
        Division.objects.bulk_create(batch, batch_size=BULK_BATCH)
        known.update((unit.code, unit) for unit in batch)
        created.extend(batch)
    return created


@transaction.atomic
def move_subtree(division: Division, new_parent: Division) -> Division:
    """Move ``division`` and everything below it under ``new_parent``.

    The paths and depths of the whole subtree are rewritten by one set-based UPDATE (prefix
    replacement), which also sets the moved unit's parent.

    Raises:
        DomainError: ``new_parent`` is ``division`` or lies below it.
    """
    if new_parent.path.startswith(division.path):
        raise DomainError(_("A division cannot be moved under itself or its own subtree."),
                          code="divisions.move_cycle")
    old_path, new_path = division.path, f"{new_parent.path}{division.code}{PATH_SEPARATOR}"
    Division.objects.rewrite_paths(
        old_path, new_path, new_parent.depth + 1 - division.depth,
        parent=Case(When(pk=division.pk, then=Value(new_parent.pk)), default=F("parent"),
                    output_field=models.BigIntegerField()),
    )
    division.refresh_from_db()
    return division


def _successor(targets: list[Division]) -> Division | None:
    """The unit retired sources move under: the only target (a split has none)."""
    return targets[0] if len(targets) == 1 else None


def is_applied(change: DivisionChange) -> bool:
    """True when the tree already shows ``change``'s effect."""
    return _is_applied(change, list(change.sources.all()), list(change.targets.all()))


def _check_dates(change: DivisionChange, sources: list[Division], targets: list[Division]) -> None:
    for unit in sources:
        if unit.valid_from is not None and unit.valid_from >= change.date:
            raise DomainError(_("%(unit)s only starts on %(date)s; it cannot be retired before.")
                              % {"unit": unit, "date": unit.valid_from}, code="divisions.change_dates", field="date")
    for unit in targets:
        if unit.valid_to is not None and unit.valid_to <= change.date:
            raise DomainError(_("%(unit)s already ended on %(date)s; it cannot start later.")
                              % {"unit": unit, "date": unit.valid_to}, code="divisions.change_dates", field="date")


def _is_applied(change: DivisionChange, sources: list[Division], targets: list[Division]) -> bool:
    successor = _successor(targets)
    return (all(source.valid_to == change.date for source in sources)
            and all(target.valid_from == change.date for target in targets)
            and (successor is None or all(source.parent_id == successor.pk for source in sources)))


@transaction.atomic
def apply_change(change: DivisionChange, *, actor) -> DivisionChange:
    """Give effect to a dated change of the tree; applying it again changes nothing.

    The retired units (sources) end on ``change.date`` (``valid_to``, exclusive), the resulting
    units (targets) start on it (``valid_from``), and when there is one target each source is
    moved, with its whole subtree, under it. Writes the ``divisions.change.applied`` event.
    """
    sources, targets = list(change.sources.all()), list(change.targets.all())
    if _is_applied(change, sources, targets):
        return change
    _check_dates(change, sources, targets)
    now = timezone.now()
    Division.objects.filter(pk__in=[unit.pk for unit in sources]).update(valid_to=change.date, updated_at=now)
    Division.objects.filter(pk__in=[unit.pk for unit in targets]).update(valid_from=change.date, updated_at=now)
    successor = _successor(targets)
    for source in sources:
        if successor is not None and source.parent_id != successor.pk:
            move_subtree(source, successor)
    payload = {"date": change.date.isoformat(), "kind": change.kind, "document": change.document,
               "sources": [unit.code for unit in sources], "targets": [unit.code for unit in targets]}
    record_event(DivisionEvent.CHANGE_APPLIED, actor=actor, subject=change, payload=payload)
    return change


# Reference data


@dataclass
class ReferenceReport:
    """What ``load_reference`` did; all zero when the database already matched the data file."""

    created: int = 0
    changes_created: int = 0
    changes_updated: int = 0
    changes_applied: int = 0

    @property
    def changed(self) -> bool:
        return any(asdict(self).values())


def _reference_units(specs: list[dict], actor, report: ReferenceReport) -> dict[str, Division]:
    """The reference units by code, creating the missing ones."""
    known = {unit.code: unit for unit in Division.objects.filter(code__in=[spec["code"] for spec in specs])
             .order_by(F("valid_to").asc(nulls_last=True))}
    fields = ("code", "name", "level", "kind", "remarks")
    new = [(Division(**{name: spec[name] for name in fields}), spec["parent"])
           for spec in specs if spec["code"] not in known]
    known.update((unit.code, unit) for unit in create_units(new, actor=actor))
    report.created = len(new)
    return known


def _change_values(spec: dict) -> dict:
    values = {name: spec[name] for name in ("date_confirmed", "kind", "document", "description", "remarks")}
    return {**values, "date": datetime.date.fromisoformat(spec["date"])}


def _reference_change(spec: dict, units: dict[str, Division], actor, report: ReferenceReport) -> None:
    """Create the change, or update it from the file while its date is unconfirmed; then apply it."""
    sources, targets = [units[code] for code in spec["sources"]], [units[code] for code in spec["targets"]]
    values = _change_values(spec)
    change = DivisionChange.objects.filter(sources=sources[0], targets=targets[0]).first()
    if change is None:
        change = DivisionChange.objects.create(**values, created_by=user_or_none(actor), updated_by=user_or_none(actor))
        change.sources.set(sources)
        change.targets.set(targets)
        report.changes_created += 1
    elif not change.date_confirmed and any(getattr(change, name) != value for name, value in values.items()):
        DivisionChange.objects.filter(pk=change.pk).update(**values, updated_at=timezone.now())
        change.refresh_from_db()
        report.changes_updated += 1
    sources, targets = list(change.sources.all()), list(change.targets.all())
    if not _is_applied(change, sources, targets):
        apply_change(change, actor=actor)
        report.changes_applied += 1


@transaction.atomic
def load_reference(*, actor=None, path: Path = REFERENCE_FILE) -> ReferenceReport:
    """Create the reference units and changes of the data file and apply the changes.

    Idempotent: safe to run on every start; a second run writes nothing. A change whose date
    is still unconfirmed in the database is updated from the file (so a corrected file takes
    effect); a change confirmed in the database is left as it is, but still applied.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    report = ReferenceReport()
    units = _reference_units(data["divisions"], actor, report)
    for spec in data["changes"]:
        _reference_change(spec, units, actor, report)
    if report.changed:
        record_event(DivisionEvent.REFERENCE_LOADED, actor=actor, payload={"file": path.name, **asdict(report)})
    return report


# Import


def _lock_tree() -> None:
    """Serialise imports: two concurrent ones could both create the same code (SQLite already serialises)."""
    list(Division.objects.select_for_update(no_key=True).filter(level=Level.CITY).values_list("pk", flat=True))


def _new_unit(item: NewUnit) -> tuple[Division, str]:
    row = item.row
    unit = Division(code=row.code, name=row.name, level=item.level, kind=item.kind,
                    urban_rural_class=row.urban_rural_class)
    return unit, item.parent_code


def _update_units(units: list[Division], actor) -> None:
    now, user = timezone.now(), user_or_none(actor)
    for unit in units:
        unit.updated_at, unit.updated_by = now, user
    fields = ["name", "urban_rural_class", "kind", "is_demo", "updated_at", "updated_by"]
    Division.objects.bulk_update(units, fields, batch_size=BULK_BATCH)


@transaction.atomic
def import_divisions(rows: Iterable[ImportRow | Sequence[str]], *, actor) -> ImportReport:
    """Upsert a list of division codes: new codes are created, existing current codes renamed.

    Every row is checked first (see ``importing.plan_import``); if any row is bad, nothing is
    written and the report lists each bad row with its line and reason. Otherwise the units
    are written with bulk operations, parents before children, and one
    ``divisions.codes.imported`` event records the counts.

    Args:
        rows: ``ImportRow``s from ``importing.read_rows`` or ``(code, name, urban_rural_class)`` tuples.
        actor: the importing user, limited to their area; None for the command line.
    """
    _lock_tree()
    plan = plan_import(rows, actor=actor)
    report = ImportReport(rows=plan.rows, errors=plan.errors)
    if not report.ok:
        return report
    create_units([_new_unit(item) for item in plan.creates], actor=actor)
    _update_units(plan.updates, actor)
    report.created, report.updated, report.unchanged = len(plan.creates), len(plan.updates), plan.unchanged
    payload = {"rows": report.rows, "created": report.created, "updated": report.updated,
               "unchanged": report.unchanged}
    record_event(DivisionEvent.CODES_IMPORTED, actor=actor, payload=payload)
    return report
