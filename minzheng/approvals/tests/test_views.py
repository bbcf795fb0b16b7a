"""Pages of the approvals app: generated suites (data only), then the request page, its htmx decision
form (shown only to whoever may decide the current step) and the 督办 list."""

import datetime

from django.urls import reverse

from minzheng.accounts.services import role_group
from minzheng.approvals import services
from minzheng.approvals.choices import DayKind, Decision, RequestStatus, StepKind
from minzheng.approvals.models import (
    ApprovalDecision,
    ApprovalFlow,
    ApprovalRequest,
    ApprovalStep,
    Holiday,
    StepDelegation,
)
from minzheng.approvals.tests.factories import at, make_flow
from minzheng.divisions.choices import Level
from minzheng.framework.testing.views import ViewTestCases
from minzheng.framework.urls import model_url

D = datetime.date


def holidays():
    return [
        Holiday.objects.create(date=D(2031, 1, 1), kind=DayKind.HOLIDAY, name="元旦", source="测试通知甲"),
        Holiday.objects.create(date=D(2031, 1, 4), kind=DayKind.WORKDAY, name="春节", source="测试通知乙"),
        Holiday.objects.create(date=D(2031, 10, 1), kind=DayKind.HOLIDAY, name="国庆节", source="测试通知丙"),
    ]


class HolidayViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = Holiday
    user_division = "city"

    @classmethod
    def create_objects(cls, tree):
        return holidays()

    form_data = {"date": D(2031, 5, 1), "kind": DayKind.HOLIDAY, "name": "劳动节", "source": "国办发明电〔2030〕1号",
                 "remarks": "测试"}


def flows():
    return [ApprovalFlow.objects.create(code=code, name=name) for code, name in
            (("test.alpha", "低保审核确认"), ("test.beta", "特困供养审批"), ("test.gamma", "临时救助审批"))]


class ApprovalFlowViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = ApprovalFlow
    user_division = "city"

    @classmethod
    def create_objects(cls, tree):
        return flows()

    form_data = {"code": "test.delta", "name": "医疗救助审批", "description": "测试", "is_active": True}


def steps():
    flow = ApprovalFlow.objects.create(code="test.steps", name="测试流程")
    street, district = role_group("street_officer"), role_group("district_approver")
    return [
        ApprovalStep.objects.create(flow=flow, code="review", name="街道审核", order=10, role=street,
                                    level=Level.STREET, deadline_workdays=10),
        ApprovalStep.objects.create(flow=flow, code="notice", name="社区公示", order=20, role=street,
                                    level=Level.STREET, kind=StepKind.PUBLIC_NOTICE, notice_days=7),
        ApprovalStep.objects.create(flow=flow, code="district", name="区县审批", order=30, role=district,
                                    level=Level.DISTRICT, deadline_workdays=10),
    ]


def step_form_data(tree):
    return {"flow": ApprovalFlow.objects.get(code="test.steps"), "code": "spot_check", "name": "区县抽查",
            "order": 25, "role": role_group("district_approver"), "level": Level.DISTRICT,
            "kind": StepKind.DECISION, "deadline_workdays": 5, "notice_days": None, "optional": True,
            "remarks": ""}


class ApprovalStepViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = ApprovalStep
    user_division = "city"
    sort_column = "order"

    @classmethod
    def create_objects(cls, tree):
        return steps()

    form_data = staticmethod(step_form_data)


def delegations(tree):
    review, notice, district = steps()
    street = role_group("street_officer")
    return [
        StepDelegation.objects.create(flow=district.flow, step=district, division=tree.heping,
                                      delegate_level=Level.STREET, role=street),
        StepDelegation.objects.create(flow=notice.flow, step=notice, division=tree.heping,
                                      delegate_level=Level.COMMUNITY, role=role_group("community_worker")),
        StepDelegation.objects.create(flow=district.flow, step=district, division=tree.hexi,
                                      delegate_level=Level.STREET, role=street),
    ]


def delegation_form_data(tree):
    review = ApprovalStep.objects.get(flow__code="test.steps", code="review")
    return {"flow": review.flow, "step": review, "division": tree.heping, "delegate_level": Level.COMMUNITY,
            "role": role_group("community_worker"), "skip": False, "remarks": "测试"}


class StepDelegationViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = StepDelegation

    @classmethod
    def create_objects(cls, tree):
        return delegations(tree)

    form_data = staticmethod(delegation_form_data)


def requests(tree):
    flow = make_flow()
    return [services.start(subject, flow=flow, division=subject, actor=None, now=at(2025, 9, day))
            for subject, day in ((tree.hp_community, 1), (tree.hp_street, 2), (tree.hx_community, 3))]


class ApprovalRequestViewTestCase(ViewTestCases.ReadOnlyObjectViewTestCase):
    model = ApprovalRequest
    sort_column = "started_at"

    @classmethod
    def create_objects(cls, tree):
        return requests(tree)


# The request page


def _page(client, request):
    response = client.get(request.get_absolute_url())
    assert response.status_code == 200
    return response


