"""The approvals engine, given/when/then. Refusals assert that nothing changed and no audit row was written.

The flow (factories.FLOW_STEPS): 街道审核 (street officer, street) → 社区公示 (7 days) → 区县审批
(district approver, district). The subject is a community; times are explicit Beijing times.
"""

import datetime
from contextlib import contextmanager

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Max

from minzheng.accounts.services import role_group
from minzheng.approvals import hooks, services
from minzheng.approvals.choices import Decision, ObjectionStatus, RequestStatus
from minzheng.approvals.flows import StepSpec
from minzheng.approvals.models import ApprovalDecision, ApprovalRequest, InsertOnlyError, Objection, StepDelegation
from minzheng.approvals.rules import may_decide
from minzheng.approvals.tests.factories import FLOW_STEPS, at, make_flow
from minzheng.audit.models import AuditEvent
from minzheng.divisions.choices import Level
from minzheng.framework.exceptions import DomainError, PermissionsViolation
from minzheng.framework.testing.utils import row_state

D = datetime.date
START = at(2025, 9, 26, 10)  # Friday before 国庆 2025 (10/1–10/8 off; 9/28 and 10/11 worked)

APPROVED: list[tuple[int, str, str]] = []
REJECTED: list[tuple[int, str]] = []


def grant(request, *, actor):
    """A domain's on_approved: sees the request already approved."""
    APPROVED.append((request.pk, actor.username, request.status))


def refuse(request, *, actor):
    REJECTED.append((request.pk, actor.username))


def explode(request, *, actor):
    raise RuntimeError("the benefit could not be granted")


@pytest.fixture(autouse=True)
def _reset_callbacks():
    APPROVED.clear()
    REJECTED.clear()


def _last_event_seq() -> int:
    return AuditEvent.objects.aggregate(seq=Max("seq"))["seq"] or 0


def _events_since(seq: int) -> list[str]:
    return list(AuditEvent.objects.filter(seq__gt=seq).order_by("seq").values_list("code", flat=True))


@contextmanager
def nothing_written(request):
    """The request row, the ledger, the objections and the audit events are left exactly as they were."""
    seq, state = _last_event_seq(), row_state(request)
    counts = (ApprovalDecision.objects.count(), Objection.objects.count())
    yield
    assert _events_since(seq) == []
    assert row_state(request) == state
    assert (ApprovalDecision.objects.count(), Objection.objects.count()) == counts


def refused(code: str, call, request):
    with nothing_written(request), pytest.raises(DomainError) as caught:
        call()
    assert caught.value.code == code, caught.value.message
    return caught.value


@pytest.fixture
def request_(flow, tree, hp_officer):
    """A request for a 和平区 community, started by the street officer on 2025-09-26."""
    return services.start(tree.hp_community, flow=flow, division=tree.hp_community, actor=hp_officer, now=START)


def _through_review(request, officer):
    return services.decide(request, actor=officer, decision=Decision.APPROVE, now=at(2025, 9, 26, 11))


def _through_notice(request, officer):
    _through_review(request, officer)
    return services.decide(request, actor=officer, decision=Decision.APPROVE, now=at(2025, 10, 10))


# Starting


def test_start_makes_the_first_step_current_with_its_working_day_deadline(flow, tree, hp_officer):
    seq = _last_event_seq()
    request = services.start(tree.hp_community, flow=flow, division=tree.hp_community, actor=hp_officer, now=START)
    stored = ApprovalRequest.objects.get(pk=request.pk)
    assert (stored.status, stored.current_step.code, stored.step_started_at) == (RequestStatus.IN_PROGRESS,
                                                                                  "review", START)
    # 10 working days after Friday 9/26: 9/28 (make-up), 9/29, 9/30, 10/9, 10/10, 10/11 (make-up), 10/13–10/16.
    assert stored.deadline == D(2025, 10, 16)
    assert (stored.subject, stored.subject_repr, stored.started_by) == (tree.hp_community, str(tree.hp_community),
                                                                        hp_officer)
    assert _events_since(seq) == ["approvals.request.started"]
    event = AuditEvent.objects.get(seq__gt=seq)
    assert (event.payload["step"], event.division_path) == ("review", tree.hp_community.path)
    assert ApprovalDecision.objects.count() == 0


