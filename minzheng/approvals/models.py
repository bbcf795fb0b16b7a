"""Approvals: flows of ordered steps, requests moving through them, the decision ledger, objections
to public notices, and the holiday calendar that working-day deadlines are counted on.

A flow is data: ``ApprovalFlow`` with ordered ``ApprovalStep``s, each naming a role (a ``Group``),
the level of the subject's division path at which that role must be held, a deadline in working
days and, for a 公示 step, a notice period. ``StepDelegation`` lets one district decide a step at
another level (or skip an optional one). An ``ApprovalRequest`` follows one subject (any model,
through a generic foreign key) through its flow; every decision is appended to the insert-only
``ApprovalDecision`` ledger. The rules live in ``services``; see docs/approvals.md.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minzheng.approvals.choices import DayKind, Decision, ObjectionStatus, RequestStatus, StepKind
from minzheng.divisions.choices import Level
from minzheng.framework.models import BaseModel, LookupModel, RecordModel, ScopedQuerySet

__all__ = [
    "ApprovalDecision",
    "ApprovalFlow",
    "ApprovalRequest",
    "ApprovalStep",
    "Holiday",
    "InsertOnlyError",
    "InsertOnlyQuerySet",
    "Objection",
    "StepDelegation",
]

SATURDAY = 5


class Holiday(RecordModel):
    """A date on which the State Council's holiday arrangement departs from the plain week: a public
    holiday (day off) or a make-up working day on a weekend (调休上班)."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=DayKind.choices)
    name = models.CharField(_("name"), max_length=100, help_text=_("The holiday it belongs to, e.g. 国庆节."))
    source = models.CharField(
        _("source"), max_length=200, blank=True,
        help_text=_("Where the date comes from: the State Council notice, or the package it was seeded from."),
    )

    area_lookup = None
    search_fields = ("name", "source")

    class Meta:
        verbose_name = _("holiday calendar entry")
        verbose_name_plural = _("holiday calendar")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"

    def clean(self):
        """A make-up working day is a weekend day worked; any other day is a working day anyway."""
        super().clean()
        if self.kind == DayKind.WORKDAY and self.date and self.date.weekday() < SATURDAY:
            raise ValidationError({"kind": _("A make-up working day falls on a Saturday or Sunday.")},
                                  code="weekday_workday")


class ApprovalFlow(LookupModel):
    """A procedure a domain runs its cases through (低保审核确认, 临时救助审批, …), as ordered steps."""

    description = models.TextField(_("description"), blank=True)

    area_lookup = None

    class Meta(LookupModel.Meta):
        verbose_name = _("approval flow")
        verbose_name_plural = _("approval flows")


class ApprovalStep(RecordModel):
    """One step of a flow: who decides it (a role held at a level of the subject's division path), by
    when (working days from the day it became current), and whether it is a 公示 with a notice period."""

    flow = models.ForeignKey(ApprovalFlow, verbose_name=_("flow"), on_delete=models.CASCADE, related_name="steps")
    code = models.SlugField(_("code"), max_length=50)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"))
    role = models.ForeignKey(Group, verbose_name=_("role"), on_delete=models.PROTECT, related_name="+")
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices,
        help_text=_("The role must be held in the subject's division at this level or above it."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=StepKind.choices, default=StepKind.DECISION)
    deadline_workdays = models.PositiveSmallIntegerField(
        _("deadline (working days)"), null=True, blank=True,
        help_text=_("Counted from the day after the step became current (for a public notice: after the notice "
                    "period ends). Empty: no deadline."),
    )
    notice_days = models.PositiveSmallIntegerField(
        _("notice period (days)"), null=True, blank=True, help_text=_("Calendar days; public notice steps only."),
    )
    optional = models.BooleanField(
        _("optional"), default=False,
        help_text=_("May be skipped: by the domain when it starts a request, or by a district's delegation."),
    )

    area_lookup = None
    search_fields = ("name", "code", "flow__name")

    class Meta:
        verbose_name = _("approval step")
        verbose_name_plural = _("approval steps")
        ordering = ["flow__code", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["flow", "code"], name="%(app_label)s_%(class)s_code_unique",
                violation_error_message=_("This flow already has a step with this code."),
            ),
            models.UniqueConstraint(
                fields=["flow", "order"], name="%(app_label)s_%(class)s_order_unique",
                violation_error_message=_("This flow already has a step at this position."),
            ),
            models.CheckConstraint(
                condition=Q(kind=StepKind.DECISION, notice_days__isnull=True)
                | Q(kind=StepKind.PUBLIC_NOTICE, notice_days__gte=1),
                name="%(app_label)s_%(class)s_notice_days",
                violation_error_message=_("A public notice step needs a notice period; a decision step has none."),
            ),
        ]

    def __str__(self):
        return f"{self.flow.name} · {self.order}. {self.name}"

    @property
    def is_notice(self) -> bool:
        return self.kind == StepKind.PUBLIC_NOTICE


