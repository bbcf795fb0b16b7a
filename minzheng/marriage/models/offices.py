"""Registry offices (婚姻登记机关): their grade and service standard, opening hours, daily slots and closed days.

An office belongs to a district (``division``): everything recorded at the office is scoped by it. A day is
open when the holiday calendar says it is a working day (``approvals.workdays``), unless the office has an
``OfficeDay`` for it: a closure, or a special opening such as a popular date on a weekend. Its bookable
times are the ``SlotTemplate`` rows of the office; ``Slot`` rows are made from them for each open day and
hold the live count of bookings, which the database keeps within the capacity (see ``booking.py``).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from minzheng.framework.models import BaseModel, LookupModel, RecordModel
from minzheng.marriage.choices import OfficeGrade, Service

__all__ = ["OfficeDay", "RegistryOffice", "Slot", "SlotTemplate", "StandardCheck", "StandardItem"]


class RegistryOffice(RecordModel):
    """A marriage registry office of a district's civil-affairs bureau, where couples register and book."""

    code = models.CharField(
        _("registry code"), max_length=6, unique=True,
        help_text=_("Six digits, normally the GB/T 2260 code of the district; it starts every certificate number "
                    "issued here (e.g. J120101-2026-000001)."))
    name = models.CharField(_("name"), max_length=100)
    division = models.ForeignKey("divisions.Division", verbose_name=_("district"), on_delete=models.PROTECT,
                                 related_name="+")
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    grade = models.CharField(_("grade"), max_length=10, choices=OfficeGrade.choices, blank=True)
    graded_on = models.DateField(_("graded on"), null=True, blank=True)
    opens_at = models.TimeField(_("opens at"), default="09:00")
    closes_at = models.TimeField(_("closes at"), default="17:00")
    booking_days = models.PositiveSmallIntegerField(
        _("bookable days ahead"), default=30, help_text=_("How many days ahead the public may book."))
    is_active = models.BooleanField(_("accepting bookings"), default=True)

    area_lookup = "division"
    search_fields = ("name", "code", "address")

    class Meta:
        verbose_name = _("registry office")
        verbose_name_plural = _("registry offices")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[0-9]{6}$"), name="%(app_label)s_%(class)s_code",
                                   violation_error_message=_("The registry code has six digits.")),
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="%(app_label)s_%(class)s_hours",
                                   violation_error_message=_("The office must close after it opens.")),
        ]

    def __str__(self):
        return self.name


class StandardItem(LookupModel):
    """One point of the service standard an office is graded against (e.g. 颁证厅, 婚姻家庭辅导室, 网上预约)."""

    description = models.TextField(_("description"), blank=True)
    grade = models.CharField(_("required from grade"), max_length=10, choices=OfficeGrade.choices, blank=True,
                             help_text=_("The lowest grade that needs it; empty: every office."))

    area_lookup = None
    search_fields = ("name", "code")

    class Meta(LookupModel.Meta):
        verbose_name = _("service standard item")
        verbose_name_plural = _("service standard items")
        ordering = ["code"]


class StandardCheck(RecordModel):
    """Whether an office meets one point of the service standard, as last checked."""

    office = models.ForeignKey(RegistryOffice, verbose_name=_("registry office"), on_delete=models.CASCADE,
                               related_name="standard_checks")
    item = models.ForeignKey(StandardItem, verbose_name=_("standard item"), on_delete=models.PROTECT,
                             related_name="checks")
    met = models.BooleanField(_("met"), default=False)
    checked_on = models.DateField(_("checked on"))

    area_lookup = "office__division"
    search_fields = ("item__name", "office__name")

    class Meta:
        verbose_name = _("service standard check")
        verbose_name_plural = _("service standard checks")
        ordering = ["office", "item__code"]
        constraints = [models.UniqueConstraint(fields=["office", "item"], name="%(app_label)s_%(class)s_unique",
                                               violation_error_message=_("This item is already on the checklist."))]

    def __str__(self):
        return f"{self.office} · {self.item}"


