"""Elderly-care institutions (养老机构): establishment, beds as dated blocks, occupancy, inspections.

Beds are never a number typed over: each change is a ``BedBlock`` (beds of one kind added or removed on
a date), so the capacity on any date and the beds added in any period and area are queries.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, F, OuterRef, Q, Subquery, Sum, When
from django.utils.translation import gettext_lazy as _

from minzheng.eldercare.choices import (
    BedChange,
    BedKind,
    EstablishmentStatus,
    FindingCategory,
    FindingStatus,
    InspectionConclusion,
    InspectionKind,
    InstitutionStatus,
    Ownership,
    Procedure,
)
from minzheng.framework.models import RecordModel, ScopedQuerySet

__all__ = ["BedBlock", "BedQuerySet", "Establishment", "FindingQuerySet", "Inspection", "InspectionFinding",
           "Institution", "OccupancyQuerySet", "OccupancyReport", "signed_beds"]


def signed_beds() -> Case:
    """A block's beds with their sign: added positive, removed negative (for sums of capacity)."""
    return Case(When(change=BedChange.REMOVED, then=-F("beds")), default=F("beds"),
                output_field=models.IntegerField())


class Institution(RecordModel):
    """An elderly-care institution: where it is, who owns and runs it, and its state."""

    name = models.CharField(_("name"), max_length=200)
    division = models.ForeignKey("divisions.Division", verbose_name=_("division"), on_delete=models.PROTECT,
                                 related_name="+", help_text=_("The street or community where it lies."))
    address = models.CharField(_("address"), max_length=200, blank=True)
    ownership = models.CharField(_("ownership"), max_length=20, choices=Ownership.choices)
    operator = models.CharField(_("operator"), max_length=200, blank=True,
                                help_text=_("The organisation or person running it (required when publicly built, "
                                            "privately run)."))
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    contact = models.CharField(_("contact person"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=InstitutionStatus.choices,
                              default=InstitutionStatus.PREPARING)
    opened_on = models.DateField(_("operating since"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    area_lookup = "division"
    search_fields = ("name", "operator", "address")

    class Meta:
        verbose_name = _("care institution")
        verbose_name_plural = _("care institutions")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closed_on__isnull=True) | Q(opened_on__isnull=True)
                                   | Q(closed_on__gte=F("opened_on")), name="%(app_label)s_%(class)s_dates",
                                   violation_error_message=_("It cannot close before it opened.")),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.ownership == Ownership.PUBLIC_PRIVATE and not self.operator:
            raise ValidationError({"operator": _("Name the operator of a publicly built, privately run institution.")},
                                  code="operator")
        if self.status == InstitutionStatus.CLOSED and not self.closed_on:
            raise ValidationError({"closed_on": _("Give the date it closed.")}, code="closed_on")

    def beds_on(self, date: datetime.date) -> dict[str, int]:
        """Beds of each kind on ``date`` (blocks dated that day included)."""
        return BedBlock.objects.filter(institution=self).capacity_by_kind(date)

    def capacity_on(self, date: datetime.date) -> int:
        return sum(self.beds_on(date).values())


class Establishment(RecordModel):
    """How an institution was established: a licence application (2013 rules) or a registration filed (2018).

    The rule set is the one in force on the day the application was received (or the filing made); the
    procedure, the bed minimum and the decision deadline follow from it (``services.establishment``).
    """

    institution = models.ForeignKey(Institution, verbose_name=_("institution"), on_delete=models.PROTECT,
                                    related_name="establishments")
    rule_set = models.ForeignKey("eldercare.EstablishmentRuleSet", verbose_name=_("rules applied"),
                                 on_delete=models.PROTECT, related_name="+", editable=False)
    procedure = models.CharField(_("procedure"), max_length=20, choices=Procedure.choices, editable=False)
    applicant = models.CharField(_("applicant"), max_length=200)
    received_on = models.DateField(_("received on"), editable=False)
    beds_declared = models.PositiveIntegerField(_("beds declared"), editable=False)
    status = models.CharField(_("status"), max_length=12, choices=EstablishmentStatus.choices, editable=False)
    decision_due = models.DateField(_("decision due"), null=True, blank=True, editable=False)
    inspected_on = models.DateField(_("inspected on site on"), null=True, blank=True, editable=False)
    inspection_passed = models.BooleanField(_("inspection passed"), null=True, blank=True, editable=False)
    inspection_notes = models.TextField(_("inspection notes"), blank=True, editable=False)
    decided_on = models.DateField(_("decided on"), null=True, blank=True, editable=False)
    licence_number = models.CharField(_("licence number"), max_length=50, blank=True, editable=False)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True, editable=False)
    registration_authority = models.CharField(_("registration authority"), max_length=100, blank=True,
                                              editable=False)
    registration_number = models.CharField(_("registration number"), max_length=50, blank=True, editable=False)
    registered_on = models.DateField(_("registered on"), null=True, blank=True, editable=False)

    area_lookup = "institution__division"
    search_fields = ("institution__name", "applicant", "licence_number", "registration_number")

    class Meta:
        verbose_name = _("establishment")
        verbose_name_plural = _("establishments")
        ordering = ["-received_on", "-pk"]

    def __str__(self):
        return f"{self.institution} · {self.get_procedure_display()} · {self.received_on:%Y-%m-%d}"

    @property
    def decided_late(self) -> bool:
        """Whether the licence decision came after its deadline."""
        return bool(self.decision_due and self.decided_on and self.decided_on > self.decision_due)


