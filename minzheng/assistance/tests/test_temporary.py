"""临时救助: the amount decides whether the street's approval is final (limit 1000, inclusive), and 先行救助.

The fixture rules of the temporary program (conftest ``assistance``) set ``street_approval_limit`` 1000.
"""

import datetime
from decimal import Decimal

import pytest
from django.db.models import Max
from django.utils import timezone

from minzheng.approvals.choices import RequestStatus
from minzheng.approvals.models import ApprovalDecision, ApprovalRequest
from minzheng.assistance import flows, procedure, temporary
from minzheng.assistance.choices import CaseChannel, CaseStatus
from minzheng.assistance.models import AssistanceCase, Program
from minzheng.assistance.tests.test_procedure import investigate
from minzheng.audit.models import AuditEvent, ObjectChange
from minzheng.framework.exceptions import DomainError, PermissionsViolation

pytestmark = pytest.mark.django_db

LATER = datetime.timedelta(days=15)


@pytest.fixture
def program(assistance):
    return Program.objects.get(code="temporary")


@pytest.fixture
def case(program, household, staff, documents):
    head = household.memberships.order_by("pk").first().person
    return procedure.apply(program=program, household=household, applicant=head, actor=staff["worker"],
                           channel=CaseChannel.COMMUNITY, reason="火灾致生活困难", requested_amount=Decimal("2000"),
                           **documents)


def _seq() -> int:
    return AuditEvent.objects.aggregate(seq=Max("seq"))["seq"] or 0


def state(case) -> tuple:
    """What a refused action must leave as it was: the case, its request, the ledger and the audit trail."""
    case = AssistanceCase.objects.get(pk=case.pk)
    request = procedure.case_request(case)
    return (case.status, case.urgent, case.calculated_amount, case.approved_amount, case.approved_on,
            request.status, request.current_step_id, list(request.skipped), ApprovalDecision.objects.count(),
            ObjectChange.objects.count(), _seq())


def refused(case, action, code: str | None = None):
    before = state(case)
    with pytest.raises((DomainError, PermissionsViolation)) as info:
        action()
    if code is not None:
        assert isinstance(info.value, DomainError) and info.value.code == code, info.value
    assert state(case) == before
    return info.value


def plan(case) -> list[str]:
    request = procedure.case_request(case)
    return [entry.step.code for entry in procedure.approvals.steps_for(request.flow, request.division,
                                                                       skip=request.skipped)]


def to_street_approval(case, staff, amount: Decimal | None):
    """受理, the investigation (with the amount, if given), and the 公示 after its seven days."""
    procedure.accept(case, actor=staff["officer"])
    investigate(case, staff)
    if amount is not None:
        temporary.set_grant_amount(case, amount=amount, actor=staff["officer2"])
    procedure.decide_step(case, actor=staff["officer2"], step_code=flows.INVESTIGATE, decision="approve")
    procedure.decide_step(case, actor=staff["officer3"], step_code=flows.NOTICE, decision="approve",
                          now=timezone.now() + LATER)


def street_approves(case, staff, **extra):
    return procedure.decide_step(case, actor=staff["officer"], step_code=flows.STREET_APPROVE, decision="approve",
                                 now=timezone.now() + LATER, **extra)


def steps_decided(case) -> list[str]:
    return list(procedure.case_request(case).decisions.order_by("pk").values_list("step__code", flat=True))


# The approval level


@pytest.mark.parametrize(("amount", "final_at"), [
    pytest.param("800", "street", id="below_the_limit_case"),
    pytest.param("1000", "street", id="exactly_the_limit_case"),
    pytest.param("1000.01", "district", id="one_fen_above_case"),
])
def test_the_amount_decides_who_approves(case, staff, amount, final_at):
    # given
    to_street_approval(case, staff, Decimal(amount))

    # when
    case = street_approves(case, staff)

    # then
    if final_at == "street":
        assert (case.status, case.approved_amount) == (CaseStatus.GRANTED, Decimal(amount))
        assert steps_decided(case) == [flows.ACCEPT, flows.INVESTIGATE, flows.NOTICE, flows.STREET_APPROVE]
        assert procedure.case_request(case).status == RequestStatus.APPROVED
    else:
        assert case.status == CaseStatus.IN_PROCEDURE
        assert procedure.case_request(case).current_step.code == flows.DISTRICT_APPROVE


def test_setting_the_amount_replans_and_is_audited(case, staff):
    procedure.accept(case, actor=staff["officer"])
    assert plan(case)[-1] == flows.DISTRICT_APPROVE  # required until an amount says otherwise
    seq = _seq()

    temporary.set_grant_amount(case, amount=Decimal("800"), actor=staff["officer2"])

    case.refresh_from_db()
    assert case.calculated_amount == Decimal("800") and case.requested_amount == Decimal("2000")
    assert case.calculation[-1]["formula"] == "800.00 ≤ 1000.00"
    assert plan(case) == [flows.ACCEPT, flows.INVESTIGATE, flows.NOTICE, flows.STREET_APPROVE]
    assert list(AuditEvent.objects.filter(seq__gt=seq).order_by("seq").values_list("code", flat=True)) == [
        "assistance.case.amount_set", "approvals.request.replanned"]
    assert ObjectChange.objects.filter(object_id=str(case.pk), action="update").exists()

    temporary.set_grant_amount(case, amount=Decimal("1500"), actor=staff["officer2"])
    assert plan(case)[-1] == flows.DISTRICT_APPROVE


