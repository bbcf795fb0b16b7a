"""Business event codes written to the audit trail by the approvals services."""

from enum import StrEnum

__all__ = ["ApprovalEvent"]


class ApprovalEvent(StrEnum):
    REQUEST_STARTED = "approvals.request.started"
    REQUEST_DECIDED = "approvals.request.decided"
    REQUEST_RETURNED = "approvals.request.returned"
    REQUEST_COMPLETED = "approvals.request.completed"
    REQUEST_WITHDRAWN = "approvals.request.withdrawn"
    REQUEST_REPLANNED = "approvals.request.replanned"
    OBJECTION_RECEIVED = "approvals.objection.received"
    OBJECTION_RESOLVED = "approvals.objection.resolved"
    HOLIDAYS_SEEDED = "approvals.holidays.seeded"
