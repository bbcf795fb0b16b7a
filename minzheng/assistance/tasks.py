"""Review tasks: putting cases in payment up for review outside their schedule (定期核查 brought forward).

Other services call ``open_review_tasks`` when something they found may change a benefit: a member's
death, a recalculation that leaves the household ineligible, an economic-status verification. It never
changes a benefit: the street reviews the case (``reviews.propose_review``), which closes its open tasks,
and the county decides.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from minzheng.assistance.choices import ReviewTaskStatus
from minzheng.assistance.events import AssistanceEvent
from minzheng.assistance.models import AssistanceCase, BenefitReview, ReviewTask
from minzheng.audit.services import record_event
from minzheng.framework.services import user_or_none

__all__ = ["TaskItem", "close_review_tasks", "open_review_tasks"]

#: Up to this many cases, their ids go into the statements; beyond, the statements join the tasks instead.
BULK = 1000


@dataclass(frozen=True)
class TaskItem:
    """One case to review and why (``details`` is JSON-ready: the figures behind the reason)."""

    case_id: int
    reason: str
    details: dict = field(default_factory=dict)


@transaction.atomic
def open_review_tasks(items: Iterable[TaskItem], *, source: str, actor, today: datetime.date | None = None,
                      event_payload: dict | None = None) -> list[ReviewTask]:
    """Open a review task per case (none when the case already has an open task from ``source``) and bring
    its next review forward to ``today``. Bulk: one audit event for the call, naming the cases.

    The callers are services that already checked their actor; no benefit changes here.
    """
    today = today or timezone.localdate()
    items = {item.case_id: item for item in items}
    opened = ReviewTask.objects.filter(source=source, status=ReviewTaskStatus.OPEN)
    if len(items) <= BULK:
        opened = opened.filter(case_id__in=items)
    already = set(opened.values_list("case_id", flat=True))
    tasks = ReviewTask.objects.bulk_create(
        [ReviewTask(case_id=case_id, source=source, reason=item.reason, details=item.details, created_on=today)
         for case_id, item in items.items() if case_id not in already], batch_size=5000)
    case_ids = [task.case_id for task in tasks]
    due = Q(next_review_on__isnull=True) | Q(next_review_on__gt=today)
    if len(case_ids) <= BULK:
        AssistanceCase.objects.filter(due, pk__in=case_ids).update(next_review_on=today)
    else:  # a batch: join the tasks just written instead of sending their ids back
        written = ReviewTask.objects.filter(source=source, status=ReviewTaskStatus.OPEN, created_on=today)
        AssistanceCase.objects.filter(due, pk__in=written.values("case_id")).update(next_review_on=today)
    if tasks:
        subject = AssistanceCase.objects.get(pk=case_ids[0]) if len(case_ids) == 1 else None
        record_event(AssistanceEvent.REVIEW_NEEDED, actor=user_or_none(actor), subject=subject,
                     payload={"source": source, "cases": case_ids[:1000], "count": len(case_ids),
                              **(event_payload or {})})
    return tasks


def close_review_tasks(review: BenefitReview) -> int:
    """The review answers the case's open tasks; returns how many it closed."""
    return ReviewTask.objects.filter(case_id=review.case_id, status=ReviewTaskStatus.OPEN).update(
        status=ReviewTaskStatus.DONE, review=review, updated_at=timezone.now())
