"""The payments API: generated suites (data only), then generate, approve, lock and the bank file."""

import csv
import io

import pytest

from minzheng.audit.models import AuditEvent
from minzheng.framework.testing.api import APIViewTestCases
from minzheng.payments.choices import RollStatus
from minzheng.payments.events import PaymentEvent
from minzheng.payments.models import PayeeAccount, PaymentAdjustment, PaymentEntry, PaymentRoll
from minzheng.payments.tests.factories import make_account, programs, recipient, rolls_for_suites
from minzheng.payments.tests.test_views import adjustments_for_suites, entries_for_suites
from minzheng.registry.tests.factories import make_person

ROLLS = "/api/payments/payment-rolls/"


class PaymentRollAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = PaymentRoll
    user_role = "district_approver"

    @classmethod
    def create_objects(cls, tree):
        return rolls_for_suites(tree)


class PaymentEntryAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = PaymentEntry
    user_role = "district_approver"

    @classmethod
    def create_objects(cls, tree):
        return entries_for_suites(tree)


class PaymentAdjustmentAPITestCase(APIViewTestCases.GetObjectViewTestCase, APIViewTestCases.ListObjectsViewTestCase,
                                   APIViewTestCases.CreateObjectViewTestCase):
    model = PaymentAdjustment
    user_role = "district_approver"

    @classmethod
    def create_objects(cls, tree):
        return adjustments_for_suites(tree)

    @staticmethod
    def api_create_data(tree):
        return {"case": tree.hp_case, "amount": "-12.30", "reason": "五月多发"}

    def test_adjustments_are_never_edited_or_deleted(self):
        instance = self.objects_inside[0]
        self.login(self.user)
        with self.assertNothingWritten(instance):
            responses = [self.client.patch(self.api_url(instance), {"amount": "1.00"}, format="json"),
                         self.client.delete(self.api_url(instance))]
        for response in responses:
            self.assertAPIError(response, (403, 405), response.json()["code"])


class PayeeAccountAPITestCase(APIViewTestCases.APIViewTestCase):
    model = PayeeAccount
    api_update_data = {"bank_name": "中国建设银行", "account_number": "6217000012345678"}

    @classmethod
    def create_objects(cls, tree):
        tree.person = make_person(tree.hp_community, name="接口账户人")
        return [make_account(make_person(tree.hp_community, name="甲")),
                make_account(make_person(tree.hp_community, name="乙")),
                make_account(make_person(tree.hx_community, name="丙"))]

    @staticmethod
    def api_create_data(tree):
        return {"person": tree.person, "bank_name": "中国银行", "account_number": "6013820000123456789"}


# Generate, approve, lock, bank file


@pytest.fixture
def district(tree, api_as):
    dibao = programs().dibao
    recipient(dibao, tree.hp_community, name="王建国", amount="500.00")
    return dibao, api_as("district_approver", tree.heping)


def test_generate_is_idempotent_over_the_api(tree, district):
    dibao, client = district
    data = {"program": dibao.pk, "division": tree.heping.pk, "month": "2026-05"}

    first, second = client.post(f"{ROLLS}generate/", data, format="json"), client.post(f"{ROLLS}generate/", data)

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert (first.json()["month"], first.json()["entry_count"], first.json()["total_amount"]) == (
        "2026-05-01", 1, "500.00")
    assert PaymentRoll.objects.count() == 1


def test_approve_lock_and_the_bank_file_over_the_api(tree, district):
    dibao, client = district
    roll = client.post(f"{ROLLS}generate/", {"program": dibao.pk, "division": tree.heping.pk, "month": "2026-05-01"})
    url = f"{ROLLS}{roll.json()['id']}/"

    early = client.get(f"{url}bank-file/", {"format": "csv"})
    approved = client.post(f"{url}approve/")
    again = client.post(f"{url}approve/")
    locked = client.post(f"{url}lock/")
    csv_file = client.get(f"{url}bank-file/", {"format": "csv"})
    xlsx_file = client.get(f"{url}bank-file/", {"format": "xlsx"})
    wrong = client.get(f"{url}bank-file/", {"format": "pdf"})

    assert early.status_code == 400 and early.json()["code"] == "payments.not_approved"
    assert (approved.json()["status"], locked.json()["status"]) == (RollStatus.APPROVED, RollStatus.LOCKED)
    assert again.status_code == 400 and set(again.json()) == {"code", "message", "errors"}
    assert again.json()["code"] == "payments.not_draft"
    entry = PaymentEntry.objects.get()
    rows = list(csv.reader(io.StringIO(csv_file.content.decode("utf-8-sig"))))
    assert rows[1] == [entry.account, "王建国", f"{entry.id_number[:6]}********{entry.id_number[-4:]}", "500.00"]
    assert xlsx_file["Content-Type"].startswith("application/vnd.openxmlformats")
    assert wrong.status_code == 400 and wrong.json()["errors"] == {"format": [wrong.json()["message"]]}
    assert AuditEvent.objects.filter(code=PaymentEvent.BANK_FILE_EXPORTED).count() == 2


def test_another_district_and_a_reader_change_nothing_over_the_api(tree, district, api_as):
    dibao, client = district
    roll_id = client.post(f"{ROLLS}generate/", {"program": dibao.pk, "division": tree.heping.pk,
                                                "month": "2026-05"}).json()["id"]
    other, officer = api_as("district_approver", tree.hexi), api_as("street_officer", tree.hp_street)
    events = AuditEvent.objects.count()

    for response in (other.post(f"{ROLLS}{roll_id}/approve/"), other.get(f"{ROLLS}{roll_id}/bank-file/")):
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    generate = other.post(f"{ROLLS}generate/", {"program": dibao.pk, "division": tree.heping.pk, "month": "2026-06"})
    refused = officer.post(f"{ROLLS}generate/", {"program": dibao.pk, "division": tree.heping.pk, "month": "2026-06"})

    assert generate.status_code in (400, 404) and refused.status_code == 403
    assert (PaymentRoll.objects.count(), PaymentRoll.objects.get().status) == (1, RollStatus.DRAFT)
    assert AuditEvent.objects.count() == events


def test_the_full_identity_number_of_an_entry_is_revealed_to_the_approver_and_logged(tree, api_as):
    entry = rolls_for_suites(tree)[0].entries.get()
    url = f"/api/payments/payment-entries/{entry.pk}/"

    masked = api_as("district_approver", tree.heping).get(url).json()
    revealed = api_as("district_approver", tree.heping).get(url, {"reveal": "id_number"}).json()
    refused = api_as("street_officer", tree.hp_street).get(url, {"reveal": "id_number"})

    assert masked["id_number"] != entry.id_number and masked["account"].endswith(entry.account[-4:])
    assert revealed["id_number"] == entry.id_number and revealed["account"] != entry.account
    assert refused.status_code == 403
    assert AuditEvent.objects.filter(code="privacy.paymententry.id_revealed", object_id=str(entry.pk)).count() == 1
