"""Program rules of verification, the verification reports (核对报告) and the log of every lookup.

``EligibilityRuleSet`` holds a program's local property and income rules (社会救助暂行办法 Art. 10: set by
the province or the 设区的市), effective-dated per division like the program's standards. A
``Verification`` is one household's check against the current snapshots: what was found per member and
source, and the outcome with its reasons. ``AccessLog`` records every lookup of people's data, with its
purpose and requester.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from minzheng.assistance.models.cases import INCOME, MONEY
from minzheng.assistance.models.programs import ProgramParameter, period_constraint
from minzheng.framework.models import BaseModel, RecordModel
from minzheng.framework.privacy import SensitiveField, mask_id_number
from minzheng.verification.choices import INCOME_KINDS, BusinessOutcome, Outcome, SourceKind

__all__ = ["AccessLog", "EligibilityRuleSet", "Verification"]


def default_income_sources() -> list[str]:
    return [SourceKind.WAGES.value, SourceKind.PENSION.value]


class EligibilityRuleSet(ProgramParameter):
    """A program's verification rules in a division from a date. An empty limit is not checked."""

    income_sources = models.JSONField(_("sources counted as income"), default=default_income_sources,
                                      help_text=_("Monthly sources whose amounts make up the household income."))
    income_months = models.PositiveSmallIntegerField(
        _("income averaged over (months)"), default=12, validators=[MinValueValidator(1), MaxValueValidator(36)])
    review_margin = models.DecimalField(
        _("manual review margin"), max_digits=4, decimal_places=3, default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("A per-capita income below the standard but within this share of it needs a manual review "
                    "(0: never)."))
    max_properties = models.PositiveSmallIntegerField(_("most properties per household"), null=True, blank=True)
    max_area_per_person = models.DecimalField(_("most floor area per person (m²)"), max_digits=8, decimal_places=2,
                                              null=True, blank=True)
    check_vehicles = models.BooleanField(_("check vehicles"), default=True)
    allowed_vehicle_types = models.CharField(
        _("vehicle types allowed"), max_length=200, blank=True,
        help_text=_("Vehicle categories a household may own, separated by commas (e.g. 摩托车, 残疾人代步车)."))
    deposit_multiple = models.DecimalField(
        _("most deposits per person (times the annual standard)"), max_digits=6, decimal_places=2, null=True,
        blank=True, validators=[MinValueValidator(0)])
    business_outcome = models.CharField(_("a business registration means"), max_length=10,
                                        choices=BusinessOutcome.choices, default=BusinessOutcome.REVIEW)
    max_source_age_days = models.PositiveSmallIntegerField(
        _("oldest source data (days)"), default=365,
        help_text=_("Older snapshots, or none, need a manual review."))
    income_tolerance = models.DecimalField(
        _("income change that matters (yuan per month)"), **MONEY, default=Decimal("0"),
        validators=[MinValueValidator(0)],
        help_text=_("In the annual review, a verified income differing from the recorded one by more than this "
                    "would change the amount."))

    search_fields = ("program__name", "division__name", "source_document")

    class Meta:
        verbose_name = _("verification rule set")
        verbose_name_plural = _("verification rule sets")
        ordering = ["program__code", "division__path", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["program", "division", "effective_from"],
                                    name="%(app_label)s_%(class)s_unique_start",
                                    violation_error_message=_("This program already has rules from this date here.")),
            period_constraint(),
        ]

    def __str__(self):
        return f"{self.program} · {self.division.name} · {self.effective_from:%Y-%m-%d}"

    def clean(self):
        super().clean()
        sources = self.income_sources if isinstance(self.income_sources, list) else None
        if not sources or any(kind not in INCOME_KINDS for kind in sources) or len(set(sources)) != len(sources):
            raise ValidationError({"income_sources": _("List one or more of: %(kinds)s.") % {
                "kinds": ", ".join(INCOME_KINDS)}}, code="income_sources")

    @property
    def allowed_vehicles(self) -> frozenset[str]:
        text = self.allowed_vehicle_types.replace("，", ",").replace("、", ",")
        return frozenset(part.strip() for part in text.split(",") if part.strip())


