"""Loading source snapshots: good files, bad rows, refused files, replacement, permissions, job, page, API, command."""

import csv
import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.urls import reverse

from minzheng.audit.models import AuditEvent
from minzheng.framework.exceptions import DomainError
from minzheng.jobs.choices import JobStatus
from minzheng.jobs.models import Job
from minzheng.verification.choices import SnapshotStatus, SourceKind
from minzheng.verification.events import VerificationEvent
from minzheng.verification.jobs import LOAD_JOB, error_report_path
from minzheng.verification.models import SourceRecord, SourceSnapshot
from minzheng.verification.services import load_snapshot
from minzheng.verification.tests.factories import csv_file, id_number, make_snapshot, xlsx_file

AS_OF = datetime.date(2026, 10, 31)
GOOD = [[id_number(1), "张三明", "3200.5"], [id_number(3), "李四光", "1,800"], [id_number(5), "王五福", "0"]]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def state() -> tuple:
    return (list(SourceSnapshot.objects.order_by("pk").values_list("pk", "status", "superseded_at")),
            SourceRecord.objects.count(), AuditEvent.objects.filter(code=VerificationEvent.SNAPSHOT_LOADED).count())


# Good files


def test_a_good_csv_file_becomes_the_current_snapshot(city_admin):
    report = load_snapshot(SourceKind.WAGES, csv_file(GOOD), as_of=AS_OF, actor=city_admin, label="人社 10 月",
                           file_name="wages.csv")

    snapshot = SourceSnapshot.objects.get()
    assert (report.rows, report.loaded, report.rejected, report.errors) == (3, 3, 0, [])
    assert report.snapshot_id == snapshot.pk and report.superseded_id is None
    assert (snapshot.kind, snapshot.status, snapshot.as_of, snapshot.row_count, snapshot.rejected_count) == (
        SourceKind.WAGES, SnapshotStatus.CURRENT, AS_OF, 3, 0)
    assert (snapshot.label, snapshot.file_name, snapshot.loaded_by) == ("人社 10 月", "wages.csv", city_admin)
    stored = list(snapshot.records.order_by("pk").values_list("id_number", "name", "amount"))
    assert stored == [(id_number(1), "张三明", Decimal("3200.50")), (id_number(3), "李四光", Decimal("1800.00")),
                      (id_number(5), "王五福", Decimal("0.00"))]
    event = AuditEvent.objects.get(code=VerificationEvent.SNAPSHOT_LOADED)
    assert (event.payload["loaded"], event.payload["rejected"]) == (3, 0)


def test_an_xlsx_file_with_chinese_headers_and_the_kinds_own_columns(city_admin):
    rows = [[id_number(7), "赵六", 850000, 89.5, "住宅", "津(2020)和平区不动产权第0001号"],
            [id_number(9), "钱七", "420000.00", "", "商业", ""]]
    data = xlsx_file(rows, header=("身份证号", "姓名", "金额", "面积", "类别", "编号", "备注"))

    report = load_snapshot(SourceKind.REAL_ESTATE, data, as_of=AS_OF, actor=city_admin)

    assert (report.loaded, report.ignored) == (2, ["备注"])
    first, second = SourceRecord.objects.order_by("pk")
    assert (first.amount, first.quantity, first.category, first.reference) == (
        Decimal("850000.00"), Decimal("89.50"), "住宅", "津(2020)和平区不动产权第0001号")
    assert (second.quantity, second.category, second.period) == (None, "商业", None)


def test_months_are_read_in_the_usual_forms(city_admin):
    header = ("id_number", "name", "amount", "period")
    rows = [[id_number(1), "甲", "1", "2026-10"], [id_number(3), "乙", "1", "202609"],
            [id_number(5), "丙", "1", "2026年8月"], [id_number(7), "丁", "1", "2026-07-15"]]
    load_snapshot(SourceKind.PENSION, csv_file(rows, header), as_of=AS_OF, actor=None)
    assert list(SourceRecord.objects.order_by("pk").values_list("period", flat=True)) == [
        datetime.date(2026, 10, 1), datetime.date(2026, 9, 1), datetime.date(2026, 8, 1), datetime.date(2026, 7, 1)]


