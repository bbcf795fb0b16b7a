"""``services.replan``: only optional steps after the current one are added to or left out of a request.

The flow: 街道审核 → 社区公示 (optional) → 街道审批 → 区县审批 (optional), like 临时救助's.
"""

import pytest

from minzheng.approvals import services
from minzheng.approvals.choices import Decision, RequestStatus, StepKind
from minzheng.approvals.flows import StepSpec
from minzheng.approvals.tests.factories import at, make_flow
from minzheng.approvals.tests.test_services import _events_since, _last_event_seq, refused
from minzheng.audit.models import AuditEvent
from minzheng.divisions.choices import Level
from minzheng.framework.exceptions import PermissionsViolation

START = at(2025, 9, 26, 10)

STEPS = (
    StepSpec("review", "街道审核", "street_officer", Level.STREET, deadline_workdays=5),
    StepSpec("notice", "社区公示", "street_officer", Level.STREET, kind=StepKind.PUBLIC_NOTICE, notice_days=7,
             optional=True),
    StepSpec("street", "街道审批", "street_officer", Level.STREET, deadline_workdays=3),
    StepSpec("district", "区县审批", "district_approver", Level.DISTRICT, deadline_workdays=5, optional=True),
)


@pytest.fixture
def request_(db, roles, holidays, tree, hp_officer):
    flow = make_flow("test.grant", "测试临时救助", STEPS)
    return services.start(tree.hp_community, flow=flow, division=tree.hp_community, actor=hp_officer, now=START)


def _plan(request) -> list[str]:
    request.refresh_from_db()
    return [entry.step.code for entry in services.steps_for(request.flow, request.division, skip=request.skipped)]


def test_replan_leaves_out_and_puts_back_steps_ahead(request_, hp_officer):
    # given
    seq = _last_event_seq()

    # when
    services.replan(request_, skip=["district", "notice"], actor=hp_officer)

    # then
    assert _plan(request_) == ["review", "street"]
    assert _events_since(seq) == ["approvals.request.replanned"]
    payload = AuditEvent.objects.get(seq__gt=seq).payload
    assert (payload["step"], payload["skipped"], payload["restored"]) == ("review", ["district", "notice"], [])

    services.replan(request_, skip=["notice"], actor=hp_officer)
    assert _plan(request_) == ["review", "street", "district"]
    assert AuditEvent.objects.filter(seq__gt=seq).order_by("seq").last().payload["restored"] == ["district"]


def test_replan_without_change_writes_nothing(request_, hp_officer):
    services.replan(request_, skip=["district"], actor=hp_officer)
    seq = _last_event_seq()
    services.replan(request_, skip=["district"], actor=hp_officer)
    assert _events_since(seq) == []


def test_replan_then_decide_follows_the_new_plan(request_, hp_officer):
    """A grant within the street's limit: the street approval is the last step."""
    services.replan(request_, skip=["notice", "district"], actor=hp_officer)
    services.decide(request_, actor=hp_officer, decision=Decision.APPROVE, step_code="review", now=START)
    request = services.decide(request_, actor=hp_officer, decision=Decision.APPROVE, step_code="street", now=START)
    assert request.status == RequestStatus.APPROVED
    assert list(request.decisions.values_list("step__code", flat=True)) == ["review", "street"]


def test_replan_cannot_touch_the_current_or_a_passed_step(request_, hp_officer):
    services.decide(request_, actor=hp_officer, decision=Decision.APPROVE, step_code="review", now=START)
    services.decide(request_, actor=hp_officer, decision=Decision.APPROVE, step_code="notice",
                    now=at(2025, 10, 20))
    # the notice is passed: it cannot be left out afterwards
    refused("approvals.replan_past_step",
            lambda: services.replan(request_, skip=["notice", "district"], actor=hp_officer), request_)
    services.replan(request_, skip=["district"], actor=hp_officer)  # the district step is still ahead
    assert _plan(request_) == ["review", "notice", "street"]


def test_replan_of_the_current_step_is_refused(request_, hp_officer, hp_approver):
    services.replan(request_, skip=["notice"], actor=hp_officer)
    services.decide(request_, actor=hp_officer, decision=Decision.APPROVE, step_code="review", now=START)
    services.decide(request_, actor=hp_officer, decision=Decision.APPROVE, step_code="street", now=START)
    request_.refresh_from_db()
    assert request_.current_step.code == "district"
    refused("approvals.replan_past_step", lambda: services.replan(request_, skip=["notice", "district"],
                                                                  actor=hp_approver), request_)


def test_replan_of_a_required_step_is_refused(request_, hp_officer):
    refused("approvals.not_optional", lambda: services.replan(request_, skip=["street"], actor=hp_officer), request_)


def test_replan_of_a_finished_request_is_refused(request_, hp_officer):
    services.withdraw(request_, actor=hp_officer, reason="申请人撤回")
    refused("approvals.closed", lambda: services.replan(request_, skip=["district"], actor=hp_officer), request_)


def test_replan_by_another_district_is_refused(request_, make_user, tree):
    hx_officer = make_user("street_officer", tree.hx_street)
    seq = _last_event_seq()
    with pytest.raises(PermissionsViolation):
        services.replan(request_, skip=["district"], actor=hx_officer)
    assert _events_since(seq) == []
    assert _plan(request_) == ["review", "notice", "street", "district"]
