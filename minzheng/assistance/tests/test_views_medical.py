"""Pages and API of 医疗救助 claims: generated suites (data only), filing a claim through the page and the API."""

import datetime
from decimal import Decimal

import pytest

from minzheng.assistance.choices import MedicalCategory
from minzheng.assistance.models import AssistanceCase, MedicalClaim, Program
from minzheng.assistance.tests import case_factories as f
from minzheng.audit.models import ObjectChange
from minzheng.framework.testing.api import APIViewTestCases
from minzheng.framework.testing.views import ViewTestCases
from minzheng.framework.urls import model_url

D = datetime.date


def medical_program() -> Program:
    program, _created = Program.objects.get_or_create(code="medical", defaults={"name": "医疗救助",
                                                                                "kind": "medical"})
    return program


def claims(tree):
    program = medical_program()
    rows = []
    for index, (division, name) in enumerate(((tree.hp_community, "赵大海"), (tree.hp_community, "钱小红"),
                                              (tree.hx_community, "孙立"))):
        case = f.make_case(division, name=name, program=program)
        rows.append(MedicalClaim.objects.create(
            case=case, patient=case.applicant, category=MedicalCategory.OTHER, hospital=f"第{index + 1}医院",
            treated_from=D(2025, 3, 1), treated_until=D(2025, 3, 5), settled_on=D(2025, 3, 10 + index),
            total_cost=Decimal("5000") + index, insurance_paid=Decimal("3000")))
    return rows


class MedicalClaimViewTestCase(ViewTestCases.GetObjectViewTestCase, ViewTestCases.ListObjectsViewTestCase):
    model = MedicalClaim
    sort_column = "settled_on"

    @classmethod
    def create_objects(cls, tree):
        return claims(tree)

    def test_no_edit_or_delete_views(self):
        from minzheng.framework.registry import registry

        self.assertEqual(set(registry["views"][self.model]) & {"edit", "delete"}, set())


class MedicalClaimAPITestCase(APIViewTestCases.GetObjectViewTestCase, APIViewTestCases.ListObjectsViewTestCase):
    model = MedicalClaim

    @classmethod
    def create_objects(cls, tree):
        return claims(tree)


# Filing a claim (hand-written: the claim is created with its case by the service)


@pytest.fixture
def program(assistance, tree):
    from minzheng.assistance.tests import factories
    from minzheng.assistance.tests.test_medical import MEDICAL_RULES

    program = Program.objects.get(code="medical")
    factories.rule_set(program, tree.city, "2014-01-01", MEDICAL_RULES)
    return program


def claim_data(program, household, **extra) -> dict:
    patient = household.memberships.order_by("pk").first().person
    return {"program": program.pk, "household": household.pk, "patient": patient.pk, "category": "other",
            "hospital": "天津市第一中心医院", "treated_from": "2025-03-01", "treated_until": "2025-03-05",
            "settled_on": "2025-03-10", "total_cost": "5000.00", "insurance_paid": "3000.00", "other_paid": "0",
            "ineligible_cost": "0", "reason": "住院费用负担重", **extra}


@pytest.mark.django_db
def test_filing_a_claim_through_the_page(program, household, staff, login_as):
    client = login_as(staff["worker"])
    assert client.get(model_url(MedicalClaim, "add")).status_code == 200

    response = client.post(model_url(MedicalClaim, "add"), claim_data(program, household))

    claim = MedicalClaim.objects.get()
    assert response.status_code == 302 and response.url == claim.get_absolute_url()
    assert (claim.case.kind, claim.case.division, claim.eligible_cost) == ("medical", household.division,
                                                                           Decimal("2000.00"))
    page = client.get(claim.get_absolute_url()).content.decode()
    assert 'id="eligible-cost">2000.00<' in page and claim.case.number in page


@pytest.mark.django_db
def test_a_refused_claim_shows_the_reason_and_writes_nothing(program, household, staff, login_as):
    client = login_as(staff["worker"])
    changes = ObjectChange.objects.count()
    response = client.post(model_url(MedicalClaim, "add"), claim_data(program, household, insurance_paid="6000"))
    assert response.status_code == 200 and response.context["form"].errors
    assert (MedicalClaim.objects.count(), AssistanceCase.objects.count(), ObjectChange.objects.count()) == (
        0, 0, changes)


@pytest.mark.django_db
def test_filing_a_claim_through_the_api(program, household, staff, api_as, tree, make_user):
    response = api_as(staff["worker"]).post("/api/assistance/medical-claims/", claim_data(program, household),
                                            format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["eligible_cost"], body["amount"]) == ("in_procedure", "2000.00", None)

    # another district's worker cannot name this household: nothing is filed
    hx_worker = make_user("community_worker", tree.hx_community)
    response = api_as(hx_worker).post("/api/assistance/medical-claims/", claim_data(program, household),
                                      format="json")
    assert response.status_code == 400 and "household" in response.json()["errors"]
    assert MedicalClaim.objects.count() == 1


@pytest.mark.django_db
def test_the_patient_must_be_of_the_household(program, household, staff, login_as, tree):
    from minzheng.registry.tests.factories import make_person

    stranger = make_person(tree.hp_community, name="路人甲")
    response = login_as(staff["worker"]).post(model_url(MedicalClaim, "add"),
                                              claim_data(program, household, patient=stranger.pk))
    assert response.status_code == 200 and "patient" in response.context["form"].errors
    assert MedicalClaim.objects.count() == 0
