"""The approvals engine (house style W1, W2): start a request, decide its steps, take objections to a
public notice, withdraw; plus the 督办 (overdue) query.

Every entry point is ``@transaction.atomic`` without ``durable``: a domain service calls ``start``
or ``decide`` inside its own transaction, so the domain's change, the decision and the callbacks
commit or roll back together. Each locks the request row first (``select_for_update(no_key=True)``),
so two deciders of the same step are serialised and the second finds the step already decided.

The server enforces (docs/approvals.md): only the current step can be decided, and only by a
holder of its role in a unit on the subject's division path at the step's level or above; every
registered recusal check must pass; a rejection, return or comment needs a reason; a public
notice completes only after its period and with no objection open.
"""

import datetime
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.accounts.models import User
from minzheng.approvals.choices import Decision, ObjectionStatus, RequestStatus
from minzheng.approvals.events import ApprovalEvent
from minzheng.approvals.hooks import (
    callback_path,
    flow_callbacks,
    register_flow_callbacks,
    register_recusal_check,
    resolve_callback,
    step_guards,
)
from minzheng.approvals.models import ApprovalDecision, ApprovalFlow, ApprovalRequest, ApprovalStep, Objection
from minzheng.approvals.rules import (
    PlannedStep,
    entry_for,
    may_decide,
    notice_end,
    refusal,
    step_deadline,
    steps_for,
)
from minzheng.audit.services import record_event
from minzheng.divisions.models import Division
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import ensure_in_area, user_or_none

__all__ = [
    "decide",
    "may_decide",
    "overdue",
    "receive_objection",
    "register_flow_callbacks",
    "register_recusal_check",
    "replan",
    "requests_of",
    "resolve_objection",
    "start",
    "steps_for",
    "withdraw",
]

NEEDS_REASON = (Decision.REJECT, Decision.RETURN, Decision.COMMENT)


def _lock(request: ApprovalRequest) -> ApprovalRequest:
    """The request's row, locked until the transaction ends (the current step is read after the lock)."""
    return ApprovalRequest.objects.select_for_update(no_key=True).get(pk=request.pk)


def _ensure_open(request: ApprovalRequest) -> None:
    if not request.is_open:
        raise DomainError(_("This request is %(status)s; nothing more can be decided.")
                          % {"status": request.get_status_display()}, code="approvals.closed")


def _ensure_visible(request: ApprovalRequest, actor, action: str = "view") -> None:
    """A user acting on a request must be able to see it (system actors, ``None``, are trusted)."""
    ensure_in_area(request, actor, action)


def _plan(request: ApprovalRequest) -> list[PlannedStep]:
    return steps_for(request.flow, request.division, skip=request.skipped)


def _event(code: ApprovalEvent, request: ApprovalRequest, actor, **payload) -> None:
    record_event(code, actor=actor, subject=request, payload={"flow": request.flow.code, **payload})


# Starting


def _flow(flow: ApprovalFlow | str) -> ApprovalFlow:
    if isinstance(flow, ApprovalFlow):
        return flow
    try:
        return ApprovalFlow.objects.get(code=flow)
    except ApprovalFlow.DoesNotExist:
        raise DomainError(_("There is no approval flow %(code)s.") % {"code": flow}, code="approvals.flow_unknown")


def _check_skip(flow: ApprovalFlow, skip: list[str]) -> None:
    optional = set(flow.steps.filter(optional=True).values_list("code", flat=True))
    if set(skip) - optional:
        raise DomainError(_("Only optional steps can be skipped: %(codes)s.")
                          % {"codes": "、".join(sorted(set(skip) - optional))}, code="approvals.not_optional")


