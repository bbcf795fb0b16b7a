"""Marriage and adoption registry models: offices and their slots, appointments, registrations, divorce
applications, certificates, and adoption applications with their assessment."""

from minzheng.marriage.models.adoption import AdoptedChild, Adopter, AdoptionApplication, AdoptionAssessment
from minzheng.marriage.models.appointments import ActiveBooking, Appointment
from minzheng.marriage.models.offices import (
    OfficeDay,
    RegistryOffice,
    Slot,
    SlotTemplate,
    StandardCheck,
    StandardItem,
)
from minzheng.marriage.models.registrations import (
    Certificate,
    DivorceApplication,
    MarriageRegistration,
    MarriedPerson,
)

__all__ = [
    "ActiveBooking",
    "AdoptedChild",
    "Adopter",
    "AdoptionApplication",
    "AdoptionAssessment",
    "Appointment",
    "Certificate",
    "DivorceApplication",
    "MarriageRegistration",
    "MarriedPerson",
    "OfficeDay",
    "RegistryOffice",
    "Slot",
    "SlotTemplate",
    "StandardCheck",
    "StandardItem",
]
