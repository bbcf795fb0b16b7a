"""Enqueueing and running jobs. Work is registered with ``@register_job`` and started after commit."""

import json
import logging
import traceback
from collections.abc import Callable

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.framework import context
from minzheng.framework.exceptions import DomainError
from minzheng.framework.registry import registry
from minzheng.jobs.choices import JobStatus
from minzheng.jobs.models import Job

__all__ = ["JobContext", "daily_jobs", "enqueue_daily_jobs", "enqueue_job", "register_job", "retry_job", "run_job"]

logger = logging.getLogger(__name__)
LOG_LIMIT = 500


def register_job(name: str, *, daily: bool = False) -> Callable:
    """Register ``fn(job: JobContext, **params)`` as the job called ``name`` (``app.verb_noun``); a ``daily`` job
    (no parameters) is also enqueued once a day by the queue's scheduler (``jobs.tasks``)."""

    def wrapper(fn):
        registry["jobs"][name] = fn
        if daily:
            registry["daily_jobs"][name] = True
        return fn

    return wrapper


def daily_jobs() -> list[str]:
    return sorted(registry["daily_jobs"])


def enqueue_daily_jobs(day=None) -> list[Job]:
    """Enqueue each daily job once for ``day`` (default today): the idempotency key holds the date."""
    day = day or timezone.localdate()
    return [enqueue_job(name, actor=None, key=f"{name}.{day.isoformat()}") for name in daily_jobs()]


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
    """Hand the job to the queue once the surrounding transaction commits (never before, never on rollback)."""
    from minzheng.jobs.tasks import run_job_task

    transaction.on_commit(lambda: run_job_task(job.pk))


@transaction.atomic
def enqueue_job(name: str, *, actor, params: dict | None = None, division=None, key: str | None = None) -> Job:
    """Create a job and start it once the surrounding transaction commits.

    With ``key``, a second request for the same work returns the existing job instead of
    starting another (a failed one is retried).

    Args:
        name: a name registered with ``@register_job``.
        actor: the requesting user (``None`` for system jobs).
        params: JSON-ready keyword arguments for the job function.
        division: the area the job concerns; users with a role there may see it.
        key: an idempotency key, unique across all jobs.

    Raises:
        DomainError: no job is registered under ``name``.
    """
    if name not in registry["jobs"]:
        raise DomainError(_("Unknown job %(name)s.") % {"name": name}, code="jobs.unknown")
    if key:
        existing = Job.objects.select_for_update().filter(idempotency_key=key).first()
        if existing is not None:
            return _reuse(existing, actor)
    try:
        with transaction.atomic():
            job = Job.objects.create(
                name=name, params=params or {}, idempotency_key=key or None,
                requested_by=actor if getattr(actor, "pk", None) else None, division=division,
            )
    except IntegrityError:
        if not key:
            raise
        # A concurrent request with the same key inserted first.
        return _reuse(Job.objects.select_for_update().get(idempotency_key=key), actor)
    _schedule(job)
    return job


def _reuse(existing: Job, actor) -> Job:
    return retry_job(existing, actor=actor) if existing.status == JobStatus.FAILED else existing


@transaction.atomic
def retry_job(job: Job, *, actor) -> Job:
    """Put a failed job back in the queue (after commit); a job in any other state is returned unchanged."""
    updated = Job.objects.filter(pk=job.pk, status=JobStatus.FAILED).update(
        status=JobStatus.PENDING, progress=0, error="", result=None, started_at=None, finished_at=None
    )
    job.refresh_from_db()
    if updated:
        _schedule(job)
    return job


def _claim(job_id: int) -> bool:
    """Move the job from pending to running in one conditional UPDATE; False when another worker has it."""
    return bool(Job.objects.filter(pk=job_id, status=JobStatus.PENDING).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1
    ))


def _fail(job_id: int, exc: Exception) -> None:
    logger.exception("job %s failed", job_id)
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.FAILED, finished_at=timezone.now(), error=f"{exc}\n\n{traceback.format_exc()}"[-10000:],
    )


def run_job(job_id: int) -> None:
    """Run a pending job once, as its requester; record its result or its error.

    This is the queue's only entry point (``tasks.run_job_task``), in tests as in production.
    A job already claimed by another worker, or finished, is left alone.
    """
    if not _claim(job_id):
        return
    job = Job.objects.select_related("requested_by").get(pk=job_id)
    with context.activity(job.requested_by):
        try:
            fn = registry["jobs"][job.name]
            result = json.loads(json.dumps(fn(JobContext(job), **job.params), cls=DjangoJSONEncoder))
        except Exception as exc:  # the job's failure is recorded on the job, not raised into the worker
            _fail(job_id, exc)
            return
    Job.objects.filter(pk=job_id).update(status=JobStatus.COMPLETED, finished_at=timezone.now(), result=result)
