"""Quantified targets of the plan's items, with how their actual value is known, and progress reports.

A target is bound to a registered indicator (``minzheng.indicators``) with a filter (year, division) once a
person confirms the suggested binding; its actual value is then computed live from the registries.
Otherwise its actual value is the latest progress report.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from minzheng.framework.models import RecordModel
from minzheng.plans.choices import Binding, Comparator
from minzheng.plans.models.plans import Item, Task

__all__ = ["ProgressReport", "Target"]


def _evidence_path(instance, filename: str) -> str:
    return f"plans/evidence/{instance.target_id}/{filename}"


class Target(RecordModel):
    """A quantity an item commits to, e.g. 新增养老机构床位6000张 (>= 6000 张)."""

    item = models.ForeignKey(Item, verbose_name=_("work item"), on_delete=models.CASCADE, related_name="targets")
    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="targets")
    number = models.PositiveSmallIntegerField(_("number"))
    value = models.DecimalField(_("target value"), max_digits=16, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    subject = models.CharField(pgettext_lazy("work plan", "subject"), max_length=200)
    comparator = models.CharField(_("comparator"), max_length=2, choices=Comparator.choices,
                                  default=Comparator.AT_LEAST)
    qualifier = models.CharField(_("qualifier"), max_length=20, blank=True)
    quote = models.TextField(_("quoted from the plan"), blank=True)
    binding = models.CharField(_("actual value from"), max_length=10, choices=Binding.choices, default=Binding.NONE,
                               editable=False)
    indicator = models.CharField(_("indicator"), max_length=100, blank=True, editable=False)
    indicator_division = models.ForeignKey("divisions.Division", verbose_name=_("indicator's division"),
                                           on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                           editable=False, help_text=_("Empty: the whole city."))
    indicator_year = models.PositiveSmallIntegerField(_("indicator's year"), null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("binding confirmed by"),
                                     on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False)

    area_lookup = None
    search_fields = ("subject", "quote")

    class Meta:
        verbose_name = _("target")
        permissions = [("report_target", _("Can report progress of targets"))]
        verbose_name_plural = _("targets")
        ordering = ["item", "number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="%(app_label)s_%(class)s_number"),
            models.CheckConstraint(condition=Q(binding=Binding.NONE) | ~Q(indicator=""),
                                   name="%(app_label)s_%(class)s_indicator",
                                   violation_error_message=_("A bound target names its indicator.")),
        ]

    def __str__(self):
        return f"{self.subject} {self.get_comparator_display()} {self.value:g}{self.unit}"


class ProgressReport(RecordModel):
    """A unit's report of a target's value on a date, with its evidence."""

    target = models.ForeignKey(Target, verbose_name=_("target"), on_delete=models.CASCADE, related_name="reports")
    value = models.DecimalField(_("value reached"), max_digits=16, decimal_places=2)
    reported_on = models.DateField(_("as of"))
    evidence = models.FileField(_("evidence"), upload_to=_evidence_path, blank=True)
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="+", editable=False)
    unit = models.ForeignKey("plans.Unit", verbose_name=_("for unit"), on_delete=models.PROTECT, null=True,
                             blank=True, related_name="reports")

    area_lookup = None
    search_fields = ("target__subject", "remarks")

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["target", "-reported_on", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(value__gte=0), name="%(app_label)s_%(class)s_value",
                                              violation_error_message=_("The value cannot be negative."))]

    def __str__(self):
        return f"{self.target} · {self.value:g} · {self.reported_on:%Y-%m-%d}"