def test_above_the_limit_the_district_decides_and_another_district_cannot(case, staff):
    # given: 1500 set during the investigation; the street approves
    to_street_approval(case, staff, Decimal("1500"))
    street_approves(case, staff)
    request = procedure.case_request(case)
    assert request.current_step.code == flows.DISTRICT_APPROVE

    # when: 河西区's approver and a street officer try; then 和平区's approver decides
    refused(case, lambda: procedure.decide_step(case, actor=staff["hx_approver"], step_code=flows.DISTRICT_APPROVE,
                                                decision="approve"))
    refused(case, lambda: procedure.decide_step(case, actor=staff["officer"], step_code=flows.DISTRICT_APPROVE,
                                                decision="approve"), code="approvals.role_required")
    case = procedure.decide_step(case, actor=staff["approver"], step_code=flows.DISTRICT_APPROVE, decision="approve",
                                 now=timezone.now() + LATER)

    # then
    assert (case.status, case.approved_amount) == (CaseStatus.GRANTED, Decimal("1500"))
    assert steps_decided(case)[-2:] == [flows.STREET_APPROVE, flows.DISTRICT_APPROVE]


def test_the_street_cannot_approve_without_an_amount(case, staff):
    to_street_approval(case, staff, None)
    refused(case, lambda: street_approves(case, staff), code="assistance.amount_not_set")


def test_an_amount_of_the_other_level_needs_setting_first(case, staff):
    """Planned at 800 (street); the street tries to approve 1200: refused until 1200 is the grant amount,
    which puts the district step back."""
    to_street_approval(case, staff, Decimal("800"))
    refused(case, lambda: street_approves(case, staff, amount=Decimal("1200")), code="assistance.amount_not_planned")

    temporary.set_grant_amount(case, amount=Decimal("1200"), actor=staff["officer"])
    case = street_approves(case, staff)

    assert (case.status, case.approved_amount) == (CaseStatus.IN_PROCEDURE, Decimal("1200"))
    assert procedure.case_request(case).current_step.code == flows.DISTRICT_APPROVE


def test_an_amount_of_the_same_level_is_approved_as_given(case, staff):
    to_street_approval(case, staff, Decimal("800"))
    case = street_approves(case, staff, amount=Decimal("950"))
    assert (case.status, case.approved_amount) == (CaseStatus.GRANTED, Decimal("950"))


def test_lowering_the_amount_at_the_street_makes_its_approval_final(case, staff):
    to_street_approval(case, staff, Decimal("1500"))
    refused(case, lambda: street_approves(case, staff, amount=Decimal("900")), code="assistance.amount_not_planned")
    temporary.set_grant_amount(case, amount=Decimal("900"), actor=staff["officer"])
    case = street_approves(case, staff)
    assert (case.status, case.approved_amount) == (CaseStatus.GRANTED, Decimal("900"))
    assert flows.DISTRICT_APPROVE not in steps_decided(case)


def test_who_sets_the_amount_and_when(case, staff):
    refused(case, lambda: temporary.set_grant_amount(case, amount=Decimal("800"), actor=staff["officer"]),
            code="assistance.amount_too_early")
    procedure.accept(case, actor=staff["officer"])
    refused(case, lambda: temporary.set_grant_amount(case, amount=Decimal("800"), actor=staff["hx_officer"]))
    refused(case, lambda: temporary.set_grant_amount(case, amount=Decimal("800"), actor=staff["worker"]),
            code="approvals.role_required")
    refused(case, lambda: temporary.set_grant_amount(case, amount=Decimal("0"), actor=staff["officer"]),
            code="assistance.amount_invalid")


def test_only_temporary_cases(assistance, household, staff, documents):
    head = household.memberships.order_by("pk").first().person
    dibao = procedure.apply(program=assistance, household=household, applicant=head, actor=staff["worker"],
                            **documents)
    procedure.accept(dibao, actor=staff["officer"])
    refused(dibao, lambda: temporary.set_grant_amount(dibao, amount=Decimal("800"), actor=staff["officer"]),
            code="assistance.not_temporary")


# 先行救助