# Bad rows


def test_bad_rows_are_reported_and_the_good_ones_committed(city_admin):
    header = ("id_number", "name", "amount", "period")
    bad_check = id_number(11)[:17] + ("0" if id_number(11)[17] != "0" else "1")
    rows = [[id_number(1), "张三明", "3200", "2026-10"],
            [bad_check, "李四光", "100", ""],            # line 3: check character
            [id_number(5), "", "100", ""],                # line 4: name
            [id_number(7), "赵六", "-1", ""],             # line 5: negative amount
            [id_number(9), "钱七", "abc", "2026-13"],     # line 6: amount and month
            [id_number(13), "孙八", "12.345", "2026/9"]]
    report = load_snapshot(SourceKind.WAGES, csv_file(rows, header), as_of=AS_OF, actor=city_admin)

    assert (report.rows, report.loaded, report.rejected) == (6, 2, 4)
    assert [(error.line, error.column) for error in report.errors] == [
        (3, "id_number"), (4, "name"), (5, "amount"), (6, "amount"), (6, "period")]
    assert all(error.reason for error in report.errors)
    snapshot = SourceSnapshot.objects.get()
    assert (snapshot.row_count, snapshot.rejected_count, snapshot.status) == (2, 4, SnapshotStatus.CURRENT)
    assert list(snapshot.records.order_by("pk").values_list("name", "amount")) == [
        ("张三明", Decimal("3200.00")), ("孙八", Decimal("12.35"))]


def test_a_file_without_a_good_row_writes_nothing_and_keeps_the_current_snapshot(city_admin):
    current = make_snapshot(records=[(id_number(1), "张三明", Decimal("1"))])
    before = state()
    report = load_snapshot(SourceKind.WAGES, csv_file([["123", "甲", "1"]]), as_of=AS_OF, actor=city_admin)
    assert (report.snapshot_id, report.loaded, report.rejected) == (None, 0, 1)
    assert state() == before
    current.refresh_from_db()
    assert current.status == SnapshotStatus.CURRENT


# Refused files: nothing is written


@pytest.mark.parametrize(("data", "code"), [
    (csv_file(GOOD, header=("id_number", "name")), "verification.columns_missing"),
    (csv_file(GOOD, header=("身份证号", "金额", "备注")), "verification.columns_missing"),
    (b"", "verification.file_empty"),
    (b"\n\n", "verification.file_empty"),
    (csv_file([]), "verification.file_empty"),
    (b"PK\x03\x04 not really a workbook", "verification.file_unreadable"),
    (b"\xff\xfe\x00\x00\x81", "verification.file_unreadable"),
], ids=["no-amount", "no-name", "empty", "blank-lines", "header-only", "broken-xlsx", "binary"])
def test_a_refused_file_writes_nothing(city_admin, data, code):
    make_snapshot()
    before = state()
    with pytest.raises(DomainError) as caught:
        load_snapshot(SourceKind.WAGES, data, as_of=AS_OF, actor=city_admin)
    assert caught.value.code == code
    assert str(caught.value.message)
    assert state() == before


def test_an_unknown_kind_is_refused(city_admin):
    with pytest.raises(DomainError) as caught:
        load_snapshot("salary", csv_file(GOOD), as_of=AS_OF, actor=city_admin)
    assert caught.value.code == "verification.kind_unknown"
    assert not SourceSnapshot.objects.exists()


# Replacement


