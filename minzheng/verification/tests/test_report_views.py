"""Pages and API of consents, rule sets, reports, the access log and the batch review: generated suites (data
only), plus requesting a report and starting a batch through a page and the API."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile

from minzheng.assistance.models import Program
from minzheng.assistance.services import seed_programs
from minzheng.framework.testing.api import APIViewTestCases
from minzheng.framework.testing.views import ViewTestCases
from minzheng.registry.tests.factories import make_household, make_person
from minzheng.verification.choices import BatchStatus, FindingKind, Outcome
from minzheng.verification.models import (
    AccessLog,
    BatchFinding,
    BatchReview,
    Consent,
    EligibilityRuleSet,
    Verification,
)
from minzheng.verification.tests.factories import eligibility_rules


def dibao() -> Program:
    seed_programs()
    return Program.objects.get(code="dibao_urban")


def households(tree):
    return [make_household(make_person(division, name=name), division)
            for division, name in ((tree.hp_community, "赵大海"), (tree.hp_community, "钱小红"),
                                   (tree.hx_community, "孙立"))]


def consents(tree):
    return [Consent.objects.create(household=household, person=household.memberships.get().person,
                                   signed_on=datetime.date(2026, 11, index + 1),
                                   document=ContentFile(b"%PDF", name="c.pdf"))
            for index, household in enumerate(households(tree))]


def reports(tree):
    program = dibao()
    rules = eligibility_rules(program, tree.city)
    return [Verification.objects.create(
        number=f"HD{household.division.code[:6]}2026{index:06d}", household=household, division=household.division,
        program=program, purpose="低保申请核对", requested_on=datetime.date(2026, 11, index + 1),
        outcome=Outcome.ELIGIBLE, member_count=1, household_income=Decimal("487.63"),
        per_capita_income=Decimal("487.63"),
        standard_amount=Decimal("700"), rule_set=rules) for index, household in enumerate(households(tree))]


def logs(tree):
    return [AccessLog.objects.create(person=report.household.memberships.get().person, division=report.division,
                                     purpose=f"核对{index}", verification=report)
            for index, report in enumerate(reports(tree))]


def batches(tree):
    return [BatchReview.objects.create(as_of=datetime.date(2026, 11, day), status=BatchStatus.DONE, checked=day)
            for day in (1, 2, 3)]


def findings(tree):
    from minzheng.assistance.tests.case_factories import make_case

    batch = BatchReview.objects.create(as_of=datetime.date(2026, 11, 1))
    reasons = [{"rule": "deposits", "reason": "存款超标"}]
    return [BatchFinding.objects.create(batch=batch, case=case, division=case.division, kind=FindingKind.INELIGIBLE,
                                        outcome=Outcome.INELIGIBLE, reasons=reasons, member_count=1,
                                        household_income=Decimal("1873.29"), recorded_income=Decimal("1652.47"))
            for case in (make_case(tree.hp_community, name="赵大海"), make_case(tree.hp_community, name="钱小红"),
                         make_case(tree.hx_community, name="孙立"))]


def rule_sets(tree):
    program = dibao()
    return [eligibility_rules(program, tree.city, "2014-01-01"), eligibility_rules(program, tree.city, "2016-01-01"),
            eligibility_rules(program, tree.hexi, "2015-01-01")]


RULES_FORM = {"effective_from": datetime.date(2017, 4, 1), "effective_until": None, "income_sources": ["wages"],
              "income_months": 6, "review_margin": "0.050", "max_properties": 2, "max_area_per_person": "25.00",
              "check_vehicles": True, "allowed_vehicle_types": "摩托车、残疾人代步车", "deposit_multiple": "1.50",
              "business_outcome": "ineligible", "max_source_age_days": 180, "income_tolerance": "50.00",
              "is_sample": True, "source_document": "示例", "remarks": ""}


class ConsentViewTestCase(ViewTestCases.GetObjectViewTestCase, ViewTestCases.ListObjectsViewTestCase):
    model = Consent
    search_field = "person__name"

    @classmethod
    def create_objects(cls, tree):
        return consents(tree)


class EligibilityRuleSetViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = EligibilityRuleSet
    user_division = "city"
    sort_column = "effective_from"

    @classmethod
    def create_objects(cls, tree):
        return rule_sets(tree)

    @staticmethod
    def form_data(tree):
        return {"program": Program.objects.get(code="dibao_urban"), "division": tree.heping, **RULES_FORM}


class VerificationViewTestCase(ViewTestCases.GetObjectViewTestCase, ViewTestCases.ListObjectsViewTestCase):
    model = Verification

    @classmethod
    def create_objects(cls, tree):
        return reports(tree)


class AccessLogViewTestCase(ViewTestCases.ReadOnlyObjectViewTestCase):
    model = AccessLog

    @classmethod
    def create_objects(cls, tree):
        return logs(tree)


class BatchReviewViewTestCase(ViewTestCases.ReadOnlyObjectViewTestCase):
    model = BatchReview
    user_division = "city"
    sort_column = "as_of"

    @classmethod
    def create_objects(cls, tree):
        return batches(tree)


class BatchFindingViewTestCase(ViewTestCases.ReadOnlyObjectViewTestCase):
    model = BatchFinding

    @classmethod
    def create_objects(cls, tree):
        return findings(tree)


class ConsentAPITestCase(APIViewTestCases.GetObjectViewTestCase, APIViewTestCases.ListObjectsViewTestCase):
    model = Consent

    @classmethod
    def create_objects(cls, tree):
        return consents(tree)


class EligibilityRuleSetAPITestCase(APIViewTestCases.APIViewTestCase):
    model = EligibilityRuleSet
    user_division = "city"
    api_update_data = {"deposit_multiple": "3.00", "income_sources": ["wages", "tax"]}

    @classmethod
    def create_objects(cls, tree):
        return rule_sets(tree)

    @staticmethod
    def api_create_data(tree):
        return {"program": Program.objects.get(code="dibao_urban"), "division": tree.heping, **RULES_FORM}


class VerificationAPITestCase(APIViewTestCases.GetObjectViewTestCase, APIViewTestCases.ListObjectsViewTestCase):
    model = Verification

    @classmethod
    def create_objects(cls, tree):
        return reports(tree)


class AccessLogAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = AccessLog

    @classmethod
    def create_objects(cls, tree):
        return logs(tree)


class BatchReviewAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = BatchReview
    user_division = "city"

    @classmethod
    def create_objects(cls, tree):
        return batches(tree)


class BatchFindingAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = BatchFinding

    @classmethod
    def create_objects(cls, tree):
        return findings(tree)