def test_urgent_grant_is_paid_at_once_and_confirmed_afterwards(case, staff):
    # given: the application has just been filed
    seq = _seq()

    # when: the street officer grants 800 at once
    temporary.grant_urgently(case, amount=Decimal("800"), actor=staff["officer"], reason="火灾，急需安置")

    # then: granted on the spot; the notice and the district step are left out of the procedure
    case.refresh_from_db()
    assert (case.urgent, case.status, case.approved_amount, case.approved_on) == (
        True, CaseStatus.GRANTED, Decimal("800"), timezone.localdate())
    assert plan(case) == [flows.ACCEPT, flows.INVESTIGATE, flows.STREET_APPROVE]
    codes = list(AuditEvent.objects.filter(seq__gt=seq).order_by("seq").values_list("code", flat=True))
    assert codes == ["approvals.request.replanned", "assistance.case.urgent_granted"]

    # and the procedure is recorded afterwards: the later decisions confirm the grant with its amount
    procedure.accept(case, actor=staff["officer"])
    investigate(case, staff)
    refused(case, lambda: temporary.set_grant_amount(case, amount=Decimal("900"), actor=staff["officer2"]),
            code="assistance.urgent_amount_fixed")
    procedure.decide_step(case, actor=staff["officer2"], step_code=flows.INVESTIGATE, decision="approve")
    refused(case, lambda: street_approves(case, staff, amount=Decimal("900")), code="assistance.urgent_amount_fixed")
    case = street_approves(case, staff)
    assert (case.status, case.approved_amount) == (CaseStatus.GRANTED, Decimal("800"))
    assert procedure.case_request(case).status == RequestStatus.APPROVED
    assert steps_decided(case) == [flows.ACCEPT, flows.INVESTIGATE, flows.STREET_APPROVE]
    assert not temporary.urgent_to_recover().exists()


def test_urgent_grant_above_the_street_limit_is_refused(case, staff):
    refused(case, lambda: temporary.grant_urgently(case, amount=Decimal("1000.01"), actor=staff["officer"],
                                                   reason="急需"), code="assistance.urgent_above_street_limit")
    temporary.grant_urgently(case, amount=Decimal("1000"), actor=staff["officer"], reason="急需")
    refused(case, lambda: temporary.grant_urgently(case, amount=Decimal("500"), actor=staff["officer"],
                                                   reason="急需"), code="assistance.already_urgent")


def test_urgent_grant_only_by_the_street_of_the_case(case, staff):
    refused(case, lambda: temporary.grant_urgently(case, amount=Decimal("500"), actor=staff["worker"],
                                                   reason="急需"), code="approvals.role_required")
    refused(case, lambda: temporary.grant_urgently(case, amount=Decimal("500"), actor=staff["hx_officer"],
                                                   reason="急需"))
    refused(case, lambda: temporary.grant_urgently(case, amount=Decimal("500"), actor=staff["officer"], reason=" "),
            code="assistance.reason_required")


def test_urgent_grant_rejected_later_is_to_be_recovered(case, staff):
    temporary.grant_urgently(case, amount=Decimal("600"), actor=staff["officer"], reason="急需")
    procedure.accept(case, actor=staff["officer"])
    investigate(case, staff, eligible=False)
    procedure.decide_step(case, actor=staff["officer2"], step_code=flows.INVESTIGATE, decision="reject",
                          reason="家庭有存款，不符合条件")
    case.refresh_from_db()
    assert (case.status, case.urgent, case.approved_amount) == (CaseStatus.REJECTED, True, Decimal("600"))
    assert list(temporary.urgent_to_recover()) == [case]


def test_urgent_grant_rejected_later_is_flagged(case, staff):
    temporary.grant_urgently(case, amount=Decimal("600"), actor=staff["officer"], reason="急需")
    procedure.accept(case, actor=staff["officer"])
    procedure.decide_step(case, actor=staff["officer"], step_code=flows.INVESTIGATE, decision="reject",
                          reason="不符合条件")
    case.refresh_from_db()
    assert "600.00" in case.remarks
    assert AuditEvent.objects.filter(code="assistance.case.urgent_rejected", object_id=str(case.pk)).exists()


def test_flag_urgent_rejected_writes_the_event_and_the_remark(case, staff):
    temporary.grant_urgently(case, amount=Decimal("600"), actor=staff["officer"], reason="急需")
    case.refresh_from_db()
    temporary.flag_urgent_rejected(case, actor=staff["officer"])
    case.refresh_from_db()
    assert "600.00" in case.remarks and timezone.localdate().isoformat() in case.remarks
    event = AuditEvent.objects.get(code="assistance.case.urgent_rejected")
    assert (event.object_id, event.payload["amount"]) == (str(case.pk), "600.00")
    assert ApprovalRequest.objects.count() == 1


def test_a_new_amount_after_a_return_replaces_the_approved_one(case, staff):
    """1500 approved by the street goes to the district, which returns it; the street sets 900 and approves."""
    to_street_approval(case, staff, Decimal("1500"))
    street_approves(case, staff)
    procedure.decide_step(case, actor=staff["approver"], step_code=flows.DISTRICT_APPROVE, decision="return",
                          reason="金额偏高，请核减", now=timezone.now() + LATER)
    temporary.set_grant_amount(case, amount=Decimal("900"), actor=staff["officer"])
    case = street_approves(case, staff)
    assert (case.status, case.approved_amount) == (CaseStatus.GRANTED, Decimal("900"))
