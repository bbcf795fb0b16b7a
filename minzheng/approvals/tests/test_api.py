"""The approvals API: generated suites (data only), then the ``decide``, ``object`` and
``resolve-objection`` actions and the 督办 list, calling the same services as the pages."""

import datetime

from django.urls import reverse

from minzheng.accounts.services import role_group
from minzheng.approvals import services
from minzheng.approvals.choices import Decision, RequestStatus
from minzheng.approvals.models import (
    ApprovalDecision,
    ApprovalFlow,
    ApprovalRequest,
    ApprovalStep,
    Holiday,
    Objection,
    StepDelegation,
)
from minzheng.approvals.tests.factories import at
from minzheng.approvals.tests.test_views import delegations, flows, holidays, requests, steps
from minzheng.divisions.choices import Level
from minzheng.framework.testing.api import APIViewTestCases
from minzheng.framework.testing.utils import create_user

D = datetime.date


class HolidayAPITestCase(APIViewTestCases.APIViewTestCase):
    model = Holiday
    user_division = "city"
    api_create_data = {"date": D(2031, 5, 1), "kind": "holiday", "name": "劳动节", "source": "国办发明电〔2030〕1号"}
    api_update_data = {"name": "劳动节（更正）"}

    @classmethod
    def create_objects(cls, tree):
        return holidays()


class ApprovalFlowAPITestCase(APIViewTestCases.APIViewTestCase):
    model = ApprovalFlow
    user_division = "city"
    api_create_data = {"code": "test.delta", "name": "医疗救助审批", "is_active": True}
    api_update_data = {"name": "医疗救助审批（修订）"}

    @classmethod
    def create_objects(cls, tree):
        return flows()


class ApprovalStepAPITestCase(APIViewTestCases.APIViewTestCase):
    model = ApprovalStep
    user_division = "city"
    api_update_data = {"deadline_workdays": 15}

    @classmethod
    def create_objects(cls, tree):
        return steps()

    @staticmethod
    def api_create_data(tree):
        return {"flow": ApprovalFlow.objects.get(code="test.steps"), "code": "spot_check", "name": "区县抽查",
                "order": 25, "role": role_group("district_approver"), "level": Level.DISTRICT, "kind": "decision",
                "deadline_workdays": 5, "optional": True}


class StepDelegationAPITestCase(APIViewTestCases.APIViewTestCase):
    model = StepDelegation
    api_update_data = {"remarks": "区政府决定"}

    @classmethod
    def create_objects(cls, tree):
        return delegations(tree)

    @staticmethod
    def api_create_data(tree):
        review = ApprovalStep.objects.get(flow__code="test.steps", code="review")
        return {"flow": review.flow, "step": review, "division": tree.heping, "delegate_level": Level.COMMUNITY,
                "role": role_group("community_worker")}


class ApprovalRequestAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = ApprovalRequest

    @classmethod
    def create_objects(cls, tree):
        return requests(tree)


def ledger(tree):
    made = requests(tree)
    actor = create_user("street_officer", tree.city, username="ledger-officer")
    return [ApprovalDecision.objects.create(request=request, step=request.current_step, actor=actor,
                                            decision=Decision.COMMENT, reason=f"备注{index}", time=at(2025, 9, 5))
            for index, request in enumerate(made)]


class ApprovalDecisionAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = ApprovalDecision

    @classmethod
    def create_objects(cls, tree):
        return ledger(tree)


def objections(tree):
    made = requests(tree)
    notice = ApprovalStep.objects.get(flow__code="test.relief", code="notice")
    return [Objection.objects.create(request=request, step=notice, received_at=at(2025, 9, 5), content=f"异议{index}")
            for index, request in enumerate(made)]


class ObjectionAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = Objection

    @classmethod
    def create_objects(cls, tree):
        return objections(tree)


# Actions


def _url(request, name="detail"):
    return reverse(f"approvals-api:approvalrequest-{name}", kwargs={"pk": request.pk})


