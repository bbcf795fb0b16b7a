"""Test data of the payments app: programs, recipients with their case and benefit period, grants, accounts.

Cases are written directly (the procedure's services are tested in the assistance app); every date is
a fixed one in the past, so that rolls are generated with the real clock as their cutoff.
"""

import datetime
import itertools
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone

from minzheng.accounts.models import User
from minzheng.assistance.choices import BenefitChangeKind, CaseChannel, CaseStatus, UrbanRural
from minzheng.assistance.models import AssistanceCase, BenefitChange, BenefitPeriod, Program
from minzheng.assistance.services import seed_programs
from minzheng.payments.generation import RollInputs, fill_roll
from minzheng.payments.models import PayeeAccount, PaymentRoll
from minzheng.registry.choices import Relation
from minzheng.registry.tests.factories import make_household, make_person

__all__ = ["APRIL", "JUNE", "MAY", "grant", "make_account", "make_roll", "programs", "recipient", "robot",
           "rolls_for_suites"]

APRIL, MAY, JUNE = datetime.date(2026, 4, 1), datetime.date(2026, 5, 1), datetime.date(2026, 6, 1)
_numbers = itertools.count(1)


def programs() -> SimpleNamespace:
    """The seeded programs; ``dibao`` (monthly) and ``temporary`` (one-off) are the ones used."""
    seed_programs()
    return SimpleNamespace(dibao=Program.objects.get(code="dibao_urban"),
                           temporary=Program.objects.get(code="temporary"))


def robot() -> User:
    """A superuser that generates the rolls test data needs (the services' rules are tested elsewhere)."""
    return User.objects.get_or_create(username="payments-robot", defaults={"is_superuser": True})[0]


def _case(program, community, *, name: str, status: str, members: int = 0, **extra) -> AssistanceCase:
    head = make_person(community, name=name)
    household = make_household(head, community, members=[(make_person(community, name=f"{name}之妻", sex="2"),
                                                          Relation.SPOUSE) for _ in range(members)])
    return AssistanceCase.objects.create(
        number=f"PT{next(_numbers):06d}", program=program, kind=program.kind, household=household, applicant=head,
        division=community, area_type=UrbanRural.URBAN, channel=CaseChannel.HOUSEHOLD, status=status,
        applied_on=datetime.date(2025, 12, 1), **extra)


def recipient(program, community, *, name: str = "王建国", amount: str = "500.00", starts=datetime.date(2026, 1, 1),
              ends=None, status: str = CaseStatus.ACTIVE, members: int = 0, account: bool = True) -> AssistanceCase:
    """A household in payment: its case, the grant and one benefit period from ``starts``."""
    case = _case(program, community, name=name, status=status, members=members,
                 approved_amount=Decimal(amount), approved_on=starts, benefit_from=starts)
    change = BenefitChange.objects.create(case=case, kind=BenefitChangeKind.GRANT, effective=starts,
                                          new_amount=Decimal(amount), reason="批准", decided_on=starts)
    BenefitPeriod.objects.create(case=case, starts=starts, ends=ends, monthly_amount=Decimal(amount), change=change)
    if account:
        make_account(case.applicant)
    return case


def grant(program, community, *, name: str = "李临时", amount: str = "800.00", approved_on=datetime.date(2026, 5, 12),
          status: str = CaseStatus.GRANTED) -> AssistanceCase:
    """A one-off grant (临时救助) approved on ``approved_on``."""
    case = _case(program, community, name=name, status=status, approved_amount=Decimal(amount),
                 approved_on=approved_on)
    make_account(case.applicant)
    return case


def make_account(person, number: str | None = None) -> PayeeAccount:
    return PayeeAccount.objects.create(person=person, bank_name="天津农商银行",
                                       account_number=number or f"62270000{person.pk:011d}")


def rolls_for_suites(tree) -> list:
    """Two 低保 rolls of 和平区 (May, June) and one of 河西区 (May), each paying one household."""
    dibao = programs().dibao
    tree.program = dibao
    tree.hp_case = recipient(dibao, tree.hp_community, name="王建国")
    recipient(dibao, tree.hx_community, name="赵河西", amount="450.00")
    return [make_roll(dibao, tree.heping, MAY), make_roll(dibao, tree.heping, JUNE), make_roll(dibao, tree.hexi, MAY)]


def make_roll(program, district, month) -> PaymentRoll:
    """A generated roll written directly (no service, no audit), like the other suites' test objects."""
    now = timezone.now()
    roll = PaymentRoll.objects.create(program=program, division=district, month=month, generated_at=now, cutoff=now)
    fill_roll(RollInputs(roll.pk, program.pk, district.path, month, now))
    roll.refresh_from_db()
    return roll
