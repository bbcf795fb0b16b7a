"""Payment rolls: generation, its rules and idempotence, approval and locking, adjustments, the bank file and
recovery after a death."""

import csv
import datetime
import io
import threading
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from minzheng.assistance.choices import CaseStatus
from minzheng.assistance.models import BenefitPeriod
from minzheng.audit.models import AuditEvent, ObjectChange
from minzheng.framework.exceptions import DomainError, PermissionsViolation
from minzheng.payments import services
from minzheng.payments.choices import EntryKind, RollStatus
from minzheng.payments.events import PaymentEvent
from minzheng.payments.models import PaymentAdjustment, PaymentEntry, PaymentRoll
from minzheng.payments.tests.factories import APRIL, JUNE, MAY, grant, programs, recipient, robot
from minzheng.registry.choices import LifeEventKind, PersonStatus
from minzheng.registry.services import record_life_event

JULY = datetime.date(2026, 7, 1)


@pytest.fixture
def dibao(db):
    return programs().dibao


@pytest.fixture
def approver(make_user, tree):
    return make_user("district_approver", tree.heping, username="hp_approver")


def entries(roll) -> list[tuple]:
    return list(roll.entries.order_by("pk").values_list("case__number", "kind", "amount", "name", "account"))


def counts() -> tuple[int, int, int, int, int]:
    return (PaymentRoll.objects.count(), PaymentEntry.objects.count(), PaymentAdjustment.objects.count(),
            AuditEvent.objects.count(), ObjectChange.objects.count())


# Generation


def test_generate_roll_pays_every_household_in_payment(tree, dibao, approver):
    first = recipient(dibao, tree.hp_community, name="王建国", amount="520.00")
    second = recipient(dibao, tree.hp_community, name="李秀兰", amount="310.50")

    roll = services.generate_roll(dibao, tree.heping, datetime.date(2026, 5, 17), actor=approver)

    assert (roll.month, roll.status, roll.generated_by, roll.cutoff) == (MAY, RollStatus.DRAFT, approver,
                                                                         roll.generated_at)
    assert sorted(entries(roll)) == sorted([
        (first.number, EntryKind.REGULAR, Decimal("520.00"), "王建国", first.applicant.payee_account.account_number),
        (second.number, EntryKind.REGULAR, Decimal("310.50"), "李秀兰", second.applicant.payee_account.account_number)])
    assert (roll.entry_count, roll.total_amount) == (2, Decimal("830.50"))
    entry = roll.entries.get(case=first)
    assert (entry.payee, entry.household, entry.id_number) == (first.applicant, first.household,
                                                               first.applicant.id_number)
    event = AuditEvent.objects.get(code=PaymentEvent.ROLL_GENERATED)
    assert (event.object_id, event.payload["entries"], event.payload["total"]) == (str(roll.pk), 2, "830.50")
    assert ObjectChange.objects.filter(object_id=str(roll.pk), action="create").count() == 1


def test_generating_again_returns_the_same_roll_unchanged(tree, dibao, approver):
    recipient(dibao, tree.hp_community, name="王建国")
    roll = services.generate_roll(dibao, tree.heping, MAY, actor=approver)
    before, written = entries(roll), counts()
    recipient(dibao, tree.hp_community, name="晚到者")  # new input after the roll: it stays out

    again = services.generate_roll(dibao, tree.heping, MAY, actor=approver)

    assert again.pk == roll.pk
    assert (entries(again), again.entry_count, again.total_amount) == (before, roll.entry_count, roll.total_amount)
    assert counts()[:4] == written[:4]


def test_a_second_roll_for_the_same_month_is_impossible_in_the_database(tree, dibao, approver):
    roll = services.generate_roll(dibao, tree.heping, MAY, actor=approver)

    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentRoll.objects.create(program=dibao, division=tree.heping, month=MAY)
    assert PaymentRoll.objects.filter(program=dibao, division=tree.heping, month=MAY).get() == roll


def test_a_concurrent_insert_that_hits_the_constraint_returns_the_existing_roll(tree, dibao, approver, monkeypatch):
    recipient(dibao, tree.hp_community)
    roll = services.generate_roll(dibao, tree.heping, MAY, actor=approver)
    real, answers = services._find_roll, [None]  # the first look finds nothing: another transaction won the race
    monkeypatch.setattr(services, "_find_roll", lambda *args: answers.pop() if answers else real(*args))

    assert services.generate_roll(dibao, tree.heping, MAY, actor=approver) == roll
    assert (PaymentRoll.objects.count(), PaymentEntry.objects.count()) == (1, 1)


