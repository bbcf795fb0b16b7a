"""Cases of 和平区 and 河西区 under public notice, and one in each other state the portal must not show."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from minzheng.approvals import services as approvals
from minzheng.approvals.models import ApprovalRequest
from minzheng.assistance import flows
from minzheng.indicators.tests.factories import make_case, programs
from minzheng.registry.idcard import generate_id_number

BORN = datetime.date(1960, 3, 1)


@pytest.fixture(autouse=True)
def empty_cache():
    """The objection limit lives in the cache: every test starts with a fresh quota."""
    cache.clear()
    yield
    cache.clear()


def at_step(case, step_code: str, *, days_ago: int = 0) -> ApprovalRequest:
    """Start ``case``'s 低保 flow and make ``step_code`` its current step since ``days_ago`` days."""
    request = approvals.start(case, flow="assistance.dibao", division=case.division, actor=None)
    step = request.flow.steps.get(code=step_code)
    ApprovalRequest.objects.filter(pk=request.pk).update(
        current_step=step, step_started_at=timezone.now() - datetime.timedelta(days=days_ago))
    request.refresh_from_db()
    return request


@pytest.fixture
def notice_case(tree, roles):
    """王建明's 低保 case (3 members, 1,250.00 a month proposed), under notice in 劝业场示范社区 since today."""
    flows.seed_flows()
    case = make_case(tree.hp_community, programs()["dibao_urban"], members=3, name="王建明", status="in_procedure",
                     amount="1250.00", birth_date=BORN, id_number=generate_id_number("120101", BORN, "1", 37))
    case.request = at_step(case, flows.NOTICE)
    return case


@pytest.fixture
def hexi_notice_case(tree, notice_case):
    case = make_case(tree.hx_community, programs()["dibao_urban"], name="赵红梅", status="in_procedure",
                     birth_date=BORN, sex="2", id_number=generate_id_number("120103", BORN, "2", 38))
    case.request = at_step(case, flows.NOTICE)
    return case


@pytest.fixture
def hidden_cases(tree, notice_case):
    """Cases of 劝业场示范社区 the portal never shows: not yet at the notice, notice over, notice decided."""
    dibao = programs()["dibao_urban"]
    hidden = {}
    for label, name, step, days_ago in [("accepting", "钱不示", flows.ACCEPT, 0), ("ended", "孙已过", flows.NOTICE, 30),
                                        ("approving", "李已审", flows.APPROVE, 0)]:
        case = make_case(tree.hp_community, dibao, name=name, status="in_procedure")
        case.request = at_step(case, step, days_ago=days_ago)
        hidden[label] = case
    return hidden
