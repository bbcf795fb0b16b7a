"""Pages of cases and their records: generated suites (data only), plus the case page's step forms."""

from minzheng.assistance.models import AssistanceCase, BenefitChange, BenefitPeriod, Evaluation, Investigation
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
        return [f.period(case) for case in cases(tree)]
