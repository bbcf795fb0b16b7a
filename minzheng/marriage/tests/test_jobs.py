"""The daily work: the job and the command run the same thing."""

import datetime

from django.core.management import call_command

from minzheng.jobs.services import enqueue_job
from minzheng.marriage.choices import DivorceStatus
from minzheng.marriage.divorces import DivorcePartyInput, receive_divorce
from minzheng.marriage.jobs import DAILY_JOB
from minzheng.marriage.models import DivorceApplication, Slot
from minzheng.marriage.tests.factories import person_id

DOCUMENTS = frozenset({"household_register", "id_card", "marriage_certificate"})


def old_application(office, clerk):
    return receive_divorce(office, DivorcePartyInput(name="张伟", id_number=person_id("1"), documents=DOCUMENTS),
                           DivorcePartyInput(name="李娜", id_number=person_id("2"), documents=DOCUMENTS),
                           marriage_certificate_number="J120101-2015-000001", agreement_signed=True, actor=clerk,
                           on=datetime.date(2026, 6, 1))


def test_the_daily_job_lapses_and_opens_slots(office, clerk, city_admin, django_capture_on_commit_callbacks):
    application = old_application(office, clerk)
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue_job(DAILY_JOB, actor=city_admin)
    job.refresh_from_db()
    assert job.status == "completed" and job.result["lapsed"] == 1 and job.result["slots"] == Slot.objects.count() > 0
    application.refresh_from_db()
    assert application.status == DivorceStatus.LAPSED


def test_the_command_does_the_same(office, clerk, capsys):
    old_application(office, clerk)
    call_command("marriage", "daily")
    assert DivorceApplication.objects.get().status == DivorceStatus.LAPSED
    assert capsys.readouterr().out.strip()
