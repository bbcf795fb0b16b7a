"""临时救助 (社会救助暂行办法 Art. 47–51): the amount decides who approves, and urgent help comes first.

The flow ``assistance.temporary`` (``flows.py``) is 受理 → 调查核实 → 社区公示 (optional) → 街道审批 →
区县审批 (optional). Art. 48 lets the 乡镇/街道 approve small grants: up to the rules'
``street_approval_limit`` (inclusive) the street's approval is final, above it the district decides
(``calculation.approval_level``, with the rules in force on the day of the decision).

- ``set_grant_amount``: during or after the investigation, whoever may decide the current step
  records the amount (``calculated_amount``) and the flow is re-planned: the district step is left
  out up to the limit and put back above it (``approvals.services.replan``). The street approval
  needs an amount, and one of the level the flow is planned for (a check registered in
  ``procedure.STEP_CHECKS``, run by the engine's step guard on every path): an amount given with the
  street's decision that would need the other level is refused until it is set as the grant amount,
  so a street never gives the final approval above its limit, and never sends a small grant on.
- ``grant_urgently`` (先行救助, Art. 48 "情况紧急的，可以按照规定简化审批手续"): a holder of the street
  approval step's role grants a one-off amount up to the street limit at once. The case is granted
  on the spot (``urgent``, status ``granted``, the amount and the day), the public notice is left out
  and the procedure is completed afterwards: the later decisions confirm the grant with its amount.
  When the later procedure rejects it, the case shows in ``urgent_to_recover`` (granted urgently, then
  rejected): the money is to be recovered; ``flag_urgent_rejected`` (for ``procedure.refuse`` to call on
  an urgent case) writes the ``assistance.case.urgent_rejected`` event and a line in the case's remarks.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.approvals import services as approvals
from minzheng.approvals.models import ApprovalRequest
from minzheng.approvals.rules import ensure_may_decide, entry_for, refusal, steps_for
from minzheng.assistance import flows, procedure
from minzheng.assistance.calculation import approval_level
from minzheng.assistance.choices import ApprovalLevel, CaseStatus, ProgramKind
from minzheng.assistance.events import AssistanceEvent
from minzheng.assistance.models import AssistanceCase
from minzheng.assistance.rules import CalculationRules, money
from minzheng.assistance.services import rules_for
from minzheng.audit.services import record_event
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import ensure_in_area, user_or_none

__all__ = ["flag_urgent_rejected", "grant_urgently", "set_grant_amount", "street_limit", "urgent_to_recover"]

#: Steps during which the amount may be set: the investigation and every step after it.
AMOUNT_STEPS = (flows.INVESTIGATE, flows.NOTICE, flows.STREET_APPROVE, flows.DISTRICT_APPROVE)


def _rules(case: AssistanceCase) -> CalculationRules:
    rules = rules_for(case.program, division=case.division, date=timezone.localdate())
    if rules.street_approval_limit is None:
        raise DomainError(_("The calculation rules of %(program)s set no street approval limit.")
                          % {"program": case.program}, code="assistance.no_approval_limit")
    return rules


def street_limit(case: AssistanceCase) -> Decimal:
    """The amount up to which the street approves ``case`` today (the rules in force in its division).

    Raises:
        DomainError: ``assistance.no_rules``, or ``assistance.no_approval_limit`` when the rules lack it.
    """
    return _rules(case).street_approval_limit


def _check_temporary(case: AssistanceCase) -> None:
    if case.kind != ProgramKind.TEMPORARY:
        raise DomainError(_("This is not a temporary assistance case."), code="assistance.not_temporary")


def _check_amount(amount) -> Decimal:
    if amount is None or amount <= 0:
        raise DomainError(_("The amount must be more than zero."), code="assistance.amount_invalid", field="amount")
    return Decimal(amount)


def _replan(request: ApprovalRequest, level: ApprovalLevel, actor, *, notice: bool = False) -> None:
    """Leave the district step out (street level) or put it back (district level), and the notice out if
    asked, for those of them still ahead: a step already current or passed stays as it was."""
    ahead = set(request.flow.steps.filter(order__gt=request.current_step.order, optional=True)
                .values_list("code", flat=True))
    skip = set(request.skipped)
    if flows.DISTRICT_APPROVE in ahead:
        skip.discard(flows.DISTRICT_APPROVE)
        if level == ApprovalLevel.STREET:
            skip.add(flows.DISTRICT_APPROVE)
    if notice and flows.NOTICE in ahead:
        skip.add(flows.NOTICE)
    approvals.replan(request, skip=sorted(skip), actor=actor)


def _apply_amount(case: AssistanceCase, request: ApprovalRequest, amount: Decimal, actor) -> ApprovalLevel:
    """Store ``amount`` as the case's grant amount (audited) and re-plan the flow for its approval level."""
    rules = _rules(case)
    limit, level = rules.street_approval_limit, approval_level(amount, rules)
    if case.calculated_amount != amount:
        comparison = "≤" if level == ApprovalLevel.STREET else ">"
        lines = [{"label": _("Grant amount"), "formula": "", "value": money(amount)},
                 {"label": _("Street approval limit"), "formula": "", "value": money(limit)},
                 {"label": _("Approved by"), "formula": f"{money(amount)} {comparison} {money(limit)}",
                  "value": str(level.label)}]
        # an amount approved earlier (before a return) gives way to the new one at the next approval
        procedure.update_case(case, actor, calculated_amount=amount, calculation=lines, approved_amount=None)
        record_event(AssistanceEvent.CASE_AMOUNT_SET, actor=user_or_none(actor), subject=case,
                     payload={"amount": money(amount), "limit": money(limit), "level": str(level)})
    _replan(request, level, actor)
    return level


