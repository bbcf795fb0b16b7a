"""The case API: generated suites (data only), and the procedure driven through the endpoints."""


from django.urls import reverse
from django.utils import timezone

from minzheng.approvals.models import ApprovalDecision
from minzheng.assistance import flows
from minzheng.assistance.choices import CaseStatus
from minzheng.assistance.models import (
    AssistanceCase,
    BenefitChange,
    BenefitPeriod,
    BenefitReview,
    Evaluation,
    Investigation,
    ReviewTask,
)
from minzheng.assistance.tests import case_factories as f
from minzheng.assistance.tests.test_case_views import cases
from minzheng.framework.testing.api import APIViewTestCases


class AssistanceCaseAPITestCase(APIViewTestCases.GetObjectViewTestCase, APIViewTestCases.ListObjectsViewTestCase,
                                APIViewTestCases.UpdateObjectViewTestCase):
    model = AssistanceCase
    search_field = "number"
    api_create_data = {}
    api_update_data = {"reason": "补充说明", "review_interval_months": 12, "remarks": "接口更正"}

    @classmethod
    def create_objects(cls, tree):
        return cases(tree)


class InvestigationAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = Investigation

    @classmethod
    def create_objects(cls, tree):
        return [f.investigation(case, findings=f"调查{index}") for index, case in enumerate(cases(tree))]


class EvaluationAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = Evaluation

    @classmethod
    def create_objects(cls, tree):
        return [f.evaluation(case, venue=f"会议室{index}") for index, case in enumerate(cases(tree))]


class BenefitChangeAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = BenefitChange

    @classmethod
    def create_objects(cls, tree):
        return [f.change(case) for case in cases(tree)]


class BenefitPeriodAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = BenefitPeriod

    @classmethod
    def create_objects(cls, tree):
        return [f.period(case, month=index + 4) for index, case in enumerate(cases(tree))]


def _url(name: str, **kwargs) -> str:
    return reverse(f"assistance-api:assistancecase-{name}", kwargs=kwargs)


def test_procedure_through_the_api(assistance, household, staff, documents, api_as):
    head = household.memberships.order_by("pk").first().person
    worker = api_as(staff["worker"])
    response = worker.post(_url("list"), {"program": assistance.pk, "household": household.pk,
                                          "applicant": head.pk, "channel": "community", "household_income": "900",
                                          **documents}, format="multipart")
    assert response.status_code == 201, response.json()
    case_id = response.json()["id"]
    assert response.json()["household_income"] == "****"  # masked like everywhere else
    assert response.json()["current_step"] == flows.ACCEPT

    # wrong area: not found, nothing written; wrong role: a stable error code
    decisions = ApprovalDecision.objects.count()
    answer = api_as(staff["hx_officer"]).post(_url("decide", pk=case_id), {"step_code": "accept",
                                                                            "decision": "approve"}, format="json")
    assert answer.status_code == 404
    answer = worker.post(_url("decide", pk=case_id), {"step_code": "accept", "decision": "approve"}, format="json")
    assert answer.status_code == 400 and answer.json()["code"] == "approvals.role_required"
    assert ApprovalDecision.objects.count() == decisions

    officer = api_as(staff["officer"])
    assert officer.post(_url("decide", pk=case_id), {"step_code": "accept", "decision": "approve"},
                        format="json").status_code == 200
    answer = officer.post(_url("investigation", pk=case_id), {
        "visited_on": timezone.localdate().isoformat(), "investigator_1": staff["officer2"].pk,
        "investigator_2": staff["officer3"].pk, "member_count": 3, "household_income": "900",
        "findings": "属实", "eligible": True}, format="json")
    assert answer.status_code == 201, answer.json()
    answer = officer.post(_url("decide", pk=case_id), {"step_code": "investigate", "decision": "approve"},
                          format="json")
    assert answer.json()["current_step"] == flows.EVALUATE
    answer = officer.post(_url("evaluation", pk=case_id), {
        "held_on": timezone.localdate().isoformat(), "attendance": 5, "attendees": "居民代表5人", "votes_for": 6,
        "votes_against": 0, "outcome": "agreed"}, format="json")
    assert answer.status_code == 400 and answer.json()["code"] == "assistance.invalid"  # more votes than people
    assert Evaluation.objects.count() == 0
    answer = officer.post(_url("withdraw", pk=case_id), {"reason": "申请人撤回"}, format="json")
    assert answer.status_code == 200 and answer.json()["status"] == CaseStatus.WITHDRAWN


class BenefitReviewAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = BenefitReview
    search_field = "case__number"

    @classmethod
    def create_objects(cls, tree):
        return [f.review(case, day=index + 1) for index, case in enumerate(cases(tree))]


class ReviewTaskAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = ReviewTask

    @classmethod
    def create_objects(cls, tree):
        return [f.task(case) for case in cases(tree)]
