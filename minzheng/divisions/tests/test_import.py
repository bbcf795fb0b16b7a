import io

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from minzheng.audit.models import AuditEvent
from minzheng.divisions.choices import Kind, Level
from minzheng.divisions.events import DivisionEvent
from minzheng.divisions.importing import ImportRow, RowError, decode_file, read_rows
from minzheng.divisions.models import Division
from minzheng.divisions.services import import_divisions, load_reference
from minzheng.framework.exceptions import DomainError
from minzheng.jobs.choices import JobStatus
from minzheng.jobs.models import Job

GOOD_FILE = """代码,名称,城乡分类
120101001000,劝业场街道,
120101001001,花园社区,111

120117100000,芦台镇,
120117100201,东村,220
120117100001,芦台镇中心社区,121
120116401000,天津港保税区,
"""


@pytest.fixture
def loaded(tree):
    """The reference data on top of the shared ``tree`` (和平区, 河西区, a street and community in each)."""
    load_reference()
    return tree


def state() -> list[tuple]:
    return list(Division.objects.order_by("pk").values_list("code", "name", "path", "urban_rural_class", "is_demo"))


def imported_events() -> int:
    return AuditEvent.objects.filter(code=DivisionEvent.CODES_IMPORTED).count()


# Reading files


def test_read_rows_skips_the_header_and_blank_lines_and_keeps_file_lines():
    rows = read_rows(GOOD_FILE)

    assert [row.line for row in rows] == [2, 3, 5, 6, 7, 8]
    assert rows[1] == ImportRow("120101001001", "花园社区", "111", 3)


def test_read_rows_without_header_reads_tabs_and_pads_missing_columns():
    rows = read_rows("120101001000\t劝业场街道\n120101002000\n")

    assert rows == [ImportRow("120101001000", "劝业场街道", "", 1), ImportRow("120101002000", "", "", 2)]


def test_a_bad_first_code_is_not_taken_for_a_header():
    assert read_rows("12010100100A,劝业场街道,\n") == [ImportRow("12010100100A", "劝业场街道", "", 1)]


@pytest.mark.parametrize(("_case", "data"), [
    ("utf-8", GOOD_FILE.encode("utf-8")),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + GOOD_FILE.encode("utf-8")),
    ("gb18030", GOOD_FILE.encode("gb18030")),
])
def test_decode_file_accepts_utf8_and_gb18030(_case, data):
    assert decode_file(data) == GOOD_FILE


def test_decode_file_refuses_other_bytes():
    with pytest.raises(DomainError) as excinfo:
        decode_file(b"\x80\xff\xfe")

    assert excinfo.value.code == "divisions.import_encoding"


# Importing good files


def test_import_creates_units_with_level_kind_parent_and_path(loaded, city_admin):
    report = import_divisions(read_rows(GOOD_FILE), actor=city_admin)

    assert (report.ok, report.rows, report.created, report.updated, report.unchanged) == (True, 6, 4, 1, 1)
    new = Division.objects.filter(code__in=["120117100000", "120117100201", "120117100001", "120116401000"])
    assert list(new.order_by("code").values_list("code", "level", "kind", "urban_rural_class", "path")) == [
        ("120116401000", Level.STREET, Kind.SPECIAL, "", "120000/120116/120116401000/"),
        ("120117100000", Level.STREET, Kind.TOWN, "", "120000/120117/120117100000/"),
        ("120117100001", Level.COMMUNITY, Kind.COMMUNITY, "121", "120000/120117/120117100000/120117100001/"),
        ("120117100201", Level.COMMUNITY, Kind.VILLAGE, "220", "120000/120117/120117100000/120117100201/"),
    ]
    assert set(new.values_list("created_by__username", flat=True)) == {"city_admin"}


def test_import_renames_existing_current_codes(loaded, city_admin):
    import_divisions(read_rows(GOOD_FILE), actor=city_admin)

    community = Division.objects.get(code="120101001001")
    assert (community.pk, community.name, community.urban_rural_class) == (loaded.hp_community.pk, "花园社区", "111")
    assert community.path == "120000/120101/120101001000/120101001001/"
    assert community.updated_by.username == "city_admin"


def test_importing_the_same_file_again_changes_nothing(loaded, city_admin):
    import_divisions(read_rows(GOOD_FILE), actor=city_admin)
    before = state()

    report = import_divisions(read_rows(GOOD_FILE), actor=city_admin)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 6)
    assert state() == before


