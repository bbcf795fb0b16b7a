"""Declaring a domain's flow as data: ``define_flow`` creates it with its steps once.

Call it from the domain's setup seeding (``minzheng setup``) or from a data migration's
equivalent code; afterwards the flow belongs to the city administrators, who edit it on its
pages, and ``define_flow`` leaves an existing flow alone.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction

from minzheng.accounts.services import role_group
from minzheng.approvals.choices import StepKind
from minzheng.approvals.models import ApprovalFlow, ApprovalStep

__all__ = ["StepSpec", "define_flow"]

#: Steps are numbered 10, 20, 30, … so that administrators can insert one between two others.
ORDER_GAP = 10


@dataclass(frozen=True)
class StepSpec:
    """One step of a flow declaration; ``role`` is a seeded role code (``accounts.roles.ROLES``) or a Group."""

    code: str
    name: str
    role: str | Group
    level: str
    deadline_workdays: int | None = None
    kind: str = StepKind.DECISION
    notice_days: int | None = None
    optional: bool = False


@transaction.atomic
def define_flow(code: str, *, name: str, steps: Sequence[StepSpec], description: str = "") -> ApprovalFlow:
    """The flow ``code``, created with ``steps`` (in order) when it does not exist yet."""
    flow = ApprovalFlow.objects.filter(code=code).first()
    if flow is not None:
        return flow
    flow = ApprovalFlow.objects.create(code=code, name=name, description=description)
    ApprovalStep.objects.bulk_create([
        ApprovalStep(flow=flow, code=spec.code, name=spec.name, order=(index + 1) * ORDER_GAP,
                     role=spec.role if isinstance(spec.role, Group) else role_group(spec.role), level=spec.level,
                     kind=spec.kind, deadline_workdays=spec.deadline_workdays, notice_days=spec.notice_days,
                     optional=spec.optional)
        for index, spec in enumerate(steps)
    ])
    return flow