def test_decide_through_the_api(flow, tree, api_as, hp_officer):
    request = services.start(tree.hp_community, flow=flow, division=tree.hp_community, actor=hp_officer,
                             now=at(2025, 9, 26))
    response = api_as(hp_officer).post(_url(request, "decide"), {"decision": "approve", "step_code": "review"},
                                       format="json")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["current_step"]) == ("in_progress", flow.steps.get(code="notice").pk)
    assert ApprovalDecision.objects.get().actor == hp_officer


def test_decide_out_of_order_is_refused_with_its_code(flow, tree, api_as, hp_officer, hp_approver):
    request = services.start(tree.hp_community, flow=flow, division=tree.hp_community, actor=hp_officer,
                             now=at(2025, 9, 26))
    response = api_as(hp_approver).post(_url(request, "decide"), {"decision": "approve", "step_code": "district"},
                                        format="json")
    assert (response.status_code, response.json()["code"]) == (400, "approvals.not_current_step")
    response = api_as(hp_approver).post(_url(request, "decide"), {"decision": "approve"}, format="json")
    assert (response.status_code, response.json()["code"]) == (400, "approvals.role_required")
    assert ApprovalDecision.objects.count() == 0


def test_another_districts_approver_gets_404(flow, tree, api_as, hp_officer, hx_approver):
    request = services.start(tree.hp_community, flow=flow, division=tree.hp_community, actor=hp_officer,
                             now=at(2025, 9, 26))
    client = api_as(hx_approver)
    assert client.get(_url(request)).status_code == 404
    response = client.post(_url(request, "decide"), {"decision": "approve"}, format="json")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    response = client.post(_url(request, "object"), {"content": "异议"}, format="json")
    assert response.status_code == 404
    assert (ApprovalDecision.objects.count(), Objection.objects.count()) == (0, 0)


def test_reject_without_reason_is_a_field_error(flow, tree, api_as, hp_officer):
    request = services.start(tree.hp_community, flow=flow, division=tree.hp_community, actor=hp_officer,
                             now=at(2025, 9, 26))
    response = api_as(hp_officer).post(_url(request, "decide"), {"decision": "reject"}, format="json")
    body = response.json()
    assert (response.status_code, body["code"], list(body["errors"])) == (400, "approvals.reason_required",
                                                                          ["reason"])
    assert ApprovalRequest.objects.get(pk=request.pk).status == RequestStatus.IN_PROGRESS


def test_objection_and_resolution_through_the_api(flow, tree, api_as, hp_officer, hp_worker):
    request = services.start(tree.hp_community, flow=flow, division=tree.hp_community, actor=hp_officer,
                             now=at(2025, 9, 26))
    services.decide(request, actor=hp_officer, decision=Decision.APPROVE, now=at(2025, 9, 26, 11))
    response = api_as(hp_worker).post(_url(request, "object"), {"content": "申请人有经营收入", "objector": "村民"},
                                      format="json")
    assert response.status_code == 201
    objection = Objection.objects.get()
    assert (response.json()["id"], objection.recorded_by, objection.objector) == (objection.pk, hp_worker, "村民")
    refused = api_as(hp_worker).post(_url(request, "resolve-objection"),
                                     {"objection": objection.pk, "status": "upheld", "resolution": "属实"},
                                     format="json")
    assert (refused.status_code, refused.json()["code"]) == (400, "approvals.role_required")
    response = api_as(hp_officer).post(_url(request, "resolve-objection"),
                                       {"objection": objection.pk, "status": "upheld", "resolution": "复核属实"},
                                       format="json")
    assert (response.status_code, response.json()["status"]) == (200, "upheld")


def test_the_overdue_endpoint_is_scoped(flow, tree, api_as, hp_approver):
    heping = services.start(tree.hp_community, flow=flow, division=tree.hp_community, actor=None, now=at(2025, 9, 1))
    services.start(tree.hx_community, flow=flow, division=tree.hx_community, actor=None, now=at(2025, 9, 1))
    body = api_as(hp_approver).get(reverse("approvals-api:approvalrequest-overdue")).json()
    assert (body["count"], [row["id"] for row in body["results"]]) == (1, [heping.pk])