def test_concurrent_generations_make_one_roll(file_database):
    from minzheng.framework.testing.utils import build_tree

    tree = build_tree()
    dibao = programs().dibao
    for number in range(5):
        recipient(dibao, tree.hp_community, name=f"住户{number}")
    actor, results, barrier = robot(), [], threading.Barrier(3)

    def generate():
        barrier.wait()
        try:
            results.append(services.generate_roll(dibao, tree.heping, MAY, actor=actor).pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=generate) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(results) == 3 and len(set(results)) == 1
    assert (PaymentRoll.objects.count(), PaymentEntry.objects.count()) == (1, 5)


def test_generation_leaves_out_suspended_ended_and_deceased_recipients(tree, dibao, approver):
    paid = recipient(dibao, tree.hp_community, name="在保户")
    recipient(dibao, tree.hp_community, name="暂停户", status=CaseStatus.SUSPENDED)
    ended = recipient(dibao, tree.hp_community, name="停保户", ends=MAY, status=CaseStatus.ENDED)
    ended.ended_on = MAY
    ended.save()
    later = recipient(dibao, tree.hp_community, name="下月停保", ends=JUNE, status=CaseStatus.ENDED)
    later.ended_on = JUNE
    later.save()
    dead = recipient(dibao, tree.hp_community, name="已故户")
    dead.applicant.status, dead.applicant.death_date = PersonStatus.DECEASED, datetime.date(2026, 4, 20)
    dead.applicant.save()
    recipient(dibao, tree.hp_community, name="六月起", starts=JUNE)
    recipient(dibao, tree.hx_community, name="河西户")
    recipient(programs().temporary, tree.hp_community, name="别的项目")

    roll = services.generate_roll(dibao, tree.heping, MAY, actor=approver)

    assert sorted(name for _n, _k, _a, name, _acc in entries(roll)) == sorted([paid.applicant.name, "下月停保"])


def test_the_roll_reads_only_inputs_recorded_up_to_its_cutoff(tree, dibao, approver):
    recipient(dibao, tree.hp_community)

    roll = services.generate_roll(dibao, tree.heping, MAY, actor=approver,
                                  now=timezone.now() - datetime.timedelta(hours=1))

    assert (roll.entry_count, roll.total_amount) == (0, Decimal("0"))


def test_one_off_grants_are_paid_once_by_the_roll_of_their_month_or_the_next(tree, approver):
    temporary = programs().temporary
    in_may = grant(temporary, tree.hp_community, name="五月批", amount="800.00", approved_on=datetime.date(2026, 5, 12))
    in_april = grant(temporary, tree.hp_community, name="四月批", amount="300.00",
                     approved_on=datetime.date(2026, 4, 28))
    grant(temporary, tree.hp_community, name="二月批", approved_on=datetime.date(2026, 2, 20))  # too old for April
    grant(temporary, tree.hp_community, name="六月批", approved_on=datetime.date(2026, 6, 2))
    grant(temporary, tree.hp_community, name="办理中", status=CaseStatus.IN_PROCEDURE)

    april = services.generate_roll(temporary, tree.heping, APRIL, actor=approver)
    may = services.generate_roll(temporary, tree.heping, MAY, actor=approver)

    assert [(number, kind, amount) for number, kind, amount, _n, _a in entries(april)] == [
        (in_april.number, EntryKind.ONE_OFF, Decimal("300.00"))]
    assert [(number, kind, amount) for number, kind, amount, _n, _a in entries(may)] == [
        (in_may.number, EntryKind.ONE_OFF, Decimal("800.00"))]
    assert services.generate_roll(temporary, tree.heping, JUNE, actor=approver).entries.filter(
        case__in=[in_may, in_april]).count() == 0


def test_an_adjustment_is_paid_once_by_the_next_roll_and_the_paid_entry_is_kept(tree, dibao, approver):
    case = recipient(dibao, tree.hp_community, amount="500.00")
    may = services.lock_roll(services.approve_roll(services.generate_roll(dibao, tree.heping, MAY, actor=approver),
                                                   actor=approver), actor=approver)
    paid = may.entries.get()

    adjustment = services.add_adjustment(paid, amount="-120.00", reason="五月多发", actor=approver)
    june = services.generate_roll(dibao, tree.heping, JUNE, actor=approver)
    july = services.generate_roll(dibao, tree.heping, JULY, actor=approver)

    assert (adjustment.case, adjustment.adjusts, adjustment.is_pending) == (case, paid, False)
    assert sorted((kind, amount) for _n, kind, amount, _name, _a in entries(june)) == [
        (EntryKind.ADJUSTMENT, Decimal("-120.00")), (EntryKind.REGULAR, Decimal("500.00"))]
    correction = june.entries.get(kind=EntryKind.ADJUSTMENT)
    assert (correction.adjusts, correction.adjustment, june.total_amount) == (paid, adjustment, Decimal("380.00"))
    assert not july.entries.filter(kind=EntryKind.ADJUSTMENT).exists()
    paid.refresh_from_db()
    assert paid.amount == Decimal("500.00")
    assert AuditEvent.objects.filter(code=PaymentEvent.ADJUSTMENT_ADDED, object_id=str(adjustment.pk)).exists()


