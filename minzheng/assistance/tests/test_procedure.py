"""The 低保 procedure through its services: every step by a different user in the right area, while users of
the wrong area or role are refused and nothing changes."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from minzheng.approvals import services as approvals
from minzheng.approvals.choices import ObjectionStatus, RequestStatus
from minzheng.approvals.models import ApprovalDecision, Objection
from minzheng.assistance import flows, procedure
from minzheng.assistance.choices import CaseChannel, CaseStatus, EvaluationOutcome
from minzheng.assistance.models import AssistanceCase, BenefitPeriod, Evaluation, Investigation
from minzheng.assistance.tests.conftest import INCOME
from minzheng.audit.models import ObjectChange
from minzheng.divisions.models import Division
from minzheng.framework.exceptions import DomainError, PermissionsViolation
from minzheng.payments import services as payments
from minzheng.payments.models import PaymentRoll
from minzheng.registry.lifeevents import first_day_of_next_month

pytestmark = pytest.mark.django_db

AFTER_NOTICE = datetime.timedelta(days=15)


def snapshot() -> tuple:
    """What a refused action must leave as it was."""
    return (AssistanceCase.objects.count(), list(AssistanceCase.objects.values_list("status", "approved_amount")),
            ApprovalDecision.objects.count(), Investigation.objects.count(), Evaluation.objects.count(),
            BenefitPeriod.objects.count(), ObjectChange.objects.count(), PaymentRoll.objects.count(),
            list(PaymentRoll.objects.values_list("status", flat=True)))


def refused(action, *, code: str | None = None):
    """Run ``action``; it must raise (a DomainError of ``code``, or PermissionsViolation) and change nothing."""
    before = snapshot()
    with pytest.raises((DomainError, PermissionsViolation)) as info:
        action()
    if code is not None:
        assert isinstance(info.value, DomainError) and info.value.code == code, info.value
    assert snapshot() == before
    return info.value


def apply(assistance, household, staff, documents, **extra):
    head = household.memberships.order_by("pk").first().person
    return procedure.apply(program=assistance, household=household, applicant=head, actor=staff["worker"],
                           channel=CaseChannel.COMMUNITY, household_income=INCOME, reason="丈夫失业，妻子患病",
                           **documents, **extra)


def investigate(case, staff, *, by="officer2", eligible=True, home_visit=True, income=INCOME):
    return procedure.record_investigation(
        case, actor=staff[by], investigator_1=staff["officer2"], investigator_2=staff["officer3"],
        visited_on=timezone.localdate(), member_count=3, household_income=income, findings="家中无大件资产",
        eligible=eligible, home_visit=home_visit, neighbour_visits=2, neighbour_notes="邻居证实丈夫失业",
        data_check="户籍、社保、车辆、不动产已核")


def evaluate(case, staff, outcome=EvaluationOutcome.AGREED, by="officer"):
    return procedure.record_evaluation(case, actor=staff[by], held_on=timezone.localdate(), attendance=9,
                                       attendees="居民代表7人、居委会委员2人", votes_for=8, votes_against=1,
                                       outcome=outcome)


def to_notice(case, staff, income=INCOME):
    procedure.accept(case, actor=staff["officer"])
    investigate(case, staff, income=income)
    procedure.decide_step(case, actor=staff["officer2"], step_code=flows.INVESTIGATE, decision="approve")
    evaluate(case, staff)
    procedure.decide_step(case, actor=staff["officer"], step_code=flows.EVALUATE, decision="approve")
    return procedure.case_request(case)


def test_dibao_from_application_to_payment(assistance, household, staff, documents):
    case = apply(assistance, household, staff, documents)
    assert case.status == CaseStatus.IN_PROCEDURE and case.number.startswith("DB1201012")
    assert procedure.case_request(case).current_step.code == flows.ACCEPT

    # 受理: not by the community worker (wrong role), not by another district's officer (cannot see it)
    refused(lambda: procedure.accept(case, actor=staff["worker"]), code="approvals.role_required")
    refused(lambda: procedure.accept(case, actor=staff["hx_officer"]))
    procedure.accept(case, actor=staff["officer"])

    # 家庭经济状况调查 by two investigators; the street officer of 河西区 can neither record nor decide it
    refused(lambda: investigate(case, staff, by="hx_officer"))
    refused(lambda: procedure.decide_step(case, actor=staff["officer2"], step_code=flows.INVESTIGATE,
                                          decision="approve"), code="assistance.investigation_missing")
    investigate(case, staff)
    case.refresh_from_db()
    assert case.calculated_amount == Decimal("1200.00") + Decimal("70")  # (700 − 300) × 3 + minor supplement
    assert case.calculation[-1]["value"] == "1270.00"
    # the district approver cannot decide before the street has (server-enforced step order)
    refused(lambda: procedure.decide_step(case, actor=staff["approver"], step_code=flows.APPROVE,
                                          decision="approve"), code="approvals.not_current_step")
    procedure.decide_step(case, actor=staff["officer2"], step_code=flows.INVESTIGATE, decision="approve")

    # 民主评议, recorded and decided by a fourth street officer
    evaluate(case, staff, by="officer4")
    procedure.decide_step(case, actor=staff["officer4"], step_code=flows.EVALUATE, decision="approve")

    # 公示: cannot end before its seven days
    refused(lambda: procedure.decide_step(case, actor=staff["officer3"], step_code=flows.NOTICE, decision="approve"),
            code="approvals.notice_running")
    later = timezone.now() + AFTER_NOTICE
    procedure.decide_step(case, actor=staff["officer3"], step_code=flows.NOTICE, decision="approve", now=later)

    # 区县审批: not by another district's approver, not by a street officer
    refused(lambda: procedure.decide_step(case, actor=staff["hx_approver"], step_code=flows.APPROVE,
                                          decision="approve"))
    refused(lambda: procedure.decide_step(case, actor=staff["officer"], step_code=flows.APPROVE, decision="approve"),
            code="approvals.role_required")
    procedure.decide_step(case, actor=staff["approver"], step_code=flows.APPROVE, decision="approve", now=later)

    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE and case.approved_amount == Decimal("1270.00")
    period = case.benefitperiods.get()
    assert period.starts == first_day_of_next_month(timezone.localdate()) and period.ends is None
    assert period.monthly_amount == Decimal("1270.00")
    deciders = set(procedure.case_request(case).decisions.values_list("actor__username", flat=True))
    assert deciders == {"hp_officer_a", "hp_officer_b", "hp_officer_d", "hp_officer_c", "hp_approver"}
    assert procedure.case_request(case).decisions.count() == 5  # one decision per step, each by another user

    # 发放: the first month's roll of 和平区 pays it; 河西区's approver can neither make nor approve it
    heping = Division.objects.get(code="120101")
    refused(lambda: payments.generate_roll(assistance, heping, period.starts, actor=staff["hx_approver"]))
    roll = payments.generate_roll(assistance, heping, period.starts, actor=staff["approver"])
    assert payments.generate_roll(assistance, heping, period.starts, actor=staff["approver"]).pk == roll.pk
    entry = roll.entries.get()
    assert (entry.case_id, entry.amount, roll.total_amount) == (case.pk, Decimal("1270.00"), Decimal("1270.00"))
    refused(lambda: payments.approve_roll(roll, actor=staff["hx_approver"]))
    assert payments.approve_roll(roll, actor=staff["approver"]).status == "approved"


def test_documents_must_be_on_file(assistance, household, staff):
    case = apply(assistance, household, staff, {})
    refused(lambda: procedure.accept(case, actor=staff["officer"]), code="assistance.documents_missing")


def test_second_open_case_refused(assistance, household, staff, documents):
    apply(assistance, household, staff, documents)
    with pytest.raises(DomainError) as info:
        apply(assistance, household, staff, {})
    assert info.value.code == "assistance.case_open"
    assert AssistanceCase.objects.count() == 1


def test_wrong_district_cannot_apply(assistance, household, staff, make_user, tree):
    hx_worker = make_user("community_worker", tree.hx_community)
    head = household.memberships.first().person
    with pytest.raises(PermissionsViolation):
        procedure.apply(program=assistance, household=household, applicant=head, actor=hx_worker)
    assert AssistanceCase.objects.count() == 0


def test_investigation_needs_two_investigators(assistance, household, staff, documents):
    case = apply(assistance, household, staff, documents)
    procedure.accept(case, actor=staff["officer"])
    refused(lambda: procedure.record_investigation(
        case, actor=staff["officer2"], investigator_1=staff["officer2"], investigator_2=staff["officer2"],
        visited_on=timezone.localdate(), member_count=3, household_income=INCOME, findings="x", eligible=True),
        code="assistance.two_investigators")
    refused(lambda: procedure.record_investigation(
        case, actor=staff["officer2"], investigator_1=staff["officer2"], investigator_2=staff["hx_officer"],
        visited_on=timezone.localdate(), member_count=3, household_income=INCOME, findings="x", eligible=True),
        code="assistance.investigator_area")


def test_not_eligible_is_rejected_with_reason(assistance, household, staff, documents):
    case = apply(assistance, household, staff, documents)
    procedure.accept(case, actor=staff["officer"])
    investigate(case, staff, eligible=False, income=Decimal("3000"))
    refused(lambda: procedure.decide_step(case, actor=staff["officer2"], step_code=flows.INVESTIGATE,
                                          decision="approve"), code="assistance.not_eligible")
    refused(lambda: procedure.decide_step(case, actor=staff["officer2"], step_code=flows.INVESTIGATE,
                                          decision="reject"), code="approvals.reason_required")
    procedure.decide_step(case, actor=staff["officer2"], step_code=flows.INVESTIGATE, decision="reject",
                          reason="人均收入高于低保标准")
    case.refresh_from_db()
    assert case.status == CaseStatus.REJECTED and case.decision_reason == "人均收入高于低保标准"


def test_evaluation_not_agreed_blocks(assistance, household, staff, documents):
    case = apply(assistance, household, staff, documents)
    procedure.accept(case, actor=staff["officer"])
    investigate(case, staff)
    procedure.decide_step(case, actor=staff["officer2"], step_code=flows.INVESTIGATE, decision="approve")
    evaluate(case, staff, EvaluationOutcome.NOT_AGREED)
    refused(lambda: procedure.decide_step(case, actor=staff["officer"], step_code=flows.EVALUATE,
                                          decision="approve"), code="assistance.evaluation_not_agreed")


def test_objection_during_notice_needs_resolution_and_reinvestigation(assistance, household, staff, documents):
    case = apply(assistance, household, staff, documents)
    request = to_notice(case, staff)
    objection = approvals.receive_objection(request, actor=None, content="该户有一辆轿车未申报", objector="")
    later = timezone.now() + AFTER_NOTICE
    refused(lambda: procedure.decide_step(case, actor=staff["officer"], step_code=flows.NOTICE, decision="approve",
                                          now=later), code="approvals.objections_open")
    approvals.resolve_objection(objection, actor=staff["officer"], status=ObjectionStatus.UPHELD,
                                resolution="经核实属实，需重新调查")
    procedure.reinvestigate(case, actor=staff["officer"], reason="公示期间异议经核实成立")
    assert procedure.case_request(case).current_step.code == flows.INVESTIGATE
    assert Objection.objects.get().status == ObjectionStatus.UPHELD
    # the old investigation does not count: a new one is needed
    refused(lambda: procedure.decide_step(case, actor=staff["officer2"], step_code=flows.INVESTIGATE,
                                          decision="approve"), code="assistance.investigation_missing")
    investigate(case, staff, income=Decimal("1500"))
    procedure.decide_step(case, actor=staff["officer2"], step_code=flows.INVESTIGATE, decision="approve")
    case.refresh_from_db()
    assert case.calculated_amount == Decimal("670.00")  # (700 − 500) × 3 + 70


def test_withdraw_ends_the_procedure(assistance, household, staff, documents):
    case = apply(assistance, household, staff, documents)
    procedure.withdraw(case, actor=staff["officer"], reason="申请人撤回")
    case.refresh_from_db()
    assert case.status == CaseStatus.WITHDRAWN
    assert procedure.case_request(case).status == RequestStatus.WITHDRAWN


def test_engine_path_cannot_skip_the_domain_records(assistance, household, staff, documents):
    """Deciding through the approvals engine (its page or API) still needs the step's record."""
    case = apply(assistance, household, staff, {})
    request = procedure.case_request(case)
    refused(lambda: approvals.decide(request, actor=staff["officer"], decision="approve", step_code=flows.ACCEPT),
            code="assistance.documents_missing")
    case.application_document = documents["application_document"]
    case.authorisation_document = documents["authorisation_document"]
    case.save()
    approvals.decide(request, actor=staff["officer"], decision="approve", step_code=flows.ACCEPT)
    refused(lambda: approvals.decide(request, actor=staff["officer"], decision="approve",
                                     step_code=flows.INVESTIGATE), code="assistance.investigation_missing")


