"""Model rules of the payments app: account numbers, masks and the database constraints."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from minzheng.payments.choices import EntryKind
from minzheng.payments.models import PayeeAccount, PaymentEntry, PaymentRoll, mask_account
from minzheng.payments.tests.factories import MAY, programs, recipient
from minzheng.registry.tests.factories import make_person


def test_an_account_number_is_digits_without_spaces(tree):
    person = make_person(tree.hp_community)
    account = PayeeAccount(person=person, bank_name="中国银行", account_number=" 6217 0000 1234 5678 ")

    account.full_clean()
    with pytest.raises(ValidationError) as refused:
        PayeeAccount(person=person, bank_name="中国银行", account_number="62A7-12").full_clean()

    assert account.account_number == "6217000012345678" and "account_number" in refused.value.message_dict
    assert mask_account(account.account_number) == "************5678"


def test_a_roll_is_for_a_district_and_a_whole_month(tree):
    dibao = programs().dibao
    with pytest.raises(ValidationError) as street:
        PaymentRoll(program=dibao, division=tree.hp_street, month=MAY).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentRoll.objects.create(program=dibao, division=tree.heping, month=datetime.date(2026, 5, 2))

    assert "division" in street.value.message_dict


def test_an_entry_is_paid_once_and_an_adjustment_entry_names_its_adjustment(tree):
    dibao = programs().dibao
    case = recipient(dibao, tree.hp_community)
    roll = PaymentRoll.objects.create(program=dibao, division=tree.heping, month=MAY)
    fields = {"roll": roll, "case": case, "household": case.household, "payee": case.applicant, "name": "王建国",
              "amount": 500}
    PaymentEntry.objects.create(kind=EntryKind.REGULAR, **fields)

    for kind in (EntryKind.REGULAR, EntryKind.ADJUSTMENT):
        with pytest.raises(IntegrityError), transaction.atomic():
            PaymentEntry.objects.create(kind=kind, **fields)
