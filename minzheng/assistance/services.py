"""Social assistance services: programs, the standard and rules that apply, the 低保 quote, 近亲属 filings.

Standards and rules are resolved for a division on a date: among the rows in force on that date
on the division's path (the city-wide default and the district override), the most specific
division wins, then the latest start (``ParameterQuerySet.applicable``).
"""

import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.assistance.calculation import Calculation, CalculationRules, Member, RulesError, calculate_dibao
from minzheng.assistance.choices import ProgramKind, UrbanRural
from minzheng.assistance.conflicts import Conflict
from minzheng.assistance.events import AssistanceEvent
from minzheng.assistance.models import CalculationRuleSet, ConflictFiling, Program, Standard
from minzheng.audit.services import record_event
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import save_object, validated

__all__ = ["PROGRAMS_FILE", "DibaoQuote", "file_conflict", "quote_dibao", "rule_set_for", "rules_for",
           "seed_programs", "standard_for"]

PROGRAMS_FILE = Path(__file__).resolve().parent / "data" / "programs.json"


@transaction.atomic
def seed_programs(*, actor=None, path: Path = PROGRAMS_FILE) -> list[Program]:
    """Create the programs of the data file that do not exist yet (by code); returns those created.

    Idempotent: existing programs, possibly renamed by an administrator, are left as they are.
    """
    rows = json.loads(path.read_text(encoding="utf-8"))
    existing = set(Program.objects.values_list("code", flat=True))
    created = Program.objects.bulk_create([Program(**row) for row in rows if row["code"] not in existing])
    if created:
        record_event(AssistanceEvent.PROGRAMS_SEEDED, actor=actor, payload={"codes": [p.code for p in created]})
    return created


def _date_text(date: datetime.date) -> str:
    return date.isoformat()


def standard_for(program: Program, *, urban: bool, division, date: datetime.date) -> Standard:
    """The standard of ``program`` for urban (or rural) residents of ``division`` on ``date``.

    Raises:
        DomainError: ``assistance.no_standard`` when none is in force there on that date.
    """
    area_type = UrbanRural.URBAN if urban else UrbanRural.RURAL
    standard = (Standard.objects.filter(program=program, area_type=area_type).select_related("division", "program")
                .applicable(division, date))
    if standard is None:
        raise DomainError(
            _("No %(area)s standard of %(program)s is in force in %(division)s on %(date)s.") % {
                "area": area_type.label, "program": program, "division": division.name, "date": _date_text(date)},
            code="assistance.no_standard",
        )
    return standard


def rule_set_for(program: Program, *, division, date: datetime.date) -> CalculationRuleSet:
    """The calculation rule set of ``program`` in force in ``division`` on ``date``.

    Raises:
        DomainError: ``assistance.no_rules`` when none is in force there on that date.
    """
    rule_set = (CalculationRuleSet.objects.filter(program=program).select_related("division", "program")
                .applicable(division, date))
    if rule_set is None:
        raise DomainError(
            _("No calculation rules of %(program)s are in force in %(division)s on %(date)s.") % {
                "program": program, "division": division.name, "date": _date_text(date)},
            code="assistance.no_rules",
        )
    return rule_set


def rules_for(program: Program, *, division, date: datetime.date) -> CalculationRules:
    """The validated calculation rules of ``program`` in ``division`` on ``date``.

    Raises:
        DomainError: ``assistance.no_rules`` when none is in force; ``assistance.invalid_rules`` when the
            stored rules do not validate (they were written around the model's checks).
    """
    return _validated(rule_set_for(program, division=division, date=date))


def _validated(rule_set: CalculationRuleSet) -> CalculationRules:
    try:
        return rule_set.rules_object
    except RulesError as exc:
        raise DomainError(_("The calculation rules %(rules)s are invalid: %(errors)s") % {
            "rules": rule_set, "errors": "; ".join(exc.errors)}, code="assistance.invalid_rules") from exc


@dataclass(frozen=True)
class DibaoQuote:
    """A 低保 calculation with the standard and rule set it used."""

    standard: Standard
    rule_set: CalculationRuleSet
    calculation: Calculation


def quote_dibao(program: Program, *, urban: bool, division, date: datetime.date, household_income: Decimal,
                members: Sequence[Member]) -> DibaoQuote:
    """The monthly 低保 amount of a household in ``division`` on ``date``, with its steps (nothing is stored).

    Raises:
        DomainError: ``assistance.not_dibao`` for a program of another kind, ``assistance.no_standard``,
            ``assistance.no_rules`` or ``assistance.invalid_rules``.
    """
    if program.kind != ProgramKind.DIBAO:
        raise DomainError(_("%(program)s is not a minimum living guarantee program.") % {"program": program},
                          code="assistance.not_dibao", field="program")
    standard = standard_for(program, urban=urban, division=division, date=date)
    rule_set = rule_set_for(program, division=division, date=date)
    calculation = calculate_dibao(standard=standard.amount, household_income=household_income, members=members,
                                  rules=_validated(rule_set))
    return DibaoQuote(standard=standard, rule_set=rule_set, calculation=calculation)


@transaction.atomic
def file_conflict(conflict: Conflict, *, actor, division, case_reference: str = "", note: str = "",
                  filed_on: datetime.date | None = None) -> ConflictFiling:
    """Record the 备案 of a conflict found by ``conflicts.find_conflicts`` for a case in ``division``.

    The filing requires home visits to every household of the case (100%); the caseworker is kept
    out of deciding it through ``conflicts.recusal_reason``. Writes the change record and the
    ``assistance.conflict.filed`` event in the same transaction.

    Raises:
        DomainError: the conflict does not hold (another caseworker's relative, another district).
        PermissionsViolation: ``actor`` may not add filings in ``division`` (nothing is written).
    """
    filing = ConflictFiling(caseworker=conflict.caseworker, relative=conflict.relative, division=division,
                            case_reference=case_reference, note=note, filed_by=actor,
                            filed_on=filed_on or timezone.localdate())
    validated(filing, code="assistance.conflict_invalid")
    save_object(filing, actor=actor)
    record_event(AssistanceEvent.CONFLICT_FILED, actor=actor, subject=filing, payload={
        "caseworker": filing.caseworker_id, "relative": filing.relative_id, "relation": filing.relative.relation,
        "case_reference": case_reference,
    })
    return filing
