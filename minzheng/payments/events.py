"""Business event codes written to the audit trail by the payments services."""

from enum import StrEnum

__all__ = ["PaymentEvent"]


class PaymentEvent(StrEnum):
    ROLL_GENERATED = "payments.roll.generated"
    ROLL_APPROVED = "payments.roll.approved"
    ROLL_LOCKED = "payments.roll.locked"
    BANK_FILE_EXPORTED = "payments.bank_file.exported"
    ADJUSTMENT_ADDED = "payments.adjustment.added"
    RECOVERY_FLAGGED = "payments.recovery.flagged"
