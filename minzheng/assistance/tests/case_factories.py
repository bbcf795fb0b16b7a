"""Cases and their records saved directly (no services), for the generated page and API suites."""

import datetime
import itertools
from decimal import Decimal

from minzheng.accounts.models import User
from minzheng.assistance.choices import (
    BenefitChangeKind,
    CaseChannel,
    CaseStatus,
    EvaluationOutcome,
    ReviewDecision,
    ReviewTaskSource,
)
from minzheng.assistance.models import (
    AssistanceCase,
    BenefitChange,
    BenefitPeriod,
    BenefitReview,
    Evaluation,
    Investigation,
    Program,
    ReviewTask,
)
from minzheng.registry.tests.factories import make_household, make_person

__all__ = ["change", "evaluation", "investigation", "make_case", "period", "review", "task"]

_numbers = itertools.count(1)


def _program() -> Program:
    program, _created = Program.objects.get_or_create(code="dibao_urban", defaults={
        "name": "城市居民最低生活保障", "kind": "dibao"})
    return program


def make_case(division, *, name: str = "赵大海", status=CaseStatus.ACTIVE, income: str = "812.34",
              program: Program | None = None) -> AssistanceCase:
    """A case of a one-person household in ``division`` (a community)."""
    head = make_person(division, name=name)
    household = make_household(head, division)
    program = program or _program()
    return AssistanceCase.objects.create(
        number=f"DB{division.code[:6]}2014{next(_numbers):06d}", program=program, kind=program.kind,
        household=household, applicant=head, division=division, area_type="urban", channel=CaseChannel.COMMUNITY,
        status=status, applied_on=datetime.date(2014, 3, 1), member_count=1, household_income=Decimal(income),
        calculated_amount=Decimal("300"), approved_amount=Decimal("300"))


def _investigators():
    first, _ = User.objects.get_or_create(username="investigator-1")
    second, _ = User.objects.get_or_create(username="investigator-2")
    return first, second


def investigation(case, *, findings: str = "家中无大件资产", day: int = 5) -> Investigation:
    first, second = _investigators()
    return Investigation.objects.create(case=case, visited_on=datetime.date(2014, 3, day), investigator_1=first,
                                        investigator_2=second, member_count=1, household_income=Decimal("734.56"),
                                        findings=findings, eligible=True)


def evaluation(case, *, venue: str = "社区会议室", day: int = 10) -> Evaluation:
    return Evaluation.objects.create(case=case, held_on=datetime.date(2014, 3, day), venue=venue, attendance=9,
                                     attendees="居民代表", votes_for=8, votes_against=1,
                                     outcome=EvaluationOutcome.AGREED)


def change(case, *, amount: str = "300", month: int = 4) -> BenefitChange:
    return BenefitChange.objects.create(case=case, kind=BenefitChangeKind.GRANT,
                                        effective=datetime.date(2014, month, 1), new_amount=Decimal(amount),
                                        reason="批准", decided_on=datetime.date(2014, 3, 20))


def period(case, *, amount: str = "300", month: int = 4) -> BenefitPeriod:
    return BenefitPeriod.objects.create(case=case, starts=datetime.date(2014, month, 1),
                                        monthly_amount=Decimal(amount), change=change(case, amount=amount, month=month))


def review(case, *, day: int = 1) -> BenefitReview:
    return BenefitReview.objects.create(case=case, due_on=datetime.date(2015, 3, day),
                                        started_on=datetime.date(2015, 3, day), decision=ReviewDecision.KEEP,
                                        effective=datetime.date(2015, 4, 1), reason="复核无变化")


def task(case, *, day: int = 1) -> ReviewTask:
    return ReviewTask.objects.create(case=case, source=ReviewTaskSource.VERIFICATION, reason="核对发现存款超标",
                                     created_on=datetime.date(2015, 3, day))
