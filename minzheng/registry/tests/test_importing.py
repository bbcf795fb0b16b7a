"""Importing people and households from xlsx and CSV: row checks, upserts, area, the job and its error report."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from minzheng.audit.models import AuditEvent, ObjectChange
from minzheng.framework.exceptions import DomainError
from minzheng.jobs.choices import JobStatus
from minzheng.jobs.models import Job
from minzheng.jobs.services import enqueue_job
from minzheng.registry.choices import HouseholdKind, Relation, Sex
from minzheng.registry.idcard import check_character, generate_id_number
from minzheng.registry.importing import PERSONS_IMPORTED, import_persons, read_table
from minzheng.registry.jobs import IMPORT_JOB, error_report_path
from minzheng.registry.models import Household, Membership, Person
from minzheng.registry.tests.factories import make_household, make_person

HEADER = ["姓名", "公民身份号码", "性别", "出生日期", "民族", "户籍地代码", "居住地代码", "住址", "联系电话", "户号",
          "与户主关系", "城乡类别"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["伟", "芳", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰",
         "霞", "平"]
RELATIONS = ["户主", "配偶", "子女", "子女"]
COMMUNITIES = ("120101001001", "120103001001")  # the ``tree`` fixture's 和平区 and 河西区 communities
DAY = datetime.date(1940, 1, 1)


def row(k: int, *, household: int | None = None, relation: str = "户主", community: str = COMMUNITIES[0]) -> dict:
    """The ``k``-th good row: a unique valid identity number agreeing with its sex and birth date."""
    born, sex = DAY + datetime.timedelta(days=k % 25000), "1" if k % 2 else "2"
    return {
        "姓名": SURNAMES[k % len(SURNAMES)] + GIVEN[(k // len(SURNAMES)) % len(GIVEN)],
        "公民身份号码": generate_id_number(community[:6], born, sex, k // 25000),
        "性别": "男" if sex == "1" else "女", "出生日期": born.isoformat(), "民族": "汉族",
        "户籍地代码": community, "居住地代码": community, "住址": f"测试路{k}号", "联系电话": f"1380000{k:04d}",
        "户号": "" if household is None else f"HH{household:06d}", "与户主关系": "" if household is None else relation,
        "城乡类别": "城镇",
    }


def spoil(rows: list[dict], k: int, kind: int) -> None:
    """Make row ``k`` bad in one of 12 ways (none of them touches another row)."""
    r, number = rows[k], rows[k]["公民身份号码"]
    if kind == 0:
        r["公民身份号码"] = number[:17] + ("0" if number[17] != "0" else "1")  # wrong check character
    elif kind == 1:
        body = f"{number[:10]}13{number[12:17]}"  # month 13
        r["公民身份号码"] = body + check_character(body)
    elif kind == 2:
        body = "999999" + number[6:17]  # unknown address code
        r["公民身份号码"] = body + check_character(body)
    elif kind == 3:
        r["户籍地代码"] = "120101001999"  # unknown division
    elif kind == 4:
        r["姓名"] = ""
    elif kind == 5:
        r["性别"] = "女" if r["性别"] == "男" else "男"
    elif kind == 6:
        r["出生日期"] = (datetime.date.fromisoformat(r["出生日期"]) + datetime.timedelta(days=1)).isoformat()
    elif kind == 7:
        r["与户主关系"] = "邻居"
    elif kind == 8:
        r["与户主关系"] = "户主"  # a second head
    elif kind == 9:
        for column in ("公民身份号码", "性别", "出生日期"):  # the previous (good) row's number
            r[column] = rows[k - 1][column]
    elif kind == 10:
        r["公民身份号码"] = ""  # neither an identity number nor a registry number
    else:
        other = COMMUNITIES[1] if r["户籍地代码"] == COMMUNITIES[0] else COMMUNITIES[0]
        r["户籍地代码"] = other  # registered elsewhere than the household


def big_file(households: int = 2500, bad_every: int = 25) -> tuple[list[dict], set[int]]:
    """``households`` × 4 rows, every ``bad_every``-th non-head row spoiled; returns rows and bad file lines."""
    rows = []
    for h in range(households):
        for relation in RELATIONS:
            rows.append(row(len(rows), household=h, relation=relation, community=COMMUNITIES[h % 2]))
    members = [k for k in range(len(rows)) if k % 4]
    bad = members[bad_every - 1::bad_every]
    for n, k in enumerate(bad):
        spoil(rows, k, n % 12)
    return rows, {k + 2 for k in bad}  # line 1 is the header


def xlsx_bytes(rows: list[dict], header=HEADER) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(header)
    for r in rows:
        sheet.append([r.get(column, "") for column in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[dict], header=HEADER, encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([r.get(column, "") for column in header] for r in rows)
    return buffer.getvalue().encode(encoding)


def run_import(user, data: bytes, tmp_path, capture, *, all_or_nothing: bool = False, name: str = "people.xlsx"):
    path = tmp_path / name
    path.write_bytes(data)
    with capture(execute=True):
        job = enqueue_job(IMPORT_JOB, actor=user, params={"path": str(path), "filename": name,
                                                          "all_or_nothing": all_or_nothing})
    job.refresh_from_db()
    return job


def state() -> tuple:
    return (list(Person.objects.order_by("pk").values_list("pk", "id_number", "name", "updated_at")),
            list(Household.objects.order_by("pk").values_list("pk", "number", "updated_at")),
            list(Membership.objects.order_by("pk").values_list("pk", "person_id", "household_id", "relation")))


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


# The 10,000-row workbook


def test_a_10000_row_workbook_loads_the_good_rows_and_reports_exactly_the_300_bad_ones(
        city_admin, tmp_path, django_capture_on_commit_callbacks):
    rows, bad_lines = big_file()

    job = run_import(city_admin, xlsx_bytes(rows), tmp_path, django_capture_on_commit_callbacks)

    result = job.result
    assert job.status == JobStatus.COMPLETED, job.error
    assert (len(rows), len(bad_lines)) == (10000, 300)
    assert (result["rows"], result["bad_rows"], result["loaded"], result["errors_total"]) == (10000, 300, 9700, 300)
    assert (result["persons_created"], result["households_created"], result["memberships_created"]) == (
        9700, 2500, 9700)
    assert (Person.objects.count(), Household.objects.count(), Membership.objects.count()) == (9700, 2500, 9700)
    with error_report_path(job.pk).open(encoding="utf-8-sig") as handle:
        report = list(csv.reader(handle))
    assert {int(line) for line, *_rest in report[1:]} == bad_lines
    assert len(report) == 301
    assert (job.progress, job.total) == (20000, 20000)


def test_importing_the_same_workbook_again_changes_nothing(city_admin, tmp_path, django_capture_on_commit_callbacks):
    rows, bad_lines = big_file(households=500, bad_every=10)
    data = xlsx_bytes(rows)
    first = run_import(city_admin, data, tmp_path, django_capture_on_commit_callbacks)
    before = state()

    again = run_import(city_admin, data, tmp_path, django_capture_on_commit_callbacks)

    result = again.result
    assert state() == before
    assert result["bad_rows"] == first.result["bad_rows"] == len(bad_lines) == 150
    assert (result["loaded"], result["persons_created"], result["persons_updated"], result["persons_unchanged"]) == (
        1850, 0, 0, 1850)
    assert (result["households_created"], result["households_updated"], result["households_unchanged"]) == (0, 0, 500)
    assert (result["memberships_created"], result["memberships_updated"]) == (0, 0)


def test_all_or_nothing_loads_nothing_when_a_row_is_bad(city_admin, tmp_path, django_capture_on_commit_callbacks):
    rows, bad_lines = big_file(households=25, bad_every=20)

    job = run_import(city_admin, xlsx_bytes(rows), tmp_path, django_capture_on_commit_callbacks, all_or_nothing=True)

    assert (job.result["bad_rows"], job.result["loaded"]) == (len(bad_lines), 0) == (3, 0)
    assert not Person.objects.exists() and not Household.objects.exists()
    assert {error["line"] for error in job.result["errors"]} == bad_lines
    assert AuditEvent.objects.get(code=PERSONS_IMPORTED).payload["loaded"] == 0


def test_all_or_nothing_loads_a_good_file(city_admin, tmp_path, django_capture_on_commit_callbacks):
    rows = [row(k, household=k // 4, relation=RELATIONS[k % 4]) for k in range(8)]

    job = run_import(city_admin, xlsx_bytes(rows), tmp_path, django_capture_on_commit_callbacks, all_or_nothing=True)

    assert (job.result["ok"], job.result["loaded"], Person.objects.count()) == (True, 8, 8)
    assert "error_report" not in job.result


def test_rows_outside_the_importers_area_are_reported_and_not_loaded(
        hp_admin, tree, tmp_path, django_capture_on_commit_callbacks):
    rows = [row(k, household=k // 4, relation=RELATIONS[k % 4], community=COMMUNITIES[(k // 4) % 2])
            for k in range(16)]

    job = run_import(hp_admin, xlsx_bytes(rows), tmp_path, django_capture_on_commit_callbacks)

    assert {error["line"] for error in job.result["errors"]} == {k + 2 for k in range(16) if (k // 4) % 2}
    assert set(Person.objects.values_list("hukou_division__code", flat=True)) == {COMMUNITIES[0]}
    assert Person.objects.count() == 8
    assert not Household.objects.filter(division=tree.hx_community).exists()


def test_a_person_registered_outside_the_area_cannot_be_moved_in_by_import(hp_admin, tree):
    outsider = make_person(tree.hx_community, name="王五")
    r = row(1, community=COMMUNITIES[0])
    r.update({"公民身份号码": outsider.id_number, "性别": "男", "出生日期": outsider.birth_date.isoformat()})

    report = import_persons(read_table(csv_bytes([r])), actor=hp_admin)

    assert [(error.line, error.column) for error in report.errors] == [(2, "户籍地代码")]
    outsider.refresh_from_db()
    assert (outsider.name, outsider.hukou_division_id) == ("王五", tree.hx_community.pk)


# Reading files


@pytest.mark.parametrize(("_case", "encode"), [
    ("utf-8", lambda rows: csv_bytes(rows)),
    ("utf-8 with BOM", lambda rows: b"\xef\xbb\xbf" + csv_bytes(rows)),
    ("gb18030", lambda rows: csv_bytes(rows, encoding="gb18030")),
    ("xlsx", lambda rows: xlsx_bytes(rows)),
])
def test_files_are_read_in_every_accepted_form(_case, encode, tree):
    rows = [row(0), row(1)]

    table = read_table(encode(rows))

    assert [r.line for r in table.rows] == [2, 3]
    assert table.headers["name"] == "姓名"
    assert table.rows[1].cells["name"] == rows[1]["姓名"]


def test_english_headers_and_unknown_columns(tree):
    data = csv_bytes([{"Name": "张三", "ID number": "11010519491231002X", "Hukou code": "120101001001", "x": "1"}],
                     header=["Name", "ID number", "Hukou code", "x"])

    table = read_table(data)

    assert set(table.headers) == {"name", "id_number", "hukou_code"}
    assert table.ignored == ["x"]


def test_a_file_without_the_required_columns_is_refused():
    with pytest.raises(DomainError) as excinfo:
        read_table(csv_bytes([{"姓名": "张三"}], header=["姓名", "住址"]))

    assert excinfo.value.code == "registry.import_columns"


# Row checks


def one_row_report(actor, **changes):
    r = {**row(3), **changes}
    header = [column for column in HEADER if column in r] + [column for column in r if column not in HEADER]
    return import_persons(read_table(csv_bytes([r], header=header)), actor=actor)


@pytest.mark.parametrize(("_case", "changes", "column"), [
    ("name with digits", {"姓名": "张3"}, "姓名"),
    ("bad sex", {"性别": "未知"}, "性别"),
    ("bad date", {"出生日期": "1980-02-30"}, "出生日期"),
    ("bad phone", {"联系电话": "电话号码"}, "联系电话"),
    ("code with letters", {"户籍地代码": "12010A"}, "户籍地代码"),
    ("relation without household", {"与户主关系": "子女"}, "户号"),
    ("household without relation", {"户号": "HH1"}, "与户主关系"),
    ("unknown residence", {"居住地代码": "120101009009"}, "居住地代码"),
    ("grade without category", {"残疾等级": "二级"}, "残疾等级"),
    ("category without grade", {"残疾类别": "肢体", "残疾等级": ""}, "残疾等级"),
])
def test_each_bad_value_is_reported_with_its_column(_case, changes, column, city_admin):
    report = one_row_report(city_admin, **changes)

    assert [(error.line, error.column) for error in report.errors] == [(2, column)]
    assert not Person.objects.exists()


def test_identity_numbers_are_normalised_and_give_sex_and_birth_date(city_admin, tree):
    body = "120101800517123"  # 15 digits: 1980-05-17, odd sequence (male)
    report = one_row_report(city_admin, 公民身份号码=body, 性别="", 出生日期="")

    person = Person.objects.get()
    assert report.ok
    assert (person.id_number, person.sex, person.birth_date) == (
        "12010119800517123" + check_character("12010119800517123"), Sex.MALE, datetime.date(1980, 5, 17))
    assert (person.name, person.name_initials, person.id_last4) == ("刘伟", "lw", person.id_number[-4:])


def test_a_number_damaged_by_a_spreadsheet_is_reported(city_admin, tmp_path, django_capture_on_commit_callbacks):
    r = row(3)
    r["公民身份号码"] = float(r["公民身份号码"][:17] + "0")

    job = run_import(city_admin, xlsx_bytes([r]), tmp_path, django_capture_on_commit_callbacks)

    assert [(e["line"], e["column"]) for e in job.result["errors"]] == [(2, "公民身份号码")]


def test_people_without_identity_number_need_a_registry_number_sex_and_birth_date(city_admin, tree):
    rows = [{"姓名": "无名氏", "登记号": "MZ000000000001", "性别": "男", "出生日期": "2001-01-01",
             "户籍地代码": COMMUNITIES[0]},
            {"姓名": "无名氏", "登记号": "MZ000000000002", "性别": "", "出生日期": "", "户籍地代码": COMMUNITIES[0]}]
    header = ["姓名", "登记号", "性别", "出生日期", "户籍地代码"]

    report = import_persons(read_table(csv_bytes(rows, header=header)), actor=city_admin)

    assert [(error.line, error.column) for error in report.errors] == [(3, "性别"), (3, "出生日期")]
    assert list(Person.objects.values_list("registry_number", "id_number")) == [("MZ000000000001", None)]


# Upserts


def test_a_changed_row_updates_the_person_and_a_missing_column_leaves_the_field_alone(city_admin, tree):
    one_row_report(city_admin)
    person = Person.objects.get()
    Person.objects.filter(pk=person.pk).update(ethnicity="回族")

    header = ["姓名", "公民身份号码", "户籍地代码", "住址"]
    r = {**row(3), "住址": "新地址1号", "姓名": "张三"}
    report = import_persons(read_table(csv_bytes([r], header=header)), actor=city_admin)

    person.refresh_from_db()
    assert (report.counts.persons_updated, report.counts.persons_created) == (1, 0)
    assert (person.name, person.name_pinyin, person.address, person.ethnicity) == (
        "张三", "zhangsan", "新地址1号", "回族")
    assert person.updated_by == city_admin


def test_a_registry_number_person_is_linked_to_the_identity_number(city_admin, tree):
    person = make_person(tree.hp_community, name="李四", with_id=False, registry_number="MZ000000000009",
                         birth_date=datetime.date(1990, 1, 2), sex=Sex.MALE)
    number = generate_id_number("120101", datetime.date(1990, 1, 2), Sex.MALE, 7)
    header = ["姓名", "公民身份号码", "登记号", "户籍地代码"]
    data = csv_bytes([dict(zip(header, ["李四", number, "MZ000000000009", COMMUNITIES[0]], strict=True))],
                     header=header)

    report = import_persons(read_table(data), actor=city_admin)

    person.refresh_from_db()
    assert (report.counts.persons_updated, Person.objects.count()) == (1, 1)
    assert (person.id_number, person.registry_number) == (number, "MZ000000000009")


# Households


def test_a_new_household_needs_its_head_in_the_file(city_admin):
    rows = [row(k, household=1, relation="子女") for k in range(2)]

    report = one_file(city_admin, rows)

    assert [(error.line, error.column) for error in report.errors] == [(2, "户号"), (3, "户号")]
    assert not Household.objects.exists()


def one_file(actor, rows):
    return import_persons(read_table(csv_bytes(rows)), actor=actor)


def test_members_join_an_existing_household_and_the_head_stays(city_admin, tree):
    head = make_person(tree.hp_community, name="赵一")
    household = make_household(head, number="HH000001")

    report = one_file(city_admin, [row(5, household=1, relation="配偶"), row(6, household=1, relation="子女")])

    assert report.ok
    assert list(household.memberships.order_by("pk").values_list("relation", flat=True)) == [
        Relation.HEAD, Relation.SPOUSE, Relation.CHILD]
    assert (report.counts.households_created, report.counts.memberships_created) == (0, 2)


def test_an_import_does_not_replace_the_head_or_move_people_between_households(city_admin, tree):
    head = make_person(tree.hp_community, name="赵一")
    make_household(head, number="HH000001")
    other = make_person(tree.hp_community, name="钱二")
    make_household(other, number="HH000002")
    moved = {**row(9, household=1, relation="子女"), "公民身份号码": other.id_number, "性别": "男",
             "出生日期": other.birth_date.isoformat()}

    report = one_file(city_admin, [row(8, household=1, relation="户主"), moved])

    assert [(error.line, error.column) for error in report.errors] == [(2, "与户主关系"), (3, "户号")]
    assert Membership.objects.get(person=other).household.number == "HH000002"


def test_an_import_does_not_move_a_household_member_to_another_division(city_admin, tree):
    head = make_person(tree.hp_community, name="赵一")
    make_household(head, number="HH000001")
    moved = {**row(9), "公民身份号码": head.id_number, "性别": "男", "出生日期": head.birth_date.isoformat(),
             "户籍地代码": COMMUNITIES[1], "户号": "", "与户主关系": ""}

    report = one_file(city_admin, [moved])

    assert [(error.line, error.column) for error in report.errors] == [(2, "户籍地代码")]
    head.refresh_from_db()
    assert head.hukou_division == tree.hp_community


def test_the_household_takes_the_heads_address_and_the_communitys_kind(city_admin, tree):
    tree.hp_community.urban_rural_class = "220"
    tree.hp_community.save()
    rows = [{**row(k, household=1, relation=RELATIONS[k]), "城乡类别": ""} for k in range(2)]

    one_file(city_admin, rows)

    household = Household.objects.get()
    assert (household.kind, household.address, household.division) == (HouseholdKind.RURAL, "测试路0号",
                                                                         tree.hp_community)


# Audit, job and pages


def test_an_import_writes_one_business_event_and_no_change_records(city_admin):
    rows = [row(k, household=k // 4, relation=RELATIONS[k % 4]) for k in range(8)]
    changes = ObjectChange.objects.count()

    one_file(city_admin, rows)

    event = AuditEvent.objects.get(code=PERSONS_IMPORTED)
    assert (event.actor, event.payload["persons_created"], event.payload["loaded"]) == (city_admin, 8, 8)
    assert ObjectChange.objects.count() == changes


def test_the_page_queues_the_import_and_the_error_report_is_for_the_requester_only(
        login_as, city_admin, make_user, tree, django_capture_on_commit_callbacks):
    client = login_as(city_admin)
    rows = [row(0), {**row(1), "姓名": ""}]
    upload = io.BytesIO(xlsx_bytes(rows))
    upload.name = "people.xlsx"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("registry:person_import"), {"file": upload})

    job = Job.objects.get(name=IMPORT_JOB)
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.status, job.result["bad_rows"], Person.objects.count()) == (JobStatus.COMPLETED, 1, 1)
    url = reverse("registry:import_errors", args=[job.pk])
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).decode("utf-8-sig").splitlines()[1].startswith("3,姓名,")
    assert login_as(make_user("city_admin", tree.city)).get(url).status_code == 404
    assert "people.xlsx" in client.get(reverse("registry:person_import")).content.decode()


def test_the_page_refuses_a_file_without_the_required_columns(login_as, city_admin):
    upload = io.BytesIO(csv_bytes([{"住址": "x"}], header=["住址"]))
    upload.name = "people.csv"

    response = login_as(city_admin).post(reverse("registry:person_import"), {"file": upload})

    assert response.status_code == 200
    assert not Job.objects.exists()


def test_the_page_needs_the_add_permission(login_as, make_user, tree):
    assert login_as(make_user("city_leader", tree.city)).get(reverse("registry:person_import")).status_code == 403