def test_a_new_snapshot_supersedes_the_current_one_which_stays_readable(city_admin):
    first = load_snapshot(SourceKind.WAGES, csv_file(GOOD), as_of=datetime.date(2026, 9, 30), actor=city_admin)
    load_snapshot(SourceKind.VEHICLE, csv_file(GOOD[:1]), as_of=AS_OF, actor=city_admin)
    second = load_snapshot(SourceKind.WAGES, csv_file(GOOD[:2]), as_of=AS_OF, actor=city_admin)

    assert second.superseded_id == first.snapshot_id
    old, new = SourceSnapshot.objects.get(pk=first.snapshot_id), SourceSnapshot.objects.get(pk=second.snapshot_id)
    assert (old.status, new.status) == (SnapshotStatus.SUPERSEDED, SnapshotStatus.CURRENT)
    assert old.superseded_at is not None and new.superseded_at is None
    assert (old.records.count(), new.records.count()) == (3, 2)
    current = SourceSnapshot.objects.filter(status=SnapshotStatus.CURRENT)
    assert sorted(current.values_list("kind", flat=True)) == [SourceKind.VEHICLE, SourceKind.WAGES]


@pytest.mark.django_db
def test_the_database_allows_one_current_snapshot_per_kind():
    make_snapshot(SourceKind.WAGES)
    make_snapshot(SourceKind.WAGES, status=SnapshotStatus.SUPERSEDED)
    make_snapshot(SourceKind.TAX)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_snapshot(SourceKind.WAGES)
    assert SourceSnapshot.objects.filter(kind=SourceKind.WAGES, status=SnapshotStatus.CURRENT).count() == 1


# Permissions


@pytest.mark.parametrize("who", ["hp_worker", "hp_admin", "hx_approver"])
def test_only_a_city_level_role_may_load(request, who):
    user = request.getfixturevalue(who)  # a community worker, a city admin granted in one district, an approver
    before = state()
    with pytest.raises(PermissionDenied):
        load_snapshot(SourceKind.WAGES, csv_file(GOOD), as_of=AS_OF, actor=user)
    assert state() == before


def upload(kind=SourceKind.WAGES, data=None, name="wages.csv"):
    return {"kind": kind, "as_of": "2026-10-31", "label": "人社",
            "file": SimpleUploadedFile(name, data if data is not None else csv_file(GOOD))}


def test_the_upload_page_queues_a_job_that_loads_the_file(login_as, city_admin, django_capture_on_commit_callbacks):
    client = login_as(city_admin)
    assert client.get(reverse("verification:sourcesnapshot_upload")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("verification:sourcesnapshot_upload"), upload())
    job = Job.objects.get(name=LOAD_JOB)
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert job.status == JobStatus.COMPLETED, job.error
    assert (job.result["loaded"], job.result["rejected"]) == (3, 0)
    snapshot = SourceSnapshot.objects.get()
    assert (snapshot.file_name, snapshot.label, snapshot.loaded_by) == ("wages.csv", "人社", city_admin)


def test_the_job_writes_an_error_report_for_its_requester(login_as, city_admin, hx_approver,
                                                         django_capture_on_commit_callbacks):
    client = login_as(city_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("verification:sourcesnapshot_upload"), upload(data=csv_file([*GOOD, ["1", "甲", "1"]])))
    job = Job.objects.get(name=LOAD_JOB)
    assert (job.result["rejected"], job.result["errors_total"], job.result["error_report"]) == (
        1, 1, f"verification/{job.pk}/errors.csv")
    with error_report_path(job.pk).open(encoding="utf-8-sig") as handle:
        assert [row[0] for row in csv.reader(handle)][1:] == ["5"]
    url = reverse("verification:load_errors", args=[job.pk])
    assert client.get(url).status_code == 200
    assert login_as(hx_approver).get(url).status_code == 404


def test_the_upload_page_refuses_a_file_without_the_columns(login_as, city_admin):
    response = login_as(city_admin).post(reverse("verification:sourcesnapshot_upload"),
                                         upload(data=csv_file(GOOD, header=("id_number", "name"))))
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Job.objects.exists()


