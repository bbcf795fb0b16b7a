"""Appointments booked on the public portal (or by the office), and the one-active-appointment rule.

An ``ActiveBooking`` row exists for each party of an appointment while it is booked; its identity number is
unique, so the database itself refuses a second appointment for the same person, also when two bookings
race. It goes when the appointment is cancelled, attended or missed (and is dropped as stale once the
appointment's date has passed).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minzheng.framework.models import BaseModel, RecordModel
from minzheng.framework.privacy import SensitiveField, mask_id_number, mask_middle
from minzheng.marriage.choices import AppointmentStatus, Service
from minzheng.marriage.models.offices import RegistryOffice, Slot

__all__ = ["ActiveBooking", "Appointment", "mask_phone"]


def mask_phone(value: str) -> str:
    """A phone number with its middle starred: ``139****1234``."""
    return mask_middle(str(value).strip(), head=3, tail=4)


class Appointment(RecordModel):
    """A booked visit of one couple (or, for a replacement certificate, one person) in one slot."""

    number = models.CharField(_("appointment number"), max_length=12, unique=True, editable=False)
    slot = models.ForeignKey(Slot, verbose_name=_("slot"), on_delete=models.PROTECT, related_name="appointments")
    office = models.ForeignKey(RegistryOffice, verbose_name=_("registry office"), on_delete=models.PROTECT,
                               related_name="appointments", editable=False)
    service = models.CharField(_("service"), max_length=10, choices=Service.choices, editable=False)
    date = models.DateField(_("date"), editable=False)
    starts_at = models.TimeField(_("starts at"), editable=False)
    status = models.CharField(_("status"), max_length=10, choices=AppointmentStatus.choices,
                              default=AppointmentStatus.BOOKED, editable=False)
    party_a_name = models.CharField(_("party A"), max_length=50)
    party_a_id_number = models.CharField(_("party A's identity number"), max_length=18)
    party_b_name = models.CharField(_("party B"), max_length=50, blank=True)
    party_b_id_number = models.CharField(_("party B's identity number"), max_length=18, blank=True)
    phone = models.CharField(_("phone"), max_length=20)
    channel = models.CharField(_("booked through"), max_length=10, default="portal", editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False,
                                     help_text=_("When it was cancelled, attended or marked as missed."))

    area_lookup = "office__division"
    search_fields = ("number", "party_a_name", "party_b_name")
    lazy_choices = True  # a popular date alone brings hundreds: forms pick one with a search box
    sensitive_fields = {
        "party_a_id_number": SensitiveField(mask_id_number, reveal="id"),
        "party_b_id_number": SensitiveField(mask_id_number, reveal="id"),
        "phone": SensitiveField(mask_phone, reveal="id"),
    }

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["-date", "starts_at", "pk"]
        permissions = [("view_full_id_appointment", _("Can see full identity numbers and phones of appointments"))]
        indexes = [models.Index(fields=["office", "date", "status"], name="marriage_appointment_day")]
        constraints = [
            models.CheckConstraint(
                condition=Q(service=Service.REISSUE) | (~Q(party_b_name="") & ~Q(party_b_id_number="")),
                name="%(app_label)s_%(class)s_both_parties",
                violation_error_message=_("Marriage and divorce appointments are booked for both parties.")),
        ]

    def __str__(self):
        return f"{self.formatted_number} · {self.date:%Y-%m-%d} {self.starts_at:%H:%M}"

    @property
    def formatted_number(self) -> str:
        """The number as printed and read out: two groups of four or five characters."""
        half = len(self.number) // 2
        return f"{self.number[:half]}-{self.number[half:]}"

    def id_numbers(self) -> list[str]:
        return [number for number in (self.party_a_id_number, self.party_b_id_number) if number]


class ActiveBooking(BaseModel):
    """A person's one active appointment, keyed by identity number (unique in the database)."""

    id_number = models.CharField(_("identity number"), max_length=18, unique=True)
    appointment = models.ForeignKey(Appointment, verbose_name=_("appointment"), on_delete=models.CASCADE,
                                    related_name="holders")
    date = models.DateField(_("date"))

    area_lookup = "appointment__office__division"
    sensitive_fields = {"id_number": SensitiveField(mask_id_number, reveal="id")}

    class Meta:
        verbose_name = _("active booking")
        verbose_name_plural = _("active bookings")
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["date"], name="marriage_activebooking_date")]

    def __str__(self):
        return f"{mask_id_number(self.id_number)} · {self.date:%Y-%m-%d}"