class StepDelegation(RecordModel):
    """In ``division`` (usually a district) and below, ``step`` is decided at ``delegate_level`` (by
    ``role`` when given, else the step's role), or skipped altogether when the step is optional."""

    flow = models.ForeignKey(ApprovalFlow, verbose_name=_("flow"), on_delete=models.CASCADE, related_name="+")
    step = models.ForeignKey(ApprovalStep, verbose_name=_("step"), on_delete=models.CASCADE,
                             related_name="delegations")
    division = models.ForeignKey("divisions.Division", verbose_name=_("division"), on_delete=models.PROTECT,
                                 related_name="+")
    delegate_level = models.CharField(_("decided at level"), max_length=20, choices=Level.choices, blank=True)
    role = models.ForeignKey(
        Group, verbose_name=_("decided by role"), on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text=_("Empty: the step's own role."),
    )
    skip = models.BooleanField(_("skip the step"), default=False)

    area_lookup = "division"
    search_fields = ("step__name", "flow__name", "division__name")

    class Meta:
        verbose_name = _("step delegation")
        verbose_name_plural = _("step delegations")
        ordering = ["flow__code", "step__order", "division__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["step", "division"], name="%(app_label)s_%(class)s_unique",
                violation_error_message=_("This step is already delegated in this division."),
            ),
            models.CheckConstraint(
                condition=Q(skip=True) | ~Q(delegate_level=""),
                name="%(app_label)s_%(class)s_level_or_skip",
                violation_error_message=_("Give the level that decides the step, or skip it."),
            ),
        ]

    def __str__(self):
        return f"{self.step} · {self.division.name}"

    def clean(self):
        super().clean()
        if self.step_id and self.flow_id and self.step.flow_id != self.flow_id:
            raise ValidationError({"step": _("The step belongs to another flow.")}, code="other_flow")
        if self.skip and self.step_id and not self.step.optional:
            raise ValidationError({"skip": _("Only an optional step can be skipped.")}, code="not_optional")


class ApprovalRequest(BaseModel):
    """One subject (an application, a case) going through a flow in a division.

    Written only by ``approvals.services``; its history is the decision ledger and the audit events.
    """

    flow = models.ForeignKey(ApprovalFlow, verbose_name=_("flow"), on_delete=models.PROTECT, related_name="requests")
    content_type = models.ForeignKey(ContentType, verbose_name=_("subject type"), on_delete=models.PROTECT,
                                     related_name="+")
    object_id = models.PositiveBigIntegerField(_("subject id"))
    subject = GenericForeignKey("content_type", "object_id")
    subject_repr = models.CharField(_("subject"), max_length=200)
    division = models.ForeignKey("divisions.Division", verbose_name=_("division"), on_delete=models.PROTECT,
                                 related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=RequestStatus.choices,
                              default=RequestStatus.IN_PROGRESS)
    current_step = models.ForeignKey(ApprovalStep, verbose_name=_("current step"), on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")
    step_started_at = models.DateTimeField(_("current step since"), null=True, blank=True)
    deadline = models.DateField(_("deadline of the current step"), null=True, blank=True, db_index=True)
    skipped = models.JSONField(_("skipped optional steps"), default=list, blank=True)
    started_at = models.DateTimeField(_("started at"))
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("started by"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    on_approved = models.CharField(_("on approval"), max_length=200, blank=True, editable=False)
    on_rejected = models.CharField(_("on rejection"), max_length=200, blank=True, editable=False)

    area_lookup = "division"
    search_fields = ("subject_repr", "flow__name")

    class Meta:
        verbose_name = _("approval request")
        verbose_name_plural = _("approval requests")
        ordering = ["-started_at", "-pk"]
        permissions = [("record_objection_approvalrequest", _("Can record objections to a public notice"))]
        indexes = [models.Index(fields=["content_type", "object_id"], name="approvals_request_subject")]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "flow"], condition=Q(status=RequestStatus.IN_PROGRESS),
                name="%(app_label)s_%(class)s_one_open_per_subject",
                violation_error_message=_("This subject already has a request in progress in this flow."),
            ),
            models.CheckConstraint(
                condition=Q(status=RequestStatus.IN_PROGRESS, current_step__isnull=False)
                | (~Q(status=RequestStatus.IN_PROGRESS) & Q(current_step__isnull=True)),
                name="%(app_label)s_%(class)s_current_step",
                violation_error_message=_("A request in progress has a current step; a finished one has none."),
            ),
        ]

    def __str__(self):
        return f"{self.flow.name}：{self.subject_repr}"

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.IN_PROGRESS