def _verification_income() -> dict:
    return {**INCOME, "per_capita_income": INCOME["household_income"]}


class Verification(RecordModel):
    """One household's verification report: the request, what the sources held, and the outcome."""

    number = models.CharField(_("report number"), max_length=30, unique=True, editable=False)
    household = models.ForeignKey("registry.Household", verbose_name=_("household"), on_delete=models.PROTECT,
                                  related_name="verifications")
    division = models.ForeignKey("divisions.Division", verbose_name=_("division"), on_delete=models.PROTECT,
                                 related_name="+", editable=False)
    program = models.ForeignKey("assistance.Program", verbose_name=_("program"), on_delete=models.PROTECT,
                                related_name="+")
    case = models.ForeignKey("assistance.AssistanceCase", verbose_name=_("case"), on_delete=models.PROTECT,
                             null=True, blank=True, related_name="verifications")
    purpose = models.CharField(_("purpose"), max_length=200)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"),
                                     on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False)
    requested_on = models.DateField(_("verified on"), editable=False)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, editable=False)
    member_count = models.PositiveSmallIntegerField(_("members"), editable=False)
    household_income = models.DecimalField(_("household monthly income found"), **MONEY, editable=False)
    per_capita_income = models.DecimalField(_("per-capita monthly income"), **MONEY, editable=False)
    standard_amount = models.DecimalField(_("standard per person per month"), **MONEY, editable=False)
    rule_set = models.ForeignKey(EligibilityRuleSet, verbose_name=_("rules applied"), on_delete=models.PROTECT,
                                 related_name="+", editable=False)
    findings = models.JSONField(_("findings"), default=list, editable=False)
    members = models.JSONField(_("what the sources held per member"), default=list, editable=False)
    snapshots = models.JSONField(_("snapshots used"), default=dict, editable=False)

    area_lookup = "division"
    search_fields = ("number", "household__number", "purpose")
    sensitive_fields = _verification_income()

    class Meta:
        verbose_name = _("verification report")
        verbose_name_plural = _("verification reports")
        ordering = ["-requested_on", "-pk"]
        permissions = [("view_full_income_verification", _("Can see household incomes"))]

    def __str__(self):
        return self.number


class AccessLog(BaseModel):
    """One lookup of a person's data in the sources: who, why, which sources; never changed."""

    person = models.ForeignKey("registry.Person", verbose_name=_("person"), on_delete=models.PROTECT, null=True,
                               blank=True, related_name="+")
    id_number = models.CharField(_("identity number"), max_length=18, blank=True)
    division = models.ForeignKey("divisions.Division", verbose_name=_("division"), on_delete=models.PROTECT,
                                 related_name="+")
    purpose = models.CharField(_("purpose"), max_length=200)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"),
                                     on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    accessed_at = models.DateTimeField(_("looked up at"), auto_now_add=True)
    sources = models.JSONField(_("sources"), default=list)
    verification = models.ForeignKey(Verification, verbose_name=_("verification report"), on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="access_logs")
    batch = models.ForeignKey("verification.BatchReview", verbose_name=_("batch review"), on_delete=models.PROTECT,
                              null=True, blank=True, related_name="access_logs")
    person_count = models.PositiveIntegerField(_("people looked up"), default=1)

    area_lookup = "division"
    search_fields = ("purpose",)
    sensitive_fields = {"id_number": SensitiveField(mask_id_number, reveal="id")}

    class Meta:
        verbose_name = _("data access log entry")
        verbose_name_plural = _("data access log")
        ordering = ["-accessed_at", "-pk"]
        permissions = [("view_full_id_accesslog", _("Can see full identity numbers"))]
        indexes = [models.Index(fields=["person", "accessed_at"], name="verification_access_person")]

    def __str__(self):
        return f"{self.accessed_at:%Y-%m-%d %H:%M} · {self.purpose}"
