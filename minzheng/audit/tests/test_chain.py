"""The hash chain: linking, verification, tamper detection, append-only rows, concurrent writers."""

import threading

import pytest
from django.db import connection, connections, transaction

from minzheng.audit.choices import BreakReason, ChangeAction
from minzheng.audit.models import GENESIS, AppendOnlyError, AuditEvent, ObjectChange
from minzheng.audit.services import ChainBreak, record_change, record_event, verify_chain

CHANGES = ObjectChange._meta.db_table


def make_changes(instance, count: int) -> None:
    for i in range(count):
        record_change(instance, ChangeAction.UPDATE, actor=None, before={"n": i}, after={"n": i + 1, "名": "值"})


def raw_sql(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_rows_are_numbered_and_linked_from_genesis(tree):
    # when
    make_changes(tree.heping, 3)

    # then
    rows = list(ObjectChange.objects.order_by("seq"))
    assert [row.seq for row in rows] == [1, 2, 3]
    assert [row.prev_hash for row in rows] == [GENESIS, rows[0].hash, rows[1].hash]
    assert all(row.hash == row.compute_hash() for row in rows)
    assert len({row.hash for row in rows}) == 3


def test_each_table_has_its_own_chain(tree):
    # when
    make_changes(tree.heping, 2)
    record_event("tests.thing.done", actor=None)

    # then
    assert list(ObjectChange.objects.values_list("seq", flat=True).order_by("seq")) == [1, 2]
    assert AuditEvent.objects.get().seq == 1
    assert AuditEvent.objects.get().prev_hash == GENESIS


@pytest.mark.parametrize("model", [ObjectChange, AuditEvent], ids=["changes_case", "events_case"])
def test_empty_chain_verifies(db, model):
    # when
    report = verify_chain(model)

    # then
    assert (report.ok, report.checked, report.head_seq, report.head_hash) == (True, 0, 0, GENESIS)


def test_valid_chain_verifies_across_batches(tree):
    # given
    make_changes(tree.heping, 5)
    batches = []

    # when
    report = verify_chain(ObjectChange, batch_size=2, on_batch=batches.append)

    # then
    last = ObjectChange.objects.get(seq=5)
    assert (report.ok, report.checked, report.head_seq, report.head_hash) == (True, 5, 5, last.hash)
    assert batches == [2, 2, 1]


def test_event_chain_with_payloads_verifies_after_reading_back(tree, hp_admin):
    # given
    record_event("tests.a", actor=hp_admin, subject=tree.hp_street, payload={"b": 1, "a": [1.5, None, "中文"]})
    record_event("tests.b", actor=None, payload={"nested": {"z": True, "y": {"x": 0}}})

    # when
    report = verify_chain(AuditEvent)

    # then
    assert (report.ok, report.checked) == (True, 2)


def test_altered_content_is_detected_at_that_row(tree):
    # given
    make_changes(tree.heping, 4)

    # when
    raw_sql(f"UPDATE {CHANGES} SET object_repr = %s WHERE seq = 2", ["伪造的记录"])

    # then
    report = verify_chain(ObjectChange, batch_size=3)
    assert report.broken == ChainBreak(CHANGES, 2, BreakReason.CONTENT)
    assert (report.checked, report.head_seq) == (1, 1)


def test_altered_json_snapshot_is_detected(tree):
    # given
    make_changes(tree.heping, 3)

    # when
    raw_sql(f"UPDATE {CHANGES} SET after = %s WHERE seq = 3", ['{"n": 99}'])

    # then
    assert verify_chain(ObjectChange).broken == ChainBreak(CHANGES, 3, BreakReason.CONTENT)


def test_deleted_row_is_reported_missing(tree):
    # given
    make_changes(tree.heping, 4)

    # when
    raw_sql(f"DELETE FROM {CHANGES} WHERE seq = %s", [2])

    # then
    assert verify_chain(ObjectChange).broken == ChainBreak(CHANGES, 2, BreakReason.MISSING)


def test_deleted_first_row_is_reported_missing(tree):
    # given
    make_changes(tree.heping, 2)

    # when
    raw_sql(f"DELETE FROM {CHANGES} WHERE seq = %s", [1])

    # then
    assert verify_chain(ObjectChange).broken == ChainBreak(CHANGES, 1, BreakReason.MISSING)


def test_rewritten_row_with_recomputed_hash_is_detected_at_the_next_row(tree):
    # given
    make_changes(tree.heping, 4)
    raw_sql(f"UPDATE {CHANGES} SET object_repr = %s WHERE seq = 2", ["伪造的记录"])
    forged = ObjectChange.objects.get(seq=2)

    # when: the attacker also replaces the row's own hash
    raw_sql(f"UPDATE {CHANGES} SET hash = %s WHERE seq = 2", [forged.compute_hash()])

    # then
    report = verify_chain(ObjectChange)
    assert report.broken == ChainBreak(CHANGES, 3, BreakReason.LINK)
    assert report.checked == 2


def test_relinked_row_is_detected(tree):
    # given
    make_changes(tree.heping, 3)

    # when
    raw_sql(f"UPDATE {CHANGES} SET prev_hash = %s WHERE seq = 2", [GENESIS])

    # then
    assert verify_chain(ObjectChange).broken == ChainBreak(CHANGES, 2, BreakReason.LINK)


def test_orm_save_of_an_existing_row_raises_and_changes_nothing(tree):
    # given
    make_changes(tree.heping, 1)
    change = ObjectChange.objects.get()
    original = change.object_repr
    change.object_repr = "改过"

    # when / then
    with pytest.raises(AppendOnlyError):
        change.save()
    assert ObjectChange.objects.get().object_repr == original


@pytest.mark.parametrize("attempt", [
    pytest.param(lambda: ObjectChange.objects.get().delete(), id="instance_delete_case"),
    pytest.param(lambda: ObjectChange.objects.all().delete(), id="queryset_delete_case"),
    pytest.param(lambda: ObjectChange.objects.update(object_repr="改过"), id="queryset_update_case"),
    pytest.param(lambda: AuditEvent.objects.get().delete(), id="event_delete_case"),
    pytest.param(lambda: AuditEvent.objects.update(code="tests.forged"), id="event_update_case"),
])
def test_orm_delete_and_update_raise(tree, attempt):
    # given
    make_changes(tree.heping, 1)
    record_event("tests.thing.done", actor=None)

    # when / then
    with pytest.raises(AppendOnlyError):
        attempt()
    assert ObjectChange.objects.count() == 1
    assert AuditEvent.objects.get().code == "tests.thing.done"
    assert verify_chain(ObjectChange).ok and verify_chain(AuditEvent).ok


def test_bulk_create_is_refused(db):
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_create([AuditEvent(code="tests.bulk")])
    assert AuditEvent.objects.count() == 0


WRITERS, EVENTS_PER_WRITER = 6, 10


def test_concurrent_writers_leave_a_gap_free_verifying_chain(file_database):
    """Several threads append events, each in its own transactions; appends are serialised per chain.

    PostgreSQL takes an advisory lock for the chain; SQLite's IMMEDIATE transactions take the
    database write lock up front. Without either, two writers would read the same last row.
    """
    # given
    start = threading.Barrier(WRITERS)
    errors = []

    def writer(n: int) -> None:
        try:
            start.wait()
            for i in range(EVENTS_PER_WRITER):
                with transaction.atomic():
                    record_event("tests.concurrent.write", actor=None, payload={"writer": n, "i": i})
        except Exception as exc:  # collected and asserted in the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]

    # when
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # then
    assert errors == []
    total = WRITERS * EVENTS_PER_WRITER
    assert sorted(AuditEvent.objects.values_list("seq", flat=True)) == list(range(1, total + 1))
    payloads = {(p["writer"], p["i"]) for p in AuditEvent.objects.values_list("payload", flat=True)}
    assert len(payloads) == total
    report = verify_chain(AuditEvent, batch_size=7)
    assert (report.ok, report.checked) == (True, total)
