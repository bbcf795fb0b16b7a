"""A case's monthly benefit: started on approval, changed only by recorded decisions, stopped by a death.

The benefit is a chain of ``BenefitPeriod`` rows (whole months, the last one open while it runs),
each created by a ``BenefitChange`` (the ledger of decisions). A change takes effect from the first
day of a month: the running period ends there and, unless the benefit stops, a new one starts with
the new amount. Payment rolls read the periods; nothing edits a period's amount.

A death (``registry`` life event) stops the benefit of a household left without living members from
the next month (``registry.lifeevents.first_day_of_next_month``); a household that still has members
is put up for review on the day, since its size changed, and nothing else changes silently.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.assistance.choices import BenefitChangeKind, CaseStatus, ReviewTaskSource
from minzheng.assistance.events import AssistanceEvent
from minzheng.assistance.models import AssistanceCase, BenefitChange, BenefitPeriod, first_of_month
from minzheng.assistance.models.cases import OPEN_STATUSES, RECURRING_KINDS, SUBSIDY_KINDS
from minzheng.assistance.tasks import TaskItem, open_review_tasks
from minzheng.audit.services import record_event
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import ensure_in_area, record_change, user_or_none
from minzheng.registry.choices import LifeEventKind, PersonStatus
from minzheng.registry.lifeevents import first_day_of_next_month, register_life_event_handler
from minzheng.registry.models import Membership

__all__ = ["add_months", "amount_in", "change_benefit", "end_benefits_after_death", "next_review", "resume_benefit",
           "review_interval", "running_period", "start_benefit", "suspend_benefit"]

#: Changes that end the case; with a suspension, the changes that carry no new amount.
STOPPING = (BenefitChangeKind.STOP, BenefitChangeKind.DEATH)
WITHOUT_AMOUNT = (*STOPPING, BenefitChangeKind.SUSPEND)


def _month(date: datetime.date, field: str = "effective") -> datetime.date:
    if date.day != 1:
        raise DomainError(_("A change takes effect on the first day of a month."), code="assistance.not_month_start",
                          field=field)
    return date


def _lock(case: AssistanceCase) -> AssistanceCase:
    return AssistanceCase.objects.select_for_update(no_key=True).get(pk=case.pk)


def _record(instance, *, actor) -> None:
    instance.created_by = instance.updated_by = user_or_none(actor)
    instance.save()
    record_change(instance, "create", actor=actor, before=None, after=instance.snapshot())


def add_months(date: datetime.date, months: int) -> datetime.date:
    """``date`` moved by whole months (the day kept, or the month's last day when it has fewer)."""
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    for day in (date.day, 30, 29, 28):
        try:
            return date.replace(year=year, month=month + 1, day=day)
        except ValueError:
            continue
    raise ValueError(date)


def review_interval(case: AssistanceCase, date: datetime.date) -> int | None:
    """Months between reviews of ``case``: its own interval, else the program's rules in force (``review_months``)."""
    if case.review_interval_months:
        return case.review_interval_months
    from minzheng.assistance.services import rule_set_for

    try:
        return rule_set_for(case.program, division=case.division, date=date).rules_object.review_months
    except (DomainError, ValueError):
        return None


def next_review(case: AssistanceCase, after: datetime.date) -> datetime.date | None:
    """When ``case`` is next due for its periodic review (定期核查), counted from ``after``."""
    months = review_interval(case, after)
    return add_months(after, months) if months else None


def running_period(case: AssistanceCase) -> BenefitPeriod | None:
    """The case's period that has no end yet (there is at most one)."""
    return case.benefitperiods.filter(ends__isnull=True).first()


def amount_in(case: AssistanceCase, month: datetime.date) -> Decimal | None:
    """The monthly amount of ``case`` for ``month`` (any day in it); None when nothing is due."""
    month = first_of_month(month)
    period = (case.benefitperiods.filter(starts__lte=month).filter(Q(ends__isnull=True) | Q(ends__gt=month))
              .first())
    return period.monthly_amount if period else None


def _change(case, *, kind, effective, old, new, reason, actor, today) -> BenefitChange:
    change = BenefitChange(case=case, kind=kind, effective=effective, old_amount=old, new_amount=new, reason=reason,
                           decided_by=user_or_none(actor), decided_on=today)
    _record(change, actor=actor)
    if new is not None:
        _record(BenefitPeriod(case=case, starts=effective, monthly_amount=new, change=change), actor=actor)
    return change


@transaction.atomic
def start_benefit(case: AssistanceCase, *, amount: Decimal, starts: datetime.date, actor, reason: str,
                  today: datetime.date | None = None) -> BenefitChange:
    """Put an approved recurring case in payment: ``amount`` a month from ``starts`` (a month's first day).

    Raises:
        DomainError: the amount is not positive, ``starts`` is not a month's first day, or the case
            already has a benefit.
    """
    starts = _month(starts, "benefit_from")
    if amount is None or amount <= 0:
        raise DomainError(_("The monthly amount must be more than zero."), code="assistance.amount_invalid",
                          field="amount")
    case = _lock(case)
    if case.benefitperiods.exists():
        raise DomainError(_("This case is already in payment."), code="assistance.already_in_payment")
    change = _change(case, kind=BenefitChangeKind.GRANT, effective=starts, old=None, new=amount, reason=reason,
                     actor=actor, today=today or timezone.localdate())
    record_event(AssistanceEvent.BENEFIT_STARTED, actor=user_or_none(actor), subject=case,
                 payload={"amount": str(amount), "from": starts.isoformat()})
    return change


@transaction.atomic
def change_benefit(case: AssistanceCase, *, kind: str, effective: datetime.date, reason: str, actor,
                   new_amount: Decimal | None = None, today: datetime.date | None = None) -> BenefitChange:
    """Change the running benefit of ``case`` from ``effective``: a new amount, or a stop (``STOP``, ``DEATH``).

    The running period ends at ``effective``; a new one starts there unless the benefit stops, in
    which case the case ends (``ended_on`` = ``effective``).

    Raises:
        DomainError: no benefit is running, ``effective`` is not after the running period's start or
            not a month's first day, a stop carries an amount or a change lacks one, no reason.
    """
    effective = _month(effective)
    kind = BenefitChangeKind(kind)
    stopping = kind in STOPPING
    if not (reason or "").strip():
        raise DomainError(_("Give the reason."), code="assistance.reason_required", field="reason")
    if (kind in WITHOUT_AMOUNT) == (new_amount is not None) or (new_amount is not None and new_amount <= 0):
        raise DomainError(_("A stop has no amount; any other change needs an amount above zero."),
                          code="assistance.amount_invalid", field="new_amount")
    case = _lock(case)
    period = running_period(case)
    if period is None:
        raise DomainError(_("This case has no running benefit."), code="assistance.not_in_payment")
    if effective <= period.starts and stopping:
        return _stop_before_start(case, period, kind=kind, effective=effective, reason=reason.strip(), actor=actor,
                                  today=today or timezone.localdate())
    if effective <= period.starts:
        raise DomainError(_("The change must take effect after %(month)s, when the current amount started.")
                          % {"month": f"{period.starts:%Y-%m}"}, code="assistance.effective_too_early",
                          field="effective")
    period.ends = effective
    period.save(update_fields=["ends", "updated_at"])
    change = _change(case, kind=kind, effective=effective, old=period.monthly_amount, new=new_amount,
                     reason=reason.strip(), actor=actor, today=today or timezone.localdate())
    if stopping:
        _end_case(case, effective, reason.strip(), actor)
    record_event(AssistanceEvent.BENEFIT_CHANGED, actor=user_or_none(actor), subject=case, payload={
        "kind": str(kind), "from": effective.isoformat(), "old": str(period.monthly_amount),
        "new": None if new_amount is None else str(new_amount)})
    return change


def _end_case(case: AssistanceCase, effective: datetime.date, reason: str, actor) -> None:
    before = case.snapshot()
    case.status, case.ended_on, case.end_reason = CaseStatus.ENDED, effective, reason[:200]
    case.save(update_fields=["status", "ended_on", "end_reason", "updated_at"])
    record_change(case, "update", actor=actor, before=before, after=case.snapshot())


def _stop_before_start(case, period, *, kind, effective, reason, actor, today) -> BenefitChange:
    """A stop from a month on or before the running period's first: that period is never due, so it goes
    (the change records it; a roll already generated for it flags the payment for recovery)."""
    if case.benefitperiods.filter(starts__lt=period.starts).exists() and effective < period.starts:
        raise DomainError(_("The change must take effect after %(month)s, when the current amount started.")
                          % {"month": f"{period.starts:%Y-%m}"}, code="assistance.effective_too_early",
                          field="effective")
    change = _change(case, kind=kind, effective=first_of_month(period.starts), old=period.monthly_amount, new=None,
                     reason=reason, actor=actor, today=today)
    record_change(period, "delete", actor=actor, before=period.snapshot(), after=None)
    period.delete()
    _end_case(case, effective, reason, actor)
    record_event(AssistanceEvent.BENEFIT_CHANGED, actor=user_or_none(actor), subject=case, payload={
        "kind": str(kind), "from": effective.isoformat(), "old": str(period.monthly_amount), "new": None})
    return change


@transaction.atomic
def suspend_benefit(case: AssistanceCase, *, effective: datetime.date, reason: str, actor,
                    today: datetime.date | None = None) -> BenefitChange:
    """Suspend the running benefit from ``effective`` (e.g. while a report of changed circumstances is checked):
    the period ends there and the case is ``suspended``; payment rolls leave it out until it resumes.

    Raises:
        DomainError: the case is not in payment, no reason, ``effective`` not after the period's start.
        PermissionsViolation: ``actor`` may not change cases in the case's area (nothing is written).
    """
    _ensure_may_change(case, actor)
    case = _lock(case)
    if case.status != CaseStatus.ACTIVE:
        raise DomainError(_("Only a case in payment can be suspended."), code="assistance.not_in_payment")
    change = change_benefit(case, kind=BenefitChangeKind.SUSPEND, effective=effective, reason=reason, actor=actor,
                            today=today)
    _set_status(case, CaseStatus.SUSPENDED, actor)
    return change


@transaction.atomic
def resume_benefit(case: AssistanceCase, *, effective: datetime.date, reason: str, actor,
                   amount: Decimal | None = None, today: datetime.date | None = None) -> BenefitChange:
    """Resume a suspended benefit from ``effective`` with its last amount (or ``amount``).

    Raises:
        DomainError: the case is not suspended, no reason, ``effective`` before the suspension.
        PermissionsViolation: ``actor`` may not change cases in the case's area (nothing is written).
    """
    _ensure_may_change(case, actor)
    effective = _month(effective)
    case = _lock(case)
    if case.status != CaseStatus.SUSPENDED:
        raise DomainError(_("Only a suspended case can be resumed."), code="assistance.not_suspended")
    if not (reason or "").strip():
        raise DomainError(_("Give the reason."), code="assistance.reason_required", field="reason")
    last = case.benefitperiods.order_by("-starts").first()
    if last is None or effective < last.ends:
        raise DomainError(_("The benefit can resume from %(month)s at the earliest.")
                          % {"month": f"{last.ends:%Y-%m}" if last else "—"}, code="assistance.effective_too_early",
                          field="effective")
    amount = amount if amount is not None else last.monthly_amount
    change = _change(case, kind=BenefitChangeKind.RESUME, effective=effective, old=None, new=amount,
                     reason=reason.strip(), actor=actor, today=today or timezone.localdate())
    _set_status(case, CaseStatus.ACTIVE, actor)
    record_event(AssistanceEvent.BENEFIT_CHANGED, actor=user_or_none(actor), subject=case, payload={
        "kind": str(BenefitChangeKind.RESUME), "from": effective.isoformat(), "old": None, "new": str(amount)})
    return change


def _ensure_may_change(case: AssistanceCase, actor) -> None:
    ensure_in_area(case, actor, "change")


def _set_status(case: AssistanceCase, status: str, actor) -> None:
    case.refresh_from_db()
    before = case.snapshot()
    case.status = status
    case.save(update_fields=["status", "updated_at"])
    record_change(case, "update", actor=actor, before=before, after=case.snapshot())


def _living_members(household_id: int) -> int:
    return (Membership.objects.filter(household_id=household_id, end_date__isnull=True)
            .filter(person__status=PersonStatus.ALIVE).count())


def _stops_with(case: AssistanceCase, person_id: int) -> bool:
    """A personal subsidy stops with its beneficiary; a household's benefit with its last living member."""
    if case.kind in SUBSIDY_KINDS:
        return case.applicant_id == person_id
    return _living_members(case.household_id) == 0


@register_life_event_handler(LifeEventKind.DEATH)
def end_benefits_after_death(event, *, actor) -> None:
    """Stop, from the month after the death, the deceased's own subsidies and the benefits of households left
    without living members; put the households' other benefits up for review today (their size changed)."""
    households = Membership.objects.filter(person=event.person).values("household_id")
    cases = AssistanceCase.objects.filter(status__in=OPEN_STATUSES).filter(
        Q(household_id__in=households, kind__in=RECURRING_KINDS) | Q(applicant=event.person, kind__in=SUBSIDY_KINDS))
    stop_from = first_day_of_next_month(event.date)
    for case in cases:
        if _stops_with(case, event.person_id) and running_period(case) is not None:
            change_benefit(case, kind=BenefitChangeKind.DEATH, effective=stop_from, actor=actor,
                           reason=_("%(name)s died on %(date)s.") % {"name": event.person.name,
                                                                     "date": event.date.isoformat()})
        elif case.kind in RECURRING_KINDS:
            reason = _("%(name)s died on %(date)s: the household's benefit is to be reviewed.") % {
                "name": event.person.name, "date": event.date.isoformat()}
            open_review_tasks([TaskItem(case.pk, reason, {"person": event.person_id, "date": event.date.isoformat()})],
                              source=ReviewTaskSource.DEATH, actor=actor)
