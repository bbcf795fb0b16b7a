"""Background jobs of the registry: importing a person file."""

from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from minzheng.jobs.services import JobContext, register_job
from minzheng.registry.importing import import_persons, read_file, write_error_report

__all__ = ["IMPORT_DIR", "IMPORT_JOB", "error_report_path", "import_persons_job", "upload_path"]

IMPORT_JOB = "registry.import_persons"

#: Under MEDIA_ROOT: ``imports/<job id>/`` holds the uploaded file and the error report.
IMPORT_DIR = "imports"
ERROR_REPORT = "errors.csv"
#: Bad rows written to the job log; the error report lists all of them.
LOGGED_ERRORS = 20


def job_dir(job_id: int) -> Path:
    return Path(settings.MEDIA_ROOT) / IMPORT_DIR / str(job_id)


def upload_path(job_id: int, filename: str) -> Path:
    """Where the upload of job ``job_id`` is kept (its suffix tells nothing: the content is sniffed)."""
    return job_dir(job_id) / f"upload{Path(filename).suffix.lower()[:8]}"


def error_report_path(job_id: int) -> Path:
    return job_dir(job_id) / ERROR_REPORT


@register_job(IMPORT_JOB)
def import_persons_job(job: JobContext, *, path: str, filename: str = "", all_or_nothing: bool = False,
                       language: str = "") -> dict:
    """Import the uploaded file at ``path`` for the job's requester; bad rows go to the error report.

    Returns:
        ``ImportReport.as_dict()`` (the first errors only) and, when rows were bad, ``error_report``:
        the report's path under MEDIA_ROOT, served to the requester by ``ImportErrorReportView``.
    """
    with translation.override(language or None):
        table = read_file(Path(path))
        job.set_total(2 * len(table.rows))
        job.log(_("Checking %(rows)d rows of %(file)s.") % {"rows": len(table.rows), "file": filename or "-"})
        if table.ignored:
            job.log(_("Columns ignored: %(columns)s.") % {"columns": ", ".join(table.ignored)})
        report = import_persons(table, actor=job.job.requested_by, all_or_nothing=all_or_nothing,
                                source=filename, progress=job.advance)
        result = report.as_dict()
        if report.errors:
            report_path = write_error_report(report.errors, error_report_path(job.job.pk))
            result["error_report"] = str(report_path.relative_to(settings.MEDIA_ROOT))
        _log_outcome(job, report)
    return result


def _log_outcome(job: JobContext, report) -> None:
    for error in report.errors[:LOGGED_ERRORS]:
        job.log(_("Line %(line)d, %(column)s: %(reason)s") % {"line": error.line, "column": error.column,
                                                                "reason": error.reason})
    if report.errors:
        job.log(_("%(count)d bad rows; download the error report for all of them.") % {"count": report.bad_rows})
    if report.errors and report.all_or_nothing:
        job.log(_("Nothing was imported: the import was to load all rows or none."))
        return
    counts = report.counts
    job.log(_("Imported %(loaded)d rows: %(created)d people created, %(updated)d updated, %(unchanged)d unchanged; "
              "%(households)d households created, %(households_updated)d updated.") % {
        "loaded": report.loaded, "created": counts.persons_created, "updated": counts.persons_updated,
        "unchanged": counts.persons_unchanged, "households": counts.households_created,
        "households_updated": counts.households_updated})
