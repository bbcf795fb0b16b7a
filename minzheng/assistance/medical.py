"""医疗救助 claims (社会救助暂行办法 Art. 28–32): filing, and the amount computed at the district approval.

A claim is an ``AssistanceCase`` of a medical program, filed through ``procedure.apply`` with the
patient as applicant, plus its ``MedicalClaim`` (the bills). Its flow is 受理审核 (street) → 区县审批
(district); the checks of both steps are registered in ``procedure.STEP_CHECKS`` and wrap the
shared ones, which still apply to every other program:

- 受理: a patient of the 低保 or 特困 category is handled without application (Art. 30), so the
  written application and the signed authorisation are not required for that claim; any other claim
  needs both, like every application. The category itself is checked when the claim is filed: the
  household must have a 低保 (or 特困) case in payment in the month of the settlement.
- 区县审批: the amount is ``calculation.calculate_medical`` of the eligible cost, the category's ratio
  and what the patient was already paid in the settlement's calendar year (the amounts of the
  patient's granted claims settled that year), with the rules in force on the settlement date. What
  was paid is read under a lock on the patient's ``Person`` row, so two approvals for one patient run
  one after the other and never exceed the annual cap together. The ratio, the amount paid before
  and the amount are stored on the claim, the amount and the steps on the case.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from minzheng.assistance import flows, procedure
from minzheng.assistance.calculation import calculate_medical
from minzheng.assistance.choices import CaseStatus, MedicalCategory, ProgramKind
from minzheng.assistance.events import AssistanceEvent
from minzheng.assistance.models import AssistanceCase, MedicalClaim, Program, first_of_month
from minzheng.assistance.rules import money
from minzheng.assistance.services import rules_for
from minzheng.audit.services import record_event
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import save_object, user_or_none, validated
from minzheng.registry.models import Household, Person

__all__ = ["WITHOUT_APPLICATION", "calculate_claim", "file_claim", "paid_in_year"]

#: Categories handled without an application (Art. 30): no written application or authorisation needed.
WITHOUT_APPLICATION = (MedicalCategory.DIBAO, MedicalCategory.TEKUN)
_CATEGORY_KIND = {MedicalCategory.DIBAO: ProgramKind.DIBAO, MedicalCategory.TEKUN: ProgramKind.TEKUN}


def _check_category(household: Household, category: str, settled_on: datetime.date) -> None:
    kind = _CATEGORY_KIND.get(category)
    if kind is None:
        return
    month = first_of_month(settled_on)
    # One filter() call: the start and the end are of the same benefit period.
    paid = Q(benefitperiods__starts__lte=month) & (Q(benefitperiods__ends__isnull=True)
                                                   | Q(benefitperiods__ends__gt=month))
    if not AssistanceCase.objects.filter(paid, household=household, kind=kind).exists():
        raise DomainError(_("The household received no %(kind)s in the month of the settlement.")
                          % {"kind": ProgramKind(kind).label}, code="assistance.category_unconfirmed",
                          field="category")




@transaction.atomic
def file_claim(*, program: Program, household: Household, patient: Person, actor, category: str, hospital: str,
               treated_from: datetime.date, treated_until: datetime.date, settled_on: datetime.date,
               total_cost: Decimal, insurance_paid: Decimal, other_paid: Decimal = Decimal(0),
               ineligible_cost: Decimal = Decimal(0), application_document=None, authorisation_document=None,
               reason: str = "", applied_on: datetime.date | None = None, remarks: str = "") -> MedicalClaim:
    """File a 医疗救助 claim of ``patient`` (a member of ``household``) and start its procedure.

    Raises:
        DomainError: the program is not a medical one, the category is not borne out (no 低保/特困 in
            payment in the settlement's month), the bills do not add up, or anything ``procedure.apply``
            refuses (closed program, dissolved household, the patient not a living member).
        PermissionsViolation: ``actor`` may not add cases or claims in the household's division.
    """
    if program.kind != ProgramKind.MEDICAL:
        raise DomainError(_("%(program)s is not a medical assistance program.") % {"program": program},
                          code="assistance.not_medical", field="program")
    claim = MedicalClaim(patient=patient, category=category, hospital=(hospital or "").strip(),
                         treated_from=treated_from, treated_until=treated_until, settled_on=settled_on,
                         total_cost=total_cost, insurance_paid=insurance_paid, other_paid=other_paid,
                         ineligible_cost=ineligible_cost, remarks=remarks)
    validated(claim, code="assistance.invalid", exclude=["case"])
    _check_category(household, category, settled_on)
    try:
        claim.case = procedure.apply(program=program, household=household, applicant=patient, actor=actor,
                                     applied_on=applied_on, reason=reason, application_document=application_document,
                                     authorisation_document=authorisation_document)
    except DomainError as exc:
        if exc.field == "applicant":  # the applicant of a claim is its patient
            raise DomainError(exc.message, code=exc.code, field="patient") from exc
        raise
    save_object(claim, actor=actor)
    record_event(AssistanceEvent.CLAIM_FILED, actor=user_or_none(actor), subject=claim.case, payload={
        "claim": claim.pk, "patient": patient.pk, "category": category, "eligible_cost": money(claim.eligible_cost)})
    return claim


def paid_in_year(patient: Person, year: int, *, exclude: MedicalClaim | None = None) -> Decimal:
    """医疗救助 granted to ``patient`` for claims settled in ``year`` (without ``exclude``)."""
    claims = MedicalClaim.objects.filter(patient=patient, settled_on__year=year, amount__isnull=False,
                                         case__status=CaseStatus.GRANTED)
    if exclude is not None:
        claims = claims.exclude(pk=exclude.pk)
    return claims.aggregate(total=Sum("amount"))["total"] or Decimal("0.00")


def _claim(case: AssistanceCase) -> MedicalClaim:
    try:
        return case.medical_claim
    except MedicalClaim.DoesNotExist:
        raise DomainError(_("This medical assistance case has no claim."), code="assistance.claim_missing")


def calculate_claim(claim: MedicalClaim, *, actor) -> MedicalClaim:
    """Compute and store the reimbursement of ``claim`` (inside the approval's transaction).

    Locks the patient's ``Person`` row first: whatever else is approved for the patient waits, and
    then sees this claim's amount in what was paid that year.

    Raises:
        DomainError: no rules in force on the settlement date, or rules without a ratio for the
            category or without an annual cap.
    """
    Person.objects.select_for_update(no_key=True).only("pk").get(pk=claim.patient_id)
    case = claim.case
    paid = paid_in_year(claim.patient, claim.settled_on.year, exclude=claim)
    rules = rules_for(case.program, division=case.division, date=claim.settled_on)
    try:
        calculation = calculate_medical(eligible_cost=claim.eligible_cost, category=claim.category,
                                        paid_this_year=paid, rules=rules)
    except ValueError as exc:
        raise DomainError(_("The rules of %(program)s lack the ratio of this category or the annual cap.")
                          % {"program": case.program}, code="assistance.invalid_rules") from exc
    ratio = rules.medical_ratios[claim.category]
    procedure.update_case(claim, actor, ratio=ratio, paid_before=paid, amount=calculation.amount)
    lines = [{"label": line.label, "formula": line.formula, "value": str(line.value)} for line in calculation.lines]
    procedure.update_case(case, actor, calculated_amount=calculation.amount, calculation=lines)
    if not calculation.eligible:
        raise DomainError(calculation.reason or _("Nothing is left to reimburse: reject the claim with the reason."),
                          code="assistance.nothing_to_pay")
    return claim


# What the steps of a medical case need (registered in procedure.STEP_CHECKS, wrapping the shared checks)

_accept_check = procedure.STEP_CHECKS[flows.ACCEPT]
_approve_check = procedure.STEP_CHECKS[flows.APPROVE]


def check_acceptance(case, request, **context) -> None:
    """受理: a medical claim of a 低保/特困 patient needs no application documents (Art. 30)."""
    if case.kind == ProgramKind.MEDICAL and _claim(case).category in WITHOUT_APPLICATION:
        return
    _accept_check(case, request, **context)


def check_approval(case, request, *, actor=None, **context) -> None:
    """区县审批 of a medical claim: the amount is computed, not entered; other programs as before.

    An amount given with the decision is already the case's approved amount: it must be the computed one.
    """
    if case.kind != ProgramKind.MEDICAL:
        _approve_check(case, request, actor=actor, **context)
        return
    given = case.approved_amount
    claim = calculate_claim(_claim(case), actor=actor)
    if given is not None and given != claim.amount:
        raise DomainError(_("The amount of a medical claim is computed: %(amount)s.") % {"amount": money(claim.amount)},
                          code="assistance.amount_computed", field="amount")
    procedure.update_case(case, actor, approved_amount=claim.amount)
    record_event(AssistanceEvent.CLAIM_CALCULATED, actor=user_or_none(actor), subject=case, payload={
        "claim": claim.pk, "ratio": str(claim.ratio), "paid_before": money(claim.paid_before),
        "amount": money(claim.amount)})


procedure.STEP_CHECKS[flows.ACCEPT] = check_acceptance
procedure.STEP_CHECKS[flows.APPROVE] = check_approval