class SlotTemplate(RecordModel):
    """A bookable time of an office's open days for one service, and how many couples it takes."""

    office = models.ForeignKey(RegistryOffice, verbose_name=_("registry office"), on_delete=models.CASCADE,
                               related_name="slot_templates")
    service = models.CharField(_("service"), max_length=10, choices=Service.choices)
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    capacity = models.PositiveSmallIntegerField(_("capacity"), help_text=_("Couples (or persons) per slot."))

    area_lookup = "office__division"
    search_fields = ("office__name",)

    class Meta:
        verbose_name = _("daily slot")
        verbose_name_plural = _("daily slots")
        ordering = ["office", "service", "starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["office", "service", "starts_at"], name="%(app_label)s_%(class)s_unique",
                                    violation_error_message=_("This service already has a slot at this time.")),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="%(app_label)s_%(class)s_times",
                                   violation_error_message=_("The slot must end after it starts.")),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="%(app_label)s_%(class)s_capacity",
                                   violation_error_message=_("A slot takes at least one booking.")),
        ]

    def __str__(self):
        return f"{self.office} · {self.get_service_display()} · {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"

    def clean(self):
        super().clean()
        office = self.office if self.office_id else None
        if office and self.starts_at and self.ends_at and (self.starts_at < office.opens_at
                                                           or self.ends_at > office.closes_at):
            raise ValidationError({"starts_at": _("The slot must lie within the office's opening hours "
                                                  "(%(opens)s–%(closes)s).")
                                   % {"opens": f"{office.opens_at:%H:%M}", "closes": f"{office.closes_at:%H:%M}"}},
                                  code="outside_hours")


class OfficeDay(RecordModel):
    """A day on which an office departs from the holiday calendar: a closure, or a special opening."""

    office = models.ForeignKey(RegistryOffice, verbose_name=_("registry office"), on_delete=models.CASCADE,
                               related_name="days")
    date = models.DateField(_("date"))
    is_open = models.BooleanField(_("open"), default=False,
                                  help_text=_("Ticked: a special opening (e.g. a popular date on a weekend); "
                                              "not ticked: the office is closed."))
    reason = models.CharField(_("reason"), max_length=200)

    area_lookup = "office__division"
    search_fields = ("reason", "office__name")

    class Meta:
        verbose_name = _("closure or special opening")
        verbose_name_plural = _("closures and special openings")
        ordering = ["-date", "office"]
        constraints = [models.UniqueConstraint(fields=["office", "date"], name="%(app_label)s_%(class)s_unique",
                                               violation_error_message=_("This office already has an entry for "
                                                                         "this date."))]

    def __str__(self):
        return f"{self.office} · {self.date:%Y-%m-%d} · {self.reason}"


class Slot(BaseModel):
    """One bookable time of one open day, with the number of bookings taken so far.

    ``booked`` only changes by conditional UPDATE statements (``booking.take_place``), and a check
    constraint keeps it within ``capacity`` in the database itself.
    """

    office = models.ForeignKey(RegistryOffice, verbose_name=_("registry office"), on_delete=models.PROTECT,
                               related_name="slots")
    service = models.CharField(_("service"), max_length=10, choices=Service.choices)
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    booked = models.PositiveSmallIntegerField(_("booked"), default=0)

    area_lookup = "office__division"
    search_fields = ("office__name",)

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["date", "office", "service", "starts_at"]
        indexes = [models.Index(fields=["office", "date", "service"], name="marriage_slot_day")]
        constraints = [
            models.UniqueConstraint(fields=["office", "service", "date", "starts_at"],
                                    name="%(app_label)s_%(class)s_unique"),
            models.CheckConstraint(condition=Q(booked__gte=0) & Q(booked__lte=F("capacity")),
                                   name="%(app_label)s_%(class)s_within_capacity",
                                   violation_error_message=_("A slot cannot hold more bookings than its capacity.")),
        ]

    def __str__(self):
        return (f"{self.office} · {self.date:%Y-%m-%d} {self.starts_at:%H:%M}–{self.ends_at:%H:%M} · "
                f"{self.get_service_display()}")

    @property
    def remaining(self) -> int:
        return max(self.capacity - self.booked, 0)
