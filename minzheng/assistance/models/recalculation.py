"""Recalculations after a standard or rule change: one batch per district, a list of changed amounts that
the district approves or rejects as a whole. Nothing changes until it is approved."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minzheng.assistance.choices import RecalculationStatus
from minzheng.assistance.models.cases import MONEY
from minzheng.framework.models import RecordModel

__all__ = ["Recalculation", "RecalculationItem"]


class Recalculation(RecordModel):
    """The amounts of one program's cases in one district, recalculated from ``effective`` after a change."""

    program = models.ForeignKey("assistance.Program", verbose_name=_("program"), on_delete=models.PROTECT,
                                related_name="recalculations")
    division = models.ForeignKey("divisions.Division", verbose_name=_("district"), on_delete=models.PROTECT,
                                 related_name="+")
    effective = models.DateField(_("from month"))
    trigger = models.CharField(_("because of"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=RecalculationStatus.choices,
                              default=RecalculationStatus.PENDING, editable=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+", editable=False)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    decision_reason = models.TextField(_("reason of the decision"), blank=True, editable=False)

    area_lookup = "division"
    search_fields = ("program__name", "trigger")

    class Meta:
        verbose_name = _("recalculation")
        verbose_name_plural = _("recalculations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(effective__day=1), name="%(app_label)s_%(class)s_month",
                                   violation_error_message=_("A change takes effect on the first day of a month.")),
        ]

    def __str__(self):
        return f"{self.program} · {self.division.name} · {self.effective:%Y-%m}"


class RecalculationItem(RecordModel):
    """One case whose amount the recalculation changes, with the new calculation's steps."""

    recalculation = models.ForeignKey(Recalculation, verbose_name=_("recalculation"), on_delete=models.CASCADE,
                                      related_name="items")
    case = models.ForeignKey("assistance.AssistanceCase", verbose_name=_("case"), on_delete=models.PROTECT,
                             related_name="+")
    old_amount = models.DecimalField(_("current amount"), **MONEY)
    new_amount = models.DecimalField(_("new amount"), **MONEY)
    calculation = models.JSONField(_("calculation"), default=list, blank=True)

    area_lookup = "case__division"

    class Meta:
        verbose_name = _("recalculated amount")
        verbose_name_plural = _("recalculated amounts")
        ordering = ["recalculation", "case__number"]
        constraints = [
            models.UniqueConstraint(fields=["recalculation", "case"], name="%(app_label)s_%(class)s_unique_case"),
        ]

    def __str__(self):
        return f"{self.case.number}: {self.old_amount} → {self.new_amount}"
