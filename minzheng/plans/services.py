"""Work-plan operations: importing a parsed notice, assigning items, binding targets to indicators, reporting.

Importing and assigning are the bureau's (a role granted at the city); reporting progress and task states is
for the members of an item's responsible units, and for the city. Every operation is atomic and audited.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.audit.services import record_event
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import held_at_city, record_change, save_object, user_or_none, validated
from minzheng.indicators.registry import all_indicators
from minzheng.plans.choices import Binding, Comparator, ItemStatus, TaskStatus
from minzheng.plans.events import PlanEvent
from minzheng.plans.models import Chapter, Item, Plan, ProgressReport, Target, Task, Unit
from minzheng.plans.parsing import PlanDocument

__all__ = ["assign_item", "confirm_binding", "ensure_may_report", "import_plan", "may_report", "remove_binding",
           "report_progress", "set_item_status", "set_task_status", "suggest_indicator"]

COMPARATORS = {value for value, _label in Comparator.choices}


def _ensure_city(actor, model=Plan, action: str = "add") -> None:
    if not held_at_city(user_or_none(actor), model, action):
        raise PermissionDenied


def suggest_indicator(subject: str) -> str:
    """The code of the first registered indicator one of whose keywords occurs in ``subject`` ("" if none)."""
    for indicator in sorted(all_indicators(), key=lambda indicator: indicator.code):
        if any(keyword in subject for keyword in indicator.keywords):
            return indicator.code
    return ""


def _year(document: PlanDocument) -> int:
    for candidate in (document.year, document.published, document.effective):
        if isinstance(candidate, int):
            return candidate
        if isinstance(candidate, datetime.date):
            return candidate.year
    return timezone.localdate().year


def _target(item: Item, tasks: list[Task], number: int, parsed) -> Target:
    task = next((task for task in tasks if parsed.quote and parsed.quote[:12] in task.text), None)
    comparator = parsed.comparator if parsed.comparator in COMPARATORS else Comparator.AT_LEAST
    indicator = suggest_indicator(parsed.subject)
    return Target(item=item, task=task, number=number, value=Decimal(str(parsed.value)), unit=parsed.unit[:20],
                  subject=parsed.subject[:200], comparator=comparator, qualifier=(parsed.qualifier or "")[:20],
                  quote=parsed.quote, indicator=indicator, indicator_year=item.plan.year if indicator else None,
                  binding=Binding.SUGGESTED if indicator else Binding.NONE)


@transaction.atomic
def import_plan(document: PlanDocument, *, text: str, actor, file_name: str = "") -> Plan:
    """Write a parsed notice as Plan → Chapter → Item → Task → Target; items are due at the end of the plan's
    year, targets get a suggested indicator when their subject names one.

    Raises:
        PermissionDenied: ``actor`` does not hold the role at the city (nothing is written).
        DomainError: the document has no item (``plans.no_items``).
    """
    _ensure_city(actor)
    if not any(chapter.items for chapter in document.chapters):
        raise DomainError(_("No work item was found in the document."), code="plans.no_items", field="file")
    year = _year(document)
    plan = Plan.objects.create(
        title=(document.title or document.notice_title or file_name)[:300],
        notice_title=(document.notice_title or "")[:300], issuer=(document.issuer or "")[:200],
        doc_number=(document.doc_number or "")[:100], published=document.published, effective=document.effective,
        level=(document.level or "")[:100], validity=(document.status or "")[:100],
        topic=(document.topic or "")[:200], year=year, file_name=file_name[:255], text=text)
    due = datetime.date(year, 12, 31)
    targets = []
    for parsed_chapter in document.chapters:
        chapter = Chapter.objects.create(plan=plan, number=parsed_chapter.number, label=parsed_chapter.label,
                                         title=parsed_chapter.title[:500])
        for parsed in parsed_chapter.items:
            item = Item.objects.create(plan=plan, chapter=chapter, number=parsed.number, label=parsed.label,
                                       title=parsed.title[:500], text=parsed.text, due_on=due)
            tasks = Task.objects.bulk_create(Task(item=item, number=index, text=sentence)
                                             for index, sentence in enumerate(parsed.tasks, start=1))
            targets += [_target(item, tasks, index, target) for index, target in enumerate(parsed.targets, start=1)]
    Target.objects.bulk_create(targets)
    record_event(PlanEvent.IMPORTED, actor=user_or_none(actor), subject=plan,
                 payload={"chapters": len(document.chapters), "items": plan.items.count(), "targets": len(targets)})
    return plan


@transaction.atomic
def assign_item(item: Item, *, units: list[Unit], lead: Unit | None, due_on: datetime.date | None, actor) -> Item:
    """Set the responsible units, the lead unit (one of them) and the due date of ``item``.

    Raises:
        PermissionDenied: not the city's role. DomainError: the lead is not among the units.
    """
    _ensure_city(actor, Item, "change")
    if lead is not None and lead not in units:
        raise DomainError(_("The lead unit must be one of the responsible units."), code="plans.lead_not_unit",
                          field="lead")
    before = item.snapshot()
    item.lead, item.due_on = lead, due_on
    save_object(item, actor=actor, save_m2m=lambda: item.units.set(units))
    record_event(PlanEvent.ASSIGNED, actor=actor, subject=item,
                 payload={"units": [unit.code for unit in units], "lead": lead.code if lead else "",
                          "before": before.get("lead")})
    return item


def may_report(user, item: Item) -> bool:
    """Members of the item's responsible units report on it; so does whoever may change targets at the city."""
    if user is None:
        return True
    return held_at_city(user, Target, "change") or item.units.filter(members=user).exists()


