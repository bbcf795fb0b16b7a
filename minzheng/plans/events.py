"""Business event codes written to the audit trail by the work-plan services."""

from enum import StrEnum

__all__ = ["PlanEvent"]


class PlanEvent(StrEnum):
    IMPORTED = "plans.plan.imported"
    ASSIGNED = "plans.item.assigned"
    ITEM_STATUS = "plans.item.status_changed"
    REPORTED = "plans.target.reported"
