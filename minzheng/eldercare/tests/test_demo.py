"""The elderly-care demo: institutions under both rule sets, centres, assessments in every level and state,
home-care orders in every state, insurance and the registries; run once."""

import itertools

import pytest

from minzheng.eldercare.assessment.examples import answers_for_grades
from minzheng.eldercare.assessment.scoring import assess
from minzheng.eldercare.choices import AssessmentStatus, CentreKind, EstablishmentStatus, FindingStatus, OrderStatus
from minzheng.eldercare.demo import create_demo_eldercare
from minzheng.eldercare.models import (
    Assessment,
    ElderlyAssociation,
    Establishment,
    HonourAward,
    InspectionFinding,
    InsurancePolicy,
    ServiceCentre,
    ServiceOrder,
)
from minzheng.eldercare.tests.assessment_helpers import MZT


@pytest.fixture
def users(make_user, tree):
    return {"city_admin": make_user("city_admin", tree.city),
            "heping_approver": make_user("district_approver", tree.heping),
            "hexi_approver": make_user("district_approver", tree.hexi),
            "heping_officer": make_user("street_officer", tree.hp_street),
            "heping_officer2": make_user("street_officer", tree.hp_street),
            "heping_worker": make_user("community_worker", tree.hp_community)}


def test_the_demo_covers_every_state(users):
    made = create_demo_eldercare(users)

    assert len(made["institutions"]) == 5
    assert set(Establishment.objects.values_list("status", flat=True)) == set(EstablishmentStatus.values)
    assert set(Establishment.objects.values_list("procedure", flat=True)) == {"licence", "registration"}
    confirmed = Assessment.objects.filter(status=AssessmentStatus.CONFIRMED)
    assert sorted(confirmed.values_list("level", flat=True)) == [0, 1, 2, 3]
    assert set(Assessment.objects.values_list("status", flat=True)) == set(AssessmentStatus.values)
    assert confirmed.filter(condition_changed_on__isnull=False).count() == 1
    assert all(a.second_assessor_id not in (None, a.assessor_id) for a in confirmed)
    assert set(ServiceOrder.objects.values_list("status", flat=True)) == set(OrderStatus.values)
    assert set(ServiceCentre.objects.values_list("kind", flat=True)) == set(CentreKind.values)
    assert set(InspectionFinding.objects.values_list("status", flat=True)) == set(FindingStatus.values)
    assert InsurancePolicy.objects.exists() and ElderlyAssociation.objects.exists() and HonourAward.objects.exists()
    assert create_demo_eldercare(users) is None


def test_example_answers_give_every_combination_of_grades():
    codes = [dimension.code for dimension in MZT.dimensions]
    for grades in itertools.product(range(4), repeat=4):
        answers = answers_for_grades(MZT, dict(zip(codes, grades, strict=True)))
        assert tuple(assess(MZT, answers).grades.values()) == grades
