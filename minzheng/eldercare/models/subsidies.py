"""The rules of the elderly-care subsidies (失能失智老年人照护补贴, 农村居家养老服务补贴, 高龄津贴).

The subsidies are assistance programs of personal monthly kinds (``assistance.SUBSIDY_KINDS``): their cases,
procedure, benefit periods and payment rolls are social assistance's. What is the elderly-care app's is who
qualifies and for how much: a ``SubsidyRuleSet`` per program, for the city with district overrides, in force
from a date (like the assistance standards). None of Tianjin's figures is confirmed (REFERENCE.md §7): every
amount, age and limit is data, and the demo's rows are marked as samples.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from minzheng.assistance.models.programs import ProgramParameter, period_constraint

__all__ = ["SubsidyRuleSet"]


def _amounts(value, key: str, *, low: int, high: int) -> dict[int, Decimal]:
    """``{"1": "100.00", …}`` as ``{1: Decimal("100.00")}``; keys between ``low`` and ``high``, amounts > 0."""
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise ValidationError({key: _('Give the amounts as an object, e.g. {"1": "100"}.')})
    result = {}
    for band, amount in value.items():
        try:
            band_number, money = int(band), Decimal(str(amount))
        except (ValueError, ArithmeticError):
            raise ValidationError({key: _("“%(band)s”: %(amount)s is not a number.") % {
                "band": band, "amount": amount}}) from None
        if not low <= band_number <= high or money <= 0:
            raise ValidationError({key: _("“%(band)s”: the key must be from %(low)d to %(high)d and the amount "
                                          "more than zero.") % {"band": band, "low": low, "high": high}})
        result[band_number] = money
    return result


class SubsidyRuleSet(ProgramParameter):
    """Who qualifies for an elderly-care subsidy in a division from a date, and the monthly amount.

    The amount is, by the first rule that is set: by assessed ability level (``level_amounts``: a level of
    1 轻度, 2 中度 or 3 重度失能 — level 0 能力完好 never qualifies), by age band (``age_amounts``: the highest
    band reached), or flat (``flat_amount``).
    """

    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=60,
                                               validators=[MinValueValidator(0), MaxValueValidator(120)])
    level_amounts = models.JSONField(_("amount by assessed level"), default=dict, blank=True,
                                     help_text=_('E.g. {"1": "100", "2": "200", "3": "300"}; needs a current '
                                                 'ability assessment.'))
    age_amounts = models.JSONField(_("amount by age band"), default=dict, blank=True,
                                   help_text=_('E.g. {"80": "50", "90": "100", "100": "300"}: the highest band '
                                               'reached.'))
    flat_amount = models.DecimalField(_("flat amount"), max_digits=10, decimal_places=2, null=True, blank=True,
                                      validators=[MinValueValidator(Decimal("0.01"))])
    income_limit_multiple = models.DecimalField(
        _("income limit (times the 低保 standard)"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("The household's per-capita income may not exceed this multiple of the local 低保 standard; "
                    "empty: no income condition."))
    pilot_divisions = models.ManyToManyField("divisions.Division", verbose_name=_("pilot divisions"), blank=True,
                                             related_name="+",
                                             help_text=_("Only elders registered in these divisions qualify; "
                                                         "empty: everywhere."))
    rural_only = models.BooleanField(_("rural households only"), default=False)

    search_fields = ("program__name", "division__name", "source_document")

    class Meta:
        verbose_name = _("subsidy rule set")
        verbose_name_plural = _("subsidy rule sets")
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
        levels = _amounts(self.level_amounts, "level_amounts", low=1, high=3)
        ages = _amounts(self.age_amounts, "age_amounts", low=0, high=120)
        if not (levels or ages or self.flat_amount):
            raise ValidationError(_("Set the amounts by level, by age band, or a flat amount."), code="no_amount")

    @property
    def levels(self) -> dict[int, Decimal]:
        return _amounts(self.level_amounts, "level_amounts", low=1, high=3)

    @property
    def ages(self) -> dict[int, Decimal]:
        return _amounts(self.age_amounts, "age_amounts", low=0, high=120)