def test_the_decision_form_is_shown_only_to_whoever_may_decide(flow, tree, login_as, hp_officer, hp_approver,
                                                               hx_approver):
    request = services.start(tree.hp_community, flow=flow, division=tree.hp_community, actor=hp_officer,
                             now=at(2025, 9, 26))
    officer_page = _page(login_as(hp_officer), request)
    assert officer_page.context["decision_form"] is not None
    assert 'id="decision-form"' in officer_page.content.decode()
    approver_page = _page(login_as(hp_approver), request)
    assert approver_page.context["decision_form"] is None
    assert 'id="decision-form"' not in approver_page.content.decode()
    assert login_as(hx_approver).get(request.get_absolute_url()).status_code == 404


def test_deciding_through_htmx_records_and_relocates(flow, tree, login_as, hp_officer):
    request = services.start(tree.hp_community, flow=flow, division=tree.hp_community, actor=hp_officer,
                             now=at(2025, 9, 26))
    client = login_as(hp_officer)
    response = client.post(model_url(request, "decide"), {"decision": "approve", "reason": "", "step_code": "review"},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Location"] == request.get_absolute_url()
    assert ApprovalRequest.objects.get(pk=request.pk).current_step.code == "notice"
    page = _page(client, request).content.decode()
    assert "街道审核" in page.split('id="ledger"', 1)[1]


def test_a_refused_decision_comes_back_in_the_form(flow, tree, login_as, hp_officer):
    request = services.start(tree.hp_community, flow=flow, division=tree.hp_community, actor=hp_officer,
                             now=at(2025, 9, 26))
    response = login_as(hp_officer).post(model_url(request, "decide"),
                                         {"decision": "reject", "reason": "", "step_code": "review"},
                                         HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert (ApprovalRequest.objects.get(pk=request.pk).status, ApprovalDecision.objects.count()) == (
        RequestStatus.IN_PROGRESS, 0)


def test_a_stale_page_cannot_decide_the_next_step(flow, tree, login_as, hp_officer):
    request = services.start(tree.hp_community, flow=flow, division=tree.hp_community, actor=hp_officer,
                             now=at(2025, 9, 26))
    services.decide(request, actor=hp_officer, decision=Decision.APPROVE, now=at(2025, 9, 26, 11))
    response = login_as(hp_officer).post(model_url(request, "decide"),
                                         {"decision": "approve", "reason": "", "step_code": "review"})
    assert response.status_code == 302
    assert ApprovalDecision.objects.count() == 1
    assert ApprovalRequest.objects.get(pk=request.pk).current_step.code == "notice"


def test_another_district_cannot_post_a_decision(flow, tree, login_as, hp_officer, hx_approver):
    request = services.start(tree.hp_community, flow=flow, division=tree.hp_community, actor=hp_officer,
                             now=at(2025, 9, 26))
    response = login_as(hx_approver).post(model_url(request, "decide"),
                                          {"decision": "approve", "reason": "", "step_code": "review"})
    assert response.status_code == 404
    assert ApprovalDecision.objects.count() == 0


def test_objections_are_recorded_and_resolved_on_the_page(flow, tree, login_as, hp_officer):
    request = services.start(tree.hp_community, flow=flow, division=tree.hp_community, actor=hp_officer,
                             now=at(2025, 9, 26))
    services.decide(request, actor=hp_officer, decision=Decision.APPROVE, now=at(2025, 9, 26, 11))
    client = login_as(hp_officer)
    assert _page(client, request).context["objection_form"] is not None
    assert client.post(model_url(request, "object"), {"objector": "邻居", "content": "家中有车"}).status_code == 302
    objection = request.objections.get()
    page = _page(client, request)
    assert page.context["resolvable"] is True
    assert "resolve-form" in page.content.decode()
    response = client.post(model_url(request, "resolve"),
                           {"objection": objection.pk, "status": "dismissed", "resolution": "复核不属实"})
    assert response.status_code == 302
    assert request.objections.get().status == "dismissed"


def test_the_overdue_list_shows_only_the_users_area(flow, tree, login_as, hp_approver, make_user):
    heping = services.start(tree.hp_community, flow=flow, division=tree.hp_community, actor=None, now=at(2025, 9, 1))
    hexi = services.start(tree.hx_community, flow=flow, division=tree.hx_community, actor=None, now=at(2025, 9, 1))
    fresh = services.start(tree.hp_street, flow=flow, division=tree.hp_street, actor=None,
                           now=at(2099, 1, 5))  # its deadline lies in the future
    page = login_as(hp_approver).get(reverse("approvals:approvalrequest_overdue")).content.decode()
    assert f'href="{heping.get_absolute_url()}"' in page
    assert f'href="{hexi.get_absolute_url()}"' not in page
    assert f'href="{fresh.get_absolute_url()}"' not in page
    city = login_as(make_user("city_leader", tree.city)).get(reverse("approvals:approvalrequest_overdue"))
    assert f'href="{hexi.get_absolute_url()}"' in city.content.decode()


def test_the_flow_page_lists_its_steps(flow, login_as, city_admin):
    page = login_as(city_admin).get(flow.get_absolute_url()).content.decode()
    assert page.index("街道审核") < page.index("社区公示") < page.index("区县审批")