@transaction.atomic
def start(subject: models.Model, *, flow: ApprovalFlow | str, division: Division, actor: User | None,
          on_approved=None, on_rejected=None, skip: Iterable[str] = (),
          now: datetime.datetime | None = None) -> ApprovalRequest:
    """Put ``subject`` through ``flow`` in ``division``: its first step becomes current now.

    Args:
        subject: any saved model instance (the application, the case).
        flow: the flow or its code.
        division: the subject's division; it scopes the request and decides who may act on it.
        actor: the user starting it (must see requests in ``division``); ``None`` for the system.
        on_approved, on_rejected: module-level functions ``fn(request, *, actor)``, registered for the
            flow (see ``hooks.register_flow_callbacks``); they run inside the final decision's transaction.
        skip: codes of optional steps this request leaves out (e.g. the district step of a small grant).
        now: the starting time (default: now).

    Raises:
        DomainError: the flow is unknown, inactive or empty, a skipped step is not optional, or the
            subject already has a request in progress in this flow.
        PermissionsViolation: ``actor`` may not see requests in ``division``.
    """
    flow = _flow(flow)
    if not flow.is_active:
        raise DomainError(_("The approval flow %(flow)s is not active.") % {"flow": flow.name},
                          code="approvals.flow_inactive")
    register_flow_callbacks(flow.code, on_approved=on_approved, on_rejected=on_rejected)
    skip = list(dict.fromkeys(skip))
    _check_skip(flow, skip)
    plan = steps_for(flow, division, skip=skip)
    if not plan:
        raise DomainError(_("The approval flow %(flow)s has no steps here.") % {"flow": flow.name},
                          code="approvals.no_steps")
    now = now or timezone.now()
    callbacks = flow_callbacks(flow.code)
    first = plan[0].step
    request = ApprovalRequest(
        flow=flow, content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk,
        subject_repr=str(subject)[:200], division=division, current_step=first, step_started_at=now,
        deadline=step_deadline(first, now), skipped=skip, started_at=now, started_by=user_or_none(actor),
        on_approved=callback_path(callbacks.get("on_approved")),
        on_rejected=callback_path(callbacks.get("on_rejected")),
    )
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError:
        raise DomainError(_("This subject already has a request in progress in this flow."),
                          code="approvals.already_open")
    _ensure_visible(request, actor)
    _event(ApprovalEvent.REQUEST_STARTED, request, actor, step=first.code, deadline=request.deadline,
           subject_type=request.content_type.model, subject_id=subject.pk)
    return request


# Deciding


@transaction.atomic
def decide(request: ApprovalRequest, *, actor: User, decision: Decision | str, reason: str = "",
           step_code: str | None = None, now: datetime.datetime | None = None) -> ApprovalRequest:
    """Record ``actor``'s ``decision`` on the current step of ``request`` and move the request on.

    approve: the next step becomes current, or the request is approved and ``on_approved`` runs.
    reject: the request is rejected and ``on_rejected`` runs. return: the previous step becomes
    current again. comment: a note in the ledger; nothing moves.

    Args:
        step_code: the step the actor means to decide; refused unless it is the current one, so a
            decision made on a stale page never lands on another step.
        now: the time of the decision (default: now).

    Returns:
        The request as it is after the decision.

    Raises:
        DomainError: the request is finished; ``step_code`` is not the current step; the actor does
            not hold the step's role at its level on the subject's path, or is recused; a reason is
            missing; a notice is still running or has open objections; there is no step to return to.
    """
    try:
        decision = Decision(decision)
    except ValueError:
        raise DomainError(_("Unknown decision."), code="approvals.decision_unknown", field="decision")
    now = now or timezone.now()
    request = _lock(request)
    _ensure_open(request)
    step = request.current_step
    if step_code is not None and step_code != step.code:
        raise DomainError(_("Only the current step, %(step)s, can be decided.") % {"step": step.name},
                          code="approvals.not_current_step", field="step_code")
    plan = _plan(request)
    refused = refusal(request, actor, entry_for(plan, step))
    if refused is not None:
        raise DomainError(refused.message, code=refused.code)
    reason = (reason or "").strip()
    if decision in NEEDS_REASON and not reason:
        raise DomainError(_("Give the reason."), code="approvals.reason_required", field="reason")
    for guard in step_guards(request.flow.code):
        guard(request, actor=actor, decision=decision, step_code=step.code)
    handler = {Decision.APPROVE: _approve, Decision.REJECT: _reject, Decision.RETURN: _return,
               Decision.COMMENT: _comment}[decision]
    return handler(request, plan, actor=actor, reason=reason, now=now)


def _neighbour(plan: list[PlannedStep], step: ApprovalStep, *, after: bool) -> ApprovalStep | None:
    steps = [entry.step for entry in plan]
    if after:
        return next((s for s in steps if s.order > step.order), None)
    return next((s for s in reversed(steps) if s.order < step.order), None)


def _ledger(request, step, *, actor, decision, reason, now, next_step=None) -> ApprovalDecision:
    return ApprovalDecision.objects.create(request=request, step=step, actor=actor, decision=decision,
                                           reason=reason, time=now, next_step=next_step)


def _move_to(request: ApprovalRequest, step: ApprovalStep, now: datetime.datetime) -> None:
    request.current_step, request.step_started_at, request.deadline = step, now, step_deadline(step, now)
    request.save(update_fields=["current_step", "step_started_at", "deadline"])


def _finish(request: ApprovalRequest, status: RequestStatus, *, actor, now: datetime.datetime) -> None:
    request.status, request.finished_at = status, now
    request.current_step = request.step_started_at = request.deadline = None
    request.save(update_fields=["status", "finished_at", "current_step", "step_started_at", "deadline"])
    _event(ApprovalEvent.REQUEST_COMPLETED, request, actor, status=str(status))
    name = "on_approved" if status == RequestStatus.APPROVED else "on_rejected"
    callback = resolve_callback(request.flow.code, name, getattr(request, name))
    if callback is not None:
        callback(request, actor=actor)


