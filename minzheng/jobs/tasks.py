"""Huey task: the only bridge between the queue and ``run_job``.

Huey's consumer (``minzheng run_huey``) imports this module in every worker; with
``immediate=True`` (tests) calling ``run_job_task`` runs the job at once through the same path.
"""

from django.db import connections
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, on_shutdown

from minzheng.jobs.services import enqueue_daily_jobs, run_job


@db_task()
def run_job_task(job_id: int) -> None:
    run_job(job_id)


@db_periodic_task(crontab(hour="0", minute="10"))
def daily_jobs_task() -> None:
    """Every day at 00:10: the jobs registered as daily (e.g. lapsing divorce applications, missed appointments)."""
    enqueue_daily_jobs()


@on_shutdown()
def close_database_connections() -> None:
    """A stopping worker thread closes its database connections instead of leaving them to the server."""
    connections.close_all()
