"""Assistance cases written directly (no procedure, no audit): test data of indicators, statistics and portal."""

import datetime
import itertools
from decimal import Decimal

from minzheng.assistance.choices import BenefitChangeKind, CaseChannel, CaseStatus, UrbanRural
from minzheng.assistance.models import AssistanceCase, BenefitChange, BenefitPeriod, Program
from minzheng.assistance.services import seed_programs
from minzheng.registry.tests.factories import make_household, make_person

__all__ = ["make_case", "pay", "programs"]

_numbers = itertools.count(1)


def programs() -> dict[str, Program]:
    """The seeded programs, by code (``dibao_urban``, ``temporary``, …)."""
    seed_programs()
    return {program.code: program for program in Program.objects.all()}


def make_case(division, program: Program, *, members: int = 1, status: str = CaseStatus.ACTIVE, name: str = "张三明",
              approved_on: str | None = None, amount: str | None = None, **person) -> AssistanceCase:
    """A case of a new household in ``division`` whose applicant is ``name``."""
    applicant = make_person(division, name=name, **person)
    return AssistanceCase.objects.create(
        number=f"T{next(_numbers):08d}", program=program, kind=program.kind, household=make_household(applicant),
        applicant=applicant, division=division, area_type=UrbanRural.URBAN, channel=CaseChannel.HOUSEHOLD,
        status=status, applied_on=datetime.date(2014, 1, 1), member_count=members,
        calculated_amount=Decimal(amount) if amount else None, approved_amount=Decimal(amount) if amount else None,
        approved_on=datetime.date.fromisoformat(approved_on) if approved_on else None)


def pay(case: AssistanceCase, starts: str, amount: str, *, ends: str | None = None) -> BenefitPeriod:
    """A benefit period of ``case`` from month ``starts`` (YYYY-MM) until ``ends`` (exclusive; open when None)."""
    first = datetime.date.fromisoformat(f"{starts}-01")
    change = BenefitChange.objects.create(case=case, kind=BenefitChangeKind.GRANT, effective=first,
                                          new_amount=Decimal(amount), reason="test", decided_on=first)
    return BenefitPeriod.objects.create(case=case, starts=first, monthly_amount=Decimal(amount), change=change,
                                        ends=datetime.date.fromisoformat(f"{ends}-01") if ends else None)