def test_start_twice_for_the_same_subject_is_refused(request_, flow, tree, hp_officer):
    with pytest.raises(DomainError) as caught:
        services.start(tree.hp_community, flow=flow, division=tree.hp_community, actor=hp_officer, now=START)
    assert caught.value.code == "approvals.already_open"
    assert ApprovalRequest.objects.count() == 1


def test_start_outside_the_actors_area_is_refused(flow, tree, hp_officer):
    with pytest.raises(PermissionsViolation):
        services.start(tree.hx_community, flow=flow, division=tree.hx_community, actor=hp_officer, now=START)
    assert ApprovalRequest.objects.count() == 0


def test_start_refuses_to_skip_a_required_step(flow, tree, hp_officer):
    with pytest.raises(DomainError) as caught:
        services.start(tree.hp_community, flow=flow, division=tree.hp_community, actor=hp_officer,
                       skip=["district"], now=START)
    assert caught.value.code == "approvals.not_optional"


# Step order (lesson 4)


def test_a_later_step_cannot_be_decided_before_the_current_one(request_, hp_approver):
    """The district approver tries to approve the district step while the street review is current."""
    refused("approvals.not_current_step", lambda: services.decide(
        request_, actor=hp_approver, decision=Decision.APPROVE, step_code="district", now=START), request_)


def test_the_district_approver_cannot_decide_the_street_step(request_, hp_approver):
    refused("approvals.role_required", lambda: services.decide(
        request_, actor=hp_approver, decision=Decision.APPROVE, now=START), request_)


def test_approving_moves_to_the_next_step_and_writes_the_ledger(request_, hp_officer):
    seq = _last_event_seq()
    request = _through_review(request_, hp_officer)
    assert (request.current_step.code, request.step_started_at) == ("notice", at(2025, 9, 26, 11))
    # The notice runs 9/27–10/3; 10/3 is a holiday, so it ends on 10/9; then 10 working days.
    assert request.deadline == D(2025, 10, 22)
    entry = ApprovalDecision.objects.get()
    assert (entry.step.code, entry.actor, entry.decision, entry.next_step.code) == (
        "review", hp_officer, Decision.APPROVE, "notice")
    assert _events_since(seq) == ["approvals.request.decided"]


# Role and level


def test_a_street_officer_cannot_decide_the_district_step(request_, hp_officer):
    request = _through_notice(request_, hp_officer)
    refused("approvals.role_required", lambda: services.decide(
        request, actor=hp_officer, decision=Decision.APPROVE, now=at(2025, 10, 10, 11)), request)


def test_the_district_role_held_only_at_the_street_does_not_reach_the_district_step(request_, hp_officer,
                                                                                    make_user, tree):
    street_level = make_user("district_approver", tree.hp_street)
    request = _through_notice(request_, hp_officer)
    refused("approvals.role_required", lambda: services.decide(
        request, actor=street_level, decision=Decision.APPROVE, now=at(2025, 10, 10, 11)), request)


def test_another_districts_approver_cannot_decide(request_, hp_officer, hx_approver):
    request = _through_notice(request_, hp_officer)
    assert not may_decide(request, hx_approver)
    refused("approvals.role_required", lambda: services.decide(
        request, actor=hx_approver, decision=Decision.APPROVE, now=at(2025, 10, 10, 11)), request)


def test_the_role_held_above_the_level_may_decide(request_, hp_officer, make_user, tree):
    city_level = make_user("district_approver", tree.city)
    request = _through_notice(request_, hp_officer)
    assert may_decide(request, city_level)
    request = services.decide(request, actor=city_level, decision=Decision.APPROVE, now=at(2025, 10, 10, 11))
    assert request.status == RequestStatus.APPROVED


# Reasons, rejection and return


@pytest.mark.parametrize("decision", [Decision.REJECT, Decision.RETURN, Decision.COMMENT])
@pytest.mark.parametrize("reason", ["", "   "])
def test_reject_return_and_comment_need_a_reason(request_, hp_officer, decision, reason):
    request = _through_review(request_, hp_officer)
    error = refused("approvals.reason_required", lambda: services.decide(
        request, actor=hp_officer, decision=decision, reason=reason, now=at(2025, 9, 27)), request)
    assert error.field == "reason"


