"""临时救助 on the case page and in the API: setting the grant amount, 先行救助, the urgent grants to recover."""

from decimal import Decimal

import pytest

from minzheng.assistance import flows, procedure
from minzheng.assistance.choices import CaseStatus
from minzheng.assistance.tests.test_temporary import case, plan, program, to_street_approval  # noqa: F401
from minzheng.framework.urls import model_url

pytestmark = pytest.mark.django_db


def test_the_street_sets_the_amount_on_the_case_page(case, staff, login_as):  # noqa: F811
    procedure.accept(case, actor=staff["officer"])
    url = model_url(case, "set_amount")
    assert url in login_as(staff["officer"]).get(case.get_absolute_url()).content.decode()

    # another district's officer does not find the case; the community worker is refused by the service
    assert login_as(staff["hx_officer"]).post(url, {"amount": "800"}).status_code == 404
    response = login_as(staff["worker"]).post(url, {"amount": "800"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    case.refresh_from_db()
    assert case.calculated_amount is None

    response = login_as(staff["officer"]).post(url, {"amount": "800"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.calculated_amount == Decimal("800.00")
    assert flows.DISTRICT_APPROVE not in plan(case)


def test_urgent_help_on_the_case_page(case, staff, login_as):  # noqa: F811
    url = model_url(case, "grant_urgently")
    response = login_as(staff["officer"]).post(url, {"amount": "1200", "reason": "火灾"})
    assert response.status_code == 200 and "amount" in response.context["form"].errors  # above the street limit

    response = login_as(staff["officer"]).post(url, {"amount": "900", "reason": "火灾，急需安置"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.urgent, case.status, case.approved_amount) == (True, CaseStatus.GRANTED, Decimal("900.00"))
    assert url not in login_as(staff["officer"]).get(case.get_absolute_url()).content.decode()


def test_the_api_sets_the_amount_and_grants_urgently(case, staff, api_as, make_user, tree):  # noqa: F811
    base = f"/api/assistance/temporary-cases/{case.pk}"
    procedure.accept(case, actor=staff["officer"])

    response = api_as(staff["hx_officer"]).post(f"{base}/set-amount/", {"amount": "800"}, format="json")
    assert response.status_code == 404
    response = api_as(staff["officer"]).post(f"{base}/set-amount/", {"amount": "1500"}, format="json")
    assert response.status_code == 200 and response.json()["calculated_amount"] == "1500.00"
    assert plan(case)[-1] == flows.DISTRICT_APPROVE

    response = api_as(staff["officer"]).post(f"{base}/grant-urgently/", {"amount": "1500", "reason": "急需"},
                                             format="json")
    assert (response.status_code, response.json()["code"]) == (400, "assistance.urgent_above_street_limit")
    response = api_as(staff["officer"]).post(f"{base}/grant-urgently/", {"amount": "600", "reason": "急需"},
                                             format="json")
    assert response.status_code == 200 and response.json()["urgent"] is True


def test_the_api_lists_urgent_grants_to_recover(case, staff, api_as):  # noqa: F811
    from minzheng.assistance import temporary
    from minzheng.assistance.tests.test_procedure import investigate

    temporary.grant_urgently(case, amount=Decimal("600"), actor=staff["officer"], reason="急需")
    procedure.accept(case, actor=staff["officer"])
    investigate(case, staff, eligible=False)
    procedure.decide_step(case, actor=staff["officer2"], step_code=flows.INVESTIGATE, decision="reject",
                          reason="不符合条件")
    body = api_as(staff["approver"]).get("/api/assistance/temporary-cases/to-recover/").json()
    assert [row["number"] for row in body["results"]] == [case.number]
    body = api_as(staff["hx_approver"]).get("/api/assistance/temporary-cases/to-recover/").json()
    assert body["results"] == []
