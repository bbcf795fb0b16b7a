"""Business event codes written to the audit trail by the divisions services."""

from enum import StrEnum

__all__ = ["DivisionEvent"]


class DivisionEvent(StrEnum):
    CHANGE_APPLIED = "divisions.change.applied"
    CODES_IMPORTED = "divisions.codes.imported"
    REFERENCE_LOADED = "divisions.reference.loaded"