@pytest.mark.parametrize("who", ["hp_worker", "hp_admin", "hx_approver"])
def test_the_upload_page_refuses_other_roles(request, login_as, who):
    client = login_as(request.getfixturevalue(who))
    assert client.get(reverse("verification:sourcesnapshot_upload")).status_code == 403
    assert client.post(reverse("verification:sourcesnapshot_upload"), upload()).status_code == 403
    assert not Job.objects.exists() and not SourceSnapshot.objects.exists()


def test_a_community_worker_cannot_read_source_data(login_as, api_as, hp_worker):
    make_snapshot(records=[(id_number(1), "张三明", Decimal("1"))])
    assert login_as(hp_worker).get(reverse("verification:sourcesnapshot_list")).status_code == 403
    assert api_as(hp_worker).get(reverse("verification-api:sourcerecord-list")).status_code == 403


def test_a_district_approver_reads_every_snapshot(login_as, hx_approver):
    snapshot = make_snapshot(records=[(id_number(1), "张三明", Decimal("1"))])
    page = login_as(hx_approver).get(snapshot.get_absolute_url())
    assert page.status_code == 200
    assert "张三明" in page.content.decode() and id_number(1) not in page.content.decode()


def test_the_api_upload_queues_a_job(api_as, city_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(city_admin).post(reverse("verification-api:sourcesnapshot-upload"), upload(),
                                           format="multipart")
    assert response.status_code == 202, response.content
    job = Job.objects.get(pk=response.json()["job"])
    assert job.status == JobStatus.COMPLETED, job.error
    assert SourceSnapshot.objects.get().row_count == 3


def test_the_api_upload_refuses_missing_columns(api_as, city_admin):
    response = api_as(city_admin).post(reverse("verification-api:sourcesnapshot-upload"),
                                       upload(data=csv_file(GOOD, header=("name", "amount"))), format="multipart")
    assert response.status_code == 400
    assert response.json()["code"] == "verification.columns_missing"
    assert not Job.objects.exists()


@pytest.mark.parametrize("who", ["hp_worker", "hp_admin", "hx_approver"])
def test_the_api_upload_refuses_other_roles(request, api_as, who):
    response = api_as(request.getfixturevalue(who)).post(reverse("verification-api:sourcesnapshot-upload"), upload(),
                                                         format="multipart")
    assert response.status_code == 403
    assert not Job.objects.exists() and not SourceSnapshot.objects.exists()


# Management command


def test_the_command_loads_a_file(db, tmp_path, capsys):
    path = tmp_path / "车辆.csv"
    header = ("身份证号", "姓名", "金额", "类型")
    path.write_bytes(csv_file([[id_number(1), "张三明", "56000", "小型轿车"]], header=header))
    call_command("verification", "load", "vehicle", str(path), "--as-of", "2026-10-31")
    snapshot = SourceSnapshot.objects.get()
    assert (snapshot.kind, snapshot.file_name, snapshot.loaded_by, snapshot.records.get().category) == (
        SourceKind.VEHICLE, "车辆.csv", None, "小型轿车")
    assert f"{snapshot.pk}" in capsys.readouterr().out


def test_the_command_reports_a_refused_file(db, tmp_path):
    path = tmp_path / "wages.csv"
    path.write_bytes(csv_file(GOOD, header=("id_number", "name")))
    with pytest.raises(CommandError):
        call_command("verification", "load", "wages", str(path), "--as-of", "2026-10-31")
    assert not SourceSnapshot.objects.exists()


def test_large_files_are_written_in_chunks_with_progress(city_admin, monkeypatch):
    monkeypatch.setattr("minzheng.verification.services.CHUNK", 2)
    steps = []
    rows = [[id_number(sequence), f"人员{sequence}", str(sequence)] for sequence in range(1, 10, 2)]
    report = load_snapshot(SourceKind.DEPOSIT, csv_file(rows), as_of=AS_OF, actor=city_admin, progress=steps.append)
    assert (report.loaded, steps) == (5, [2, 2, 1])
    assert SourceRecord.objects.filter(snapshot_id=report.snapshot_id).count() == 5
