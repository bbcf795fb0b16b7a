"""Enqueueing and running jobs. Work is registered with ``@register_job`` and started after commit."""

import logging
import traceback
from collections.abc import Callable

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from minzheng.framework import context
from minzheng.framework.exceptions import DomainError
from minzheng.framework.registry import registry
from minzheng.jobs.choices import JobStatus
from minzheng.jobs.models import Job

__all__ = ["JobContext", "enqueue_job", "register_job", "retry_job", "run_job"]

logger = logging.getLogger(__name__)
LOG_LIMIT = 500


def register_job(name: str) -> Callable:
    """Register ``fn(job: JobContext, **params)`` as the job called ``name`` (``app.verb_noun``)."""

    def wrapper(fn):
        registry["jobs"][name] = fn
        return fn

    return wrapper


class JobContext:
    """What a running job uses to report progress and log lines; each call is one UPDATE."""

    def __init__(self, job: Job):
        self.job = job

    @property
    def params(self) -> dict:
        return self.job.params

    def set_total(self, total: int) -> None:
        Job.objects.filter(pk=self.job.pk).update(total=total)

    def advance(self, step: int = 1) -> None:
        Job.objects.filter(pk=self.job.pk).update(progress=F("progress") + step)

    def log(self, message: str) -> None:
        job = Job.objects.only("log").get(pk=self.job.pk)
        entry = {"time": timezone.now().isoformat(timespec="seconds"), "message": str(message)}
        Job.objects.filter(pk=self.job.pk).update(log=(job.log + [entry])[-LOG_LIMIT:])


def _schedule(job: Job) -> None:
    from minzheng.jobs.tasks import run_job_task

    transaction.on_commit(lambda: run_job_task(job.pk))


@transaction.atomic
def enqueue_job(name: str, *, actor, params: dict | None = None, division=None, key: str | None = None) -> Job:
    """Create a job and start it once the surrounding transaction commits.

    With ``key``, a second request for the same work returns the existing job instead of
    starting another (a failed one is retried).

    Raises:
        DomainError: no job is registered under ``name``.
    """
    if name not in registry["jobs"]:
        raise DomainError(f"unknown job {name}", code="jobs.unknown")
    if key:
        existing = Job.objects.select_for_update().filter(idempotency_key=key).first()
        if existing is not None:
            return retry_job(existing, actor=actor) if existing.status == JobStatus.FAILED else existing
    job = Job.objects.create(
        name=name, params=params or {}, idempotency_key=key, requested_by=actor if getattr(actor, "pk", None) else None,
        division=division,
    )
    _schedule(job)
    return job


@transaction.atomic
def retry_job(job: Job, *, actor) -> Job:
    """Put a failed job back in the queue."""
    updated = Job.objects.filter(pk=job.pk, status=JobStatus.FAILED).update(
        status=JobStatus.PENDING, progress=0, error="", started_at=None, finished_at=None
    )
    job.refresh_from_db()
    if updated:
        _schedule(job)
    return job


def run_job(job_id: int) -> None:
    """Run a pending job once. A job already claimed by another worker is left alone."""
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.PENDING).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return
    job = Job.objects.select_related("requested_by").get(pk=job_id)
    fn = registry["jobs"][job.name]
    with context.activity(job.requested_by):
        try:
            result = fn(JobContext(job), **job.params)
        except Exception as exc:  # the job's failure is recorded on the job, not raised into the worker
            logger.exception("job %s failed", job_id)
            Job.objects.filter(pk=job_id).update(
                status=JobStatus.FAILED, finished_at=timezone.now(),
                error=f"{exc}\n\n{traceback.format_exc()}"[-10000:],
            )
            return
    Job.objects.filter(pk=job_id).update(status=JobStatus.COMPLETED, finished_at=timezone.now(), result=result)
