"""Ability assessments (老年人能力评估): the answers, the grades and the level, under the rule table in force.

An assessment is recorded by a first assessor (``services.assessments.record_assessment``, which scores it
with the table in force on the assessment date) and confirmed by a second, different assessor; only a
confirmed assessment counts. A later confirmed assessment of the same person supersedes it. It is in force
from its date until the next regular reassessment is due (``due_on``, from the table's interval) or until it
is superseded, whichever comes first; a change of condition flags it for an immediate reassessment.

The item answers, the findings (diagnoses, risk events) and the dimension grades are health data: masked by
default and shown only to ``eldercare.view_full_health_assessment`` in the record's area, each view logged.

Other apps read the level through ``AssessmentQuerySet.in_force`` and ``current_for`` (``level``,
``level_name``, ``assessed_on``, ``due_on``, ``person``): the subsidies do.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minzheng.eldercare.choices import AssessmentReason, AssessmentStatus
from minzheng.framework.models import RecordModel, ScopedQuerySet
from minzheng.framework.privacy import SensitiveField

__all__ = ["COUNTING_STATUSES", "HEALTH", "Assessment", "AssessmentQuerySet", "mask_health"]

#: Statuses of an assessment that counts (for the dates it was in force).
COUNTING_STATUSES = (AssessmentStatus.CONFIRMED, AssessmentStatus.SUPERSEDED)


def mask_health(value) -> str:
    """Health data as shown by default: nothing of it."""
    return "****" if value not in (None, "", "[]", "{}") else ""


HEALTH = SensitiveField(mask_health, reveal="health")


class AssessmentQuerySet(ScopedQuerySet):
    def in_force(self, date: datetime.date) -> "AssessmentQuerySet":
        """Confirmed assessments (superseded ones for the days before) in force on ``date``: assessed by then,
        the regular reassessment not yet due, not superseded."""
        return self.filter(status__in=COUNTING_STATUSES, assessed_on__lte=date, due_on__gt=date).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=date))

    def current_for(self, person, date: datetime.date):
        """The assessment of ``person`` in force on ``date``, or None."""
        return self.in_force(date).filter(person=person).order_by("-assessed_on", "-pk").first()

    def due_for_reassessment(self, today: datetime.date) -> "AssessmentQuerySet":
        """Current confirmed assessments whose regular reassessment is due, or whose person's condition changed."""
        return self.filter(status=AssessmentStatus.CONFIRMED).filter(
            Q(due_on__lte=today) | Q(condition_changed_on__isnull=False))


class Assessment(RecordModel):
    """One ability assessment of an elderly person: answers per item, grades per dimension, the level."""

    person = models.ForeignKey("registry.Person", verbose_name=_("person assessed"), on_delete=models.PROTECT,
                               related_name="ability_assessments")
    division = models.ForeignKey("divisions.Division", verbose_name=_("division"), on_delete=models.PROTECT,
                                 related_name="+", editable=False,
                                 help_text=_("The person's household registration when assessed."))
    rule_table = models.ForeignKey("eldercare.AssessmentRuleTable", verbose_name=_("rule table"),
                                   on_delete=models.PROTECT, related_name="assessments", editable=False)
    assessed_on = models.DateField(_("assessed on"))
    reason = models.CharField(_("reason"), max_length=10, choices=AssessmentReason.choices)
    organisation = models.CharField(_("assessing body"), max_length=200, blank=True)
    answers = models.JSONField(_("answers"), default=dict, editable=False,
                               help_text=_("The score of each item, by item code."))
    findings = models.JSONField(_("diagnoses and risk events"), default=list, editable=False,
                                help_text=_("Codes of the table's adjustments that apply (diagnoses, risk events)."))
    results = models.JSONField(_("dimension grades"), default=dict, editable=False)
    level = models.PositiveSmallIntegerField(_("level"), editable=False)
    level_name = models.CharField(_("ability level"), max_length=50, editable=False)
    due_on = models.DateField(_("reassessment due"), editable=False)
    status = models.CharField(_("status"), max_length=10, choices=AssessmentStatus.choices,
                              default=AssessmentStatus.RECORDED, editable=False)
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("first assessor"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="+", editable=False)
    second_assessor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("second assessor"),
                                        on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                        editable=False)
    confirmed_on = models.DateField(_("confirmed on"), null=True, blank=True, editable=False)
    condition_changed_on = models.DateField(_("condition changed on"), null=True, blank=True, editable=False)
    condition_note = models.TextField(_("change of condition"), blank=True, editable=False)
    ended_on = models.DateField(_("no longer in force from"), null=True, blank=True, editable=False)
    superseded_by = models.ForeignKey("self", verbose_name=_("superseded by"), on_delete=models.PROTECT, null=True,
                                      blank=True, related_name="+", editable=False)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True, editable=False)

    area_lookup = "division"
    search_fields = ("person__name", "person__id_last4", "level_name")
    sensitive_fields = {"answers": HEALTH, "findings": HEALTH, "results": HEALTH}

    objects = models.Manager.from_queryset(AssessmentQuerySet)()

    class Meta:
        verbose_name = _("ability assessment")
        verbose_name_plural = _("ability assessments")
        ordering = ["-assessed_on", "-pk"]
        permissions = [("confirm_assessment", _("Can confirm ability assessments as the second assessor")),
                       ("view_full_health_assessment", _("Can see assessment answers and findings"))]
        indexes = [models.Index(fields=["person", "assessed_on"], name="eldercare_assessment_person")]
        constraints = [
            models.CheckConstraint(condition=Q(due_on__gt=models.F("assessed_on")),
                                   name="%(app_label)s_%(class)s_due_after",
                                   violation_error_message=_("The reassessment is due after the assessment.")),
            models.CheckConstraint(condition=Q(second_assessor__isnull=True) | ~Q(second_assessor=models.F("assessor")),
                                   name="%(app_label)s_%(class)s_two_assessors",
                                   violation_error_message=_("The two assessors must be different people.")),
        ]

    def __str__(self):
        return f"{self.person} · {self.assessed_on:%Y-%m-%d} · {self.level_name}"

    def is_in_force_on(self, date: datetime.date) -> bool:
        return (self.status in COUNTING_STATUSES and self.assessed_on <= date < self.due_on
                and (self.ended_on is None or self.ended_on > date))
