"""Demo payment rolls: for every program and district with demo cases in payment, last month's roll locked (paid)
and this month's approved (its bank file can be made). Written through the services, so the demo carries their
audit events; running it again changes nothing, and it does nothing while no case is in payment."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from minzheng.assistance.choices import CaseStatus
from minzheng.assistance.models import AssistanceCase, BenefitPeriod, Program, area_prefix, first_of_month
from minzheng.divisions.choices import Level
from minzheng.divisions.models import Division
from minzheng.payments.choices import RollStatus
from minzheng.payments.generation import previous_month
from minzheng.payments.models import PaymentRoll
from minzheng.payments.services import approve_roll, generate_roll, lock_roll

__all__ = ["create_demo_rolls"]


def _paying(last: datetime.date, today: datetime.date) -> set[tuple[int, str]]:
    """(program id, district path) of the cases paid in the two months ending with ``today``'s."""
    periods = (BenefitPeriod.objects.filter(starts__lte=first_of_month(today))
               .filter(Q(ends__isnull=True) | Q(ends__gt=last)).values_list("case__program_id", "case__division__path"))
    grants = (AssistanceCase.objects.filter(status=CaseStatus.GRANTED, approved_amount__gt=0,
                                            approved_on__gte=previous_month(last), approved_on__lte=today)
              .values_list("program_id", "division__path"))
    return {(program, area_prefix(path)) for program, path in {*periods.distinct(), *grants.distinct()}}


def _roll(program, district, month, *, actor, final: str) -> PaymentRoll:
    roll = generate_roll(program, district, month, actor=actor)
    if roll.status == RollStatus.DRAFT:
        roll = approve_roll(roll, actor=actor)
    if final == RollStatus.LOCKED and roll.status == RollStatus.APPROVED:
        roll = lock_roll(roll, actor=actor)
    return roll


@transaction.atomic
def create_demo_rolls(*, actor, today: datetime.date | None = None) -> list[PaymentRoll]:
    """Generate last month's rolls (locked) and this month's (approved) for the demo cases in payment.

    Args:
        actor: who generates, approves and locks them (the demo's superuser).
        today: the demo's date (default: today).
    """
    today = today or timezone.localdate()
    this_month = first_of_month(today)
    last_month = previous_month(this_month)
    pairs = _paying(last_month, today)
    programs = Program.objects.in_bulk({program for program, _path in pairs})
    districts = {d.path: d for d in Division.objects.filter(path__in={path for _p, path in pairs},
                                                             level=Level.DISTRICT)}
    rolls = []
    for program_id, path in sorted(pairs):
        if path not in districts:
            continue  # a case held at the city itself belongs to no district's roll
        program, district = programs[program_id], districts[path]
        rolls.append(_roll(program, district, last_month, actor=actor, final=RollStatus.LOCKED))
        rolls.append(_roll(program, district, this_month, actor=actor, final=RollStatus.APPROVED))
    return rolls
