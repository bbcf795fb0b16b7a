"""Daily work of the marriage registry, as a daily job: the queue's scheduler enqueues it every night
(``jobs.tasks``); ``minzheng marriage daily`` runs it by hand."""

from django.utils.translation import gettext as _

from minzheng.jobs.services import JobContext, register_job
from minzheng.marriage.booking import close_missed_appointments
from minzheng.marriage.divorces import lapse_divorce_applications
from minzheng.marriage.models import RegistryOffice
from minzheng.marriage.schedule import open_slots_ahead

__all__ = ["DAILY_JOB", "daily", "run_daily", "summary"]

DAILY_JOB = "marriage.daily"


def summary(result: dict) -> str:
    """The daily work's counts in words (the job's log and the command's output)."""
    return _("Lapsed: %(lapsed)d; missed appointments: %(missed)d; slots open: %(slots)d.") % result


def run_daily() -> dict:
    """Lapse the divorce applications whose window has ended, mark past appointments as missed, and make the
    slots of every office's bookable days."""
    lapsed = lapse_divorce_applications()
    missed = close_missed_appointments()
    slots = sum(open_slots_ahead(office) for office in RegistryOffice.objects.filter(is_active=True))
    return {"lapsed": lapsed, "missed": missed, "slots": slots}


@register_job(DAILY_JOB, daily=True)
def daily(job: JobContext) -> dict:
    result = run_daily()
    job.log(summary(result))
    return result
