"""Community services and light registries: day-care centres, meal centres and meal points; elderly people's
associations (老年人协会) and 敬老文明号 awards."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from minzheng.divisions.choices import Level
from minzheng.eldercare.choices import AwardeeKind, AwardLevel, CentreKind, OperatingModel
from minzheng.framework.models import RecordModel, ScopedQuerySet

__all__ = ["CentreQuerySet", "ElderlyAssociation", "HonourAward", "ServiceCentre"]

MONEY = {"max_digits": 14, "decimal_places": 2}
CONTRACT_FIELDS = ("contractor", "contract_number", "contract_start", "contract_end", "contract_amount")


class CentreQuerySet(ScopedQuerySet):
    def open_on(self, date: datetime.date) -> "CentreQuerySet":
        """Centres opened by ``date`` and not closed on it."""
        return self.filter(opened_on__lte=date).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=date))

    def opened_between(self, start: datetime.date, end: datetime.date) -> "CentreQuerySet":
        return self.filter(opened_on__gte=start, opened_on__lte=end)


class ServiceCentre(RecordModel):
    """A community service site: a day-care centre, a district meal centre or a meal service point.

    A meal point serves the community it lies in and the communities listed in ``served_communities``
    (the meal-coverage indicator reads both). A government-purchased service records its contract.
    """

    kind = models.CharField(_("kind of centre"), max_length=12, choices=CentreKind.choices)
    name = models.CharField(_("name"), max_length=200)
    division = models.ForeignKey("divisions.Division", verbose_name=_("division"), on_delete=models.PROTECT,
                                 related_name="+", help_text=_("The community (or street) where it lies."))
    address = models.CharField(_("address"), max_length=200, blank=True)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True, help_text=_("First day no longer open."))
    operating_model = models.CharField(_("operating model"), max_length=12, choices=OperatingModel.choices)
    operator = models.CharField(_("operator"), max_length=200, blank=True)
    places = models.PositiveIntegerField(_("places or daily meals"), null=True, blank=True)
    served_communities = models.ManyToManyField("divisions.Division", verbose_name=_("other communities served"),
                                                blank=True, related_name="+")
    contractor = models.CharField(_("contractor"), max_length=200, blank=True)
    contract_number = models.CharField(_("contract number"), max_length=50, blank=True)
    contract_start = models.DateField(_("contract from"), null=True, blank=True)
    contract_end = models.DateField(_("contract until"), null=True, blank=True)
    contract_amount = models.DecimalField(_("contract amount (yuan)"), null=True, blank=True, **MONEY)

    area_lookup = "division"
    search_fields = ("name", "operator", "address")

    objects = models.Manager.from_queryset(CentreQuerySet)()

    class Meta:
        verbose_name = _("community service centre")
        verbose_name_plural = _("community service centres")
        ordering = ["kind", "name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closed_on__isnull=True) | Q(closed_on__gt=F("opened_on")),
                                   name="%(app_label)s_%(class)s_dates",
                                   violation_error_message=_("It cannot close before it opened.")),
            models.CheckConstraint(condition=Q(contract_amount__isnull=True) | Q(contract_amount__gte=0),
                                   name="%(app_label)s_%(class)s_amount",
                                   violation_error_message=_("The amount cannot be negative.")),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.operating_model == OperatingModel.PURCHASED:
            for name in CONTRACT_FIELDS:
                if getattr(self, name) in (None, ""):
                    errors[name] = [_("Required for a government-purchased service.")]
        elif self.operating_model and any(getattr(self, name) not in (None, "") for name in CONTRACT_FIELDS):
            errors["operating_model"] = [_("Only a government-purchased service has a contract.")]
        if self.contract_start and self.contract_end and self.contract_end < self.contract_start:
            errors["contract_end"] = [_("The contract cannot end before it starts.")]
        if self.operating_model == OperatingModel.SOCIAL_ORGANISATION and not self.operator:
            errors["operator"] = [_("Name the social organisation running it.")]
        if errors:
            raise ValidationError(errors)

    def is_open_on(self, date: datetime.date) -> bool:
        return self.opened_on <= date and (self.closed_on is None or self.closed_on > date)


class ElderlyAssociation(RecordModel):
    """A community's elderly people's association (老年人协会)."""

    division = models.ForeignKey("divisions.Division", verbose_name=_("community"), on_delete=models.PROTECT,
                                 related_name="+")
    name = models.CharField(_("name"), max_length=200)
    founded_on = models.DateField(_("founded on"))
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    chair = models.CharField(_("chair"), max_length=50, blank=True)
    members = models.PositiveIntegerField(_("members"), default=0)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    area_lookup = "division"
    search_fields = ("name", "chair")

    class Meta:
        verbose_name = _("elderly people's association")
        verbose_name_plural = _("elderly people's associations")
        ordering = ["division__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["division"], condition=Q(dissolved_on__isnull=True),
                                    name="%(app_label)s_%(class)s_one_per_community",
                                    violation_error_message=_("This community already has an association.")),
            models.CheckConstraint(condition=Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=F("founded_on")),
                                   name="%(app_label)s_%(class)s_dates",
                                   violation_error_message=_("It cannot be dissolved before it was founded.")),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.division_id and self.division.level != Level.COMMUNITY:
            raise ValidationError({"division": _("Choose a community or village.")}, code="level")


class HonourAward(RecordModel):
    """A 敬老文明号 title awarded to a unit that serves the elderly."""

    awardee = models.CharField(_("awarded to"), max_length=200)
    awardee_kind = models.CharField(_("kind of awardee"), max_length=12, choices=AwardeeKind.choices)
    division = models.ForeignKey("divisions.Division", verbose_name=_("division"), on_delete=models.PROTECT,
                                 related_name="+")
    institution = models.ForeignKey("eldercare.Institution", verbose_name=_("institution"), on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="awards")
    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("level"), max_length=10, choices=AwardLevel.choices)
    awarded_by = models.CharField(_("awarded by"), max_length=200)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)

    area_lookup = "division"
    search_fields = ("awardee", "awarded_by", "document_number")

    class Meta:
        verbose_name = _("敬老文明号 award")
        verbose_name_plural = _("敬老文明号 awards")
        ordering = ["-year", "awardee"]
        constraints = [models.UniqueConstraint(fields=["awardee", "year", "level"], name="%(app_label)s_%(class)s_once",
                                               violation_error_message=_("This award is already recorded."))]

    def __str__(self):
        return f"{self.awardee} · {self.year}"

    def clean(self):
        super().clean()
        if self.institution_id and self.division_id and not self.institution.division.path.startswith(
                self.division.path):
            raise ValidationError({"institution": _("The institution lies outside this division.")},
                                  code="division")
