"""Pages and API of recalculations: generated suites (data only); approve and reject by the district; every
write of a standard or rule set through the pages and the API requests a recalculation."""

import datetime
from decimal import Decimal

import pytest

from minzheng.assistance.benefits import amount_in
from minzheng.assistance.choices import RecalculationStatus
from minzheng.assistance.models import BenefitChange, Recalculation, RecalculationItem
from minzheng.assistance.tests import case_factories as f
from minzheng.assistance.tests.test_recalculation import batches, district_approvers, new_standard, two_cases
from minzheng.audit.models import ObjectChange
from minzheng.framework.testing.api import APIViewTestCases
from minzheng.framework.testing.views import ViewTestCases
from minzheng.framework.urls import model_url
from minzheng.jobs.models import Job

D = datetime.date


def recalculations(tree):
    rows = []
    for index, division in enumerate((tree.heping, tree.heping, tree.hexi)):
        case = f.make_case(tree.hp_community if division == tree.heping else tree.hx_community, name=f"户{index}")
        batch = Recalculation.objects.create(program=case.program, division=division, effective=D(2025, 7 + index, 1),
                                             trigger=f"新标准{index}")
        RecalculationItem.objects.create(recalculation=batch, case=case, old_amount=Decimal("300"),
                                         new_amount=Decimal("360"))
        rows.append(batch)
    return rows


class RecalculationViewTestCase(ViewTestCases.ReadOnlyObjectViewTestCase):
    model = Recalculation
    search_field = "trigger"

    @classmethod
    def create_objects(cls, tree):
        return recalculations(tree)


class RecalculationAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = Recalculation
    search_field = "trigger"

    @classmethod
    def create_objects(cls, tree):
        return recalculations(tree)


@pytest.fixture
def cases(assistance, tree):
    return two_cases(assistance, tree)


@pytest.fixture
def approvers(make_user, tree, city_admin):
    return district_approvers(make_user, tree, city_admin)


@pytest.fixture
def batch(assistance, tree, cases, approvers, django_capture_on_commit_callbacks):
    new_standard(assistance, tree.city, "2025-07-01", "800", actor=approvers["city"],
                 committed=django_capture_on_commit_callbacks)
    return batches()["和平区"]


def state() -> tuple:
    return (list(Recalculation.objects.order_by("pk").values_list("status", flat=True)),
            BenefitChange.objects.count(), ObjectChange.objects.count())


@pytest.mark.django_db
def test_the_district_approves_on_the_page(batch, cases, approvers, login_as, make_user, tree):
    url = model_url(batch, "approve")
    page = login_as(approvers["hp"]).get(batch.get_absolute_url()).content.decode()
    assert url in page and "+310.00" in page  # the button, and the item's difference

    before = state()
    assert login_as(approvers["hx"]).post(url, {"confirm": "on"}).status_code == 404
    assert login_as(make_user("street_officer", tree.hp_street)).post(url, {"confirm": "on"}).status_code == 403
    assert state() == before

    response = login_as(approvers["hp"]).post(url, {"confirm": "on"})
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == RecalculationStatus.APPROVED
    assert amount_in(cases["hp"], D(2025, 7, 1)) == Decimal("1580.00")
    assert url not in login_as(approvers["hp"]).get(batch.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_pending_batches_come_first(batch, approvers, login_as):
    from minzheng.assistance import recalculation

    hexi = batches()["河西区"]
    recalculation.reject_recalculation(hexi, actor=approvers["hx"], reason="暂缓")
    page = login_as(approvers["city"]).get(model_url(Recalculation, "list")).content.decode()
    assert page.index(batch.get_absolute_url()) < page.index(hexi.get_absolute_url())


@pytest.mark.django_db
def test_the_district_rejects_through_the_api(batch, approvers, api_as):
    url = f"/api/assistance/recalculations/{batch.pk}/reject/"
    before = state()
    assert api_as(approvers["hx"]).post(url, {"reason": "不同意"}, format="json").status_code == 404
    assert api_as(approvers["hp"]).post(url, {}, format="json").status_code == 400
    assert state() == before

    response = api_as(approvers["hp"]).post(url, {"reason": "标准文件尚未正式印发"}, format="json")
    assert response.status_code == 200, response.json()
    assert (response.json()["status"], response.json()["items"][0]["difference"]) == ("rejected", "310.00")
    assert BenefitChange.objects.filter(kind="recalculation").count() == 0


@pytest.mark.django_db
def test_the_district_approves_through_the_api(batch, cases, approvers, api_as):
    response = api_as(approvers["hp"]).post(f"/api/assistance/recalculations/{batch.pk}/approve/", format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "approved"
    assert amount_in(cases["hp"], D(2025, 8, 1)) == Decimal("1580.00")


# The standard and rule set pages and endpoints (views/parameters.py, api/views.py) use the mixins of
# views/recalculation.py and api/recalculation.py.


@pytest.mark.django_db
def test_saving_a_standard_on_the_page_requests_a_recalculation(assistance, approvers, login_as, tree,
                                                                django_capture_on_commit_callbacks):
    data = {"program": assistance.pk, "area_type": "urban", "division": tree.city.pk,
            "effective_from": "2025-07-01", "amount": "800.00"}
    with django_capture_on_commit_callbacks(execute=True):
        response = login_as(approvers["city"]).post("/assistance/standards/add/", data)
    assert response.status_code == 302
    assert Job.objects.filter(name="assistance.recalculate").count() == 1


@pytest.mark.django_db
def test_saving_a_rule_set_through_the_api_requests_a_recalculation(assistance, approvers, api_as, tree,
                                                                    django_capture_on_commit_callbacks):
    data = {"program": assistance.pk, "division": tree.city.pk, "effective_from": "2025-07-01",
            "rules": {"rounding": "yuan"}}
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(approvers["city"]).post("/api/assistance/calculation-rule-sets/", data, format="json")
    assert response.status_code == 201, response.json()
    assert Job.objects.filter(name="assistance.recalculate").count() == 1


@pytest.mark.django_db
def test_deleting_a_rule_set_on_the_page_requests_a_recalculation(assistance, approvers, login_as, tree,
                                                                  django_capture_on_commit_callbacks):
    from minzheng.assistance.tests import factories

    rules = factories.rule_set(assistance, tree.city, "2025-07-01")
    with django_capture_on_commit_callbacks(execute=True):
        response = login_as(approvers["city"]).post(model_url(rules, "delete"))
    assert response.status_code == 302
    job = Job.objects.get(name="assistance.recalculate")
    assert (job.params["parameter"], job.params["effective_from"]) == ("rules", "2025-07-01")
