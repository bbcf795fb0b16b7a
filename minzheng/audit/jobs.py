"""Audit jobs: verifying the hash chains in the background, with progress (house style J1)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from minzheng.audit.services import CHAINS, DEFAULT_BATCH_SIZE, verify_chain
from minzheng.jobs.services import JobContext, register_job

__all__ = ["verify_chain_job"]


@register_job("audit.verify_chain")
def verify_chain_job(job: JobContext, batch_size: int = DEFAULT_BATCH_SIZE) -> dict:
    """Verify every chain; progress counts rows, the result holds one report per table and ``ok``."""
    job.set_total(sum(model.objects.count() for model in CHAINS))
    reports = []
    for model in CHAINS:
        report = verify_chain(model, batch_size=batch_size, on_batch=job.advance)
        values = {"table": report.table, "count": report.checked}
        job.log(ngettext("%(table)s: %(count)s row verified", "%(table)s: %(count)s rows verified", report.checked)
                % values)
        if report.broken is not None:
            job.log(_("%(table)s is broken at seq %(seq)s: %(reason)s")
                    % {"table": report.table, "seq": report.broken.seq, "reason": report.broken.reason.label})
        reports.append(report.as_dict())
    return {"ok": all(report["broken"] is None for report in reports), "chains": reports}
