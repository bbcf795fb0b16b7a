"""Business event codes written to the audit trail by the registry services."""

from enum import StrEnum

__all__ = ["RegistryEvent"]


class RegistryEvent(StrEnum):
    PERSON_REGISTERED = "registry.person.registered"
    PERSON_ID_NUMBER_LINKED = "registry.person.id_number_linked"
    PERSON_MERGED = "registry.person.merged"
    #: For the privacy layer: a full identity number was shown (who, when, whose).
    PERSONS_IMPORTED = "registry.persons.imported"
    PERSON_ID_REVEALED = "privacy.person.id_revealed"  # written by framework.privacy.reveal
    DUPLICATE_FLAGGED = "registry.duplicate.flagged"
    DUPLICATE_DISMISSED = "registry.duplicate.dismissed"
    HOUSEHOLD_CREATED = "registry.household.created"
    MEMBER_ADDED = "registry.household.member_added"
    MEMBER_REMOVED = "registry.household.member_removed"
    MEMBER_TRANSFERRED = "registry.household.member_transferred"
    HEAD_CHANGED = "registry.household.head_changed"
    HOUSEHOLD_SPLIT = "registry.household.split"
    HOUSEHOLDS_MERGED = "registry.household.merged"
    LIFE_EVENT_RECORDED = "registry.life_event.recorded"
