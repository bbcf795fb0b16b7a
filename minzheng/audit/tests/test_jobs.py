"""The ``audit.verify_chain`` job and the page that starts it."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from minzheng.audit import views
from minzheng.audit.choices import ChangeAction
from minzheng.audit.services import record_change, record_event
from minzheng.jobs.choices import JobStatus
from minzheng.jobs.models import Job
from minzheng.jobs.services import enqueue_job


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def make_rows(tree, changes: int, events: int) -> None:
    for i in range(changes):
        record_change(tree.heping, ChangeAction.UPDATE, actor=None, before={"n": i}, after={"n": i + 1})
    for i in range(events):
        record_event("tests.thing.done", actor=None, payload={"i": i})


def run_verify_job(actor, django_capture_on_commit_callbacks, **params) -> Job:
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue_job("audit.verify_chain", actor=actor, params=params)
    job.refresh_from_db()
    return job


def test_verify_job_reports_progress_and_a_valid_chain(tree, hp_admin, django_capture_on_commit_callbacks):
    # given
    make_rows(tree, changes=5, events=2)

    # when
    job = run_verify_job(hp_admin, django_capture_on_commit_callbacks, batch_size=2)

    # then
    assert job.status == JobStatus.COMPLETED
    assert (job.total, job.progress) == (7, 7)
    assert job.result["ok"] is True
    assert [(c["table"], c["checked"], c["head_seq"], c["broken"]) for c in job.result["chains"]] == [
        ("audit_objectchange", 5, 5, None),
        ("audit_auditevent", 2, 2, None),
    ]
    assert [entry["message"] for entry in job.log] == [
        "audit_objectchange: 5 rows verified",
        "audit_auditevent: 2 rows verified",
    ]


def test_verify_job_on_empty_chains(db, django_capture_on_commit_callbacks):
    # when
    job = run_verify_job(None, django_capture_on_commit_callbacks)

    # then
    assert job.status == JobStatus.COMPLETED
    assert (job.total, job.progress, job.result["ok"]) == (0, 0, True)


def test_verify_job_names_the_break(tree, hp_admin, django_capture_on_commit_callbacks):
    # given
    make_rows(tree, changes=3, events=1)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_objectchange SET object_repr = %s WHERE seq = 2", ["伪造"])

    # when
    job = run_verify_job(hp_admin, django_capture_on_commit_callbacks)

    # then
    assert job.status == JobStatus.COMPLETED
    assert job.result["ok"] is False
    assert job.result["chains"][0]["broken"] == {"seq": 2, "reason": "content"}
    assert job.result["chains"][1]["broken"] is None
    assert "audit_objectchange is broken at seq 2: content altered" in [entry["message"] for entry in job.log]


FIXED_NOW = datetime.datetime(2025, 6, 1, 9, 30, 15, tzinfo=datetime.UTC)


@pytest.fixture
def fixed_minute(monkeypatch):
    monkeypatch.setattr(views, "timezone", SimpleNamespace(now=lambda: FIXED_NOW))


def test_verify_page_offers_the_check(client, hp_admin):
    # given
    client.force_login(hp_admin)

    # when
    response = client.get(reverse("audit:verify"))

    # then
    assert response.status_code == 200
    assert '<form method="post">' in response.content.decode()
    assert "开始校验" in response.content.decode()  # zh-hans by default
    assert Job.objects.count() == 0


def test_verify_post_starts_one_job_per_user_and_minute(client, hp_admin, fixed_minute,
                                                         django_capture_on_commit_callbacks):
    # given
    client.force_login(hp_admin)

    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = client.post(reverse("audit:verify"))
        second = client.post(reverse("audit:verify"))

    # then
    job = Job.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == job.get_absolute_url()
    assert len(callbacks) == 1
    assert job.name == "audit.verify_chain"
    assert job.idempotency_key == f"audit.verify_chain:{hp_admin.pk}:202506010930"
    assert job.requested_by == hp_admin
    assert job.status == JobStatus.COMPLETED
    assert client.get(job.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("method", ["get", "post"])
def test_verify_needs_the_change_record_permission(client, make_user, tree, method):
    # given
    worker = make_user("community_worker", tree.hp_community)
    client.force_login(worker)

    # when
    response = getattr(client, method)(reverse("audit:verify"))

    # then
    assert response.status_code == 403
    assert Job.objects.count() == 0
