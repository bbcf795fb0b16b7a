"""Pages of the payments app: generated suites (data only), then the roll page, its steps and the bank file."""

import datetime

import pytest

from minzheng.audit.models import AuditEvent
from minzheng.framework.testing.utils import export_rows
from minzheng.framework.testing.views import ViewTestCases
from minzheng.framework.urls import model_url
from minzheng.payments import services
from minzheng.payments.choices import RollStatus
from minzheng.payments.events import PaymentEvent
from minzheng.payments.models import PayeeAccount, PaymentAdjustment, PaymentEntry, PaymentRoll
from minzheng.payments.tests.factories import MAY, make_account, programs, recipient, robot, rolls_for_suites
from minzheng.registry.tests.factories import make_person


def entries_for_suites(tree) -> list:
    """The two entries of 和平区's rolls (May, June) and the one of 河西区."""
    rolls = rolls_for_suites(tree)
    return [roll.entries.get() for roll in rolls]


def adjustments_for_suites(tree) -> list:
    dibao = programs().dibao
    tree.hp_case = recipient(dibao, tree.hp_community, name="甲户")
    second = recipient(dibao, tree.hp_community, name="乙户")
    outside = recipient(dibao, tree.hx_community, name="丙户")
    actor = robot()
    return [services.add_adjustment(case, amount=amount, reason="补发", actor=actor)
            for case, amount in ((tree.hp_case, "50.00"), (second, "-20.00"), (outside, "30.00"))]


class PaymentRollViewTestCase(ViewTestCases.GetObjectViewTestCase, ViewTestCases.GetObjectChangelogViewTestCase,
                              ViewTestCases.CreateObjectViewTestCase, ViewTestCases.ListObjectsViewTestCase):
    """Generated (the add page), read, listed; moved only by the approve and lock actions."""

    model = PaymentRoll
    user_role = "district_approver"

    @classmethod
    def create_objects(cls, tree):
        return rolls_for_suites(tree)

    @staticmethod
    def form_data(tree):
        return {"program": tree.program, "division": tree.heping, "month": datetime.date(2026, 8, 1)}


class PaymentEntryViewTestCase(ViewTestCases.ReadOnlyObjectViewTestCase):
    model = PaymentEntry
    user_role = "district_approver"
    sort_column = "month"

    @classmethod
    def create_objects(cls, tree):
        return entries_for_suites(tree)


class PaymentAdjustmentViewTestCase(ViewTestCases.GetObjectViewTestCase, ViewTestCases.CreateObjectViewTestCase,
                                    ViewTestCases.ListObjectsViewTestCase):
    model = PaymentAdjustment
    user_role = "district_approver"

    @classmethod
    def create_objects(cls, tree):
        return adjustments_for_suites(tree)

    @staticmethod
    def form_data(tree):
        return {"case": tree.hp_case, "adjusts": None, "amount": "15.50", "reason": "少发补足"}

    def form_post_data(self):
        return {**super().form_post_data(), "case": self.tree.hp_case.number}  # typed by its number


class PayeeAccountViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = PayeeAccount

    @classmethod
    def create_objects(cls, tree):
        tree.person = make_person(tree.hp_community, name="新账户人")
        return [make_account(make_person(tree.hp_community, name="甲")),
                make_account(make_person(tree.hp_community, name="乙")),
                make_account(make_person(tree.hx_community, name="丙"))]

    @staticmethod
    def form_data(tree):
        return {"person": tree.person, "bank_name": "中国工商银行", "account_number": "6222020302001234567",
                "remarks": ""}


# The roll page and its steps


@pytest.fixture
def roll(tree):
    return rolls_for_suites(tree)[0]


def test_the_roll_page_offers_the_next_step_to_the_district_approver_only(roll, tree, login_as):
    approver = login_as("district_approver", tree.heping)
    leader = login_as("city_leader", tree.city)
    officer = login_as("street_officer", tree.hp_street)

    page = approver.get(model_url(roll)).content.decode()
    read_only = leader.get(model_url(roll)).content.decode()

    assert model_url(roll, "approve") in page and model_url(roll, "bank_file") not in page
    assert model_url(roll, "approve") not in read_only and "edit/" not in read_only
    assert roll.entries.get().name in read_only
    # A street officer reads the payments of the street's households, not the district's roll.
    assert officer.get(model_url(roll)).status_code == 404
    assert officer.get(model_url(roll.entries.get())).status_code == 200


def test_approve_lock_and_bank_file_through_the_pages(roll, tree, login_as):
    client = login_as("district_approver", tree.heping)

    assert client.post(model_url(roll, "approve")).status_code == 302
    assert client.post(model_url(roll, "lock")).status_code == 302
    response = client.get(model_url(roll, "bank_file"), {"format": "xlsx"})

    assert PaymentRoll.objects.get(pk=roll.pk).status == RollStatus.LOCKED
    assert response.status_code == 200 and response["Content-Disposition"].endswith('202605.xlsx"')
    entry = roll.entries.get()
    assert export_rows(response)[1][:3] == [entry.account, entry.name,
                                            f"{entry.id_number[:6]}********{entry.id_number[-4:]}"]
    assert AuditEvent.objects.filter(code=PaymentEvent.BANK_FILE_EXPORTED, object_id=str(roll.pk)).count() == 1


def test_a_refused_step_is_shown_on_the_form(roll, tree, login_as):
    client = login_as("district_approver", tree.heping)

    response = client.post(model_url(roll, "lock"))

    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert PaymentRoll.objects.get(pk=roll.pk).status == RollStatus.DRAFT


def test_another_district_gets_404_and_changes_nothing(roll, tree, login_as):
    client = login_as("district_approver", tree.hexi)

    responses = [client.post(model_url(roll, "approve")), client.get(model_url(roll, "bank_file")),
                 client.get(model_url(roll))]

    assert [r.status_code for r in responses] == [404, 404, 404]
    assert PaymentRoll.objects.get(pk=roll.pk).status == RollStatus.DRAFT
    assert not AuditEvent.objects.filter(code=PaymentEvent.BANK_FILE_EXPORTED).exists()


def test_the_entries_of_a_roll_page_by_page_and_exported_masked(roll, tree, login_as):
    client = login_as("district_approver", tree.heping)
    entry = roll.entries.get()

    partial = client.get(model_url(roll), {"page": 1}, HTTP_HX_REQUEST="true")
    exported = client.get(model_url(roll), {"export": "csv"})

    assert "<html" not in partial.content.decode() and entry.name in partial.content.decode()
    rows = export_rows(exported)
    assert entry.name in rows[1] and entry.id_number not in repr(rows) and entry.account not in repr(rows)


def test_generating_an_existing_roll_opens_it(roll, tree, login_as):
    client = login_as("district_approver", tree.heping)

    response = client.post(model_url(PaymentRoll, "add"), {"program": roll.program_id, "division": tree.heping.pk,
                                                           "month": "2026-05"})

    assert response.status_code == 302 and response.url == model_url(roll)
    assert PaymentRoll.objects.count() == 3 and roll.month == MAY
