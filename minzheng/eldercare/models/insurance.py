"""Elderly accident insurance (老年人意外伤害保险): one policy per person and year."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from minzheng.eldercare.choices import PremiumPayer
from minzheng.eldercare.constants import ELDERLY_AGE, age_on
from minzheng.framework.models import RecordModel

__all__ = ["InsurancePolicy"]

MONEY = {"max_digits": 10, "decimal_places": 2}


class InsurancePolicy(RecordModel):
    """A person's accident insurance policy for a year."""

    person = models.ForeignKey("registry.Person", verbose_name=_("insured person"), on_delete=models.PROTECT,
                               related_name="accident_policies")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    insurer = models.CharField(_("insurer"), max_length=100)
    policy_number = models.CharField(_("policy number"), max_length=50)
    insured_from = models.DateField(_("insured from"))
    insured_until = models.DateField(_("insured until"), help_text=_("Last day covered."))
    premium = models.DecimalField(_("premium (yuan)"), validators=[MinValueValidator(0)], **MONEY)
    paid_by = models.CharField(_("premium paid by"), max_length=12, choices=PremiumPayer.choices)
    sum_insured = models.DecimalField(_("sum insured (yuan)"), null=True, blank=True,
                                      validators=[MinValueValidator(0)], **MONEY)

    area_lookup = "person__hukou_division"
    search_fields = ("person__name", "policy_number", "insurer")

    class Meta:
        verbose_name = _("accident insurance policy")
        verbose_name_plural = _("accident insurance policies")
        ordering = ["-year", "person__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="%(app_label)s_%(class)s_one_per_year",
                                    violation_error_message=_("This person already has a policy for this year.")),
            models.CheckConstraint(condition=Q(insured_until__gte=F("insured_from")),
                                   name="%(app_label)s_%(class)s_period",
                                   violation_error_message=_("The cover cannot end before it starts.")),
        ]

    def __str__(self):
        return f"{self.person} · {self.year} · {self.policy_number}"

    def clean(self):
        super().clean()
        if self.insured_from and self.year and self.insured_from.year != self.year:
            raise ValidationError({"insured_from": _("The cover starts in the policy's year.")}, code="year")
        if self.person_id and self.insured_until and age_on(self.person.birth_date, self.insured_until) < ELDERLY_AGE:
            raise ValidationError({"person": _("The person is not %(age)d or over during the cover.")
                                   % {"age": ELDERLY_AGE}}, code="age")
