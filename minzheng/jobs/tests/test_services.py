"""Jobs: enqueue after commit, run through the queue's entry point, record the outcome, retry (J1, J2)."""

import datetime
import signal
import threading

import pytest
from django.db import connections, transaction
from huey import signals as huey_signals
from huey.contrib.djhuey import HUEY
from huey.storage import SqliteStorage

from minzheng.framework.exceptions import DomainError
from minzheng.framework.registry import registry
from minzheng.jobs.choices import JobStatus
from minzheng.jobs.models import Job
from minzheng.jobs.services import enqueue_job, retry_job, run_job


class Calls:
    """What the test jobs saw; ``fail_times`` makes the next runs of ``tests.flaky`` raise."""

    def __init__(self):
        self.runs: list[dict] = []
        self.fail_times = 0


@pytest.fixture
def calls(monkeypatch) -> Calls:
    """Register ``tests.count`` and ``tests.flaky`` for one test."""
    seen = Calls()

    def count(job, *, n: int):
        seen.runs.append({"job": job.job.pk, "n": n})
        job.set_total(n)
        for i in range(n):
            job.advance()
            job.log(f"step {i + 1}")
        return {"counted": n}

    def flaky(job):
        seen.runs.append({"job": job.job.pk})
        if seen.fail_times:
            seen.fail_times -= 1
            raise ValueError("the source file is not readable")
        return "done"

    monkeypatch.setitem(registry["jobs"], "tests.count", count)
    monkeypatch.setitem(registry["jobs"], "tests.flaky", flaky)
    return seen


def committed(captured, fn, *args, **kwargs):
    """Call ``fn`` and run its on-commit callbacks, as a real commit would."""
    with captured(execute=True):
        result = fn(*args, **kwargs)
    if isinstance(result, Job):
        result.refresh_from_db()
    return result


def test_job_runs_after_commit_not_before(calls, hp_admin, django_capture_on_commit_callbacks):
    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = enqueue_job("tests.count", actor=hp_admin, params={"n": 3})
        # then, before commit
        assert calls.runs == []
        assert Job.objects.get(pk=job.pk).status == JobStatus.PENDING

    # then, after commit
    assert len(callbacks) == 1
    assert calls.runs == [{"job": job.pk, "n": 3}]
    job.refresh_from_db()
    assert job.status == JobStatus.COMPLETED


def test_nothing_runs_when_the_transaction_rolls_back(calls, hp_admin, django_capture_on_commit_callbacks):
    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            enqueue_job("tests.count", actor=hp_admin, params={"n": 1})
            raise RuntimeError("the request failed later")

    # then
    assert callbacks == []
    assert calls.runs == []
    assert Job.objects.count() == 0


def test_completed_job_records_status_progress_log_and_result(calls, hp_admin, tree,
                                                               django_capture_on_commit_callbacks):
    # when
    job = committed(django_capture_on_commit_callbacks, enqueue_job, "tests.count", actor=hp_admin,
                    params={"n": 3}, division=tree.heping)

    # then
    assert job.status == JobStatus.COMPLETED
    assert (job.total, job.progress, job.percent) == (3, 3, 100)
    assert [entry["message"] for entry in job.log] == ["step 1", "step 2", "step 3"]
    assert job.result == {"counted": 3}
    assert (job.error, job.attempts) == ("", 1)
    assert job.requested_by == hp_admin
    assert job.division == tree.heping
    assert job.started_at is not None
    assert job.finished_at >= job.started_at


def test_failed_job_records_the_error_and_retry_runs_it_again(calls, hp_admin, django_capture_on_commit_callbacks):
    # given
    calls.fail_times = 1
    job = committed(django_capture_on_commit_callbacks, enqueue_job, "tests.flaky", actor=hp_admin)
    assert job.status == JobStatus.FAILED
    assert job.error.startswith("the source file is not readable\n\nTraceback")
    assert "ValueError" in job.error
    assert job.finished_at is not None

    # when
    job = committed(django_capture_on_commit_callbacks, retry_job, job, actor=hp_admin)

    # then
    assert job.status == JobStatus.COMPLETED
    assert job.result == "done"
    assert (job.error, job.attempts) == ("", 2)
    assert len(calls.runs) == 2


