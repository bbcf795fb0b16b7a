"""Business event codes written to the audit trail by the marriage and adoption services."""

from enum import StrEnum

__all__ = ["MarriageEvent"]


class MarriageEvent(StrEnum):
    SLOTS_OPENED = "marriage.slots.opened"
    SLOT_CAPACITY_CHANGED = "marriage.slot.capacity_changed"
    APPOINTMENT_BOOKED = "marriage.appointment.booked"
    APPOINTMENT_CANCELLED = "marriage.appointment.cancelled"
    APPOINTMENT_ATTENDED = "marriage.appointment.attended"
    APPOINTMENT_MISSED = "marriage.appointment.missed"
    MARRIAGE_REGISTERED = "marriage.marriage.registered"
    MARRIAGE_REFUSED = "marriage.marriage.refused"
    MARRIAGE_ENDED_BY_DEATH = "marriage.marriage.ended_by_death"
    STATUS_PENDING = "marriage.marital_status.pending"
    DIVORCE_RECEIVED = "marriage.divorce.received"
    DIVORCE_WITHDRAWN = "marriage.divorce.withdrawn"
    DIVORCE_LAPSED = "marriage.divorce.lapsed"
    DIVORCE_REGISTERED = "marriage.divorce.registered"
    DIVORCE_REFUSED = "marriage.divorce.refused"
    DIVORCE_ENDED_BY_DEATH = "marriage.divorce.ended_by_death"
    CERTIFICATE_ISSUED = "marriage.certificate.issued"
    CERTIFICATE_PRINTED = "marriage.certificate.printed"
    ADOPTION_RECEIVED = "marriage.adoption.received"
    ADOPTION_ASSESSED = "marriage.adoption.assessed"
    ADOPTION_NOTICE_PUBLISHED = "marriage.adoption.notice_published"
    ADOPTION_REGISTERED = "marriage.adoption.registered"
    ADOPTION_REFUSED = "marriage.adoption.refused"
    ADOPTION_WITHDRAWN = "marriage.adoption.withdrawn"
