"""Applying for an elderly-care subsidy: who qualifies and the monthly amount, then social assistance's procedure.

``quote_subsidy`` applies the program's ``SubsidyRuleSet`` in force for the elder's division on the day: age,
pilot divisions, rural households, the household's per-capita income against the local 低保 standard, and
for a care subsidy a current ability assessment of level 1–3. ``apply_for_subsidy`` files the case through
``assistance.procedure.apply`` with the amount computed (the district confirms it at 区县审批); the approval
step re-checks eligibility (a step guard), so an assessment that lapsed meanwhile stops it. Payment is the
assistance payment rolls'; the beneficiary's death stops the subsidy from the next month (assistance's
death handler).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.approvals.choices import Decision
from minzheng.approvals.hooks import register_step_guard
from minzheng.assistance import flows, procedure
from minzheng.assistance.choices import ProgramKind
from minzheng.assistance.models import AssistanceCase, Program
from minzheng.assistance.models.cases import SUBSIDY_KINDS
from minzheng.assistance.services import standard_for
from minzheng.eldercare.models import Assessment, SubsidyRuleSet
from minzheng.framework.exceptions import DomainError
from minzheng.registry.choices import HouseholdKind
from minzheng.registry.models import Household, Person
from minzheng.registry.search import age_bounds, age_on

__all__ = ["SubsidyQuote", "apply_for_subsidy", "quote_subsidy"]

CENT = Decimal("0.01")


@dataclass
class SubsidyQuote:
    """The amount and how it was found (lines shown on the case), or the reasons it is refused."""

    amount: Decimal | None = None
    lines: list[dict] = field(default_factory=list)
    refusals: list[DomainError] = field(default_factory=list)

    def line(self, label: str, formula: str, value) -> None:
        self.lines.append({"label": label, "formula": formula, "value": str(value)})

    def refuse(self, message: str, code: str, field_name: str = "person") -> None:
        self.refusals.append(DomainError(message, code=f"eldercare.{code}", field=field_name))


def _rules(program: Program, division, on: datetime.date) -> SubsidyRuleSet:
    rules = SubsidyRuleSet.objects.filter(program=program).applicable(division, on)
    if rules is None:
        raise DomainError(_("No rules of %(program)s are in force here on %(date)s.") % {
            "program": program.name, "date": on.isoformat()}, code="eldercare.subsidy_rules_missing", field="program")
    return rules


def _check_person(quote: SubsidyQuote, rules: SubsidyRuleSet, person: Person, household: Household,
                  on: datetime.date) -> None:
    if person.birth_date > age_bounds(age_min=rules.min_age, today=on)[1]:
        quote.refuse(_("%(name)s is under %(age)d.") % {"name": person.name, "age": rules.min_age}, "subsidy_age")
    pilots = list(rules.pilot_divisions.all())
    if pilots and not any(household.division.path.startswith(division.path) for division in pilots):
        quote.refuse(_("The household is not in a pilot division of this subsidy."), "subsidy_not_pilot",
                     "household")
    if rules.rural_only and household.kind != HouseholdKind.RURAL:
        quote.refuse(_("This subsidy is for rural households."), "subsidy_rural_only", "household")


def _check_income(quote: SubsidyQuote, rules: SubsidyRuleSet, household: Household, income: Decimal, members: int,
                  on: datetime.date) -> None:
    if rules.income_limit_multiple is None:
        return
    urban = household.kind == HouseholdKind.URBAN
    dibao = Program.objects.filter(kind=ProgramKind.DIBAO, code="dibao_urban" if urban else "dibao_rural").first()
    if dibao is None:
        raise DomainError(_("The 低保 program is missing."), code="eldercare.subsidy_rules_missing")
    standard = standard_for(dibao, urban=urban, division=household.division, date=on)
    limit = (rules.income_limit_multiple * standard.amount).quantize(CENT)
    per_capita = (income / max(members, 1)).quantize(CENT)
    quote.line(_("Per-capita monthly income"), f"{income} ÷ {members}", per_capita)
    if per_capita > limit:
        quote.refuse(_("The per-capita income %(income)s is above %(limit)s (%(multiple)s × the 低保 standard).") % {
            "income": per_capita, "limit": limit, "multiple": rules.income_limit_multiple}, "subsidy_income",
            "household_income")


def _amount(quote: SubsidyQuote, rules: SubsidyRuleSet, person: Person, on: datetime.date) -> None:
    if rules.levels:
        assessment = Assessment.objects.current_for(person, on)
        if assessment is None:
            quote.refuse(_("%(name)s has no ability assessment in force.") % {"name": person.name},
                         "subsidy_assessment_missing")
            return
        quote.line(_("Assessed ability level"), assessment.level_name, assessment.level)
        amount = rules.levels.get(assessment.level)
        if amount is None:
            quote.refuse(_("The assessed level (%(level)s) gives no subsidy.") % {"level": assessment.level_name},
                         "subsidy_level")
            return
    elif rules.ages:
        age = age_on(person.birth_date, on)
        bands = [band for band in rules.ages if band <= age]
        if not bands:
            quote.refuse(_("%(name)s has not reached an age band.") % {"name": person.name}, "subsidy_age")
            return
        amount = rules.ages[max(bands)]
        quote.line(_("Age band"), f"{age} ≥ {max(bands)}", amount)
    else:
        amount = rules.flat_amount
    quote.amount = amount
    quote.line(_("Monthly subsidy"), str(amount), amount)


def quote_subsidy(program: Program, person: Person, household: Household, *, household_income: Decimal = Decimal(0),
                  members: int = 1, on: datetime.date | None = None) -> SubsidyQuote:
    """Whether ``person`` qualifies for ``program`` on ``on`` and the monthly amount (pure of writes).

    Raises:
        DomainError: the program is not a subsidy, or no rules (or 低保 standard) are in force.
    """
    on = on or timezone.localdate()
    if program.kind not in SUBSIDY_KINDS:
        raise DomainError(_("Choose an elderly-care subsidy."), code="eldercare.not_subsidy", field="program")
    rules = _rules(program, household.division, on)
    quote = SubsidyQuote()
    _check_person(quote, rules, person, household, on)
    _check_income(quote, rules, household, household_income, members, on)
    _amount(quote, rules, person, on)
    return quote


@transaction.atomic
def apply_for_subsidy(*, program: Program, person: Person, household: Household, actor,
                      household_income: Decimal = Decimal(0), reason: str = "", application_document=None,
                      authorisation_document=None, applied_on: datetime.date | None = None) -> AssistanceCase:
    """File ``person``'s application for an elderly-care subsidy; the case starts at 受理 with its amount.

    Raises:
        DomainError: the first reason the person does not qualify (``eldercare.subsidy_*``), or any refusal of
            ``assistance.procedure.apply`` (not a member, an open case of the subsidy…).
        PermissionsViolation: ``actor`` may not add cases in the household's division (nothing is written).
    """
    applied_on = applied_on or timezone.localdate()
    members = len(procedure.case_members(household, applied_on)) or 1
    quote = quote_subsidy(program, person, household, household_income=household_income, members=members,
                          on=applied_on)
    if quote.refusals:
        raise quote.refusals[0]
    case = procedure.apply(program=program, household=household, applicant=person, actor=actor,
                           household_income=household_income, applied_on=applied_on, reason=reason,
                           application_document=application_document, authorisation_document=authorisation_document)
    procedure.update_case(case, actor, calculated_amount=quote.amount, calculation=quote.lines)
    return case


def eligibility_guard(request, *, actor, decision, step_code: str) -> None:
    """At the district's approval the elder must still qualify (an assessment may have lapsed meanwhile)."""
    if decision != Decision.APPROVE or step_code != flows.APPROVE:
        return
    case = AssistanceCase.objects.select_related("program", "household__division", "applicant").get(
        pk=request.object_id)
    quote = quote_subsidy(case.program, case.applicant, case.household, household_income=case.household_income,
                          members=case.member_count)
    if quote.refusals:
        raise quote.refusals[0]


for _kind in SUBSIDY_KINDS:
    register_step_guard(flows.flow_code(_kind), eligibility_guard)
