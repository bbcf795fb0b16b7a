"""Benefit calculation: pure functions over plain values (no database, no clock).

Every parameter comes from a ``CalculationRules`` object (``rules.py``, re-exported here), which
``services.rules_for`` loads from the effective-dated ``CalculationRuleSet`` of the program and
division; nothing here holds an amount, a ratio or a limit of its own. The only constant is the
legal age of majority (18, 民法典 Art. 17), which decides who counts as a minor.

- 低保 (``calculate_dibao``): the per-capita monthly income is the household's monthly income
  divided by its members, to the fen, half up. A household whose per-capita income is not below
  the standard gets nothing (社会救助暂行办法 Art. 9). Otherwise the amount is
  (standard − per-capita income) × members (Art. 12), plus the supplements of its members'
  categories (分类施保), rounded as the rules say (half up), and at least the rules' floor.
- 临时救助 (``approval_level``): the street approves up to the rules' limit, the district above.
- 医疗救助 (``calculate_medical``): eligible cost × the ratio of the patient's category, to the
  fen, capped by the annual cap per person minus what was already paid in the calendar year.

Each calculation returns its steps as ``CalculationLine(label, formula, value)`` for display.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from minzheng.assistance.choices import (
    ApprovalLevel,
    MedicalCategory,
    Rounding,
    SupplementCategory,
    SupplementCombination,
)
from minzheng.assistance.rules import CENT, ROUNDING_UNITS, ZERO, CalculationRules, RulesError, Supplement, money

__all__ = [
    "MINOR_AGE",
    "Calculation",
    "CalculationLine",
    "CalculationRules",
    "Member",
    "RulesError",
    "Supplement",
    "approval_level",
    "calculate_dibao",
    "calculate_medical",
    "round_amount",
]

#: Under this age a member is a minor (民法典 Art. 17): law, not a local parameter.
MINOR_AGE = 18


# Results


@dataclass(frozen=True)
class CalculationLine:
    """One step: what it is, how it is computed (numbers in the formula), and its value."""

    label: str
    formula: str
    value: Decimal | int


@dataclass(frozen=True)
class Calculation:
    """The result: the amount, whether the household or person qualifies (and why not), and the steps."""

    amount: Decimal
    eligible: bool
    lines: tuple[CalculationLine, ...]
    reason: str = ""


@dataclass(frozen=True)
class Member:
    """What the calculation needs to know about one household member."""

    age: int
    severe_disability: bool = False
    serious_illness: bool = False
    label: str = ""


def round_amount(value: Decimal, rounding: str) -> Decimal:
    """``value`` rounded half up to the unit of ``rounding`` (jiao, yuan or ten yuan), with two decimals."""
    unit = ROUNDING_UNITS[Rounding(rounding)]
    return ((value / unit).quantize(Decimal(1), ROUND_HALF_UP) * unit).quantize(CENT)


# 低保


def _member_supplements(member: Member, rules: CalculationRules) -> list[Supplement]:
    """The supplements ``member`` qualifies for, before combining them."""
    applicable = []
    bands = [s for s in rules.supplements if s.category == SupplementCategory.ELDERLY and member.age >= s.min_age]
    if bands:
        applicable.append(max(bands, key=lambda s: s.min_age))
    flags = {
        SupplementCategory.SEVERE_DISABILITY: member.severe_disability,
        SupplementCategory.MINOR: member.age < MINOR_AGE,
        SupplementCategory.SERIOUS_ILLNESS: member.serious_illness,
    }
    applicable.extend(s for s in rules.supplements if flags.get(s.category, False))
    return applicable


def _supplement_lines(members: Sequence[Member], standard: Decimal, rules: CalculationRules
                      ) -> list[CalculationLine]:
    lines = []
    for number, member in enumerate(members, 1):
        applicable = _member_supplements(member, rules)
        if rules.combination == SupplementCombination.HIGHEST and applicable:
            applicable = [max(applicable, key=lambda s: s.value(standard))]
        who = member.label or _("member %(number)d") % {"number": number}
        for supplement in applicable:
            label = _("Supplement for %(member)s: %(category)s") % {"member": who, "category": supplement.label()}
            lines.append(CalculationLine(label, supplement.formula(standard), supplement.value(standard)))
    return lines


def calculate_dibao(*, standard: Decimal, household_income: Decimal, members: Sequence[Member],
                    rules: CalculationRules) -> Calculation:
    """The monthly 低保 amount of a household, step by step.

    Args:
        standard: the monthly standard per person (``services.standard_for``).
        household_income: the household's total monthly income as assessed.
        members: the members living together, at least one.
        rules: the program's rules in the household's division.

    Raises:
        ValueError: no members, a negative income or a standard that is not positive.
    """
    if not members or household_income < 0 or standard <= 0:
        raise ValueError("a 低保 calculation needs members, an income of 0 or more and a positive standard")
    count = len(members)
    per_capita = (household_income / count).quantize(CENT, ROUND_HALF_UP)
    lines = [
        CalculationLine(_("Standard per person per month"), "", standard),
        CalculationLine(_("Household monthly income"), "", household_income),
        CalculationLine(_("Members living together"), "", count),
        CalculationLine(_("Per-capita monthly income"), f"{money(household_income)} ÷ {count}", per_capita),
    ]
    if per_capita >= standard:
        reason = _("The per-capita income (%(income)s) is not below the standard (%(standard)s).") % {
            "income": money(per_capita), "standard": money(standard)}
        lines.append(CalculationLine(_("Monthly amount"), reason, ZERO))
        return Calculation(amount=ZERO, eligible=False, lines=tuple(lines), reason=reason)
    gap = standard - per_capita
    base = gap * count
    lines += [
        CalculationLine(_("Gap to the standard per person"), f"{money(standard)} − {money(per_capita)}", gap),
        CalculationLine(_("Gap for the household"), f"{money(gap)} × {count}", base),
    ]
    supplement_lines = _supplement_lines(members, standard, rules)
    supplements = sum((line.value for line in supplement_lines), ZERO)
    lines += supplement_lines
    total = base + supplements
    lines.append(CalculationLine(_("Before rounding"), f"{money(base)} + {money(supplements)}", total))
    rounded = round_amount(total, rules.rounding)
    lines.append(CalculationLine(_("Rounded half up"), str(Rounding(rules.rounding).label), rounded))
    amount = max(rounded, rules.floor)
    if rules.floor:
        lines.append(CalculationLine(_("At least the floor per household"),
                                     f"max({money(rounded)}, {money(rules.floor)})", amount))
    lines.append(CalculationLine(_("Monthly amount"), "", amount))
    return Calculation(amount=amount, eligible=True, lines=tuple(lines))


# 临时救助


def approval_level(amount: Decimal, rules: CalculationRules) -> ApprovalLevel:
    """Who approves a 临时救助 grant of ``amount``: the street up to the rules' limit, the district above it.

    Raises:
        ValueError: the amount is not positive, or the rules have no street approval limit.
    """
    if amount <= 0 or rules.street_approval_limit is None:
        raise ValueError("approval_level needs a positive amount and rules with a street approval limit")
    return ApprovalLevel.STREET if amount <= rules.street_approval_limit else ApprovalLevel.DISTRICT


# 医疗救助


def calculate_medical(*, eligible_cost: Decimal, category: str, paid_this_year: Decimal,
                      rules: CalculationRules) -> Calculation:
    """The reimbursement of one 医疗救助 claim, step by step.

    Args:
        eligible_cost: the cost left after basic, critical-illness and supplementary insurance.
        category: the patient's ``MedicalCategory``.
        paid_this_year: 医疗救助 already paid to this person in the claim's calendar year.
        rules: the program's rules.

    Raises:
        ValueError: a negative cost or payment, no ratio for the category, or no annual cap.
    """
    ratio = rules.medical_ratios.get(category)
    cap = rules.medical_annual_cap
    if eligible_cost < 0 or paid_this_year < 0 or ratio is None or cap is None:
        raise ValueError("calculate_medical needs costs of 0 or more, a ratio for the category and an annual cap")
    by_ratio = (eligible_cost * ratio).quantize(CENT, ROUND_HALF_UP)
    remaining = max(cap - paid_this_year, ZERO)
    amount = min(by_ratio, remaining).quantize(CENT)
    lines = (
        CalculationLine(_("Eligible cost"), "", eligible_cost),
        CalculationLine(_("Reimbursement ratio"), str(MedicalCategory(category).label), ratio),
        CalculationLine(_("By the ratio"), f"{money(eligible_cost)} × {ratio}", by_ratio),
        CalculationLine(_("Annual cap per person"), "", cap),
        CalculationLine(_("Already paid this year"), "", paid_this_year),
        CalculationLine(_("Left under the cap"), f"max({money(cap)} − {money(paid_this_year)}, 0)", remaining),
        CalculationLine(_("Reimbursement"), f"min({money(by_ratio)}, {money(remaining)})", amount),
    )
    reason = "" if amount > 0 or by_ratio == 0 else _("The annual cap of %(cap)s has been reached.") % {
        "cap": money(cap)}
    return Calculation(amount=amount, eligible=amount > 0, lines=lines, reason=reason)
