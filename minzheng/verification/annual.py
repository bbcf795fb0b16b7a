"""The batch annual review (年度核查): every recipient household re-verified against the latest snapshots.

Set-based: the source records are summed per person in one statement per distinct income window and
vehicle list (usually one), folded into households, then each case is judged by its program's rules
(``eligibility.evaluate``, the function a single report uses). The households whose eligibility or amount
would change become ``BatchFinding``s with their reasons and a review task in the assistance app
(``assistance.tasks.open_review_tasks``). **No benefit changes here**: the street reviews, the county decides.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from minzheng.assistance.choices import CaseStatus, ReviewTaskSource
from minzheng.assistance.models import AssistanceCase, Program
from minzheng.assistance.models.cases import RECURRING_KINDS
from minzheng.assistance.tasks import TaskItem, open_review_tasks
from minzheng.audit.services import record_event
from minzheng.divisions.models import Division
from minzheng.framework.exceptions import DomainError
from minzheng.framework.services import held_at_city, user_or_none
from minzheng.jobs.services import enqueue_job
from minzheng.verification.choices import BatchStatus, FindingKind, Outcome
from minzheng.verification.eligibility import ZERO, HouseholdFacts, Result, evaluate
from minzheng.verification.events import VerificationEvent
from minzheng.verification.facts import IncomeWindow, current_snapshots, household_facts
from minzheng.verification.models import AccessLog, BatchFinding, BatchReview
from minzheng.verification.verify import Parameters, parameters_for, stale_sources

__all__ = ["BATCH_JOB", "may_start_batch", "recipients", "run_batch_review", "start_batch_review"]

BATCH_JOB = "verification.batch_review"
_KINDS = {Outcome.INELIGIBLE: FindingKind.INELIGIBLE, Outcome.REVIEW: FindingKind.REVIEW}


def may_start_batch(user) -> bool:
    return held_at_city(user, BatchReview)


def recipients():
    """The cases whose benefit is being paid: the population of the annual review."""
    return AssistanceCase.objects.filter(status=CaseStatus.ACTIVE, kind__in=RECURRING_KINDS)


@transaction.atomic
def start_batch_review(*, actor, today: datetime.date | None = None) -> BatchReview:
    """Queue a batch review of every recipient household as of ``today``.

    Raises:
        PermissionDenied: ``actor`` does not hold the role at the city (nothing is written).
    """
    if not may_start_batch(user_or_none(actor)):
        raise PermissionDenied
    batch = BatchReview.objects.create(as_of=today or timezone.localdate(), started_by=user_or_none(actor))
    params = {"batch": batch.pk, "language": translation.get_language() or ""}
    batch.job = enqueue_job(BATCH_JOB, actor=actor, params=params, key=f"{BATCH_JOB}.{batch.pk}")
    batch.save(update_fields=["job", "updated_at"])
    return batch


@dataclass
class _Group:
    """The recipients of one program in one district and area type, under the same parameters."""

    parameters: Parameters | None
    error: str = ""
    cases: list[tuple] = field(default_factory=list)
    filter: Q = field(default_factory=Q)


def _groups(batch: BatchReview, cases: list[tuple]) -> list[_Group]:
    programs = {program.pk: program for program in Program.objects.all()}
    districts = {division.path: division for division in Division.objects.filter(depth=1)}
    groups: dict[tuple, _Group] = {}
    for case in cases:
        program_id, path, area_type = case[2], "/".join(case[4].split("/")[:2]) + "/", case[5]
        key = (program_id, path, area_type)
        if key not in groups:
            groups[key] = _group(programs[program_id], districts.get(path), area_type, batch.as_of)
            groups[key].filter = Q(program_id=program_id, division__path__startswith=path, area_type=area_type)
        groups[key].cases.append(case)
    return list(groups.values())


def _group(program, district, area_type: str, on: datetime.date) -> _Group:
    if district is None:
        return _Group(None, _("The case's district is not in the division tree."))
    try:
        return _Group(parameters_for(program, district, area_type, on))
    except DomainError as exc:
        return _Group(None, exc.message)


def _query_key(group: _Group) -> tuple:
    rules = group.parameters.rules
    return rules.income_months, rules.allowed_vehicles


def _household_facts(groups: list[_Group], snapshots: dict, on: datetime.date) -> dict[tuple, HouseholdFacts]:
    """Facts per (query key, household): one query per distinct (income window, vehicle types allowed), usually
    one; a household with cases under different rules is summed once per rule set, never twice into one."""
    by_query = defaultdict(list)
    for group in groups:
        if group.parameters is not None:
            by_query[_query_key(group)].append(group)
    ids = {kind: snapshot.pk for kind, snapshot in snapshots.items()}
    facts: dict[tuple, HouseholdFacts] = {}
    for key, members in by_query.items():
        selected = Q()
        for group in members:
            selected |= group.filter
        query = recipients().filter(selected).order_by().values("household_id").query.sql_with_params()
        for household_id, household in household_facts(query, snapshots=ids, window=IncomeWindow(on, key[0]),
                                                       allowed_vehicles=key[1], only_members=len(by_query) > 1):
            facts[(key, household_id)] = household
    return facts


def _finding(batch, case: tuple, group: _Group, facts: HouseholdFacts, missing: set) -> BatchFinding | None:
    case_id, household_id, _program, division_id, _path, _area, recorded = case
    if group.parameters is None:
        result = Result(Outcome.REVIEW, [], ZERO, ZERO)
        reasons = [{"rule": "parameters", "outcome": Outcome.REVIEW, "reason": group.error}]
    else:
        rules = group.parameters.rules
        result = evaluate(facts, rules, group.parameters.standard.amount, missing=missing)
        reasons = [finding.as_dict() for finding in result.findings]
        if result.outcome == Outcome.ELIGIBLE:
            if abs(result.household_income - recorded) <= rules.income_tolerance:
                return None
            reasons = [{"rule": "amount", "outcome": Outcome.ELIGIBLE, "reason": _(
                "The household income found, %(found)s a month, differs from the %(recorded)s on record: the "
                "amount would change.") % {"found": f"{result.household_income:.2f}", "recorded": f"{recorded:.2f}"}}]
    return BatchFinding(batch=batch, case_id=case_id, division_id=division_id,
                        kind=_KINDS.get(result.outcome, FindingKind.AMOUNT), outcome=result.outcome, reasons=reasons,
                        member_count=facts.members, household_income=result.household_income,
                        recorded_income=recorded)


def _open_tasks(batch: BatchReview, findings: list[BatchFinding]) -> int:
    """A review task per finding (none twice for a case), set on the findings before they are written."""
    items = [TaskItem(finding.case_id, "；".join(reason["reason"] for reason in finding.reasons),
                      {"batch": batch.pk, "finding": finding.kind}) for finding in findings]
    tasks = {task.case_id: task for task in open_review_tasks(items, source=ReviewTaskSource.VERIFICATION,
                                                              actor=batch.started_by, today=batch.as_of,
                                                              event_payload={"batch": batch.pk})}
    for finding in findings:
        finding.task = tasks.get(finding.case_id)
    return len(tasks)


def _judge(batch: BatchReview, groups: list[_Group], households: dict, snapshots: dict,
           progress: Callable[[int], None]) -> list[BatchFinding]:
    findings = []
    for group in groups:
        missing = stale_sources(group.parameters.rules, snapshots, batch.as_of) if group.parameters else set()
        key = _query_key(group) if group.parameters else None
        for case in group.cases:
            finding = _finding(batch, case, group, households.get((key, case[1])) or HouseholdFacts(), missing)
            if finding is not None:
                findings.append(finding)
        progress(len(group.cases))
    return findings


def _finish(batch: BatchReview, findings: list[BatchFinding], checked: int, people: int) -> None:
    counts = defaultdict(int)
    for finding in findings:
        counts[finding.kind] += 1
    batch.checked, batch.ineligible = checked, counts[FindingKind.INELIGIBLE]
    batch.needs_review, batch.amount_changes = counts[FindingKind.REVIEW], counts[FindingKind.AMOUNT]
    batch.status, batch.finished_at = BatchStatus.DONE, timezone.now()
    batch.save()
    city = Division.objects.filter(depth=0).order_by("pk").first()
    AccessLog.objects.create(division=city, purpose=_("Annual review of recipients"),
                             requested_by=batch.started_by, sources=sorted(batch.snapshots), batch=batch,
                             person_count=people)
    record_event(VerificationEvent.BATCH_FINISHED, actor=batch.started_by, subject=batch,
                 payload={"checked": checked, "ineligible": batch.ineligible, "review": batch.needs_review,
                          "amount": batch.amount_changes, "tasks": batch.tasks_opened})


@transaction.atomic
def run_batch_review(batch: BatchReview, *, progress: Callable[[int], None] | None = None) -> BatchReview:
    """Re-verify every recipient as of ``batch.as_of``; write the findings and open their review tasks.

    ``progress`` is called with a number of cases as they are judged. Nothing is written when it fails.
    """
    progress = progress or (lambda _count: None)
    snapshots = current_snapshots()
    batch.snapshots = {kind: snapshot.pk for kind, snapshot in snapshots.items()}
    cases = list(recipients().values_list("pk", "household_id", "program_id", "division_id", "division__path",
                                          "area_type", "household_income"))
    groups = _groups(batch, cases)
    households = _household_facts(groups, snapshots, batch.as_of)
    findings = _judge(batch, groups, households, snapshots, progress)
    batch.tasks_opened = _open_tasks(batch, findings)
    BatchFinding.objects.bulk_create(findings, batch_size=5000)
    people = {household_id: facts.members for (_key, household_id), facts in households.items()}
    _finish(batch, findings, len(cases), sum(people.values()))
    return batch