def test_reject_ends_the_request_and_runs_on_rejected_once(flow, tree, hp_officer):
    hooks.register_flow_callbacks(flow.code, on_approved=grant, on_rejected=refuse)
    request = services.start(tree.hp_community, flow=flow, division=tree.hp_community, actor=hp_officer, now=START)
    seq = _last_event_seq()
    request = services.decide(request, actor=hp_officer, decision="reject", reason="收入超过标准", now=START)
    stored = ApprovalRequest.objects.get(pk=request.pk)
    assert (stored.status, stored.current_step, stored.deadline, stored.finished_at) == (
        RequestStatus.REJECTED, None, None, START)
    assert ApprovalDecision.objects.get().reason == "收入超过标准"
    assert _events_since(seq) == ["approvals.request.decided", "approvals.request.completed"]
    assert (REJECTED, APPROVED) == ([(request.pk, "hp_officer")], [])
    refused("approvals.closed", lambda: services.decide(stored, actor=hp_officer, decision="approve"), stored)


def test_return_sends_the_request_back_one_step(request_, hp_officer):
    request = _through_review(request_, hp_officer)
    seq = _last_event_seq()
    request = services.decide(request, actor=hp_officer, decision=Decision.RETURN, reason="入户调查记录不全",
                              now=at(2025, 9, 29, 9))
    assert (request.current_step.code, request.step_started_at) == ("review", at(2025, 9, 29, 9))
    assert request.deadline == D(2025, 10, 20)  # 9/30, 10/9, 10/10, 10/11 (make-up), 10/13–10/17, 10/20
    entry = ApprovalDecision.objects.latest("time")
    assert (entry.step.code, entry.decision, entry.next_step.code) == ("notice", Decision.RETURN, "review")
    assert _events_since(seq) == ["approvals.request.returned"]


def test_the_first_step_cannot_be_returned(request_, hp_officer):
    refused("approvals.first_step", lambda: services.decide(
        request_, actor=hp_officer, decision=Decision.RETURN, reason="退回", now=START), request_)


def test_a_comment_moves_nothing(request_, hp_officer):
    request = services.decide(request_, actor=hp_officer, decision=Decision.COMMENT, reason="已电话联系申请人",
                              now=START)
    assert request.current_step.code == "review"
    assert ApprovalDecision.objects.get().decision == Decision.COMMENT


# Public notice: period and objections


def test_the_notice_cannot_complete_before_its_period_has_passed(request_, hp_officer):
    request = _through_review(request_, hp_officer)
    error = refused("approvals.notice_running", lambda: services.decide(
        request, actor=hp_officer, decision=Decision.APPROVE, now=at(2025, 10, 9, 17)), request)
    assert "2025-10-09" in str(error.message)
    request = services.decide(request, actor=hp_officer, decision=Decision.APPROVE, now=at(2025, 10, 10, 9))
    assert request.current_step.code == "district"


def test_an_open_objection_blocks_the_notice_until_resolved(request_, hp_officer):
    request = _through_review(request_, hp_officer)
    seq = _last_event_seq()
    objection = services.receive_objection(request, actor=hp_officer, content="申请人家中有车辆",
                                           received_at=at(2025, 9, 30, 15))
    assert (objection.status, objection.objector, objection.step.code) == (ObjectionStatus.OPEN, "", "notice")
    assert _events_since(seq) == ["approvals.objection.received"]
    refused("approvals.objections_open", lambda: services.decide(
        request, actor=hp_officer, decision=Decision.APPROVE, now=at(2025, 10, 10)), request)
    services.resolve_objection(objection, actor=hp_officer, status=ObjectionStatus.DISMISSED,
                               resolution="复核：车辆已于2024年过户", now=at(2025, 10, 10, 9))
    resolved = Objection.objects.get(pk=objection.pk)
    assert (resolved.status, resolved.resolved_by, resolved.resolved_at) == (
        ObjectionStatus.DISMISSED, hp_officer, at(2025, 10, 10, 9))
    request = services.decide(request, actor=hp_officer, decision=Decision.APPROVE, now=at(2025, 10, 10, 10))
    assert request.current_step.code == "district"


