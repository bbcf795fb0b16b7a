"""Elderly-care subsidies through social assistance's procedure and payroll: who qualifies, the amount by level
or age, the approval re-check, the shared payment roll, and the beneficiary's death stopping it."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from minzheng.approvals.holidays import seed_holidays
from minzheng.assistance import flows, procedure
from minzheng.assistance.benefits import amount_in
from minzheng.assistance.choices import CaseStatus
from minzheng.assistance.models import AssistanceCase, Program, Standard
from minzheng.assistance.services import seed_programs
from minzheng.eldercare.choices import AssessmentStatus
from minzheng.eldercare.models import SubsidyRuleSet
from minzheng.eldercare.services.subsidies import apply_for_subsidy, quote_subsidy
from minzheng.eldercare.tests import factories as f
from minzheng.framework.exceptions import DomainError, PermissionsViolation
from minzheng.payments.services import generate_roll
from minzheng.registry.choices import HouseholdKind, LifeEventKind, Relation
from minzheng.registry.lifeevents import first_day_of_next_month
from minzheng.registry.services import record_life_event
from minzheng.registry.tests.factories import make_household, make_person

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def programs(db, roles, tree, reference):
    """The subsidy programs with sample rules at the city, and a 低保 standard of 700 (for the income limit)."""
    seed_holidays()
    seed_programs()
    flows.seed_flows()
    Standard.objects.create(program=Program.objects.get(code="dibao_urban"), division=tree.city,
                            effective_from="2014-01-01", area_type="urban", amount="700")
    care = Program.objects.get(code="care_subsidy")
    SubsidyRuleSet.objects.create(program=care, division=tree.city, effective_from=datetime.date(2014, 1, 1),
                                  level_amounts={"1": "100", "2": "200", "3": "300"}, income_limit_multiple="2")
    longevity = Program.objects.get(code="longevity")
    SubsidyRuleSet.objects.create(program=longevity, division=tree.city, effective_from=datetime.date(2014, 1, 1),
                                  min_age=80, age_amounts={"80": "50", "90": "100", "100": "300"})
    homecare = Program.objects.get(code="homecare_subsidy")
    rules = SubsidyRuleSet.objects.create(program=homecare, division=tree.city, rural_only=True,
                                          effective_from=datetime.date(2014, 1, 1), flat_amount="150")
    rules.pilot_divisions.set([tree.hexi])
    return {"care": care, "longevity": longevity, "homecare": homecare}


@pytest.fixture
def staff(make_user, tree):
    return {"officer": make_user("street_officer", tree.hp_street), "approver": make_user("district_approver",
                                                                                          tree.heping),
            "hx_officer": make_user("street_officer", tree.hx_street)}


def elder_household(tree, *, born=datetime.date(1940, 5, 1), division=None, kind=HouseholdKind.URBAN):
    division = division or tree.hp_community
    elder = make_person(division, name="周大爷", birth_date=born)
    daughter = make_person(division, name="周小梅", birth_date=datetime.date(1970, 2, 2), sex="2")
    household = make_household(elder, division, members=[(daughter, Relation.CHILD)])
    household.kind = kind
    household.save()
    return elder, household


def documents() -> dict:
    return {"application_document": ContentFile(b"%PDF", name="申请.pdf"),
            "authorisation_document": ContentFile(b"%PDF", name="授权.pdf")}


def confirmed(person, grades, on=TODAY - datetime.timedelta(days=30)):
    return f.stored_assessment(person, grades=grades, on=on, status=AssessmentStatus.CONFIRMED)


def apply(programs, staff, elder, household, key="care", income="1000"):
    return apply_for_subsidy(program=programs[key], person=elder, household=household, actor=staff["officer"],
                             household_income=Decimal(income), reason="失能，需照护", **documents())


def approve(case, staff):
    procedure.decide_step(case, actor=staff["officer"], step_code=flows.ACCEPT, decision="approve")
    return procedure.decide_step(case, actor=staff["approver"], step_code=flows.APPROVE, decision="approve",
                                 benefit_from=TODAY.replace(day=1))


def test_a_care_subsidy_by_level_is_approved_and_paid_by_the_shared_roll(programs, staff, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    elder, household = elder_household(tree)
    assessment = confirmed(elder, (2, 0, 0, 0))
    case = apply(programs, staff, elder, household)
    assert case.calculated_amount == Decimal(str({1: 100, 2: 200, 3: 300}[assessment.level]))
    assert case.number.startswith("ZH120101") and case.applicant == elder
    case = approve(case, staff)
    assert case.status == CaseStatus.ACTIVE and amount_in(case, TODAY) == case.calculated_amount
    roll = generate_roll(programs["care"], tree.heping, TODAY, actor=staff["approver"])
    entry = roll.entries.get()
    assert (entry.case, entry.payee, entry.amount, roll.total_amount) == (case, elder, case.calculated_amount,
                                                                        case.calculated_amount)


@pytest.mark.parametrize(("grades", "code"), [(None, "eldercare.subsidy_assessment_missing"),
                                              ((0, 0, 0, 0), "eldercare.subsidy_level")])
def test_a_care_subsidy_needs_a_level_in_force(programs, staff, tree, grades, code):
    elder, household = elder_household(tree)
    if grades is not None:
        confirmed(elder, grades)
    before = AssistanceCase.objects.count()
    with pytest.raises(DomainError) as refused:
        apply(programs, staff, elder, household)
    assert refused.value.code == code and AssistanceCase.objects.count() == before


def test_an_expired_or_unconfirmed_assessment_does_not_count(programs, staff, tree):
    elder, household = elder_household(tree)
    confirmed(elder, (3, 0, 0, 0), on=TODAY - datetime.timedelta(days=400))  # reassessment due long ago
    f.stored_assessment(elder, grades=(3, 0, 0, 0), on=TODAY)  # recorded, not yet confirmed by the second assessor
    with pytest.raises(DomainError) as refused:
        apply(programs, staff, elder, household)
    assert refused.value.code == "eldercare.subsidy_assessment_missing"


def test_the_income_limit_on_its_boundary(programs, tree):
    elder, household = elder_household(tree)
    confirmed(elder, (2, 0, 0, 0))
    # two members, limit 2 × 700 = 1400 per person: 2800 is allowed, 2800.02 is not
    assert not quote_subsidy(programs["care"], elder, household, household_income=Decimal("2800"), members=2).refusals
    refused = quote_subsidy(programs["care"], elder, household, household_income=Decimal("2800.02"), members=2)
    assert [error.code for error in refused.refusals] == ["eldercare.subsidy_income"]


@pytest.mark.parametrize(("born_years_ago", "amount"), [(79, None), (80, "50"), (89, "50"), (90, "100"),
                                                        (100, "300")])
def test_the_old_age_allowance_by_age_band(programs, tree, born_years_ago, amount):
    born = TODAY.replace(year=TODAY.year - born_years_ago) if (TODAY.month, TODAY.day) != (2, 29) else TODAY
    elder, household = elder_household(tree, born=born)
    quote = quote_subsidy(programs["longevity"], elder, household)
    assert quote.amount == (Decimal(amount) if amount else None)
    assert bool(quote.refusals) is (amount is None)


def test_the_rural_subsidy_only_in_pilot_divisions_and_rural_households(programs, tree):
    elder, household = elder_household(tree, division=tree.hx_community, kind=HouseholdKind.RURAL)
    assert quote_subsidy(programs["homecare"], elder, household).amount == Decimal("150")
    urban = elder_household(tree, division=tree.hx_community)
    assert [e.code for e in quote_subsidy(programs["homecare"], *urban).refusals] == ["eldercare.subsidy_rural_only"]
    outside = elder_household(tree, kind=HouseholdKind.RURAL)
    assert [e.code for e in quote_subsidy(programs["homecare"], *outside).refusals] == [
        "eldercare.subsidy_not_pilot"]


def test_the_approval_rechecks_the_assessment(programs, staff, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    elder, household = elder_household(tree)
    assessment = confirmed(elder, (2, 0, 0, 0))
    case = apply(programs, staff, elder, household)
    procedure.decide_step(case, actor=staff["officer"], step_code=flows.ACCEPT, decision="approve")
    assessment.status = AssessmentStatus.CANCELLED
    assessment.save()
    with pytest.raises(DomainError) as refused:
        procedure.decide_step(case, actor=staff["approver"], step_code=flows.APPROVE, decision="approve")
    assert refused.value.code == "eldercare.subsidy_assessment_missing"
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROCEDURE


def test_one_open_case_per_person_and_another_district_refused(programs, staff, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    elder, household = elder_household(tree)
    confirmed(elder, (2, 0, 0, 0))
    apply(programs, staff, elder, household)
    with pytest.raises(DomainError) as refused:
        apply(programs, staff, elder, household)
    assert refused.value.code == "assistance.case_open"
    other, other_household = elder_household(tree)
    confirmed(other, (1, 0, 0, 0))
    with pytest.raises(PermissionsViolation):
        apply_for_subsidy(program=programs["care"], person=other, household=other_household,
                          actor=staff["hx_officer"], household_income=Decimal("0"), **documents())
    assert AssistanceCase.objects.count() == 1


def test_the_beneficiarys_death_stops_it_from_the_next_month_and_no_one_elses(programs, staff, tree, settings,
                                                                               tmp_path):
    settings.MEDIA_ROOT = tmp_path
    elder, household = elder_household(tree)
    confirmed(elder, (2, 0, 0, 0))
    case = approve(apply(programs, staff, elder, household), staff)
    daughter = household.memberships.exclude(person=elder).get().person
    record_life_event(daughter, LifeEventKind.DEATH, TODAY, actor=staff["officer"])
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE and not case.reviewtasks.exists()
    record_life_event(elder, LifeEventKind.DEATH, TODAY, actor=staff["officer"])
    case.refresh_from_db()
    assert amount_in(case, TODAY) == case.approved_amount
    assert amount_in(case, first_day_of_next_month(TODAY)) is None


def test_the_subsidy_page_files_or_refuses_with_the_reason(programs, staff, tree, login_as, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    settings.MEDIA_ROOT = tmp_path
    elder, household = elder_household(tree)

    def post():
        return login_as(staff["officer"]).post(reverse("eldercare:subsidy_apply"), {
            "program": programs["care"].pk, "household": household.pk, "person": elder.pk, "household_income": "900",
            "application_document": SimpleUploadedFile("申请.pdf", b"%PDF"),
            "authorisation_document": SimpleUploadedFile("授权.pdf", b"%PDF")})

    refused = post()
    assert refused.status_code == 200 and refused.context["form"].errors and not AssistanceCase.objects.exists()
    confirmed(elder, (1, 0, 0, 0))
    filed = post()
    case = AssistanceCase.objects.get()
    assert filed.status_code == 302 and filed.url == case.get_absolute_url() and case.calculated_amount == 100
