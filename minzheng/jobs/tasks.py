"""Huey task: the only bridge between the queue and ``run_job``.

Huey's consumer (``minzheng run_huey``) imports this module in every worker; with
``immediate=True`` (tests) calling ``run_job_task`` runs the job at once through the same path.
"""

from django.db import connections
from huey.contrib.djhuey import db_task, on_shutdown

from minzheng.jobs.services import run_job


@db_task()
def run_job_task(job_id: int) -> None:
    run_job(job_id)


@on_shutdown()
def close_database_connections() -> None:
    """A stopping worker thread closes its database connections instead of leaving them to the server."""
    connections.close_all()