class BedQuerySet(ScopedQuerySet):
    def capacity_by_kind(self, date: datetime.date) -> dict[str, int]:
        """Beds of each kind on ``date``: added minus removed, blocks dated up to that day."""
        rows = self.filter(on__lte=date).values("kind").annotate(total=Sum(signed_beds()))
        totals = {kind: 0 for kind in BedKind.values}
        totals.update({row["kind"]: row["total"] or 0 for row in rows})
        return totals

    def capacity(self, date: datetime.date) -> int:
        return self.filter(on__lte=date).aggregate(total=Sum(signed_beds()))["total"] or 0

    def added_between(self, start: datetime.date, end: datetime.date) -> int:
        """Beds added in blocks dated ``start``–``end`` (both included); removals are not netted."""
        return self.filter(change=BedChange.ADDED, on__gte=start, on__lte=end).aggregate(n=Sum("beds"))["n"] or 0


class BedBlock(RecordModel):
    """Beds of one kind added to or removed from an institution on a date."""

    institution = models.ForeignKey(Institution, verbose_name=_("institution"), on_delete=models.PROTECT,
                                    related_name="bed_blocks")
    kind = models.CharField(_("kind of bed"), max_length=12, choices=BedKind.choices)
    change = models.CharField(_("added or removed"), max_length=8, choices=BedChange.choices, default=BedChange.ADDED)
    beds = models.PositiveIntegerField(_("beds"), validators=[MinValueValidator(1)])
    on = models.DateField(_("on"))

    area_lookup = "institution__division"
    search_fields = ("institution__name",)

    objects = models.Manager.from_queryset(BedQuerySet)()

    class Meta:
        verbose_name = _("bed block")
        verbose_name_plural = _("bed blocks")
        ordering = ["-on", "-pk"]
        indexes = [models.Index(fields=["institution", "on"], name="eldercare_bedblock_on")]
        constraints = [models.CheckConstraint(condition=Q(beds__gte=1), name="%(app_label)s_%(class)s_beds",
                                              violation_error_message=_("At least one bed."))]

    def __str__(self):
        sign = "+" if self.change == BedChange.ADDED else "−"
        return f"{self.institution} · {self.get_kind_display()} {sign}{self.beds} · {self.on:%Y-%m-%d}"

    def clean(self):
        super().clean()
        if self.institution_id and self.kind and self.beds and self.on:
            self._check_never_negative()

    def _check_never_negative(self) -> None:
        """With this block, the institution's beds of the kind must never fall below zero on any date."""
        others = BedBlock.objects.filter(institution_id=self.institution_id, kind=self.kind).exclude(pk=self.pk)
        changes: dict[datetime.date, int] = defaultdict(int)
        for on, change, beds in others.values_list("on", "change", "beds"):
            changes[on] += -beds if change == BedChange.REMOVED else beds
        changes[self.on] += -self.beds if self.change == BedChange.REMOVED else self.beds
        running = 0
        for on in sorted(changes):
            running += changes[on]
            if running < 0:
                raise ValidationError({"beds": _("The institution would have %(beds)d %(kind)s beds on %(date)s.")
                                       % {"beds": running, "kind": BedKind(self.kind).label,
                                          "date": on.isoformat()}}, code="negative")


class OccupancyQuerySet(ScopedQuerySet):
    def with_capacity(self) -> "OccupancyQuerySet":
        """Each report annotated with ``beds_on_date``, the institution's beds on its date (one query for a list)."""
        beds = (BedBlock.objects.filter(institution=OuterRef("institution"), on__lte=OuterRef("as_of"))
                .order_by().values("institution").annotate(total=Sum(signed_beds())).values("total")[:1])
        return self.annotate(beds_on_date=Subquery(beds, output_field=models.IntegerField()))


