"""The batch annual review: every current recipient household re-verified against the latest snapshots.

A ``BatchReview`` is one run (a job, with progress); its ``BatchFinding``s are the households whose
eligibility or amount would change, each with its reasons and the review task it opened in the assistance
app. A batch changes no benefit.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minzheng.assistance.models.cases import INCOME, MONEY
from minzheng.framework.models import RecordModel
from minzheng.verification.choices import BatchStatus, FindingKind, Outcome

__all__ = ["BatchFinding", "BatchReview"]


class BatchReview(RecordModel):
    """One run of the annual review, city-wide, with its counts."""

    as_of = models.DateField(_("verified on"), editable=False)
    status = models.CharField(_("status"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.RUNNING,
                              editable=False)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("started by"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+", editable=False)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True, editable=False)
    job = models.ForeignKey("jobs.Job", verbose_name=_("job"), on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="+", editable=False)
    snapshots = models.JSONField(_("snapshots used"), default=dict, editable=False)
    checked = models.PositiveIntegerField(_("households checked"), default=0, editable=False)
    ineligible = models.PositiveIntegerField(_("not eligible any more"), default=0, editable=False)
    needs_review = models.PositiveIntegerField(_("need a manual review"), default=0, editable=False)
    amount_changes = models.PositiveIntegerField(_("amount would change"), default=0, editable=False)
    tasks_opened = models.PositiveIntegerField(_("review tasks opened"), default=0, editable=False)
    error = models.TextField(_("error"), blank=True, editable=False)

    area_lookup = None
    search_fields = ("remarks",)

    class Meta:
        verbose_name = _("batch review")
        verbose_name_plural = _("batch reviews")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self._meta.verbose_name} {self.as_of:%Y-%m-%d} #{self.pk}"


class BatchFinding(RecordModel):
    """A recipient household the batch found ineligible, in need of review, or with a changed income."""

    batch = models.ForeignKey(BatchReview, verbose_name=_("batch review"), on_delete=models.CASCADE,
                              related_name="findings")
    case = models.ForeignKey("assistance.AssistanceCase", verbose_name=_("case"), on_delete=models.PROTECT,
                             related_name="+")
    division = models.ForeignKey("divisions.Division", verbose_name=_("division"), on_delete=models.PROTECT,
                                 related_name="+")
    kind = models.CharField(_("finding"), max_length=10, choices=FindingKind.choices)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    reasons = models.JSONField(_("reasons"), default=list)
    member_count = models.PositiveSmallIntegerField(_("members"))
    household_income = models.DecimalField(_("household monthly income found"), **MONEY)
    recorded_income = models.DecimalField(_("household monthly income recorded"), **MONEY)
    task = models.ForeignKey("assistance.ReviewTask", verbose_name=_("review task"), on_delete=models.SET_NULL,
                             null=True, blank=True, related_name="+")

    area_lookup = "division"
    search_fields = ("case__number",)
    sensitive_fields = {**INCOME, "recorded_income": INCOME["household_income"]}

    class Meta:
        verbose_name = _("batch finding")
        verbose_name_plural = _("batch findings")
        ordering = ["batch", "division__path", "pk"]
        permissions = [("view_full_income_batchfinding", _("Can see household incomes"))]

    def __str__(self):
        return f"{self.case.number} · {self.get_kind_display()}"
