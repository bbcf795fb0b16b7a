"""Periodic review (定期核查) of cases in payment, with its 增发/减发/停发 decision (社会救助暂行办法 Art. 13).

The street reviews a case that is due (``next_review_on``) or whose circumstances changed, records an
investigation of kind ``review`` and proposes: keep the amount, increase it, decrease it, or stop the
benefit, from the first day of a month. The proposal goes through the review flow (the street's
review, then the county-level decision: Art. 13 gives the decision to county 民政); on approval the
change is applied to the benefit ledger (``benefits.change_benefit``) and the next review is
scheduled. A case with a close relative of staff needs a home visit at every review (the 100% rule).
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.approvals import services as approvals
from minzheng.approvals.hooks import register_flow_callbacks
from minzheng.approvals.models import ApprovalRequest
from minzheng.assistance import flows
from minzheng.assistance.benefits import change_benefit, next_review, running_period
from minzheng.assistance.choices import BenefitChangeKind, CaseStatus, InvestigationKind, ReviewDecision, ReviewStatus
from minzheng.assistance.events import AssistanceEvent
from minzheng.assistance.models import AssistanceCase, BenefitReview, Investigation
from minzheng.assistance.procedure import save_investigation
from minzheng.assistance.tasks import close_review_tasks
from minzheng.audit.services import record_event
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import record_change, save_object, validated
from minzheng.registry.lifeevents import first_day_of_next_month

__all__ = ["apply_review", "propose_review", "record_review_investigation", "refuse_review", "review_request"]

CHANGE_KINDS = {ReviewDecision.INCREASE: BenefitChangeKind.INCREASE,
                ReviewDecision.DECREASE: BenefitChangeKind.DECREASE, ReviewDecision.STOP: BenefitChangeKind.STOP}


def _check_proposal(decision: str, current: Decimal, new_amount: Decimal | None) -> None:
    if decision in (ReviewDecision.KEEP, ReviewDecision.STOP):
        if new_amount is not None:
            raise DomainError(_("Keeping or stopping the benefit takes no new amount."),
                              code="assistance.amount_invalid", field="new_amount")
        return
    if new_amount is None or new_amount <= 0:
        raise DomainError(_("Enter the new monthly amount."), code="assistance.amount_required", field="new_amount")
    if (decision == ReviewDecision.INCREASE) != (new_amount > current) or new_amount == current:
        raise DomainError(_("The new amount %(new)s does not match the proposal against the current %(old)s.")
                          % {"new": new_amount, "old": current}, code="assistance.amount_direction",
                          field="new_amount")


def _check_investigation(case: AssistanceCase, investigation: Investigation | None) -> None:
    if investigation is not None and (investigation.case_id != case.pk
                                      or investigation.kind != InvestigationKind.REVIEW):
        raise DomainError(_("Choose a review investigation of this case."), code="assistance.investigation_invalid",
                          field="investigation")
    if case.has_conflict and (investigation is None or not investigation.home_visit):
        raise DomainError(_("A household with a close relative of staff needs a home visit at every review."),
                          code="assistance.home_visit_required", field="investigation")


@transaction.atomic
def record_review_investigation(case: AssistanceCase, *, actor, investigator_1, investigator_2, **fields
                                ) -> Investigation:
    """Record the investigation of a periodic review of a case in payment (two investigators of its area).

    Raises:
        DomainError: the case is not in payment; the investigators or a field are invalid.
        PermissionsViolation: ``actor`` may not add investigations in the case's area (nothing is written).
    """
    case = AssistanceCase.objects.select_for_update(no_key=True).select_related("division").get(pk=case.pk)
    if case.status != CaseStatus.ACTIVE:
        raise DomainError(_("Only a case in payment is reviewed."), code="assistance.not_in_payment")
    return save_investigation(case, actor=actor, investigator_1=investigator_1, investigator_2=investigator_2,
                              kind=InvestigationKind.REVIEW, **fields)


@transaction.atomic
def propose_review(case: AssistanceCase, *, actor, decision: str, reason: str, new_amount: Decimal | None = None,
                   effective: datetime.date | None = None, investigation: Investigation | None = None,
                   today: datetime.date | None = None) -> BenefitReview:
    """Record the street's review of a case in payment and start its decision (the review flow).

    Raises:
        DomainError: the case is not in payment, the proposal does not fit the amount, the date is not a
            month's first day, a review is already in procedure, a required home visit is missing.
        PermissionsViolation: ``actor`` may not add reviews in the case's area (nothing is written).
    """
    today = today or timezone.localdate()
    case = AssistanceCase.objects.select_for_update(no_key=True).get(pk=case.pk)
    period = running_period(case)
    if case.status != CaseStatus.ACTIVE or period is None:
        raise DomainError(_("Only a case in payment is reviewed."), code="assistance.not_in_payment")
    if case.benefitreviews.filter(status=ReviewStatus.IN_PROCEDURE).exists():
        raise DomainError(_("A review of this case is already in procedure."), code="assistance.review_open")
    if not (reason or "").strip():
        raise DomainError(_("Give the reason."), code="assistance.reason_required", field="reason")
    _check_proposal(decision, period.monthly_amount, new_amount)
    _check_investigation(case, investigation)
    effective = effective or first_day_of_next_month(today)
    review = BenefitReview(case=case, due_on=case.next_review_on or today, started_on=today,
                           investigation=investigation, decision=decision, new_amount=new_amount,
                           effective=effective, reason=reason.strip())
    validated(review, code="assistance.invalid", exclude=["investigation"])
    save_object(review, actor=actor)
    approvals.start(review, flow=flows.REVIEW_FLOW, division=case.division, actor=actor)
    close_review_tasks(review)
    record_event(AssistanceEvent.REVIEW_PROPOSED, actor=actor, subject=case,
                 payload={"review": review.pk, "decision": decision, "new_amount": str(new_amount or "")})
    return review




def review_request(review: BenefitReview) -> ApprovalRequest | None:
    return approvals.requests_of(review, flow=flows.REVIEW_FLOW).first()


def _subject(request: ApprovalRequest) -> BenefitReview:
    return BenefitReview.objects.select_related("case__program", "case__division").get(pk=request.object_id)


def _set_status(review: BenefitReview, status: str, actor) -> None:
    before = review.snapshot()
    review.status = status
    review.save(update_fields=["status", "updated_at"])
    record_change(review, "update", actor=actor, before=before, after=review.snapshot())


def apply_review(request: ApprovalRequest, *, actor) -> None:
    """The district approved the review: apply its change from ``effective`` and schedule the next review."""
    review = _subject(request)
    case = review.case
    if review.decision != ReviewDecision.KEEP:
        change_benefit(case, kind=CHANGE_KINDS[ReviewDecision(review.decision)], effective=review.effective,
                       new_amount=review.new_amount, reason=review.reason, actor=actor)
        case.refresh_from_db()
    _set_status(review, ReviewStatus.APPROVED, actor)
    if case.status == CaseStatus.ACTIVE:
        before = case.snapshot()
        case.next_review_on = next_review(case, review.effective)
        case.save(update_fields=["next_review_on", "updated_at"])
        record_change(case, "update", actor=actor, before=before, after=case.snapshot())
    record_event(AssistanceEvent.REVIEW_DECIDED, actor=actor, subject=case,
                 payload={"review": review.pk, "decision": review.decision, "status": ReviewStatus.APPROVED})


def refuse_review(request: ApprovalRequest, *, actor) -> None:
    """The district rejected the proposal: nothing changes on the benefit."""
    review = _subject(request)
    _set_status(review, ReviewStatus.REJECTED, actor)
    record_event(AssistanceEvent.REVIEW_DECIDED, actor=actor, subject=review.case,
                 payload={"review": review.pk, "decision": review.decision, "status": ReviewStatus.REJECTED})


register_flow_callbacks(flows.REVIEW_FLOW, on_approved=apply_review, on_rejected=refuse_review)