def test_imported_data_clears_the_demo_flag(loaded, city_admin):
    Division.objects.filter(code="120101001000").update(is_demo=True)

    report = import_divisions([("120101001000", "劝业场街道", "")], actor=city_admin)

    assert report.updated == 1
    assert Division.objects.get(code="120101001000").is_demo is False


def test_a_parent_may_come_later_in_the_file(loaded, city_admin):
    report = import_divisions([("120117100201", "东村", "220"), ("120117100000", "芦台镇", "")], actor=city_admin)

    assert report.created == 2
    assert Division.objects.get(code="120117100201").parent.code == "120117100000"


def test_import_writes_one_event_with_the_counts(loaded, city_admin):
    import_divisions(read_rows(GOOD_FILE), actor=city_admin)

    event = AuditEvent.objects.get(code=DivisionEvent.CODES_IMPORTED)
    assert event.payload == {"rows": 6, "created": 4, "updated": 1, "unchanged": 1}
    assert event.actor == city_admin


def test_import_uses_bulk_writes(loaded, city_admin, django_assert_max_num_queries):
    rows = [(f"120117100{n:03d}", f"社区{n}", "111") for n in range(1, 101)]

    with django_assert_max_num_queries(20):
        report = import_divisions([("120117100000", "芦台镇", ""), *rows], actor=city_admin)

    assert report.created == 101


# Importing bad files

BAD_ROWS = [
    ("empty code", ("", "某街道", ""), "the code is empty"),
    ("letters", ("12010100200A", "某街道", ""), "the code must contain digits only"),
    ("length", ("1201010", "某街道", ""), "the code must have 6 or 12 digits"),
    ("grouping code", ("120100", "市辖区", ""), "120100 is a province or grouping code, not a county-level unit"),
    ("county in 12 digits", ("120101000000", "和平区", ""),
     "120101000000 is a county or higher code in 12-digit form; use the 6-digit code"),
    ("township segment", ("120101700000", "某街道", ""), "township-level segment 700 is outside the ranges 001–599"),
    ("empty name", ("120101003000", "", ""), "the name is empty"),
    ("long name", ("120101003000", "长" * 101, ""), "the name is longer than 100 characters"),
    ("unknown class", ("120101001002", "某社区", "999"), "unknown urban-rural class 999"),
    ("class on a street", ("120101003000", "某街道", "111"),
     "an urban-rural class is given only for communities and villages"),
    ("unknown parent", ("120101009001", "某社区", "111"), "unknown parent division 120101009000"),
    ("other province", ("110101", "东城区", ""), "unknown parent division 110000"),
    ("retired parent", ("120221100000", "芦台镇", ""), "parent division 120221 is retired"),
    ("retired code", ("120107", "塘沽区", ""),
     "division 120107 was retired on 2009-12-31 and cannot be imported again"),
]


@pytest.mark.parametrize(("_case", "row", "reason"), BAD_ROWS)
def test_a_bad_row_is_reported_and_nothing_is_written(loaded, city_admin, _case, row, reason):
    before = state()

    with translation.override("en"):
        report = import_divisions([("120101002000", "小白楼街道", ""), row], actor=city_admin)

    assert report.errors == [RowError(2, row[0], reason)]
    assert (report.ok, report.created, report.updated) == (False, 0, 0)
    assert state() == before
    assert imported_events() == 0


def test_a_duplicate_code_is_reported_on_its_second_line(loaded, city_admin):
    with translation.override("en"):
        report = import_divisions([("120101002000", "小白楼街道", ""), ("120101002000", "小白楼", "")],
                                  actor=city_admin)

    assert report.errors == [RowError(2, "120101002000", "code 120101002000 already appears on line 1")]


def test_every_bad_row_is_reported_by_file_line(loaded, city_admin):
    text = "代码,名称,城乡分类\n120101002000,小白楼街道,\n1201X,坏,\n120101003000,,\n120101002001,某社区,999\n"
    before = state()

    with translation.override("en"):
        report = import_divisions(read_rows(text), actor=city_admin)

    assert [(error.line, error.code, error.reason) for error in report.errors] == [
        (3, "1201X", "the code must contain digits only"),
        (4, "120101003000", "the name is empty"),
        (5, "120101002001", "unknown urban-rural class 999"),
    ]
    assert state() == before


def test_a_row_may_have_several_problems(loaded, city_admin):
    with translation.override("en"):
        report = import_divisions([("120101002000", "", "111")], actor=city_admin)

    assert [error.reason for error in report.errors] == [
        "the name is empty", "an urban-rural class is given only for communities and villages"]