@pytest.mark.parametrize("status", [JobStatus.PENDING, JobStatus.RUNNING, JobStatus.COMPLETED])
def test_retry_leaves_a_job_that_has_not_failed_alone(calls, hp_admin, status, django_capture_on_commit_callbacks):
    # given
    job = Job.objects.create(name="tests.flaky", status=status, requested_by=hp_admin)

    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        retry_job(job, actor=hp_admin)

    # then
    assert callbacks == []
    assert calls.runs == []
    assert Job.objects.get(pk=job.pk).status == status


def test_idempotency_key_returns_the_same_job_without_a_second_run(calls, hp_admin,
                                                                    django_capture_on_commit_callbacks):
    # given
    first = committed(django_capture_on_commit_callbacks, enqueue_job, "tests.count", actor=hp_admin,
                      params={"n": 1}, key="import:2025-06")

    # when
    second = committed(django_capture_on_commit_callbacks, enqueue_job, "tests.count", actor=hp_admin,
                       params={"n": 1}, key="import:2025-06")

    # then
    assert second.pk == first.pk
    assert Job.objects.count() == 1
    assert calls.runs == [{"job": first.pk, "n": 1}]


def test_idempotency_key_requeues_a_failed_job(calls, hp_admin, django_capture_on_commit_callbacks):
    # given
    calls.fail_times = 1
    failed = committed(django_capture_on_commit_callbacks, enqueue_job, "tests.flaky", actor=hp_admin, key="k-1")
    assert failed.status == JobStatus.FAILED

    # when
    again = committed(django_capture_on_commit_callbacks, enqueue_job, "tests.flaky", actor=hp_admin, key="k-1")

    # then
    assert again.pk == failed.pk
    assert again.status == JobStatus.COMPLETED
    assert again.attempts == 2
    assert Job.objects.count() == 1


@pytest.mark.parametrize("status", [JobStatus.RUNNING, JobStatus.COMPLETED, JobStatus.FAILED])
def test_run_job_leaves_a_claimed_or_finished_job_alone(db, calls, status):
    # given
    job = Job.objects.create(name="tests.count", params={"n": 1}, status=status, attempts=1)

    # when
    run_job(job.pk)

    # then
    job.refresh_from_db()
    assert calls.runs == []
    assert (job.status, job.attempts, job.started_at) == (status, 1, None)


def test_run_job_claims_once(db, calls):
    # given
    job = Job.objects.create(name="tests.count", params={"n": 1})

    # when: the task is delivered twice
    run_job(job.pk)
    run_job(job.pk)

    # then
    assert len(calls.runs) == 1
    assert Job.objects.get(pk=job.pk).attempts == 1


def test_unknown_job_name_raises_domain_error(calls, hp_admin):
    # when
    with pytest.raises(DomainError) as excinfo:
        enqueue_job("tests.nonexistent", actor=hp_admin)

    # then
    assert excinfo.value.code == "jobs.unknown"
    assert Job.objects.count() == 0


def test_job_whose_code_is_gone_fails_instead_of_hanging(db, calls):
    # given: queued under a name no longer registered in this worker
    job = Job.objects.create(name="tests.removed")

    # when
    run_job(job.pk)

    # then
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "tests.removed" in job.error


def test_restrict_shows_own_jobs_and_jobs_in_the_area(make_user, tree):
    # given
    approver = make_user("district_approver", tree.heping)
    other = make_user("district_approver", tree.hexi)
    own_citywide = Job.objects.create(name="tests.count", requested_by=approver)
    own_elsewhere = Job.objects.create(name="tests.count", requested_by=approver, division=tree.hexi)
    in_area = Job.objects.create(name="tests.count", requested_by=other, division=tree.hp_community)
    Job.objects.create(name="tests.count", requested_by=other, division=tree.hx_street)
    Job.objects.create(name="tests.count", requested_by=other)

    # when
    visible = set(Job.objects.restrict(approver, "view"))

    # then
    assert visible == {own_citywide, own_elsewhere, in_area}


def test_restrict_without_permission_shows_nothing(make_user, tree):
    # given
    nobody = make_user(None)
    Job.objects.create(name="tests.count", requested_by=nobody)

    # when / then
    assert list(Job.objects.restrict(nobody, "view")) == []