class InsertOnlyError(Exception):
    """An attempt to change or delete a row of an insert-only ledger."""


class InsertOnlyQuerySet(ScopedQuerySet):
    """Scoped reads as usual; updates and deletes raise ``InsertOnlyError``."""

    def update(self, **kwargs):
        raise InsertOnlyError("the decision ledger is insert-only")

    def delete(self):
        raise InsertOnlyError("the decision ledger is insert-only")

    def bulk_update(self, *args, **kwargs):
        raise InsertOnlyError("the decision ledger is insert-only")


class ApprovalDecision(BaseModel):
    """One entry of the insert-only ledger: who decided what at which step, when, and why."""

    request = models.ForeignKey(ApprovalRequest, verbose_name=_("request"), on_delete=models.PROTECT,
                                related_name="decisions")
    step = models.ForeignKey(ApprovalStep, verbose_name=_("step"), on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT,
                              related_name="+")
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    reason = models.TextField(_("reason"), blank=True)
    time = models.DateTimeField(_("time"))
    next_step = models.ForeignKey(ApprovalStep, verbose_name=_("next step"), on_delete=models.PROTECT, null=True,
                                  blank=True, related_name="+")

    area_lookup = "request__division"
    search_fields = ("request__subject_repr", "reason")

    objects = models.Manager.from_queryset(InsertOnlyQuerySet)()

    class Meta:
        verbose_name = _("approval decision")
        verbose_name_plural = _("approval decisions")
        ordering = ["time", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision__in=[Decision.REJECT, Decision.RETURN]) | ~Q(reason=""),
                name="%(app_label)s_%(class)s_reason_given",
                violation_error_message=_("A rejection or return needs a reason."),
            ),
        ]

    def __str__(self):
        return f"{self.step.name} · {self.get_decision_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise InsertOnlyError("the decision ledger is insert-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise InsertOnlyError("the decision ledger is insert-only")

    def get_absolute_url(self):
        return self.request.get_absolute_url()


class Objection(BaseModel):
    """An objection raised during a public notice (公示); while it is open, the notice cannot complete."""

    request = models.ForeignKey(ApprovalRequest, verbose_name=_("request"), on_delete=models.PROTECT,
                                related_name="objections")
    step = models.ForeignKey(ApprovalStep, verbose_name=_("notice step"), on_delete=models.PROTECT, related_name="+")
    received_at = models.DateTimeField(_("received at"))
    objector = models.CharField(_("raised by"), max_length=200, blank=True, help_text=_("Empty: anonymous."))
    content = models.TextField(_("objection text"))
    status = models.CharField(_("status"), max_length=20, choices=ObjectionStatus.choices,
                              default=ObjectionStatus.OPEN)
    resolution = models.TextField(_("resolution"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("resolved by"),
                                    on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    area_lookup = "request__division"
    search_fields = ("content", "objector", "request__subject_repr")

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["received_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ObjectionStatus.OPEN, resolved_at__isnull=True)
                | (~Q(status=ObjectionStatus.OPEN) & Q(resolved_at__isnull=False) & ~Q(resolution="")),
                name="%(app_label)s_%(class)s_resolved",
                violation_error_message=_("A resolved objection has a resolution and its time; an open one has none."),
            ),
        ]

    def __str__(self):
        return f"{self.request.subject_repr} · {self.received_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return self.request.get_absolute_url()