def test_an_objection_needs_a_notice_step(request_, hp_officer):
    refused("approvals.not_under_notice", lambda: services.receive_objection(
        request_, actor=hp_officer, content="异议"), request_)


def test_an_objection_is_resolved_only_by_who_may_decide_the_notice(request_, hp_officer, hp_approver):
    request = _through_review(request_, hp_officer)
    objection = services.receive_objection(request, actor=None, content="匿名来信", received_at=at(2025, 9, 27))
    assert objection.recorded_by is None
    with nothing_written(request), pytest.raises(DomainError) as caught:
        services.resolve_objection(objection, actor=hp_approver, status="upheld", resolution="属实")
    assert caught.value.code == "approvals.role_required"
    assert Objection.objects.get(pk=objection.pk).status == ObjectionStatus.OPEN


def test_an_objection_from_another_district_is_not_recorded(request_, hp_officer, hx_approver):
    request = _through_review(request_, hp_officer)
    with nothing_written(request), pytest.raises(PermissionsViolation):
        services.receive_objection(request, actor=hx_approver, content="异议", received_at=at(2025, 9, 27))


# Recusal


def test_a_recusal_check_bars_the_actor(request_, hp_officer, make_user, tree):
    colleague = make_user("street_officer", tree.hp_street, username="colleague")
    hooks.register_recusal_check(request_.flow.code,
                                 lambda request, actor: "申请人系其近亲属" if actor.pk == hp_officer.pk else None)
    error = refused("approvals.recused", lambda: services.decide(
        request_, actor=hp_officer, decision=Decision.APPROVE, now=START), request_)
    assert "申请人系其近亲属" in str(error.message)
    assert not may_decide(request_, hp_officer)
    request = services.decide(request_, actor=colleague, decision=Decision.APPROVE, now=START)
    assert request.current_step.code == "notice"


# Callbacks


def test_on_approved_runs_once_inside_the_final_decision(flow, tree, hp_officer, hp_approver):
    hooks.register_flow_callbacks(flow.code, on_approved=grant, on_rejected=refuse)
    request = services.start(tree.hp_community, flow=flow, division=tree.hp_community, actor=hp_officer, now=START)
    request = _through_notice(request, hp_officer)
    assert APPROVED == []
    seq = _last_event_seq()
    request = services.decide(request, actor=hp_approver, decision=Decision.APPROVE, now=at(2025, 10, 13))
    assert APPROVED == [(request.pk, "hp_approver", RequestStatus.APPROVED)]
    assert _events_since(seq) == ["approvals.request.decided", "approvals.request.completed"]
    refused("approvals.closed", lambda: services.decide(request, actor=hp_approver, decision="approve"), request)
    assert (len(APPROVED), REJECTED) == (1, [])


def test_a_failing_callback_rolls_the_decision_back(flow, tree, hp_officer, hp_approver):
    hooks.register_flow_callbacks(flow.code, on_approved=explode)
    request = _through_notice(services.start(tree.hp_community, flow=flow, division=tree.hp_community,
                                             actor=hp_officer, now=START), hp_officer)
    with nothing_written(request), pytest.raises(RuntimeError):
        services.decide(request, actor=hp_approver, decision=Decision.APPROVE, now=at(2025, 10, 13))
    assert ApprovalRequest.objects.get(pk=request.pk).status == RequestStatus.IN_PROGRESS


def test_callbacks_passed_to_start_are_registered_and_stored(flow, tree, hp_officer, hp_approver, monkeypatch):
    request = services.start(tree.hp_community, flow=flow, division=tree.hp_community, actor=hp_officer,
                             on_approved=grant, now=START)
    assert request.on_approved == f"{__name__}.grant"
    monkeypatch.setattr(hooks, "_callbacks", {})  # a worker process that never registered them
    request = _through_notice(request, hp_officer)
    services.decide(request, actor=hp_approver, decision=Decision.APPROVE, now=at(2025, 10, 13))
    assert APPROVED == [(request.pk, "hp_approver", RequestStatus.APPROVED)]