@pytest.mark.parametrize(("status", "polls"), [
    pytest.param(JobStatus.PENDING, True, id="pending_case"),
    pytest.param(JobStatus.RUNNING, True, id="running_case"),
    pytest.param(JobStatus.COMPLETED, False, id="completed_case"),
    pytest.param(JobStatus.FAILED, False, id="failed_case"),
])
def test_htmx_request_gets_the_progress_fragment(client, hp_admin, status, polls):
    # given
    job = Job.objects.create(name="tests.count", status=status, progress=2, total=4, requested_by=hp_admin)
    client.force_login(hp_admin)

    # when
    response = client.get(job.get_absolute_url(), headers={"HX-Request": "true"})

    # then
    assert response.status_code == 200
    assert [t.name for t in response.templates] == ["jobs/job_progress.html"]
    body = response.content.decode()
    assert "<html" not in body
    assert ('hx-trigger="every 1s"' in body) is polls
    assert (f'hx-get="{job.get_absolute_url()}"' in body) is polls


def test_full_job_page_includes_the_fragment(client, hp_admin):
    # given
    job = Job.objects.create(name="tests.count", status=JobStatus.RUNNING, requested_by=hp_admin)
    client.force_login(hp_admin)

    # when
    response = client.get(job.get_absolute_url())

    # then
    assert response.status_code == 200
    names = [t.name for t in response.templates]
    assert "jobs/job.html" in names and "jobs/job_progress.html" in names


# --- the real queue -------------------------------------------------------------------------


@pytest.fixture
def sqlite_queue(tmp_path, monkeypatch):
    """The app's Huey out of immediate mode, on a SQLite queue in a temp file.

    Same instance, same registered task and hooks as in production; only the storage is swapped,
    so the test does not depend on JOB_BROKER_URL.
    """
    monkeypatch.setattr(HUEY, "storage", SqliteStorage(HUEY.name, filename=str(tmp_path / "jobs.sqlite3")))
    monkeypatch.setattr(HUEY, "_immediate", False)
    return HUEY


@pytest.fixture
def consumer(sqlite_queue):
    """A started Huey consumer (one worker thread); stopped, and the signal handlers it set restored, after."""
    handled = [s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None]
    previous = {s: signal.getsignal(s) for s in handled}
    # like the project's queue (jobs/tasks.py), the worker thread closes its database connections when it
    # stops, so no session is left open to block the test database's teardown on PostgreSQL
    sqlite_queue.on_shutdown()(connections.close_all)
    worker = sqlite_queue.create_consumer(workers=1, worker_type="thread", periodic=False,
                                          check_worker_health=False, initial_delay=0.05, max_delay=0.2)
    yield worker
    worker.stop(graceful=True)
    for s, handler in previous.items():
        signal.signal(s, handler)


def test_job_runs_through_a_real_huey_consumer(calls, transactional_db, sqlite_queue, consumer):
    # given: the task waits in the SQLite queue, not run in-process
    done = threading.Event()

    @sqlite_queue.signal(huey_signals.SIGNAL_COMPLETE, huey_signals.SIGNAL_ERROR)
    def finished(signal_name, task, *args, **kwargs):
        done.set()

    try:
        job = enqueue_job("tests.count", actor=None, params={"n": 2})
        assert sqlite_queue.pending_count() == 1
        assert Job.objects.get(pk=job.pk).status == JobStatus.PENDING
        assert calls.runs == []

        # when
        consumer.start()
        assert done.wait(timeout=30), "the consumer did not run the task"
        consumer.stop(graceful=True)
    finally:
        sqlite_queue.disconnect_signal(finished)

    # then
    job.refresh_from_db()
    assert job.status == JobStatus.COMPLETED
    assert job.result == {"counted": 2}
    assert (job.progress, job.total, job.attempts) == (2, 2, 1)
    assert calls.runs == [{"job": job.pk, "n": 2}]
    assert sqlite_queue.pending_count() == 0


def test_daily_jobs_are_enqueued_once_a_day(db, django_capture_on_commit_callbacks):
    from minzheng.jobs.services import daily_jobs, enqueue_daily_jobs
    from minzheng.jobs.tasks import daily_jobs_task

    assert "marriage.daily" in daily_jobs()
    day = datetime.date(2026, 11, 29)
    with django_capture_on_commit_callbacks(execute=True):
        first = enqueue_daily_jobs(day)
        again = enqueue_daily_jobs(day)
    assert [job.pk for job in first] == [job.pk for job in again]  # the date is in the key: once a day
    assert {job.name for job in first} == set(daily_jobs())
    assert all(Job.objects.get(pk=job.pk).status == JobStatus.COMPLETED for job in first)
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_daily_jobs(day + datetime.timedelta(days=1))
    assert Job.objects.filter(name="marriage.daily").count() == 2
    assert daily_jobs_task.task_class.__name__  # the scheduler's periodic task is registered with Huey