def _ensure_notice_may_end(request: ApprovalRequest, now: datetime.datetime) -> None:
    last_day = notice_end(request.current_step, request.step_started_at)
    if timezone.localdate(now) <= last_day:
        raise DomainError(_("The public notice runs until %(date)s; it can be completed from the next day.")
                          % {"date": last_day.isoformat()}, code="approvals.notice_running")
    if request.objections.filter(status=ObjectionStatus.OPEN).exists():
        raise DomainError(_("Resolve the open objections before the public notice can be completed."),
                          code="approvals.objections_open")


def _approve(request, plan, *, actor, reason, now) -> ApprovalRequest:
    step = request.current_step
    if step.is_notice:
        _ensure_notice_may_end(request, now)
    following = _neighbour(plan, step, after=True)
    _ledger(request, step, actor=actor, decision=Decision.APPROVE, reason=reason, now=now, next_step=following)
    _event(ApprovalEvent.REQUEST_DECIDED, request, actor, step=step.code, decision=Decision.APPROVE.value,
           reason=reason, next_step=following.code if following else None)
    if following is not None:
        _move_to(request, following, now)
    else:
        _finish(request, RequestStatus.APPROVED, actor=actor, now=now)
    return request


def _reject(request, plan, *, actor, reason, now) -> ApprovalRequest:
    step = request.current_step
    _ledger(request, step, actor=actor, decision=Decision.REJECT, reason=reason, now=now)
    _event(ApprovalEvent.REQUEST_DECIDED, request, actor, step=step.code, decision=Decision.REJECT.value,
           reason=reason)
    _finish(request, RequestStatus.REJECTED, actor=actor, now=now)
    return request


def _return(request, plan, *, actor, reason, now) -> ApprovalRequest:
    step = request.current_step
    previous = _neighbour(plan, step, after=False)
    if previous is None:
        raise DomainError(_("This is the first step; there is no step to return the request to."),
                          code="approvals.first_step")
    _ledger(request, step, actor=actor, decision=Decision.RETURN, reason=reason, now=now, next_step=previous)
    _event(ApprovalEvent.REQUEST_RETURNED, request, actor, step=step.code, to_step=previous.code, reason=reason)
    _move_to(request, previous, now)
    return request


def _comment(request, plan, *, actor, reason, now) -> ApprovalRequest:
    step = request.current_step
    _ledger(request, step, actor=actor, decision=Decision.COMMENT, reason=reason, now=now)
    _event(ApprovalEvent.REQUEST_DECIDED, request, actor, step=step.code, decision=Decision.COMMENT.value,
           reason=reason)
    return request


@transaction.atomic
def withdraw(request: ApprovalRequest, *, actor: User | None, reason: str,
             now: datetime.datetime | None = None) -> ApprovalRequest:
    """End ``request`` without a decision (the applicant withdrew); no callback runs.

    The calling domain service decides who may withdraw; the engine checks the request is
    visible to ``actor`` and still in progress.

    Raises:
        DomainError: the request is finished or no reason is given.
        PermissionsViolation: ``actor`` cannot see the request.
    """
    now = now or timezone.now()
    request = _lock(request)
    _ensure_visible(request, actor)
    _ensure_open(request)
    if not (reason or "").strip():
        raise DomainError(_("Give the reason."), code="approvals.reason_required", field="reason")
    step = request.current_step
    request.status, request.finished_at = RequestStatus.WITHDRAWN, now
    request.current_step = request.step_started_at = request.deadline = None
    request.save(update_fields=["status", "finished_at", "current_step", "step_started_at", "deadline"])
    _event(ApprovalEvent.REQUEST_WITHDRAWN, request, actor, step=step.code, reason=reason.strip())
    return request


@transaction.atomic
def replan(request: ApprovalRequest, *, skip: Iterable[str], actor: User | None = None) -> ApprovalRequest:
    """Change which optional steps ``request`` leaves out, for the steps still ahead of it.

    The domain decides when (e.g. the amount of a 临时救助 grant decides whether the district step is
    needed); the engine only lets optional steps after the current one be added to or removed from
    ``skipped``, so what was already decided, and the step being decided, stay as they were.

    Raises:
        DomainError: the request is finished, a step is not optional, or the change touches the
            current step or one before it.
        PermissionsViolation: ``actor`` cannot see the request.
    """
    request = _lock(request)
    _ensure_visible(request, actor)
    _ensure_open(request)
    skip = list(dict.fromkeys(skip))
    _check_skip(request.flow, skip)
    changed = set(skip) ^ set(request.skipped)
    if not changed:
        return request
    current = request.current_step
    if request.flow.steps.filter(code__in=changed, order__lte=current.order).exists():
        raise DomainError(_("Only the steps after the current one, %(step)s, can be added or left out.")
                          % {"step": current.name}, code="approvals.replan_past_step")
    added, removed = sorted(set(skip) - set(request.skipped)), sorted(set(request.skipped) - set(skip))
    request.skipped = skip
    request.save(update_fields=["skipped"])
    _event(ApprovalEvent.REQUEST_REPLANNED, request, actor, step=current.code, skipped=added, restored=removed)
    return request