def test_add_adjustment_needs_an_amount_and_a_reason(tree, dibao, approver):
    case = recipient(dibao, tree.hp_community)
    written = counts()

    attempts = (("0", "原因", "payments.amount_invalid"), ("10.001", "原因", "payments.amount_invalid"),
                ("10", " ", "payments.reason_required"))
    for amount, reason, code in attempts:
        with pytest.raises(DomainError) as refused:
            services.add_adjustment(case, amount=amount, reason=reason, actor=approver)
        assert refused.value.code == code
    assert counts() == written


def test_entries_always_sum_to_the_roll_total(tree, dibao, approver):
    for number, amount in enumerate(("500.10", "333.33", "0.57", "1200.00")):
        recipient(dibao, tree.hp_community, name=f"住户{number}", amount=amount)
    case = recipient(dibao, tree.hp_community, name="补发户")
    services.add_adjustment(case, amount="66.66", reason="补发", actor=approver)

    roll = services.generate_roll(dibao, tree.heping, MAY, actor=approver)

    assert roll.entry_count == roll.entries.count() == 6
    assert roll.total_amount == sum(roll.entries.values_list("amount", flat=True)) == Decimal("2600.66")
    PaymentEntry._base_manager.filter(roll=roll, name="住户0").update(amount=Decimal("1"))  # behind the services' back
    with pytest.raises(DomainError) as refused:
        services.approve_roll(roll, actor=approver)
    assert refused.value.code == "payments.totals_mismatch"


def test_rolls_are_generated_by_districts_for_a_month_not_far_ahead(tree, dibao, approver):
    with pytest.raises(DomainError) as street:
        services.generate_roll(dibao, tree.hp_street, MAY, actor=approver)
    far = timezone.localdate().replace(day=1) + datetime.timedelta(days=70)
    with pytest.raises(DomainError) as future:
        services.generate_roll(dibao, tree.heping, far, actor=approver)

    assert (street.value.code, future.value.code) == ("payments.not_district", "payments.month_in_future")
    assert not PaymentRoll.objects.exists()


# Approve, lock


def test_a_roll_is_approved_then_locked_once(tree, dibao, approver):
    recipient(dibao, tree.hp_community)
    roll = services.generate_roll(dibao, tree.heping, MAY, actor=approver)
    with pytest.raises(DomainError) as early:
        services.lock_roll(roll, actor=approver)

    roll = services.approve_roll(roll, actor=approver)
    with pytest.raises(DomainError) as twice:
        services.approve_roll(roll, actor=approver)
    roll = services.lock_roll(roll, actor=approver)

    assert (early.value.code, twice.value.code) == ("payments.not_approved", "payments.not_draft")
    assert (roll.status, roll.approved_by, roll.locked_by) == (RollStatus.LOCKED, approver, approver)
    assert [e.code for e in AuditEvent.objects.filter(object_id=str(roll.pk)).order_by("seq")] == [
        PaymentEvent.ROLL_GENERATED, PaymentEvent.ROLL_APPROVED, PaymentEvent.ROLL_LOCKED]


def test_a_locked_roll_and_its_entries_never_change(tree, dibao, approver):
    recipient(dibao, tree.hp_community, amount="500.00")
    roll = services.generate_roll(dibao, tree.heping, MAY, actor=approver)
    roll = services.lock_roll(services.approve_roll(roll, actor=approver), actor=approver)
    entry = roll.entries.get()
    entry.amount = Decimal("999.00")

    refusals = [lambda: entry.save(), lambda: entry.delete(),
                lambda: PaymentEntry.objects.filter(roll=roll).update(amount=Decimal("1")),
                lambda: PaymentEntry.objects.filter(roll=roll).delete(),
                lambda: PaymentEntry.objects.create(roll=roll, case=entry.case, household=entry.household,
                                                    payee=entry.payee, name="加塞", amount=1, kind=EntryKind.ONE_OFF),
                lambda: roll.save(), lambda: roll.delete(),
                lambda: PaymentRoll.objects.filter(pk=roll.pk).update(status=RollStatus.DRAFT),
                lambda: services.approve_roll(roll, actor=approver), lambda: services.lock_roll(roll, actor=approver)]
    for refusal in refusals:
        with pytest.raises(DomainError):
            refusal()

    stored = PaymentEntry.objects.get(pk=entry.pk)
    assert (stored.amount, roll.entries.count()) == (Decimal("500.00"), 1)
    assert PaymentRoll.objects.get(pk=roll.pk).status == RollStatus.LOCKED


# Area and permissions


