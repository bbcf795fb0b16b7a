"""Review tasks: a case put up for review outside its schedule, with why (a verification finding, a
recalculation that leaves it ineligible, a member's death). A task changes no benefit; proposing a
review of the case (``reviews.propose_review``) closes its open tasks."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from minzheng.assistance.choices import ReviewTaskSource, ReviewTaskStatus
from minzheng.assistance.models.cases import BenefitReview, CaseRecord

__all__ = ["ReviewTask"]


class ReviewTask(CaseRecord):
    """A case to review, and why; ``review`` is the review that answered it."""

    source = models.CharField(_("because of"), max_length=16, choices=ReviewTaskSource.choices, editable=False)
    reason = models.TextField(_("reason"), editable=False)
    details = models.JSONField(_("details"), default=dict, blank=True, editable=False)
    created_on = models.DateField(_("created on"), editable=False)
    status = models.CharField(_("status"), max_length=8, choices=ReviewTaskStatus.choices,
                              default=ReviewTaskStatus.OPEN, editable=False)
    review = models.ForeignKey(BenefitReview, verbose_name=_("review"), on_delete=models.PROTECT, null=True,
                               blank=True, related_name="tasks", editable=False)

    search_fields = ("case__number", "case__household__number", "reason")

    class Meta:
        verbose_name = _("review task")
        verbose_name_plural = _("review tasks")
        ordering = ["-created_on", "-pk"]
        indexes = [models.Index(fields=["case", "status"], name="assistance_task_case_status")]

    def __str__(self):
        return f"{self.case.number} · {self.get_source_display()}"
