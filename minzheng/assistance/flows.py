"""The approval flows of social assistance, declared as data (``approvals.flows.define_flow``).

社会救助暂行办法 Art. 11 (低保; Art. 16 makes 特困 the same, Art. 48 临时救助, Art. 30 医疗救助): the
乡镇/街道 receives and investigates (home visit, neighbours, data), the community evaluates
(民主评议), the preliminary opinion is posted in the community (公示), the county-level 民政 approves.
The step deadlines and the 7-day notice are **not confirmed** for 2014 Tianjin (REFERENCE.md §3.2 ❌):
they are the seeded defaults of data that city administrators edit on the flow's pages.
"""

from minzheng.approvals.choices import StepKind
from minzheng.approvals.flows import StepSpec, define_flow
from minzheng.assistance.choices import ProgramKind
from minzheng.divisions.choices import Level

__all__ = ["ACCEPT", "APPROVE", "DISTRICT_APPROVE", "EVALUATE", "FLOWS", "INVESTIGATE", "NOTICE", "REVIEW_FLOW",
           "STREET_APPROVE", "flow_code", "seed_flows"]

ACCEPT, INVESTIGATE, EVALUATE, NOTICE, APPROVE = "accept", "investigate", "evaluate", "notice", "approve"
STREET_APPROVE, DISTRICT_APPROVE = "street_approve", "district_approve"
REVIEW_FLOW = "assistance.review"

_STREET, _DISTRICT = "street_officer", "district_approver"

_RECURRING = [
    StepSpec(ACCEPT, "受理", _STREET, Level.STREET, deadline_workdays=3),
    StepSpec(INVESTIGATE, "家庭经济状况调查", _STREET, Level.STREET, deadline_workdays=10),
    StepSpec(EVALUATE, "民主评议", _STREET, Level.STREET, deadline_workdays=5),
    StepSpec(NOTICE, "社区公示", _STREET, Level.STREET, deadline_workdays=3, kind=StepKind.PUBLIC_NOTICE,
             notice_days=7),
    StepSpec(APPROVE, "区县审批", _DISTRICT, Level.DISTRICT, deadline_workdays=10),
]

#: flow code -> (name, steps); a program's flow is ``assistance.<kind>``.
FLOWS = {
    "assistance.dibao": ("最低生活保障审核审批", _RECURRING),
    "assistance.tekun": ("特困人员供养审核审批", _RECURRING),
    "assistance.temporary": ("临时救助审批", [
        StepSpec(ACCEPT, "受理", _STREET, Level.STREET, deadline_workdays=2),
        StepSpec(INVESTIGATE, "调查核实", _STREET, Level.STREET, deadline_workdays=5),
        StepSpec(NOTICE, "社区公示", _STREET, Level.STREET, deadline_workdays=2, kind=StepKind.PUBLIC_NOTICE,
                 notice_days=7, optional=True),
        StepSpec(STREET_APPROVE, "街道审批", _STREET, Level.STREET, deadline_workdays=3),
        StepSpec(DISTRICT_APPROVE, "区县审批", _DISTRICT, Level.DISTRICT, deadline_workdays=5, optional=True),
    ]),
    "assistance.medical": ("医疗救助审批", [
        StepSpec(ACCEPT, "受理审核", _STREET, Level.STREET, deadline_workdays=5),
        StepSpec(APPROVE, "区县审批", _DISTRICT, Level.DISTRICT, deadline_workdays=10),
    ]),
    # Elderly-care subsidies (eldercare/subsidies.py): the street checks the application and the assessment,
    # the district approves the amount. Not confirmed for 2014 Tianjin: data, edited on the flow's pages.
    **{f"assistance.{kind}": (name, [
        StepSpec(ACCEPT, "受理审核", _STREET, Level.STREET, deadline_workdays=5),
        StepSpec(APPROVE, "区县审批", _DISTRICT, Level.DISTRICT, deadline_workdays=10),
    ]) for kind, name in ((ProgramKind.CARE_SUBSIDY, "失能失智老年人照护补贴审批"),
                          (ProgramKind.HOMECARE_SUBSIDY, "农村居家养老服务补贴审批"),
                          (ProgramKind.LONGEVITY, "高龄津贴审批"))},
    REVIEW_FLOW: ("低保特困定期复核", [
        StepSpec(INVESTIGATE, "街道复核", _STREET, Level.STREET, deadline_workdays=10),
        StepSpec(APPROVE, "区县审批", _DISTRICT, Level.DISTRICT, deadline_workdays=10),
    ]),
}


def flow_code(kind: str) -> str:
    """The flow an application to a program of ``kind`` goes through."""
    return f"assistance.{ProgramKind(kind).value}"


def seed_flows() -> None:
    """Create the assistance flows that do not exist yet (existing ones belong to the administrators)."""
    for code, (name, steps) in FLOWS.items():
        define_flow(code, name=name, steps=steps)
