"""Huey task: the only bridge between the queue and ``run_job``."""

from huey.contrib.djhuey import db_task

from minzheng.jobs.services import run_job


@db_task()
def run_job_task(job_id: int) -> None:
    run_job(job_id)
