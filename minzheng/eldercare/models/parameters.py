"""City-wide rules as effective-dated data: how an institution is established, and the assessment rule table.

Both are city-wide (``area_lookup = None``): every holder of the view permission reads them, only a role
granted at the city changes them. Exactly one row is in force on a date (``EffectiveQuerySet.applicable``):
the one with the latest ``effective_from`` not after the date, unless it has ended.
"""

import datetime
from functools import cached_property

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minzheng.eldercare.assessment.rules import RuleTable, RuleTableError
from minzheng.eldercare.choices import Confirmation, Procedure
from minzheng.framework.models import RecordModel, ScopedQuerySet

__all__ = ["AssessmentRuleTable", "EffectiveQuerySet", "EstablishmentRuleSet"]


class EffectiveQuerySet(ScopedQuerySet):
    def in_force(self, date: datetime.date) -> "EffectiveQuerySet":
        return self.filter(effective_from__lte=date).filter(
            Q(effective_until__isnull=True) | Q(effective_until__gt=date))

    def applicable(self, date: datetime.date):
        """The row in force on ``date`` (the latest start), or None."""
        return self.in_force(date).order_by("-effective_from").first()


def _effective_constraints() -> list:
    return [
        models.UniqueConstraint(fields=["effective_from"], name="%(app_label)s_%(class)s_unique_start",
                                violation_error_message=_("Another version starts on this date.")),
        models.CheckConstraint(condition=Q(effective_until__isnull=True) | Q(effective_until__gt=models.F(
            "effective_from")), name="%(app_label)s_%(class)s_period",
            violation_error_message=_("The end date must be after the start date.")),
    ]


class EffectiveModel(RecordModel):
    effective_from = models.DateField(_("in force from"))
    effective_until = models.DateField(_("in force until"), null=True, blank=True,
                                       help_text=_("First day no longer in force; empty while in force."))
    source_document = models.CharField(_("legal basis"), max_length=300, blank=True,
                                       help_text=_("The regulation or notice, with its number and article."))
    confirmation = models.CharField(_("confirmation"), max_length=20, choices=Confirmation.choices,
                                    default=Confirmation.SECONDARY)

    area_lookup = None

    objects = models.Manager.from_queryset(EffectiveQuerySet)()

    class Meta:
        abstract = True


class EstablishmentRuleSet(EffectiveModel):
    """How an elderly-care institution is established from a date (REFERENCE.md §7.1).

    A licence (养老机构设立许可办法, 民政部令第48号, from 2013-07-01): a minimum number of beds, a decision within
    a number of working days of acceptance, after an on-site inspection. From the 2018 revision of
    老年人权益保障法 (Art. 43): registration with the registration authority plus filing with civil affairs;
    the institution may operate once registered. The numbers are data: an empty one is not checked.
    """

    code = models.CharField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    procedure = models.CharField(_("procedure"), max_length=20, choices=Procedure.choices)
    min_beds = models.PositiveSmallIntegerField(_("minimum beds"), null=True, blank=True,
                                                help_text=_("Empty: no minimum is checked."))
    decision_workdays = models.PositiveSmallIntegerField(
        _("decision within (working days)"), null=True, blank=True, validators=[MaxValueValidator(365)],
        help_text=_("Counted from the day after acceptance (approvals working-day calendar)."))
    notice_workdays = models.PositiveSmallIntegerField(
        _("missing documents notified within (working days)"), null=True, blank=True,
        validators=[MaxValueValidator(365)])
    requires_site_inspection = models.BooleanField(_("on-site inspection required"), default=False)
    licence_valid_years = models.PositiveSmallIntegerField(
        _("licence valid for (years)"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("Empty while not confirmed: no expiry is computed."))

    search_fields = ("code", "name", "source_document")

    class Meta:
        verbose_name = _("establishment rule set")
        verbose_name_plural = _("establishment rule sets")
        ordering = ["-effective_from"]
        constraints = _effective_constraints()

    def __str__(self):
        return f"{self.name}（{self.effective_from:%Y-%m-%d}）"

    def clean(self):
        super().clean()
        if self.procedure == Procedure.LICENCE and self.decision_workdays is None:
            raise ValidationError({"decision_workdays": _("A licence procedure needs its decision deadline.")},
                                  code="deadline")


class AssessmentRuleTable(EffectiveModel):
    """The ability-assessment rule table (老年人能力评估) in force from a date, as validated JSON.

    ``table`` is the JSON form that ``assessment.rules.RuleTable.from_dict`` reads: items and scores,
    dimension bands or rules, the level rules, the adjustments and the reassessment interval. Seeded with
    MZ/T 039-2013; a bureau switches to a successor (GB/T 42195-2022) by adding a table from a later date.
    """

    code = models.CharField(_("standard"), max_length=50, help_text=_("E.g. MZ/T 039-2013."))
    title = models.CharField(_("title"), max_length=200)
    table = models.JSONField(_("rule table"), default=dict,
                             help_text=_("Items, scores, grade bands or rules, level rules, adjustments and the "
                                         "reassessment interval (docs/eldercare.md)."))

    search_fields = ("code", "title", "source_document")

    class Meta:
        verbose_name = _("assessment rule table")
        verbose_name_plural = _("assessment rule tables")
        ordering = ["-effective_from"]
        constraints = _effective_constraints()

    def __str__(self):
        return f"{self.code}（{self.effective_from:%Y-%m-%d}）"

    def clean(self):
        super().clean()
        try:
            parsed = RuleTable.from_dict(self.table)
        except RuleTableError as exc:
            raise ValidationError({"table": exc.errors}, code="table") from exc
        if self.code and parsed.code != self.code:
            raise ValidationError({"code": _("The table says it is %(code)s.") % {"code": parsed.code}},
                                  code="code")
        stored = AssessmentRuleTable.objects.filter(pk=self.pk).values_list("table", flat=True).first()
        if stored is not None and stored != self.table and self.assessments.exists():
            # Assessments keep the answers and grades scored with this table: it must stay as it was.
            raise ValidationError({"table": _("Assessments were scored with this table; add a corrected table "
                                              "from a later date instead.")}, code="in_use")

    @cached_property
    def rules(self) -> RuleTable:
        """The validated table (raises ``RuleTableError`` for a row stored without ``clean``)."""
        return RuleTable.from_dict(self.table)
