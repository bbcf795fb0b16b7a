"""Background jobs: one row per piece of long work, with status, progress, log and requester."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from minzheng.framework.models import BaseModel, ScopedQuerySet
from minzheng.framework.permissions import get_permission_for_model
from minzheng.jobs.choices import JobStatus

__all__ = ["Job", "JobQuerySet"]


class JobQuerySet(ScopedQuerySet):
    def restrict(self, user, action: str = "view"):
        """Jobs in the user's area, plus the jobs the user requested (city-wide ones included)."""
        scoped = super().restrict(user, action)
        if user is None or not user.is_authenticated or user.is_superuser:
            return scoped
        if not user.has_perm(get_permission_for_model(self.model, action)):
            return scoped
        return scoped | self.filter(requested_by=user)


class Job(BaseModel):
    """A unit of background work (an import, a batch review, a payment roll) and what became of it."""

    name = models.CharField(_("job"), max_length=100, db_index=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    idempotency_key = models.CharField(_("idempotency key"), max_length=200, null=True, blank=True, unique=True)
    status = models.CharField(_("status"), max_length=20, choices=JobStatus.choices, default=JobStatus.PENDING)
    progress = models.PositiveIntegerField(_("progress"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    log = models.JSONField(_("log"), default=list, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    division = models.ForeignKey(
        "divisions.Division", verbose_name=_("division"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    area_lookup = "division"
    search_fields = ("name",)

    objects = models.Manager.from_queryset(JobQuerySet)()

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} #{self.pk}"

    @property
    def percent(self) -> int:
        if self.status == JobStatus.COMPLETED:
            return 100
        return int(self.progress * 100 / self.total) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.status in JobStatus.finished()
