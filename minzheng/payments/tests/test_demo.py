"""The demo rolls: nothing without cases in payment; last month locked and this month approved otherwise."""

import datetime

from minzheng.audit.models import AuditEvent
from minzheng.payments.choices import RollStatus
from minzheng.payments.demo import create_demo_rolls
from minzheng.payments.models import PaymentRoll
from minzheng.payments.tests.factories import JUNE, MAY, grant, programs, recipient, robot

TODAY = datetime.date(2026, 6, 15)


def test_without_cases_in_payment_the_demo_makes_no_roll(tree):
    programs()

    assert create_demo_rolls(actor=robot(), today=TODAY) == []
    assert not PaymentRoll.objects.exists()


def test_the_demo_locks_last_months_rolls_and_approves_this_months(tree):
    seeded = programs()
    recipient(seeded.dibao, tree.hp_community, name="王建国")
    recipient(seeded.dibao, tree.hx_community, name="赵河西")
    grant(seeded.temporary, tree.hp_community, approved_on=datetime.date(2026, 6, 3))

    rolls = create_demo_rolls(actor=robot(), today=TODAY)
    events = AuditEvent.objects.count()

    assert sorted((r.program.code, r.division.code, r.month, r.status) for r in rolls) == [
        ("dibao_urban", "120101", MAY, RollStatus.LOCKED), ("dibao_urban", "120101", JUNE, RollStatus.APPROVED),
        ("dibao_urban", "120103", MAY, RollStatus.LOCKED), ("dibao_urban", "120103", JUNE, RollStatus.APPROVED),
        ("temporary", "120101", MAY, RollStatus.LOCKED), ("temporary", "120101", JUNE, RollStatus.APPROVED)]
    assert [r.entry_count for r in rolls if r.program.code == "temporary"] == [0, 1]
    assert create_demo_rolls(actor=robot(), today=TODAY) == rolls
    assert AuditEvent.objects.count() == events