@transaction.atomic
def set_grant_amount(case: AssistanceCase, *, amount: Decimal, actor) -> AssistanceCase:
    """Record the grant amount of a 临时救助 case and re-plan who approves it.

    Up to the street limit (inclusive) the district step is left out; above it, it is required.
    Allowed from the investigation on, to whoever may decide the current step.

    Raises:
        DomainError: not a temporary case, no procedure in progress, before the investigation, the
            actor may not decide the current step, an urgent grant (its amount is fixed), an amount
            not above zero, no rules or no limit.
        PermissionsViolation: ``actor`` cannot see the case (nothing is written).
    """
    case = procedure.lock_case(case)
    ensure_in_area(case, actor)
    _check_temporary(case)
    request = procedure.open_request(case)
    if request.current_step.code not in AMOUNT_STEPS:
        raise DomainError(_("The amount is set during or after the investigation."),
                          code="assistance.amount_too_early", field="amount")
    ensure_may_decide(request, actor)
    if case.urgent:
        raise DomainError(_("The amount of an urgent grant is the one granted; it is confirmed or rejected."),
                          code="assistance.urgent_amount_fixed", field="amount")
    _apply_amount(case, request, _check_amount(amount), actor)
    return case


@transaction.atomic
def grant_urgently(case: AssistanceCase, *, amount: Decimal, actor, reason: str) -> AssistanceCase:
    """先行救助: grant a 临时救助 case ``amount`` at once; the procedure is completed afterwards.

    ``actor`` must be able to decide the flow's street approval step (its role at its level on the
    case's path, not recused). The notice is left out, and the district step as well (the amount is
    within the street limit); the later decisions confirm the grant.

    Raises:
        DomainError: not a temporary case, no procedure in progress, already granted urgently, no
            reason, an amount not above zero, ``assistance.urgent_above_street_limit`` above the street
            limit (the district decides such a grant in the ordinary procedure), or the actor may not
            decide the street approval step.
        PermissionsViolation: ``actor`` cannot see the case (nothing is written).
    """
    case = procedure.lock_case(case)
    ensure_in_area(case, actor)
    _check_temporary(case)
    request = procedure.open_request(case)
    if case.urgent:
        raise DomainError(_("This case has already been granted urgent help."), code="assistance.already_urgent")
    if not (reason or "").strip():
        raise DomainError(_("Give the reason."), code="assistance.reason_required", field="reason")
    _ensure_street_decider(request, actor)
    amount, limit = _check_amount(amount), street_limit(case)
    if amount > limit:
        raise DomainError(_("Urgent help above %(limit)s needs the district: go through the ordinary procedure.")
                          % {"limit": money(limit)}, code="assistance.urgent_above_street_limit", field="amount")
    procedure.update_case(case, actor, urgent=True, status=CaseStatus.GRANTED, calculated_amount=amount,
                      approved_amount=amount, approved_on=timezone.localdate(),
                      decision_reason=reason.strip())
    _replan(request, ApprovalLevel.STREET, actor, notice=True)
    record_event(AssistanceEvent.CASE_URGENT_GRANTED, actor=user_or_none(actor), subject=case,
                 payload={"amount": money(amount), "limit": money(limit), "reason": reason.strip(),
                          "step": request.current_step.code})
    return case


