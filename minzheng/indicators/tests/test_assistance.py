"""The assistance indicators (``minzheng/assistance/indicators.py``) against the ``paid`` cases."""

import datetime
from decimal import Decimal

from django.apps import apps

from minzheng.indicators.registry import get_indicator
from minzheng.indicators.services import evaluate

MARCH = {"period_start": datetime.date(2014, 1, 1), "period_end": datetime.date(2014, 3, 31)}
JUNE = {"period_start": datetime.date(2014, 6, 1), "period_end": datetime.date(2014, 6, 30)}


def value(code, **kwargs):
    return evaluate(get_indicator(code), **kwargs).value


def test_recipients_count_the_members_paid_for_the_last_month(paid, city_admin):
    assert value("assistance.recipients", user=city_admin, **MARCH) == 3 + 2 + 4
    assert value("assistance.recipients", user=city_admin, **JUNE) == 3 + 4  # B ended in April


def test_households_count_the_cases_in_payment(paid, city_admin):
    assert value("assistance.households", user=city_admin, **MARCH) == 3
    assert value("assistance.households", user=city_admin, **JUNE) == 2
    assert value("assistance.households", user=city_admin, period_start=datetime.date(2013, 1, 1),
                 period_end=datetime.date(2013, 12, 31)) == 0


def test_a_suspended_case_counts_in_no_month(paid):
    assert value("assistance.households", **MARCH) == 3


def test_amount_due_sums_each_months_benefits(paid, city_admin):
    # A 600×3 + B 400×3 + C 800×2 (from February)
    assert value("assistance.amount_due", user=city_admin, **MARCH) == Decimal("4600.00")


def test_a_heping_user_sees_no_hexi_case(paid, hp_admin):
    assert value("assistance.recipients", user=hp_admin, **MARCH) == 5
    assert value("assistance.households", user=hp_admin, **MARCH) == 2
    assert value("assistance.amount_due", user=hp_admin, **MARCH) == Decimal("3000.00")


def test_a_hexi_user_sees_no_heping_case(paid, hx_approver):
    assert value("assistance.recipients", user=hx_approver, **MARCH) == 4
    assert value("assistance.amount_due", user=hx_approver, **MARCH) == Decimal("1600.00")


def test_a_division_keeps_its_subtree(paid, city_admin, tree):
    assert value("assistance.recipients", user=city_admin, division=tree.hexi, **MARCH) == 4
    assert value("assistance.amount_due", user=city_admin, division=tree.hp_street, **MARCH) == Decimal("3000.00")


def test_a_user_without_the_permission_gets_zero(paid, make_user):
    nobody = make_user(None)
    assert value("assistance.recipients", user=nobody, **MARCH) == 0
    assert value("assistance.amount_due", user=nobody, **MARCH) == Decimal("0.00")


def test_without_a_user_everything_counts(paid):
    assert value("assistance.recipients", **MARCH) == 9
    assert value("assistance.amount_due", **MARCH) == Decimal("4600.00")


def test_amount_paid_reads_approved_and_locked_rolls_when_payments_exist(paid, city_admin, hp_admin, tree):
    roll_model, entry_model = apps.get_model("payments", "PaymentRoll"), apps.get_model("payments", "PaymentEntry")
    program = paid["A"].program

    def entry(case, month, status, amount):
        roll = roll_model.objects.create(program=program, division=case.division.parent.parent,
                                         month=datetime.date(2014, month, 1))
        entry_model.objects.create(roll=roll, case=case, household=case.household, payee=case.applicant,
                                   name=case.applicant.name, amount=Decimal(amount), kind="regular")
        roll_model.objects.filter(pk=roll.pk).update(status=status)  # entries are written before a roll is locked

    entry(paid["A"], 1, "locked", "600")
    entry(paid["A"], 2, "approved", "600")
    entry(paid["A"], 3, "draft", "600")  # not approved: not paid
    entry(paid["C"], 2, "locked", "800")
    assert value("assistance.amount_paid", user=city_admin, **MARCH) == Decimal("2000.00")
    assert value("assistance.amount_paid", user=hp_admin, **MARCH) == Decimal("1200.00")
    assert value("assistance.amount_paid", user=city_admin, division=tree.hp_street, **MARCH) == Decimal("1200.00")