def test_children_of_a_bad_parent_row_are_not_reported_twice(loaded, city_admin):
    with translation.override("en"):
        report = import_divisions([("120101702000", "坏街道", ""), ("120101702001", "某社区", "111")],
                                  actor=city_admin)

    assert [(error.line, error.code) for error in report.errors] == [(1, "120101702000")]


# Area limits


def test_an_area_admin_imports_inside_their_area(loaded, hp_admin):
    report = import_divisions([("120101002000", "小白楼街道", "")], actor=hp_admin)

    assert report.created == 1


def test_an_area_admin_cannot_create_or_rename_outside_their_area(loaded, hp_admin):
    before = state()

    with translation.override("en"):
        report = import_divisions([("120101002000", "小白楼街道", ""), ("120103002000", "下瓦房街道", ""),
                                   ("120103", "河西新区", "")], actor=hp_admin)

    assert report.errors == [RowError(2, "120103002000", "division 120103002000 is outside your area"),
                             RowError(3, "120103", "division 120103 is outside your area")]
    assert state() == before


# The import page


def upload(name: str, data: bytes):
    file = io.BytesIO(data)
    file.name = name
    return {"file": file}


def test_the_import_page_shows_the_upload_form(loaded, login_as, city_admin):
    response = login_as(city_admin).get(reverse("divisions:division_import"))

    assert response.status_code == 200
    assert 'type="file"' in response.content.decode()


def test_an_upload_runs_the_import_as_a_job(loaded, login_as, city_admin, django_capture_on_commit_callbacks):
    client = login_as(city_admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("divisions:division_import"), upload("codes.csv", GOOD_FILE.encode("gb18030")))

    job = Job.objects.get()
    assert response.status_code == 302
    assert response.url == job.get_absolute_url()
    assert (job.name, job.status, job.requested_by, job.progress, job.total) == (
        "divisions.import_codes", JobStatus.COMPLETED, city_admin, 6, 6)
    assert job.result == {"ok": True, "rows": 6, "created": 4, "updated": 1, "unchanged": 1, "errors": []}
    assert Division.objects.get(code="120117100201").name == "东村"


def english(client):
    """The user chose English with the language switch (the cookie set by set_language)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_a_bad_upload_lists_the_bad_rows_in_the_job_result(loaded, login_as, city_admin,
                                                           django_capture_on_commit_callbacks):
    client = english(login_as(city_admin))
    before = state()
    data = "120101002000,小白楼街道,\n120101009001,某社区,111\n".encode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("divisions:division_import"), upload("codes.csv", data))

    job = Job.objects.get()
    assert job.status == JobStatus.COMPLETED
    assert job.result == {"ok": False, "rows": 2, "created": 0, "updated": 0, "unchanged": 0, "errors": [
        {"line": 2, "code": "120101009001", "reason": "unknown parent division 120101009000"}]}
    assert [entry["message"] for entry in job.log][1:] == [
        "Line 2 (120101009001): unknown parent division 120101009000", "1 bad rows; nothing was imported."]
    assert state() == before
    assert imported_events() == 0
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Line 2 (120101009001): unknown parent division 120101009000" in page


def test_an_undecodable_upload_is_refused_without_a_job(loaded, login_as, city_admin):
    response = english(login_as(city_admin)).post(reverse("divisions:division_import"),
                                                  upload("codes.csv", b"\x80\xff\xfe"))

    assert response.status_code == 200
    assert "The file is neither UTF-8 nor GB18030 text." in response.content.decode()
    assert Job.objects.count() == 0


def test_without_the_add_permission_the_import_page_is_forbidden(loaded, login_as, make_user,
                                                                  django_capture_on_commit_callbacks):
    client = login_as(make_user("district_approver", loaded.city))
    before = state()

    with django_capture_on_commit_callbacks(execute=True):
        get = client.get(reverse("divisions:division_import"))
        post = client.post(reverse("divisions:division_import"), upload("codes.csv", GOOD_FILE.encode()))

    assert (get.status_code, post.status_code) == (403, 403)
    assert Job.objects.count() == 0
    assert state() == before
    assert imported_events() == 0


def test_the_menu_links_the_import_page_only_for_users_who_may_add(loaded, login_as, city_admin, make_user):
    url = reverse("divisions:division_import")
    approver = make_user("district_approver", loaded.hexi)

    assert f'href="{url}"' in login_as(city_admin).get(reverse("home")).content.decode()
    assert f'href="{url}"' not in login_as(approver).get(reverse("home")).content.decode()
