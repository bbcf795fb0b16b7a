"""Programs and their effective-dated parameters: the standard (amount per person per month) and the
calculation rules, each per division with a city-wide default and district overrides.

Standards and rules are city-wide data (``area_lookup = None``): every holder of the view
permission reads them, and only a role granted at the city may add, change or delete them, a
district override included (``ScopedQuerySet.restrict``).

Resolution for a division on a date (``ParameterQuerySet.applicable``): among the rows on the
division's path (the city, its district) that are in force on the date, the most specific
division wins, then the latest ``effective_from``.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minzheng.assistance.calculation import CalculationRules, RulesError
from minzheng.assistance.choices import ProgramKind, UrbanRural
from minzheng.divisions.choices import Level
from minzheng.framework.models import LookupModel, RecordModel, ScopedQuerySet

__all__ = ["CalculationRuleSet", "ParameterQuerySet", "Program", "ProgramParameter", "Standard", "period_constraint"]

#: Levels at which standards and rules are set: the city (the default) and a district (an override).
PARAMETER_LEVELS = (Level.CITY, Level.DISTRICT)


class Program(LookupModel):
    """A social-assistance program the bureau runs (城市低保, 农村低保, 特困供养, 临时救助, 医疗救助).

    Reference data: seeded by ``services.seed_programs`` (``minzheng setup``), changed only at the city.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=ProgramKind.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)

    area_lookup = None

    class Meta:
        verbose_name = _("assistance program")
        verbose_name_plural = _("assistance programs")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ProgramKind.values),
                name="%(app_label)s_%(class)s_kind",
                violation_error_message=_("Unknown kind of program."),
            ),
        ]


class ParameterQuerySet(ScopedQuerySet):
    def in_force(self, date: datetime.date) -> "ParameterQuerySet":
        """Rows in force on ``date``."""
        return self.filter(effective_from__lte=date).filter(
            Q(effective_until__isnull=True) | Q(effective_until__gt=date))

    def applicable(self, division, date: datetime.date):
        """The row that applies in ``division`` on ``date``: the most specific division on its path, then the
        latest start; None when there is none."""
        return (self.in_force(date).filter(division__path__in=division.ancestor_paths())
                .order_by("-division__depth", "-effective_from").first())


class ProgramParameter(RecordModel):
    """What standards and rule sets share: a program, a division (city or district) and a period in force."""

    program = models.ForeignKey(Program, verbose_name=_("program"), on_delete=models.PROTECT,
                                related_name="%(class)ss")
    division = models.ForeignKey("divisions.Division", verbose_name=_("division"), on_delete=models.PROTECT,
                                 related_name="+",
                                 help_text=_("The city for the city-wide value, a district for its override."))
    effective_from = models.DateField(_("in force from"))
    effective_until = models.DateField(_("in force until"), null=True, blank=True,
                                       help_text=_("First day no longer in force; empty while in force."))
    is_sample = models.BooleanField(_("sample value"), default=False,
                                    help_text=_("A demonstration value, not an officially published one."))
    source_document = models.CharField(_("source document"), max_length=200, blank=True,
                                       help_text=_("The notice that published it, with its document number."))

    area_lookup = None

    objects = models.Manager.from_queryset(ParameterQuerySet)()

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.division_id and self.division.level not in PARAMETER_LEVELS:
            raise ValidationError({"division": _("Set it for the city or for a district.")}, code="level")


def period_constraint() -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(effective_until__isnull=True) | Q(effective_until__gt=models.F("effective_from")),
        name="%(app_label)s_%(class)s_period",
        violation_error_message=_("The end date must be after the start date."),
    )


class Standard(ProgramParameter):
    """A program's standard: the amount per person per month for urban or rural residents of a division."""

    area_type = models.CharField(_("urban or rural"), max_length=10, choices=UrbanRural.choices)
    amount = models.DecimalField(_("amount per person per month"), max_digits=10, decimal_places=2)

    search_fields = ("program__name", "division__name", "source_document")

    class Meta:
        verbose_name = _("assistance standard")
        verbose_name_plural = _("assistance standards")
        ordering = ["program__code", "area_type", "division__path", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "area_type", "division", "effective_from"],
                name="%(app_label)s_%(class)s_unique_start",
                violation_error_message=_("This program already has a standard from this date here."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="%(app_label)s_%(class)s_amount_positive",
                violation_error_message=_("The amount must be more than zero."),
            ),
            period_constraint(),
        ]

    def __str__(self):
        return (f"{self.program} · {self.get_area_type_display()} · {self.division.name} · "
                f"{self.effective_from:%Y-%m-%d}")


class CalculationRuleSet(ProgramParameter):
    """The parameters of a program's benefit calculation in a division from a date, as validated JSON.

    See ``calculation.CalculationRules`` for the keys; ``rules_object`` is the validated form.
    """

    rules = models.JSONField(_("rules"), default=dict,
                             help_text=_("Rounding, floor, supplements, approval limit, medical ratios and cap."))

    search_fields = ("program__name", "division__name", "source_document")

    class Meta:
        verbose_name = _("calculation rule set")
        verbose_name_plural = _("calculation rule sets")
        ordering = ["program__code", "division__path", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "division", "effective_from"],
                name="%(app_label)s_%(class)s_unique_start",
                violation_error_message=_("This program already has rules from this date here."),
            ),
            period_constraint(),
        ]

    def __str__(self):
        return f"{self.program} · {self.division.name} · {self.effective_from:%Y-%m-%d}"

    def clean(self):
        super().clean()
        if self.program_id is None:
            return
        try:
            CalculationRules.from_dict(self.rules, kind=self.program.kind)
        except RulesError as exc:
            raise ValidationError({"rules": exc.errors}, code="rules") from exc

    @property
    def rules_object(self) -> CalculationRules:
        return CalculationRules.from_dict(self.rules, kind=self.program.kind)