def _ensure_street_decider(request: ApprovalRequest, actor) -> None:
    plan = steps_for(request.flow, request.division, skip=request.skipped)
    step = request.flow.steps.get(code=flows.STREET_APPROVE)
    refused = refusal(request, actor, entry_for(plan, step))
    if refused is not None:
        raise DomainError(refused.message, code=refused.code)


def flag_urgent_rejected(case: AssistanceCase, *, actor) -> None:
    """After the procedure rejected an urgent grant: the event and a remark, for the money's recovery."""
    note = _("Urgent help (先行救助) of %(amount)s granted on %(date)s was rejected by the procedure on %(today)s: "
             "recover it.") % {
        "amount": money(case.approved_amount or 0), "date": case.approved_on or "",
        "today": timezone.localdate().isoformat()}
    remarks = f"{case.remarks}\n{note}".strip()
    procedure.update_case(case, actor, remarks=remarks)
    record_event(AssistanceEvent.CASE_URGENT_REJECTED, actor=user_or_none(actor), subject=case,
                 payload={"amount": money(case.approved_amount or 0), "granted_on": str(case.approved_on or "")})


def urgent_to_recover(queryset=None):
    """Cases granted urgently (先行救助) that the procedure then rejected: their money is to be recovered."""
    queryset = AssistanceCase.objects.all() if queryset is None else queryset
    return queryset.filter(kind=ProgramKind.TEMPORARY, urgent=True, status=CaseStatus.REJECTED)


# What the approval steps of a temporary case need (registered in procedure.STEP_CHECKS, which the engine's
# step guard calls on every path; an amount given with the decision is already the case's approved amount)

_street_check = procedure.STEP_CHECKS[flows.STREET_APPROVE]
_district_check = procedure.STEP_CHECKS[flows.DISTRICT_APPROVE]


def _check_urgent_amount(case: AssistanceCase) -> None:
    if case.approved_amount != case.calculated_amount:
        raise DomainError(_("The amount of an urgent grant is the one granted; it is confirmed or rejected."),
                          code="assistance.urgent_amount_fixed", field="amount")


def _check_planned_level(case: AssistanceCase, request: ApprovalRequest) -> None:
    """The amount to approve must be of the level the flow was planned for (``set_grant_amount`` re-plans)."""
    amount = case.approved_amount or case.calculated_amount
    if amount is None:
        raise DomainError(_("Set the grant amount first: it decides who approves the grant."),
                          code="assistance.amount_not_set", field="amount")
    level = approval_level(_check_amount(amount), _rules(case))
    if (flows.DISTRICT_APPROVE in request.skipped) != (level == ApprovalLevel.STREET):
        raise DomainError(_("%(amount)s is approved by the %(level)s: set it as the grant amount first, so that "
                            "the approval is planned for it.") % {"amount": money(amount), "level": level.label},
                          code="assistance.amount_not_planned", field="amount")


def check_street_approval(case, request, **context) -> None:
    """The street approves a temporary case only with an amount of the planned level (an urgent one as granted)."""
    if case.kind == ProgramKind.TEMPORARY:
        if case.urgent:
            _check_urgent_amount(case)
        else:
            _check_planned_level(case, request)
    _street_check(case, request, **context)


def check_district_approval(case, request, **context) -> None:
    """The district confirms an urgent grant as granted; any other grant like any approval."""
    if case.kind == ProgramKind.TEMPORARY and case.urgent:
        _check_urgent_amount(case)
    _district_check(case, request, **context)


procedure.STEP_CHECKS[flows.STREET_APPROVE] = check_street_approval
procedure.STEP_CHECKS[flows.DISTRICT_APPROVE] = check_district_approval
