"""Business event codes written to the audit trail by the elderly-care services."""

from enum import StrEnum

__all__ = ["EldercareEvent"]


class EldercareEvent(StrEnum):
    #: The establishment rule sets and the assessment rule table were seeded.
    REFERENCE_SEEDED = "eldercare.reference.seeded"
    #: An institution's licence application was accepted, or its registration filed.
    ESTABLISHMENT_STARTED = "eldercare.establishment.started"
    SITE_INSPECTED = "eldercare.establishment.inspected"
    LICENCE_DECIDED = "eldercare.establishment.decided"
    FINDING_RECTIFIED = "eldercare.finding.rectified"
    ASSESSMENT_RECORDED = "eldercare.assessment.recorded"
    ASSESSMENT_CONFIRMED = "eldercare.assessment.confirmed"
    ASSESSMENT_CANCELLED = "eldercare.assessment.cancelled"
    CONDITION_CHANGED = "eldercare.assessment.condition_changed"
    ORDER_TAKEN = "eldercare.order.taken"
    ORDER_DISPATCHED = "eldercare.order.dispatched"
    ORDER_VISITED = "eldercare.order.visited"
    ORDER_COMPLETED = "eldercare.order.completed"
    ORDER_RATED = "eldercare.order.rated"
    ORDER_CANCELLED = "eldercare.order.cancelled"
