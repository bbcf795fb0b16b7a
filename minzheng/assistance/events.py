"""Business event codes written to the audit trail by the assistance services."""

from enum import StrEnum

__all__ = ["AssistanceEvent"]


class AssistanceEvent(StrEnum):
    CONFLICT_FILED = "assistance.conflict.filed"
    PROGRAMS_SEEDED = "assistance.programs.seeded"
