"""How far the plan is: each target's actual value, its traffic light, completion per item and chapter,
overdue items, and the 督办台账 ledger rows.

A target bound to an indicator (binding confirmed) is measured live: the indicator computed for the target's
division over its year up to today, **as the viewing user may see it** (a district user sees its own area's
part; the system sees all). Otherwise the actual value is the latest progress report.

The light compares the share reached (actual ÷ target) with the share of the plan year elapsed: reached →
done; at least the elapsed share → green; within ``YELLOW_MARGIN`` of it → yellow; below → red. For an upper
limit (≤, <) the target is met while the actual stays within it.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from minzheng.indicators.registry import get_indicator
from minzheng.plans.choices import Binding, Comparator, ItemStatus, Light
from minzheng.plans.models import Chapter, Item, Plan, ProgressReport, Target

__all__ = ["YELLOW_MARGIN", "ChapterState", "TargetState", "chapter_states", "elapsed_share", "item_completion",
           "ledger_rows", "overdue", "target_state"]

#: How far behind the elapsed share of the year a target may be and still be yellow.
YELLOW_MARGIN = Decimal("0.15")
ONE = Decimal("1")


@dataclass(frozen=True)
class TargetState:
    target: Target
    actual: Decimal | None
    source: str  # "indicator", "report" or ""
    light: str
    share: Decimal | None  # actual ÷ target, capped at 1
    last_report: ProgressReport | None

    def get_light_display(self) -> str:
        return str(Light(self.light).label)


@dataclass(frozen=True)
class ChapterState:
    chapter: Chapter
    completion: Decimal
    items: list[tuple[Item, Decimal]]


def elapsed_share(year: int, today: datetime.date) -> Decimal:
    """The share of ``year`` elapsed by the end of ``today`` (0 before it starts, 1 after it ends)."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if today < start:
        return Decimal(0)
    if today >= end:
        return ONE
    return Decimal((today - start).days + 1) / Decimal((end - start).days + 1)


def _live_value(target: Target, user, today: datetime.date) -> Decimal | None:
    try:
        indicator = get_indicator(target.indicator)
    except KeyError:
        return None
    year = target.indicator_year or target.item.plan.year
    end = min(datetime.date(year, 12, 31), max(today, datetime.date(year, 1, 1)))
    value = indicator.compute(user=user, division=target.indicator_division, period_start=datetime.date(year, 1, 1),
                              period_end=end)
    return Decimal(value)


def _light(target: Target, actual: Decimal | None, elapsed: Decimal) -> tuple[str, Decimal | None]:
    if actual is None:
        return Light.NONE, None
    if target.comparator in (Comparator.AT_MOST, Comparator.LESS_THAN):
        within = actual <= target.value if target.comparator == Comparator.AT_MOST else actual < target.value
        return (Light.DONE if within else Light.RED), (ONE if within else Decimal(0))
    share = min(actual / target.value, ONE) if target.value else ONE
    reached = actual > target.value if target.comparator == Comparator.MORE_THAN else actual >= target.value
    if reached:
        return Light.DONE, ONE
    if share >= elapsed:
        return Light.GREEN, share
    return (Light.YELLOW if share >= elapsed - YELLOW_MARGIN else Light.RED), share


def target_state(target: Target, *, user=None, today: datetime.date | None = None) -> TargetState:
    """The actual value and light of ``target`` for ``user`` (None: the system) on ``today``."""
    today = today or timezone.localdate()
    last = target.reports.order_by("-reported_on", "-pk").first()
    if target.binding == Binding.CONFIRMED:
        actual, source = _live_value(target, user, today), "indicator"
    else:
        actual, source = (last.value, "report") if last else (None, "")
    light, share = _light(target, actual, elapsed_share(target.item.plan.year, today))
    return TargetState(target, actual, source, light, share, last)


def item_completion(item: Item, states: list[TargetState]) -> Decimal:
    """A done item is complete; otherwise the mean share reached by its targets (0 without targets)."""
    if item.status == ItemStatus.DONE:
        return ONE
    shares = [state.share or Decimal(0) for state in states if state.target.item_id == item.pk]
    return sum(shares, Decimal(0)) / len(shares) if shares else Decimal(0)


def chapter_states(plan: Plan, *, user=None, today: datetime.date | None = None) -> list[ChapterState]:
    """Per chapter, its items' completion and the chapter's (their mean)."""
    targets = Target.objects.filter(item__plan=plan).select_related("item__plan", "indicator_division")
    states = [target_state(target, user=user, today=today) for target in targets]
    result = []
    for chapter in plan.chapters.prefetch_related("items"):
        items = [(item, item_completion(item, states)) for item in chapter.items.all()]
        completion = sum((share for _item, share in items), Decimal(0)) / len(items) if items else Decimal(0)
        result.append(ChapterState(chapter, completion, items))
    return result


def overdue(items, today: datetime.date | None = None):
    """Items past their due date and not done."""
    return items.filter(due_on__lt=today or timezone.localdate()).exclude(status=ItemStatus.DONE)


def ledger_rows(plan: Plan, *, user=None, today: datetime.date | None = None) -> list[dict]:
    """The 督办台账: one row per target (items without a target get one row), in plan order."""
    today = today or timezone.localdate()
    rows = []
    items = plan.items.prefetch_related("units", "tasks", "targets__reports").select_related("lead")
    for item in items:
        units = "、".join(unit.name for unit in item.units.all())
        base = {"item": str(item), "units": units, "lead": item.lead.name if item.lead else "",
                "due_on": item.due_on, "status": item.get_status_display()}
        targets = list(item.targets.all())
        if not targets:
            rows.append({**base, "task": "；".join(task.text for task in item.tasks.all())[:500], "target": "",
                         "actual": None, "light": "", "last_report": ""})
        for target in targets:
            state = target_state(target, user=user, today=today)
            report = state.last_report
            rows.append({**base, "task": target.task.text if target.task else target.quote, "target": str(target),
                         "actual": state.actual, "light": Light(state.light).label,
                         "last_report": f"{report.reported_on:%Y-%m-%d} {report.value:g}" if report else ""})
    return rows
