"""Pages and API of the work plan: generated suites (data only), the plan page, print view, ledger, my tasks,
importing through the page and the API, reporting and binding through the API."""

import datetime
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from minzheng.framework.testing.api import APIViewTestCases
from minzheng.framework.testing.views import ViewTestCases
from minzheng.plans import services
from minzheng.plans.choices import UnitKind
from minzheng.plans.models import Item, Plan, ProgressReport, Target, Task, Unit
from minzheng.plans.tests import factories as f

FIXTURE = Path(__file__).parent.parent / "data" / "tianjin-2014-minzheng-gongzuo-yaodian.txt"


def units(tree):
    return [f.unit("hp", "和平区民政局", tree.heping), f.unit("hx", "河西区民政局", tree.hexi),
            f.unit("shzz", "社会组织管理局", tree.city, kind=UnitKind.BUREAU_DIVISION)]


def plans(tree):
    return [f.plan(2014, "2014年民政工作要点"), f.plan(2015, "2015年民政工作要点"), f.plan(2016, "2016年民政工作要点")]


def items(tree):
    plan = f.plan()
    return [f.item(plan, number, title) for number, title in ((1, "推进美丽社区建设"), (2, "深化基层协商民主"),
                                                              (3, "统筹城乡养老服务"))]


def tasks(tree):
    return [item.tasks.get() for item in items(tree)]


def targets(tree):
    return [f.target(item, value) for item, value in zip(items(tree), (120, 80, 5), strict=True)]


def reports(tree):
    return [ProgressReport.objects.create(target=target, value=index + 1, reported_on=datetime.date(2014, 6, index + 1))
            for index, target in enumerate(targets(tree))]


class UnitViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = Unit
    user_division = "city"

    @classmethod
    def create_objects(cls, tree):
        return units(tree)

    @staticmethod
    def form_data(tree):
        return {"code": "mzj-hb", "name": "河北区民政局", "kind": UnitKind.DISTRICT_BUREAU, "division": tree.hexi,
                "members": [], "is_active": True}


class PlanViewTestCase(ViewTestCases.GetObjectViewTestCase, ViewTestCases.ListObjectsViewTestCase):
    model = Plan
    user_division = "city"
    sort_column = "year"

    @classmethod
    def create_objects(cls, tree):
        return plans(tree)


class ItemViewTestCase(ViewTestCases.GetObjectViewTestCase, ViewTestCases.ListObjectsViewTestCase):
    model = Item
    user_division = "city"

    @classmethod
    def create_objects(cls, tree):
        return items(tree)


class TaskViewTestCase(ViewTestCases.ReadOnlyObjectViewTestCase):
    model = Task
    user_division = "city"

    @classmethod
    def create_objects(cls, tree):
        return tasks(tree)


class TargetViewTestCase(ViewTestCases.ReadOnlyObjectViewTestCase):
    model = Target
    user_division = "city"
    sort_column = "value"

    @classmethod
    def create_objects(cls, tree):
        return targets(tree)


class ProgressReportViewTestCase(ViewTestCases.ReadOnlyObjectViewTestCase):
    model = ProgressReport
    user_division = "city"

    @classmethod
    def create_objects(cls, tree):
        return reports(tree)


class UnitAPITestCase(APIViewTestCases.APIViewTestCase):
    model = Unit
    user_division = "city"
    api_update_data = {"name": "和平区民政局（更名）"}

    @classmethod
    def create_objects(cls, tree):
        return units(tree)

    @staticmethod
    def api_create_data(tree):
        return {"code": "mzj-hb", "name": "河北区民政局", "kind": UnitKind.DISTRICT_BUREAU, "division": tree.hexi,
                "members": []}


class PlanAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = Plan
    user_division = "city"

    @classmethod
    def create_objects(cls, tree):
        return plans(tree)


class ItemAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = Item
    user_division = "city"

    @classmethod
    def create_objects(cls, tree):
        return items(tree)


class TargetAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = Target
    user_division = "city"

    @classmethod
    def create_objects(cls, tree):
        return targets(tree)


class ProgressReportAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = ProgressReport
    user_division = "city"

    @classmethod
    def create_objects(cls, tree):
        return reports(tree)


# Hand-written: the plan's own pages and operations


@pytest.fixture
def imported(db, city_admin, tree, hx_approver):
    from minzheng.plans.parsing import parse_plan

    text = FIXTURE.read_text(encoding="utf-8")
    plan = services.import_plan(parse_plan(text), text=text, actor=city_admin)
    hexi = f.unit("hx", "河西区民政局", tree.hexi, members=[hx_approver])
    services.assign_item(plan.items.get(number=3), units=[hexi], lead=hexi, due_on=datetime.date(2014, 6, 30),
                         actor=city_admin)
    return plan