def test_callbacks_must_be_module_level_and_unique(flow):
    with pytest.raises(ImproperlyConfigured):
        hooks.register_flow_callbacks(flow.code, on_approved=lambda request, *, actor: None)
    hooks.register_flow_callbacks(flow.code, on_approved=grant)
    hooks.register_flow_callbacks(flow.code, on_approved=grant)
    with pytest.raises(ImproperlyConfigured):
        hooks.register_flow_callbacks(flow.code, on_approved=refuse)


# Delegation and optional steps


def test_a_district_delegates_its_step_to_the_street(flow, tree, hp_officer, hx_approver, make_user):
    district = flow.steps.get(code="district")
    StepDelegation.objects.create(flow=flow, step=district, division=tree.heping, delegate_level=Level.STREET,
                                  role=role_group("street_officer"))
    request = _through_notice(services.start(tree.hp_community, flow=flow, division=tree.hp_community,
                                             actor=hp_officer, now=START), hp_officer)
    assert may_decide(request, hp_officer)
    assert services.decide(request, actor=hp_officer, decision="approve",
                           now=at(2025, 10, 13)).status == RequestStatus.APPROVED
    hx_officer = make_user("street_officer", tree.hx_street, username="hx_officer")
    other = _through_notice(services.start(tree.hx_community, flow=flow, division=tree.hx_community,
                                           actor=hx_officer, now=START), hx_officer)
    assert not may_decide(other, hx_officer)  # 河西区 has not delegated
    assert may_decide(other, hx_approver)


def test_optional_steps_are_skipped_by_the_domain_or_the_district(db, roles, holidays, tree, hp_officer):
    steps = (*FLOW_STEPS[:2], StepSpec("spot_check", "区县抽查", "district_approver", Level.DISTRICT, optional=True),
             FLOW_STEPS[2])
    flow = make_flow("test.optional", steps=steps)
    small = services.start(tree.hp_street, flow=flow, division=tree.hp_community, actor=hp_officer,
                           skip=["spot_check"], now=START)
    assert small.skipped == ["spot_check"]
    small = _through_notice(small, hp_officer)
    assert small.current_step.code == "district"
    StepDelegation.objects.create(flow=flow, step=flow.steps.get(code="spot_check"), division=tree.heping, skip=True)
    large = _through_notice(services.start(tree.hp_community, flow=flow, division=tree.hp_community,
                                           actor=hp_officer, now=START), hp_officer)
    assert large.current_step.code == "district"


# Overdue and deadlines


def test_overdue_lists_requests_past_their_deadline_in_the_area(request_, flow, tree, make_user, hp_approver):
    hx_officer = make_user("street_officer", tree.hx_street, username="hx_officer")
    services.start(tree.hx_community, flow=flow, division=tree.hx_community, actor=hx_officer, now=START)
    everything = ApprovalRequest.objects.all()
    assert set(services.overdue(everything, today=D(2025, 10, 16))) == set()  # the deadline day itself is in time
    assert services.overdue(everything, today=D(2025, 10, 17)).count() == 2
    mine = ApprovalRequest.objects.restrict(hp_approver, "view")
    assert list(services.overdue(mine, today=D(2025, 10, 17))) == [request_]


def test_the_ledger_is_insert_only(request_, hp_officer):
    _through_review(request_, hp_officer)
    entry = ApprovalDecision.objects.get()
    entry.reason = "改写"
    with pytest.raises(InsertOnlyError):
        entry.save()
    with pytest.raises(InsertOnlyError):
        ApprovalDecision.objects.update(reason="改写")
    with pytest.raises(InsertOnlyError):
        entry.delete()
    assert ApprovalDecision.objects.get().reason == ""


def test_withdraw_ends_the_request_without_callbacks(flow, tree, hp_officer):
    hooks.register_flow_callbacks(flow.code, on_approved=grant, on_rejected=refuse)
    request = services.start(tree.hp_community, flow=flow, division=tree.hp_community, actor=hp_officer, now=START)
    request = services.withdraw(request, actor=hp_officer, reason="申请人撤回申请", now=at(2025, 9, 29))
    assert (request.status, request.current_step) == (RequestStatus.WITHDRAWN, None)
    assert (APPROVED, REJECTED) == ([], [])
    assert list(services.requests_of(tree.hp_community, flow=flow)) == [request]
