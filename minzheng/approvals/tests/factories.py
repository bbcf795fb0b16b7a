"""Flows, requests and times for the approvals tests."""

import datetime
from zoneinfo import ZoneInfo

from minzheng.approvals.choices import StepKind
from minzheng.approvals.flows import StepSpec, define_flow
from minzheng.divisions.choices import Level

__all__ = ["FLOW_STEPS", "at", "make_flow"]

SHANGHAI = ZoneInfo("Asia/Shanghai")

#: 街道审核 → 社区公示 (7 days) → 区县审批, each with 10 working days.
FLOW_STEPS = (
    StepSpec("review", "街道审核", "street_officer", Level.STREET, deadline_workdays=10),
    StepSpec("notice", "社区公示", "street_officer", Level.STREET, deadline_workdays=10,
             kind=StepKind.PUBLIC_NOTICE, notice_days=7),
    StepSpec("district", "区县审批", "district_approver", Level.DISTRICT, deadline_workdays=10),
)


def make_flow(code: str = "test.relief", name: str = "测试救助审批", steps=FLOW_STEPS):
    return define_flow(code, name=name, steps=steps)


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """An explicit time in Beijing time (tests never read the wall clock for rules)."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)
