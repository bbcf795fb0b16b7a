"""The benefit after approval: periodic review with 增发/减发/停发, death, 近亲属 flag and recusal, deadlines."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from minzheng.approvals.models import ApprovalRequest
from minzheng.approvals.rules import step_deadline
from minzheng.approvals.workdays import add_workdays
from minzheng.assistance import flows, procedure, reviews
from minzheng.assistance.benefits import add_months, amount_in, resume_benefit, suspend_benefit
from minzheng.assistance.choices import BenefitChangeKind, CaseStatus, ReviewDecision, ReviewStatus
from minzheng.assistance.conflicts import find_conflicts
from minzheng.assistance.models import BenefitChange, BenefitPeriod
from minzheng.assistance.services import file_conflict
from minzheng.assistance.tests import factories
from minzheng.assistance.tests.test_procedure import apply, approved_case, investigate, refused
from minzheng.registry.choices import LifeEventKind
from minzheng.registry.lifeevents import first_day_of_next_month
from minzheng.registry.services import record_life_event
from minzheng.registry.tests.factories import make_household, make_person

pytestmark = pytest.mark.django_db


def review_investigation(case, staff, *, home_visit=True):
    return reviews.record_review_investigation(
        case, actor=staff["officer"], investigator_1=staff["officer2"], investigator_2=staff["officer3"],
        visited_on=timezone.localdate(), member_count=3, household_income=Decimal("1200"), findings="妻子已就业",
        eligible=True, home_visit=home_visit)


def decide_review(review, staff):
    request = reviews.review_request(review)
    procedure.approvals.decide(request, actor=staff["officer2"], decision="approve", step_code=flows.INVESTIGATE)
    procedure.approvals.decide(request, actor=staff["approver"], decision="approve", step_code=flows.APPROVE)
    review.refresh_from_db()
    return review


def test_review_decreases_from_the_month_given(assistance, household, staff, documents):
    case = approved_case(assistance, household, staff, documents)
    start = case.benefitperiods.get().starts
    effective = add_months(start, 2)
    investigation = review_investigation(case, staff)
    refused(lambda: reviews.propose_review(case, actor=staff["officer"], decision=ReviewDecision.DECREASE,
                                           new_amount=Decimal("2000"), effective=effective, reason="收入增加",
                                           investigation=investigation), code="assistance.amount_direction")
    review = reviews.propose_review(case, actor=staff["officer"], decision=ReviewDecision.DECREASE,
                                    new_amount=Decimal("970"), effective=effective, reason="妻子就业，收入增加",
                                    investigation=investigation)
    # the district decides after the street; another district's approver cannot
    refused(lambda: procedure.approvals.decide(reviews.review_request(review), actor=staff["hx_approver"],
                                               decision="approve", step_code=flows.INVESTIGATE))
    assert amount_in(case, effective) == Decimal("1270.00")  # nothing changes before the decision
    decide_review(review, staff)
    assert review.status == ReviewStatus.APPROVED
    assert amount_in(case, add_months(start, 1)) == Decimal("1270.00")
    assert amount_in(case, effective) == Decimal("970.00")
    assert BenefitChange.objects.filter(case=case, kind=BenefitChangeKind.DECREASE).count() == 1


def test_review_stop_ends_the_case(assistance, household, staff, documents):
    case = approved_case(assistance, household, staff, documents)
    effective = add_months(case.benefitperiods.get().starts, 1)
    review = reviews.propose_review(case, actor=staff["officer"], decision=ReviewDecision.STOP, effective=effective,
                                    reason="家庭人均收入已超过标准")
    decide_review(review, staff)
    case.refresh_from_db()
    assert case.status == CaseStatus.ENDED and case.ended_on == effective
    assert amount_in(case, effective) is None


def test_rejected_review_changes_nothing(assistance, household, staff, documents):
    case = approved_case(assistance, household, staff, documents)
    review = reviews.propose_review(case, actor=staff["officer"], decision=ReviewDecision.INCREASE,
                                    new_amount=Decimal("1500"), reason="医疗支出增加",
                                    effective=add_months(case.benefitperiods.get().starts, 1))
    request = reviews.review_request(review)
    procedure.approvals.decide(request, actor=staff["officer2"], decision="reject", reason="支出不计入收入核算",
                               step_code=flows.INVESTIGATE)
    review.refresh_from_db()
    assert review.status == ReviewStatus.REJECTED
    assert BenefitPeriod.objects.filter(case=case).count() == 1


def test_next_review_scheduled_from_rules(assistance, household, staff, documents, tree):
    rules = assistance.calculationrulesets.get()
    rules.rules = {**rules.rules, "review_months": 6}
    rules.save()
    case = approved_case(assistance, household, staff, documents)
    assert case.next_review_on == add_months(case.benefit_from, 6)


def _alone(tree):
    alone = make_person(tree.hp_community, name="孤老人", birth_date=datetime.date(1940, 1, 1))
    return alone, make_household(alone, tree.hp_community)


def test_death_of_the_only_member_stops_from_next_month(assistance, staff, documents, tree):
    alone, household = _alone(tree)
    this_month = timezone.localdate().replace(day=1)
    started = add_months(this_month, -2)
    case = approved_case(assistance, household, staff, documents, income=Decimal("300"), benefit_from=started)
    died = timezone.localdate()
    record_life_event(alone, LifeEventKind.DEATH, died, actor=staff["officer"])
    case.refresh_from_db()
    assert case.status == CaseStatus.ENDED and case.ended_on == first_day_of_next_month(died)
    assert amount_in(case, died) == Decimal("400.00")  # the month of death is still paid
    assert amount_in(case, first_day_of_next_month(died)) is None
    assert case.benefitperiods.get().ends == first_day_of_next_month(died)
    assert BenefitChange.objects.get(case=case, kind=BenefitChangeKind.DEATH).old_amount == Decimal("400.00")


def test_death_before_the_first_month_means_never_paid(assistance, staff, documents, tree):
    alone, household = _alone(tree)
    case = approved_case(assistance, household, staff, documents, income=Decimal("300"))  # paid from next month
    record_life_event(alone, LifeEventKind.DEATH, timezone.localdate(), actor=staff["officer"])
    case.refresh_from_db()
    assert case.status == CaseStatus.ENDED and not case.benefitperiods.exists()
    assert BenefitChange.objects.filter(case=case, kind=BenefitChangeKind.DEATH).count() == 1


def test_death_of_one_member_puts_the_case_up_for_review(assistance, household, staff, documents):
    case = approved_case(assistance, household, staff, documents)
    spouse = household.memberships.order_by("pk")[1].person
    record_life_event(spouse, LifeEventKind.DEATH, timezone.localdate(), actor=staff["officer"])
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE and case.next_review_on == timezone.localdate()
    assert case.benefitperiods.get().ends is None  # nothing changes silently: a review decides


def test_close_relative_flag_filing_home_visit_and_recusal(assistance, household, staff, documents, tree):
    """The second investigator is the declared sibling of the wife: the case is flagged, needs a 备案 and a
    home visit, and that officer may not decide any step of it."""
    spouse = household.memberships.order_by("pk")[1].person
    record = factories.caseworker("张经办", tree.hp_street, 91, user=staff["officer2"])
    declared = factories.relative(record, spouse.name, spouse.id_number)
    case = apply(assistance, household, staff, documents)
    assert case.conflicts and case.conflicts[0]["relative"] == declared.pk
    refused(lambda: procedure.accept(case, actor=staff["officer2"]), code="approvals.recused")
    procedure.accept(case, actor=staff["officer"])
    investigate(case, staff, by="officer3", home_visit=False)
    refused(lambda: procedure.decide_step(case, actor=staff["officer3"], step_code=flows.INVESTIGATE,
                                          decision="approve"), code="assistance.home_visit_required")
    investigate(case, staff, by="officer3")
    refused(lambda: procedure.decide_step(case, actor=staff["officer3"], step_code=flows.INVESTIGATE,
                                          decision="approve"), code="assistance.filing_missing")
    conflict = find_conflicts([spouse.id_number], case.division)[0]
    file_conflict(conflict, actor=staff["officer"], division=case.division, case_reference=case.number)
    procedure.decide_step(case, actor=staff["officer3"], step_code=flows.INVESTIGATE, decision="approve")
    assert procedure.case_request(case).current_step.code == flows.EVALUATE


def test_close_relative_review_needs_a_home_visit(assistance, household, staff, documents, tree):
    spouse = household.memberships.order_by("pk")[1].person
    case = approved_case(assistance, household, staff, documents)
    case.conflicts = [{"relative": 1, "relative_name": spouse.name, "caseworker": 1, "caseworker_name": "某",
                       "relation": "sibling"}]
    case.save()
    refused(lambda: reviews.propose_review(case, actor=staff["officer"], decision=ReviewDecision.KEEP,
                                           reason="复核无变化"), code="assistance.home_visit_required")
    investigation = review_investigation(case, staff)
    reviews.propose_review(case, actor=staff["officer"], decision=ReviewDecision.KEEP, reason="复核无变化",
                           investigation=investigation)


def test_step_deadline_counts_working_days_across_a_holiday(assistance, household, staff, documents):
    """Investigation started on the eve of 2014's National Day: its 10 working days skip the seven holidays
    (10-01..10-07) and count the make-up Saturday 10-11 (调休上班); the case is overdue from 10-21 (without the
    calendar it would be 10-14)."""
    case = apply(assistance, household, staff, documents)
    procedure.accept(case, actor=staff["officer"])
    request = procedure.case_request(case)
    eve = datetime.datetime(2014, 9, 30, 10, tzinfo=datetime.UTC)
    deadline = step_deadline(request.current_step, eve)
    assert deadline == add_workdays(datetime.date(2014, 9, 30), 10) == datetime.date(2014, 10, 20)
    ApprovalRequest.objects.filter(pk=request.pk).update(step_started_at=eve, deadline=deadline)
    requests = ApprovalRequest.objects.filter(pk=request.pk)
    assert not procedure.approvals.overdue(requests, today=datetime.date(2014, 10, 20)).exists()
    assert procedure.approvals.overdue(requests, today=datetime.date(2014, 10, 21)).exists()


def test_suspension_leaves_months_out_until_resumed(assistance, household, staff, documents):
    this_month = timezone.localdate().replace(day=1)
    case = approved_case(assistance, household, staff, documents, benefit_from=add_months(this_month, -3))
    suspended_from, resumed_from = add_months(this_month, -1), add_months(this_month, 1)
    refused(lambda: suspend_benefit(case, effective=suspended_from, reason="核查收入变化", actor=staff["hx_officer"]))
    refused(lambda: suspend_benefit(case, effective=suspended_from, reason="", actor=staff["officer"]),
            code="assistance.reason_required")
    suspend_benefit(case, effective=suspended_from, reason="核查收入变化", actor=staff["officer"])
    case.refresh_from_db()
    assert case.status == CaseStatus.SUSPENDED
    assert amount_in(case, add_months(this_month, -2)) == Decimal("1270.00")
    assert amount_in(case, suspended_from) is None and amount_in(case, this_month) is None
    refused(lambda: resume_benefit(case, effective=add_months(this_month, -2), reason="核查无误",
                                   actor=staff["officer"]), code="assistance.effective_too_early")
    resume_benefit(case, effective=resumed_from, reason="核查无误，恢复发放", actor=staff["officer"])
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE
    assert amount_in(case, this_month) is None and amount_in(case, resumed_from) == Decimal("1270.00")
    kinds = list(case.benefitchanges.order_by("pk").values_list("kind", flat=True))
    assert kinds == [BenefitChangeKind.GRANT, BenefitChangeKind.SUSPEND, BenefitChangeKind.RESUME]


def test_a_suspended_case_is_left_out_of_the_roll(assistance, household, staff, documents, tree):
    from minzheng.payments.services import generate_roll

    this_month = timezone.localdate().replace(day=1)
    case = approved_case(assistance, household, staff, documents, benefit_from=add_months(this_month, -2))
    suspend_benefit(case, effective=this_month, reason="暂停核查", actor=staff["officer"])
    paid_before = generate_roll(assistance, tree.heping, add_months(this_month, -1), actor=staff["approver"])
    now = generate_roll(assistance, tree.heping, this_month, actor=staff["approver"])
    assert paid_before.entries.count() == 1 and now.entries.count() == 0