# Objections to a public notice


@transaction.atomic
def receive_objection(request: ApprovalRequest, *, actor: User | None, content: str, objector: str = "",
                      received_at: datetime.datetime | None = None) -> Objection:
    """Record an objection to the public notice that is the current step of ``request``.

    Args:
        actor: the staff member recording it (must hold ``approvals.record_objection_approvalrequest``
            in the request's area), or ``None`` when it comes in through the public portal.
        content: what the objection says.
        objector: who raised it; empty for an anonymous objection.
        received_at: when it was received (default: now); not before the notice began, not in the future.

    Raises:
        DomainError: the request is finished, its current step is not a public notice, the content
            is empty or the time is outside the notice.
        PermissionsViolation: ``actor`` may not record objections in the request's area.
    """
    now = timezone.now()
    received_at = received_at or now
    request = _lock(request)
    _ensure_visible(request, actor, "record_objection")
    _ensure_open(request)
    step = request.current_step
    if not step.is_notice:
        raise DomainError(_("The request is not under public notice."), code="approvals.not_under_notice")
    if not (content or "").strip():
        raise DomainError(_("Write what the objection says."), code="approvals.content_required", field="content")
    if not request.step_started_at <= received_at <= now:
        raise DomainError(_("The objection must be received during the public notice."),
                          code="approvals.received_outside_notice", field="received_at")
    objection = Objection.objects.create(request=request, step=step, received_at=received_at,
                                         objector=(objector or "").strip(), content=content.strip(),
                                         recorded_by=user_or_none(actor))
    _event(ApprovalEvent.OBJECTION_RECEIVED, request, actor, step=step.code, objection=objection.pk)
    return objection


@transaction.atomic
def resolve_objection(objection: Objection, *, actor: User, status: ObjectionStatus | str, resolution: str,
                      now: datetime.datetime | None = None) -> Objection:
    """Uphold or dismiss an open objection, with the finding (after re-investigation).

    Whoever may decide the objection's notice step may resolve it. Upholding does not move the
    request: the decider then returns it for re-investigation or rejects it.

    Raises:
        DomainError: the objection is already resolved, the status is not upheld/dismissed, the
            resolution is empty, the request is finished, or the actor may not decide the notice step.
    """
    now = now or timezone.now()
    request = _lock(objection.request)
    _ensure_open(request)
    objection = Objection.objects.select_for_update(no_key=True).get(pk=objection.pk)
    if objection.status != ObjectionStatus.OPEN:
        raise DomainError(_("This objection has already been resolved."), code="approvals.objection_resolved")
    if status not in (ObjectionStatus.UPHELD, ObjectionStatus.DISMISSED):
        raise DomainError(_("An objection is either upheld or dismissed."), code="approvals.objection_status",
                          field="status")
    refused = refusal(request, actor, entry_for(_plan(request), objection.step))
    if refused is not None:
        raise DomainError(refused.message, code=refused.code)
    if not (resolution or "").strip():
        raise DomainError(_("Write the finding."), code="approvals.resolution_required", field="resolution")
    objection.status, objection.resolution = ObjectionStatus(status), resolution.strip()
    objection.resolved_by, objection.resolved_at = actor, now
    objection.save(update_fields=["status", "resolution", "resolved_by", "resolved_at"])
    _event(ApprovalEvent.OBJECTION_RESOLVED, request, actor, objection=objection.pk, status=str(objection.status))
    return objection


# Reading


def overdue(queryset: models.QuerySet, *, today: datetime.date | None = None) -> models.QuerySet:
    """The requests of ``queryset`` in progress whose current step's deadline has passed (督办)."""
    today = today or timezone.localdate()
    return queryset.filter(status=RequestStatus.IN_PROGRESS, deadline__lt=today)


def requests_of(subject: models.Model, *, flow: ApprovalFlow | str | None = None) -> models.QuerySet:
    """The requests of ``subject`` (in ``flow``), newest first — not area-restricted: for services."""
    requests = ApprovalRequest.objects.filter(content_type=ContentType.objects.get_for_model(subject),
                                              object_id=subject.pk)
    if flow is not None:
        requests = requests.filter(flow__code=flow.code if isinstance(flow, ApprovalFlow) else flow)
    return requests.order_by("-started_at", "-pk")
