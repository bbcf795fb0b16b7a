"""Reading a flow for one request: its effective steps in a division, who may decide, and deadlines.

Pure reads, shared by the services (which enforce) and the pages (which only show what is allowed).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.accounts.models import RoleAssignment
from minzheng.approvals.hooks import recusal_checks
from minzheng.approvals.models import ApprovalFlow, ApprovalRequest, ApprovalStep, StepDelegation
from minzheng.approvals.workdays import WorkCalendar
from minzheng.divisions.choices import LEVEL_ORDER, Level
from minzheng.divisions.models import Division

__all__ = ["PlannedStep", "Refusal", "ensure_may_decide", "entry_for", "may_decide", "notice_end", "refusal",
           "step_deadline", "steps_for"]


@dataclass(frozen=True)
class PlannedStep:
    """A step as it applies in one division: decided by ``role`` held at ``level`` or above."""

    step: ApprovalStep
    level: str
    role: Group
    delegated: bool = False

    @property
    def level_label(self) -> str:
        return _level_label(self.level)


@dataclass(frozen=True)
class Refusal:
    """Why an actor may not decide a step: a stable code and a message for the user."""

    code: str
    message: str


def steps_for(flow: ApprovalFlow, division: Division, *, skip: Iterable[str] = ()) -> list[PlannedStep]:
    """The steps of ``flow`` for a subject in ``division``, in order.

    A ``StepDelegation`` on ``division`` or any unit above it (the innermost wins) moves a step to
    another level and optionally another role, or skips it. Optional steps whose codes are in
    ``skip`` are left out too.
    """
    delegations: dict[int, StepDelegation] = {}
    rows = StepDelegation.objects.filter(flow=flow, division__path__in=division.ancestor_paths())
    for row in sorted(rows.select_related("division", "role"), key=lambda d: len(d.division.path)):
        delegations[row.step_id] = row  # inner units come later and win
    skipped = set(skip)
    planned = []
    for step in flow.steps.select_related("role").order_by("order"):
        delegation = delegations.get(step.pk)
        if (delegation is not None and delegation.skip) or (step.optional and step.code in skipped):
            continue
        if delegation is None:
            planned.append(PlannedStep(step, step.level, step.role))
        else:
            planned.append(PlannedStep(step, delegation.delegate_level, delegation.role or step.role, True))
    return planned


def entry_for(plan: list[PlannedStep], step: ApprovalStep) -> PlannedStep:
    """``step``'s entry in ``plan``; the step's own role and level if the plan no longer holds it."""
    for entry in plan:
        if entry.step.pk == step.pk:
            return entry
    return PlannedStep(step, step.level, step.role)


def holds_role(user, role: Group, level: str, division: Division) -> bool:
    """Whether ``user`` holds ``role`` in a unit on ``division``'s path at ``level`` or above it.

    A district step on a community's request: an assignment in that community's district, or in
    the city, qualifies; one in the street or the community does not, nor one in another district.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    levels = LEVEL_ORDER[: LEVEL_ORDER.index(level) + 1]
    return RoleAssignment.objects.filter(
        user=user, role=role, division__path__in=division.ancestor_paths(), division__level__in=levels
    ).exists()


def refusal(request: ApprovalRequest, user, entry: PlannedStep) -> Refusal | None:
    """Why ``user`` may not decide ``entry`` of ``request`` (None when they may)."""
    if not holds_role(user, entry.role, entry.level, request.division):
        return Refusal("approvals.role_required", _(
            "Only a holder of the role %(role)s in this request's division at level %(level)s or above may "
            "decide this step.") % {"role": entry.role.name, "level": _level_label(entry.level)})
    for check in recusal_checks(request.flow.code):
        reason = check(request, user)
        if reason:
            return Refusal("approvals.recused",
                           _("You may not decide this request: %(reason)s") % {"reason": reason})
    return None


def ensure_may_decide(request: ApprovalRequest, user) -> None:
    """Raise the engine's refusal when ``user`` may not decide the current step of ``request`` now.

    Domains call it before writing what a step needs, so a refused user gets the real reason and
    nothing is written.

    Raises:
        DomainError: ``approvals.closed``, ``approvals.role_required`` or ``approvals.recused``.
    """
    from minzheng.framework.exceptions import DomainError

    if not request.is_open or request.current_step is None:
        raise DomainError(_("This request is %(status)s; nothing more can be decided.")
                          % {"status": request.get_status_display()}, code="approvals.closed")
    plan = steps_for(request.flow, request.division, skip=request.skipped)
    refused = refusal(request, user, entry_for(plan, request.current_step))
    if refused is not None:
        raise DomainError(refused.message, code=refused.code)


def may_decide(request: ApprovalRequest, user) -> bool:
    """Whether ``user`` may decide the current step of ``request`` now (the page shows the form only then)."""
    if not request.is_open or request.current_step is None:
        return False
    plan = steps_for(request.flow, request.division, skip=request.skipped)
    return refusal(request, user, entry_for(plan, request.current_step)) is None


def _level_label(level: str) -> str:
    return str(Level(level).label)


def notice_end(step: ApprovalStep, started_at: datetime.datetime,
               calendar: WorkCalendar | None = None) -> datetime.date | None:
    """The last day of ``step``'s public notice when it became current at ``started_at`` (None: not a notice)."""
    if not step.is_notice:
        return None
    calendar = calendar or WorkCalendar()
    return calendar.period_end(timezone.localdate(started_at), step.notice_days)


def step_deadline(step: ApprovalStep, started_at: datetime.datetime) -> datetime.date | None:
    """The date by which ``step`` must be decided when it became current at ``started_at``.

    ``deadline_workdays`` working days after that day (the day itself not counted); for a public
    notice, after the last day of the notice period. None when the step has no deadline.
    """
    if step.deadline_workdays is None:
        return None
    calendar = WorkCalendar()
    start = notice_end(step, started_at, calendar) or timezone.localdate(started_at)
    return calendar.add_workdays(start, step.deadline_workdays)