class OccupancyReport(RecordModel):
    """The beds occupied in an institution on a date, as reported."""

    institution = models.ForeignKey(Institution, verbose_name=_("institution"), on_delete=models.PROTECT,
                                    related_name="occupancy_reports")
    as_of = models.DateField(_("as of"))
    occupied = models.PositiveIntegerField(_("beds occupied"))

    area_lookup = "institution__division"
    search_fields = ("institution__name",)

    objects = models.Manager.from_queryset(OccupancyQuerySet)()

    class Meta:
        verbose_name = _("occupancy report")
        verbose_name_plural = _("occupancy reports")
        ordering = ["-as_of", "-pk"]
        constraints = [models.UniqueConstraint(fields=["institution", "as_of"], name="%(app_label)s_%(class)s_once",
                                               violation_error_message=_("Occupancy is already reported for this "
                                                                         "date."))]

    def __str__(self):
        return f"{self.institution} · {self.as_of:%Y-%m-%d} · {self.occupied}"

    def clean(self):
        super().clean()
        if self.institution_id and self.as_of and self.occupied is not None:
            capacity = self.institution.capacity_on(self.as_of)
            if self.occupied > capacity:
                raise ValidationError({"occupied": _("The institution has %(beds)d beds on that date.")
                                       % {"beds": capacity}}, code="over_capacity")

    @property
    def capacity(self) -> int:
        """The institution's beds on the report's date (read from the list's annotation when there is one)."""
        if hasattr(self, "beds_on_date"):
            return self.beds_on_date or 0
        return self.institution.capacity_on(self.as_of)

    @property
    def rate(self) -> float | None:
        """Occupied beds ÷ beds on the date, or None without beds."""
        capacity = self.capacity
        return self.occupied / capacity if capacity else None


class Inspection(RecordModel):
    """A supervisory inspection of an institution and its conclusion; the problems found are its findings."""

    institution = models.ForeignKey(Institution, verbose_name=_("institution"), on_delete=models.PROTECT,
                                    related_name="inspections")
    inspected_on = models.DateField(_("inspected on"))
    kind = models.CharField(_("kind of inspection"), max_length=12, choices=InspectionKind.choices)
    inspectors = models.CharField(_("inspectors"), max_length=200)
    conclusion = models.CharField(_("conclusion"), max_length=10, choices=InspectionConclusion.choices)
    summary = models.TextField(_("summary"), blank=True)

    area_lookup = "institution__division"
    search_fields = ("institution__name", "inspectors", "summary")

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-inspected_on", "-pk"]

    def __str__(self):
        return f"{self.institution} · {self.get_kind_display()} · {self.inspected_on:%Y-%m-%d}"


class FindingQuerySet(ScopedQuerySet):
    def overdue(self, today: datetime.date) -> "FindingQuerySet":
        """Findings still open after their rectification deadline."""
        return self.filter(status=FindingStatus.OPEN, rectification_due__lt=today)


class InspectionFinding(RecordModel):
    """A problem an inspection found, to be rectified by a deadline."""

    inspection = models.ForeignKey(Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE,
                                   related_name="findings")
    category = models.CharField(_("category"), max_length=15, choices=FindingCategory.choices)
    description = models.TextField(_("problem"))
    rectification_due = models.DateField(_("to be rectified by"))
    status = models.CharField(_("status"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN,
                              editable=False)
    rectified_on = models.DateField(_("rectified on"), null=True, blank=True, editable=False)
    rectification = models.TextField(_("what was done"), blank=True, editable=False)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("rectification checked by"),
                                   on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False)

    area_lookup = "inspection__institution__division"
    search_fields = ("description", "inspection__institution__name")

    objects = models.Manager.from_queryset(FindingQuerySet)()

    class Meta:
        verbose_name = _("inspection finding")
        verbose_name_plural = _("inspection findings")
        ordering = ["rectification_due", "pk"]

    def __str__(self):
        return f"{self.inspection.institution} · {self.get_category_display()} · {self.rectification_due:%Y-%m-%d}"

    def clean(self):
        super().clean()
        if self.inspection_id and self.rectification_due and self.rectification_due < self.inspection.inspected_on:
            raise ValidationError({"rectification_due": _("The deadline cannot be before the inspection.")},
                                  code="deadline")

    def is_overdue(self, today: datetime.date) -> bool:
        return self.status == FindingStatus.OPEN and self.rectification_due < today
