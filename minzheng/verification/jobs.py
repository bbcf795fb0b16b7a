"""Background jobs of the verification app: loading an uploaded source file as a snapshot, the batch review."""

import datetime
import shutil
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from minzheng.jobs.models import Job
from minzheng.jobs.services import JobContext, enqueue_job, register_job
from minzheng.registry.importing import write_error_report
from minzheng.verification.annual import BATCH_JOB, recipients, run_batch_review
from minzheng.verification.choices import BatchStatus
from minzheng.verification.models import BatchReview
from minzheng.verification.services import LoadReport, ensure_may_load, load_snapshot

__all__ = ["LOAD_JOB", "batch_review_job", "error_report_path", "load_snapshot_job", "start_load", "upload_path"]

LOAD_JOB = "verification.load_snapshot"
#: Under MEDIA_ROOT: ``verification/<job id>/`` holds the uploaded file and the error report.
UPLOAD_DIR = "verification"
#: Bad rows written to the job log; the error report lists all of them.
LOGGED_ERRORS = 20


def job_dir(job_id: int) -> Path:
    return Path(settings.MEDIA_ROOT) / UPLOAD_DIR / str(job_id)


def upload_path(job_id: int, filename: str) -> Path:
    return job_dir(job_id) / f"upload{Path(filename).suffix.lower()[:8]}"


def error_report_path(job_id: int) -> Path:
    return job_dir(job_id) / "errors.csv"


def start_load(upload, *, kind: str, as_of: datetime.date, actor, label: str = "") -> Job:
    """Queue the loading of ``upload`` (a file object with a ``name``); the file is kept under the job's id.

    Raises:
        PermissionDenied: ``actor`` may not load snapshots (no job is created).
    """
    ensure_may_load(actor)
    params = {"kind": kind, "as_of": as_of.isoformat(), "label": label, "filename": upload.name,
              "language": translation.get_language() or ""}
    with transaction.atomic():
        job = enqueue_job(LOAD_JOB, actor=actor, params=params)
        target = upload_path(job.pk, upload.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            shutil.copyfileobj(upload, handle)
        job.params = {**params, "path": str(target)}
        Job.objects.filter(pk=job.pk).update(params=job.params)
    return job


@register_job(LOAD_JOB)
def load_snapshot_job(job: JobContext, *, path: str, kind: str, as_of: str, label: str = "", filename: str = "",
                      language: str = "") -> dict:
    """Load the uploaded file at ``path`` for the job's requester; bad rows go to the error report.

    Returns:
        ``LoadReport.as_dict()`` and, when rows were bad, ``error_report`` (its path under MEDIA_ROOT).
    """
    with translation.override(language or None):
        report = load_snapshot(kind, Path(path), as_of=datetime.date.fromisoformat(as_of),
                               actor=job.job.requested_by, label=label, file_name=filename, progress=job.advance)
        result = report.as_dict()
        if report.errors:
            report_path = write_error_report(report.errors, error_report_path(job.job.pk))
            result["error_report"] = str(report_path.relative_to(settings.MEDIA_ROOT))
        _log_outcome(job, report)
    return result


def _log_outcome(job: JobContext, report: LoadReport) -> None:
    for error in report.errors[:LOGGED_ERRORS]:
        job.log(_("Line %(line)d, %(column)s: %(reason)s") % {"line": error.line, "column": error.column,
                                                                "reason": error.reason})
    if report.snapshot_id is None:
        job.log(_("No row was good: nothing was loaded and the current snapshot is unchanged."))
        return
    job.log(_("Loaded %(loaded)d of %(rows)d rows; %(rejected)d rows rejected.") % {
        "loaded": report.loaded, "rows": report.rows, "rejected": report.rejected})


@register_job(BATCH_JOB)
def batch_review_job(job: JobContext, *, batch: int, language: str = "") -> dict:
    """Run the batch review ``batch`` (its reasons in the requester's ``language``); a failure marks it failed
    (its findings are rolled back) and re-raises."""
    review = BatchReview.objects.get(pk=batch)
    job.set_total(recipients().count())
    try:
        with translation.override(language or None):
            run_batch_review(review, progress=job.advance)
    except Exception as exc:
        BatchReview.objects.filter(pk=batch).update(status=BatchStatus.FAILED, error=str(exc)[:2000],
                                                    finished_at=timezone.now())
        raise
    job.log(_("%(checked)d households checked: %(ineligible)d not eligible, %(review)d to review by hand, "
              "%(amount)d with a changed income; %(tasks)d review tasks opened.") % {
        "checked": review.checked, "ineligible": review.ineligible, "review": review.needs_review,
        "amount": review.amount_changes, "tasks": review.tasks_opened})
    return {"batch": review.pk, "checked": review.checked, "ineligible": review.ineligible,
            "review": review.needs_review, "amount": review.amount_changes, "tasks": review.tasks_opened}
