"""Review tasks: a case put up for review by a death (or a verification, a recalculation) and closed by the review."""

import datetime

import pytest
from django.utils import timezone

from minzheng.assistance import reviews
from minzheng.assistance.choices import CaseStatus, ReviewDecision, ReviewTaskSource, ReviewTaskStatus
from minzheng.assistance.models import ReviewTask
from minzheng.assistance.tasks import TaskItem, open_review_tasks
from minzheng.assistance.tests import case_factories as f
from minzheng.assistance.tests.test_procedure import approved_case
from minzheng.audit.models import AuditEvent
from minzheng.registry.choices import LifeEventKind
from minzheng.registry.services import record_life_event

pytestmark = pytest.mark.django_db


def test_a_death_opens_a_task_that_the_review_closes(assistance, household, staff, documents):
    case = approved_case(assistance, household, staff, documents)
    spouse = household.memberships.order_by("pk")[1].person
    record_life_event(spouse, LifeEventKind.DEATH, timezone.localdate(), actor=staff["officer"])
    task = ReviewTask.objects.get(case=case)
    assert (task.source, task.status) == (ReviewTaskSource.DEATH, ReviewTaskStatus.OPEN)
    assert spouse.name in task.reason and task.details["person"] == spouse.pk
    review = reviews.propose_review(case, actor=staff["officer"], decision=ReviewDecision.KEEP, reason="核实无变化")
    task.refresh_from_db()
    assert (task.status, task.review) == (ReviewTaskStatus.DONE, review)


def test_tasks_are_not_duplicated_and_the_review_is_brought_forward_only(tree):
    today = datetime.date(2026, 3, 10)
    early = f.make_case(tree.hp_community, name="钱小红")
    early.next_review_on = datetime.date(2026, 1, 1)
    early.save()
    late = f.make_case(tree.hp_community, name="孙立")
    late.next_review_on = datetime.date(2026, 9, 1)
    late.save()
    events = AuditEvent.objects.count()
    items = [TaskItem(early.pk, "收入变化", {"income": "1200.00"}), TaskItem(late.pk, "存款超标")]
    assert len(open_review_tasks(items, source=ReviewTaskSource.VERIFICATION, actor=None, today=today)) == 2
    assert open_review_tasks(items, source=ReviewTaskSource.VERIFICATION, actor=None, today=today) == []
    assert len(open_review_tasks(items[:1], source=ReviewTaskSource.DEATH, actor=None, today=today)) == 1
    early.refresh_from_db()
    late.refresh_from_db()
    assert early.next_review_on == datetime.date(2026, 1, 1)  # already due earlier: kept
    assert late.next_review_on == today
    assert early.status == late.status == CaseStatus.ACTIVE
    assert ReviewTask.objects.get(case=early, source=ReviewTaskSource.VERIFICATION).details == {"income": "1200.00"}
    assert AuditEvent.objects.count() == events + 2  # one event per call that opened tasks
