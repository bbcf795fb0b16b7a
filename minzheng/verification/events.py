"""Business event codes written to the audit trail by the verification services."""

from enum import StrEnum

__all__ = ["VerificationEvent"]


class VerificationEvent(StrEnum):
    #: A snapshot was loaded and made current (one event per file, with its counts).
    SNAPSHOT_LOADED = "verification.snapshot.loaded"
    #: A household was verified (one event per report, with its outcome and purpose).
    REPORT_MADE = "verification.report.made"
    #: A report was opened (the report holds a household's incomes and assets).
    REPORT_VIEWED = "verification.report.viewed"
    #: A consent was recorded or revoked.
    CONSENT_RECORDED = "verification.consent.recorded"
    CONSENT_REVOKED = "verification.consent.revoked"
    #: A batch review finished (counts) or failed.
    BATCH_FINISHED = "verification.batch.finished"