def test_the_plan_page_shows_chapters_completion_and_overdue(imported, login_as, city_admin):
    page = login_as(city_admin).get(imported.get_absolute_url())
    assert page.status_code == 200
    assert len(page.context["chapters"]) == 6 and "统筹城乡养老服务" in page.content.decode()
    assert 3 in [item.number for item in page.context["overdue"]]  # due 2014-06-30 (all are: 2014 is past)
    assert len(page.context["overdue"]) == 17


def test_the_ledger_is_an_xlsx_of_every_target(imported, login_as, city_admin, hx_approver):
    beds = Target.objects.get(item__plan=imported, subject="养老机构床位")
    services.report_progress(beds, value=Decimal("2500"), reported_on=datetime.date(2014, 6, 1), actor=hx_approver)
    response = login_as(city_admin).get(reverse("plans:plan_ledger", args=[imported.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(header) == 10
    beds_row = next(row for row in body if row[4] and "养老机构床位" in row[4])
    assert beds_row[2] == "河西区民政局" and beds_row[5] == "2500.00" and "2014-06-01 2500" in beds_row[9]
    assert len(body) >= 17


def test_the_print_view_and_my_tasks(imported, login_as, hx_approver):
    client = login_as(hx_approver)
    printed = client.get(reverse("plans:plan_print", args=[imported.pk])).content.decode()
    assert "2014年天津市民政工作要点" in printed and "河西区民政局" in printed
    mine = client.get(reverse("plans:mine"))
    assert [row["item"].number for row in mine.context["rows"]] == [3] and mine.context["rows"][0]["overdue"]


def test_importing_on_the_page_with_a_dry_run_first(db, login_as, city_admin, hx_approver):
    upload = lambda: SimpleUploadedFile("plan.txt", FIXTURE.read_bytes())  # noqa: E731
    assert login_as(hx_approver).get(reverse("plans:plan_import")).status_code == 403
    client = login_as(city_admin)
    preview = client.post(reverse("plans:plan_import"), {"file": upload(), "dry_run": "on"})
    assert preview.status_code == 200 and len(preview.context["document"].chapters) == 6
    assert not Plan.objects.exists()
    done = client.post(reverse("plans:plan_import"), {"file": upload()})
    plan = Plan.objects.get()
    assert done.status_code == 302 and done.url == plan.get_absolute_url() and plan.items.count() == 17


def test_the_api_imports_reports_and_binds(db, api_as, city_admin, hx_approver, tree):
    gb = FIXTURE.read_text(encoding="utf-8").encode("gb18030")
    client = api_as(city_admin)
    dry = client.post("/api/plans/plans/import/", {"file": SimpleUploadedFile("p.txt", gb), "dry_run": "true"},
                      format="multipart")
    assert dry.status_code == 200 and len(dry.json()["chapters"]) == 6 and not Plan.objects.exists()
    made = client.post("/api/plans/plans/import/", {"file": SimpleUploadedFile("p.txt", gb)}, format="multipart")
    assert made.status_code == 201
    item = Item.objects.get(number=3)
    hexi = f.unit("hx", "河西区民政局", tree.hexi, members=[hx_approver])
    assigned = client.post(f"/api/plans/items/{item.pk}/assign/", {"units": [hexi.pk], "lead": hexi.pk},
                           format="json")
    assert assigned.status_code == 200 and assigned.json()["lead"] == hexi.pk
    beds = Target.objects.get(subject="养老机构床位")
    reported = api_as(hx_approver).post(f"/api/plans/targets/{beds.pk}/report/",
                                        {"value": "3000", "reported_on": "2014-06-30"}, format="json")
    assert reported.status_code == 201
    assert api_as(hx_approver).get(f"/api/plans/targets/{beds.pk}/").json()["actual"] == "3000.00"
    refused = api_as(hx_approver).post(f"/api/plans/targets/{beds.pk}/bind/", {"indicator": "assistance.recipients"},
                                       format="json")
    assert refused.status_code == 403
    bound = client.post(f"/api/plans/targets/{beds.pk}/bind/", {"indicator": "assistance.recipients"},
                        format="json")
    assert bound.status_code == 200 and bound.json()["binding"] == "confirmed"
    unknown = client.post(f"/api/plans/targets/{beds.pk}/bind/", {"indicator": "x.y"}, format="json")
    assert unknown.status_code == 400 and unknown.json()["code"] == "plans.indicator_unknown"