def test_a_user_of_another_district_or_without_the_permission_changes_nothing(tree, dibao, approver, make_user):
    recipient(dibao, tree.hp_community)
    roll = services.generate_roll(dibao, tree.heping, MAY, actor=approver)
    outsiders = [make_user("district_approver", tree.hexi), make_user("street_officer", tree.hp_street),
                 make_user("city_leader", tree.city)]
    written = counts()

    attempts = (lambda user: services.generate_roll(dibao, tree.heping, JUNE, actor=user),
                lambda user: services.approve_roll(roll, actor=user),
                lambda user: services.export_bank_file(roll, fmt="csv", actor=user))
    for user in outsiders:
        for attempt in attempts:
            with pytest.raises(PermissionsViolation):
                attempt(user)
    with pytest.raises(PermissionsViolation):
        services.add_adjustment(roll.entries.get(), amount="10", reason="越权", actor=outsiders[0])

    assert counts() == written
    assert PaymentRoll.objects.get(pk=roll.pk).status == RollStatus.DRAFT


# Bank file


def test_the_bank_file_lists_account_name_masked_number_and_amount(tree, dibao, approver):
    case = recipient(dibao, tree.hp_community, name="王建国", amount="500.00")
    deducted = recipient(dibao, tree.hp_community, name="扣完户", amount="100.00")
    services.add_adjustment(deducted, amount="-100.00", reason="追回", actor=approver)
    roll = services.generate_roll(dibao, tree.heping, MAY, actor=approver)
    with pytest.raises(DomainError) as draft:
        services.export_bank_file(roll, fmt="csv", actor=approver)
    roll = services.approve_roll(roll, actor=approver)

    csv_file = services.export_bank_file(roll, fmt="csv", actor=approver)
    xlsx_file = services.export_bank_file(roll, fmt="xlsx", actor=approver)

    number, account = case.applicant.id_number, case.applicant.payee_account.account_number
    masked = f"{number[:6]}********{number[-4:]}"
    rows = list(csv.reader(io.StringIO(csv_file.content.decode("utf-8-sig"))))
    assert draft.value.code == "payments.not_approved"
    assert (len(rows[0]), rows[1:]) == (4, [[account, "王建国", masked, "500.00"]])
    assert number not in csv_file.content.decode("utf-8-sig")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx_file.content), read_only=True).worksheets[0]
    assert [list(row) for row in sheet.iter_rows(values_only=True)][1] == [account, "王建国", masked, 500]
    assert (csv_file.filename, csv_file.rows, csv_file.total) == (
        "bank-dibao_urban-120101-202605.csv", 1, Decimal("500.00"))
    exported = AuditEvent.objects.filter(code=PaymentEvent.BANK_FILE_EXPORTED, object_id=str(roll.pk))
    assert [event.payload["format"] for event in exported.order_by("seq")] == ["csv", "xlsx"]


# Death


def test_a_death_recorded_late_flags_the_later_payment_and_the_next_roll_leaves_the_household_out(
        tree, dibao, approver):
    case = recipient(dibao, tree.hp_community, name="孤老甲", amount="600.00")
    other = recipient(dibao, tree.hp_community, name="在世乙", amount="400.00")
    may = services.generate_roll(dibao, tree.heping, MAY, actor=approver)
    june = services.lock_roll(services.approve_roll(services.generate_roll(dibao, tree.heping, JUNE, actor=approver),
                                                    actor=approver), actor=approver)

    record_life_event(case.applicant, LifeEventKind.DEATH, datetime.date(2026, 5, 20), actor=approver)
    july = services.generate_roll(dibao, tree.heping, JULY, actor=approver)

    flagged = june.entries.get(case=case)
    assert (flagged.recovery, flagged.amount) == (True, Decimal("600.00"))
    assert "孤老甲" in flagged.recovery_reason and "2026-05-20" in flagged.recovery_reason
    assert not may.entries.filter(recovery=True).exists()
    assert not june.entries.get(case=other).recovery
    assert [entry.case for entry in july.entries.all()] == [other]
    assert BenefitPeriod.objects.get(case=case).ends == JUNE  # the assistance handler stopped the benefit
    event = AuditEvent.objects.get(code=PaymentEvent.RECOVERY_FLAGGED)
    assert (event.object_id, event.payload["entries"], event.payload["amount"]) == (
        str(june.pk), [flagged.pk], "600.00")


def test_flagging_after_a_death_leaves_a_household_with_living_members_to_its_payee(tree, dibao, approver):
    case = recipient(dibao, tree.hp_community, name="户主丙", members=1)
    june = services.generate_roll(dibao, tree.heping, JUNE, actor=approver)
    spouse = case.household.memberships.exclude(person=case.applicant).get().person

    record_life_event(spouse, LifeEventKind.DEATH, datetime.date(2026, 5, 2), actor=approver)

    assert services.flag_payments_after_death(spouse) == 0
    assert not june.entries.get().recovery