def ensure_may_report(user, item: Item) -> None:
    if not may_report(user_or_none(user), item):
        raise PermissionDenied


@transaction.atomic
def confirm_binding(target: Target, *, indicator: str, division=None, year: int | None = None, actor) -> Target:
    """Bind ``target`` to a registered indicator for ``division`` (None: the city) and ``year``: its actual
    value is then computed live.

    Raises:
        PermissionDenied: not the city's role. DomainError: unknown indicator (``plans.indicator_unknown``).
    """
    _ensure_city(actor, Target, "change")
    if indicator not in {known.code for known in all_indicators()}:
        raise DomainError(_("There is no indicator %(code)s.") % {"code": indicator},
                          code="plans.indicator_unknown", field="indicator")
    before = target.snapshot()
    target.binding, target.indicator, target.indicator_division = Binding.CONFIRMED, indicator, division
    target.indicator_year, target.confirmed_by = year or target.item.plan.year, user_or_none(actor)
    target.save()
    record_change(target, "update", actor=actor, before=before, after=target.snapshot())
    return target


@transaction.atomic
def remove_binding(target: Target, *, actor) -> Target:
    """Track ``target`` by progress reports instead of an indicator."""
    _ensure_city(actor, Target, "change")
    before = target.snapshot()
    target.binding, target.indicator, target.indicator_division = Binding.NONE, "", None
    target.indicator_year, target.confirmed_by = None, None
    target.save()
    record_change(target, "update", actor=actor, before=before, after=target.snapshot())
    return target


@transaction.atomic
def report_progress(target: Target, *, value: Decimal, reported_on: datetime.date, actor, evidence=None,
                    note: str = "", unit: Unit | None = None) -> ProgressReport:
    """Record the value ``target`` reached on ``reported_on``, with its evidence.

    Raises:
        PermissionDenied: ``actor`` is not a member of a responsible unit (nor the city's role).
        DomainError: a negative value or a date in the future (``plans.invalid``).
    """
    ensure_may_report(actor, target.item)
    if reported_on > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), code="plans.invalid", field="reported_on")
    if unit is None and user_or_none(actor) is not None:
        unit = target.item.units.filter(members=actor).order_by("code").first()
    report = ProgressReport(target=target, value=value, reported_on=reported_on, evidence=evidence or "",
                            reporter=user_or_none(actor), unit=unit, remarks=note)
    validated(report, code="plans.invalid")
    report.save()
    record_change(report, "create", actor=actor, before=None, after=report.snapshot())
    record_event(PlanEvent.REPORTED, actor=user_or_none(actor), subject=target,
                 payload={"value": str(value), "on": reported_on.isoformat(), "report": report.pk})
    return report


def _set_status(record, status: str, actor, *, extra: dict | None = None) -> None:
    before = record.snapshot()
    record.status = status
    for field, value in (extra or {}).items():
        setattr(record, field, value)
    record.save()
    record_change(record, "update", actor=actor, before=before, after=record.snapshot())


@transaction.atomic
def set_task_status(task: Task, *, status: str, actor) -> Task:
    ensure_may_report(actor, task.item)
    if status not in TaskStatus.values:
        raise DomainError(_("Unknown status."), code="plans.invalid", field="status")
    _set_status(task, status, actor)
    return task


@transaction.atomic
def set_item_status(item: Item, *, status: str, actor, on: datetime.date | None = None) -> Item:
    """Mark ``item`` done (on ``on``, default today) or open again."""
    ensure_may_report(actor, item)
    if status not in ItemStatus.values:
        raise DomainError(_("Unknown status."), code="plans.invalid", field="status")
    completed = (on or timezone.localdate()) if status == ItemStatus.DONE else None
    _set_status(item, status, actor, extra={"completed_on": completed})
    record_event(PlanEvent.ITEM_STATUS, actor=user_or_none(actor), subject=item, payload={"status": status})
    return item