def test_approver_sets_amount_and_first_month(assistance, household, staff, documents):
    case = apply(assistance, household, staff, documents)
    to_notice(case, staff)
    later = timezone.now() + AFTER_NOTICE
    procedure.decide_step(case, actor=staff["officer"], step_code=flows.NOTICE, decision="approve", now=later)
    refused(lambda: procedure.decide_step(case, actor=staff["approver"], step_code=flows.APPROVE, decision="approve",
                                          benefit_from=datetime.date(2027, 1, 15)), code="assistance.not_month_start")
    refused(lambda: procedure.decide_step(case, actor=staff["hx_approver"], step_code=flows.APPROVE,
                                          decision="approve", amount=Decimal("1")))
    procedure.decide_step(case, actor=staff["approver"], step_code=flows.APPROVE, decision="approve",
                          amount=Decimal("1100"), benefit_from=datetime.date(2027, 2, 1), now=later)
    period = BenefitPeriod.objects.get(case=case)
    assert (period.starts, period.monthly_amount) == (datetime.date(2027, 2, 1), Decimal("1100.00"))


def approved_case(assistance, household, staff, documents, income=INCOME, benefit_from=None, **extra):
    """A case taken through every step by the right users: in payment from next month."""
    case = apply(assistance, household, staff, documents, **extra)
    to_notice(case, staff, income)
    later = timezone.now() + AFTER_NOTICE
    procedure.decide_step(case, actor=staff["officer"], step_code=flows.NOTICE, decision="approve", now=later)
    procedure.decide_step(case, actor=staff["approver"], step_code=flows.APPROVE, decision="approve", now=later,
                          benefit_from=benefit_from)
    case.refresh_from_db()
    return case
