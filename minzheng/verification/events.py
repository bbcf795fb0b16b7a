"""Business event codes written to the audit trail by the verification services."""

from enum import StrEnum

__all__ = ["VerificationEvent"]


class VerificationEvent(StrEnum):
    #: A snapshot was loaded and made current (one event per file, with its counts).
    SNAPSHOT_LOADED = "verification.snapshot.loaded"
