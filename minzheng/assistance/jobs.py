"""Background jobs of social assistance: the recalculation after a standard or rule set changed."""

from minzheng.assistance import recalculation
from minzheng.jobs.services import JobContext, register_job

__all__ = ["recalculate_job"]


@register_job(recalculation.RECALCULATE_JOB)
def recalculate_job(job: JobContext, *, parameter: str, program: int, division: int, effective_from: str,
                    trigger: str, area_type: str = "") -> dict:
    """Write the per-district recalculation batches of what a standard or rule set covers (see
    ``recalculation.recalculate``); cases that cannot be quoted are listed in the job's log."""
    return recalculation.recalculate(parameter=parameter, program=program, division=division,
                                     effective_from=effective_from, trigger=trigger, area_type=area_type,
                                     actor=job.job.requested_by, log=job.log)
