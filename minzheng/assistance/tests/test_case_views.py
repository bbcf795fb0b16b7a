"""Pages of cases and their records: generated suites (data only), plus the case page's step forms."""

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
from minzheng.framework.testing.views import ViewTestCases


def cases(tree):
    return [f.make_case(tree.hp_community, name="赵大海"), f.make_case(tree.hp_community, name="钱小红"),
            f.make_case(tree.hx_community, name="孙立")]


class AssistanceCaseViewTestCase(ViewTestCases.GetObjectViewTestCase, ViewTestCases.GetObjectChangelogViewTestCase,
                                 ViewTestCases.EditObjectViewTestCase, ViewTestCases.ListObjectsViewTestCase):
    """A case is filed through the application (its own tests) and corrected through the edit page."""

    model = AssistanceCase
    search_field = "number"
    form_data = {"reason": "更正：失业原因补充", "review_interval_months": 6, "next_review_on": "2015-03-01",
                 "remarks": "补充材料"}

    @classmethod
    def create_objects(cls, tree):
        return cases(tree)


class InvestigationViewTestCase(ViewTestCases.ReadOnlyObjectViewTestCase):
    model = Investigation

    @classmethod
    def create_objects(cls, tree):
        return [f.investigation(case, findings=f"调查{index}", day=index + 1) for index, case in enumerate(cases(tree))]


class EvaluationViewTestCase(ViewTestCases.ReadOnlyObjectViewTestCase):
    model = Evaluation

    @classmethod
    def create_objects(cls, tree):
        return [f.evaluation(case, venue=f"会议室{index}", day=index + 1) for index, case in enumerate(cases(tree))]


class BenefitChangeViewTestCase(ViewTestCases.ReadOnlyObjectViewTestCase):
    model = BenefitChange
    search_field = "case__number"

    @classmethod
    def create_objects(cls, tree):
        return [f.change(case, month=index + 4) for index, case in enumerate(cases(tree))]


class BenefitPeriodViewTestCase(ViewTestCases.ReadOnlyObjectViewTestCase):
    model = BenefitPeriod
    search_field = "case__number"

    @classmethod
    def create_objects(cls, tree):
        return [f.period(case, month=index + 4) for index, case in enumerate(cases(tree))]


class BenefitReviewViewTestCase(ViewTestCases.ReadOnlyObjectViewTestCase):
    model = BenefitReview
    search_field = "case__number"

    @classmethod
    def create_objects(cls, tree):
        return [f.review(case, day=index + 1) for index, case in enumerate(cases(tree))]


def test_case_page_shows_the_step_forms_only_to_who_may_decide(assistance, household, staff, documents, login_as):
    from minzheng.assistance.tests.test_procedure import apply

    case = apply(assistance, household, staff, documents)
    page = login_as(staff["officer"]).get(case.get_absolute_url()).content.decode()
    assert 'id="case-decision-form"' in page
    for user in ("worker", "approver"):
        page = login_as(staff[user]).get(case.get_absolute_url()).content.decode()
        assert 'id="case-decision-form"' not in page
    assert login_as(staff["hx_officer"]).get(case.get_absolute_url()).status_code == 404


def test_decide_through_the_page_records_the_step(assistance, household, staff, documents, login_as):
    from minzheng.assistance import procedure
    from minzheng.assistance.tests.test_procedure import apply

    case = apply(assistance, household, staff, documents)
    url = case.get_absolute_url() + "decide/"
    response = login_as(staff["hx_officer"]).post(url, {"step_code": "accept", "decision": "approve"})
    assert response.status_code == 404
    response = login_as(staff["worker"]).post(url, {"step_code": "accept", "decision": "approve"})
    assert response.status_code == 200 and procedure.case_request(case).current_step.code == "accept"
    response = login_as(staff["officer"]).post(url, {"step_code": "accept", "decision": "approve"})
    assert response.status_code == 302 and procedure.case_request(case).current_step.code == "investigate"


class ReviewTaskViewTestCase(ViewTestCases.ReadOnlyObjectViewTestCase):
    model = ReviewTask
    search_field = "case__number"

    @classmethod
    def create_objects(cls, tree):
        return [f.task(case, day=index + 1) for index, case in enumerate(cases(tree))]
