"""Business event codes written to the audit trail by the assistance services."""

from enum import StrEnum

__all__ = ["AssistanceEvent"]


class AssistanceEvent(StrEnum):
    CONFLICT_FILED = "assistance.conflict.filed"
    PROGRAMS_SEEDED = "assistance.programs.seeded"
    CASE_APPLIED = "assistance.case.applied"
    CASE_APPROVED = "assistance.case.approved"
    CASE_REJECTED = "assistance.case.rejected"
    CASE_WITHDRAWN = "assistance.case.withdrawn"
    CASE_REINVESTIGATED = "assistance.case.reinvestigated"
    INVESTIGATION_RECORDED = "assistance.investigation.recorded"
    EVALUATION_RECORDED = "assistance.evaluation.recorded"
    BENEFIT_STARTED = "assistance.benefit.started"
    BENEFIT_CHANGED = "assistance.benefit.changed"
    REVIEW_NEEDED = "assistance.review.needed"
    REVIEW_PROPOSED = "assistance.review.proposed"
    REVIEW_DECIDED = "assistance.review.decided"
    CASE_AMOUNT_SET = "assistance.case.amount_set"
    CASE_URGENT_GRANTED = "assistance.case.urgent_granted"
    CASE_URGENT_REJECTED = "assistance.case.urgent_rejected"
    CLAIM_FILED = "assistance.claim.filed"
    CLAIM_CALCULATED = "assistance.claim.calculated"
    RECALCULATION_REQUESTED = "assistance.recalculation.requested"
    RECALCULATION_CREATED = "assistance.recalculation.created"
    RECALCULATION_APPROVED = "assistance.recalculation.approved"
    RECALCULATION_REJECTED = "assistance.recalculation.rejected"
