"""Background jobs of the divisions app: importing an uploaded code list."""

from django.utils import translation
from django.utils.translation import gettext as _

from minzheng.divisions import services
from minzheng.divisions.importing import read_rows
from minzheng.jobs.services import JobContext, register_job

__all__ = ["import_codes"]

#: Bad rows written to the job log; the job result always lists all of them.
LOGGED_ERRORS = 50


@register_job("divisions.import_codes")
def import_codes(job: JobContext, *, content: str, filename: str = "", language: str = "") -> dict:
    """Import the code list ``content`` (already decoded text) for the job's requester.

    Returns:
        ``ImportReport.as_dict()``: the counts, or the bad rows when nothing was written.
    """
    with translation.override(language or None):
        rows = read_rows(content)
        job.set_total(len(rows))
        job.log(_("Checking %(rows)d rows of %(file)s.") % {"rows": len(rows), "file": filename or "-"})
        report = services.import_divisions(rows, actor=job.job.requested_by)
        job.advance(len(rows))
        _log_outcome(job, report)
    return report.as_dict()


def _log_outcome(job: JobContext, report) -> None:
    if report.ok:
        job.log(_("Imported: %(created)d created, %(updated)d renamed, %(unchanged)d unchanged.") % {
            "created": report.created, "updated": report.updated, "unchanged": report.unchanged})
        return
    for error in report.errors[:LOGGED_ERRORS]:
        job.log(_("Line %(line)d (%(code)s): %(reason)s") % {"line": error.line, "code": error.code,
                                                               "reason": error.reason})
    job.log(_("%(count)d bad rows; nothing was imported.") % {"count": len(report.errors)})
