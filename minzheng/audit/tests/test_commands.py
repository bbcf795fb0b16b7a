"""``minzheng audit verify``: OK and exit 0 on a valid chain, the first break and exit 1 otherwise."""

import io

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from django.db import connection
from django.utils import translation

from minzheng.audit.choices import ChangeAction
from minzheng.audit.models import AuditEvent, ObjectChange
from minzheng.audit.services import record_change, record_event


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def verify(*args: str) -> str:
    out = io.StringIO()
    call_command("audit", "verify", *args, stdout=out)
    return out.getvalue()


def make_rows(tree, changes: int = 3, events: int = 2) -> None:
    for i in range(changes):
        record_change(tree.heping, ChangeAction.UPDATE, actor=None, before={"n": i}, after={"n": i + 1})
    for i in range(events):
        record_event("tests.thing.done", actor=None, payload={"i": i})


def raw_sql(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_empty_chains_verify(db):
    # when
    output = verify()

    # then
    lines = output.splitlines()
    assert lines[0].startswith("audit_objectchange: 0 rows checked, head seq 0 hash 0000")
    assert lines[1].startswith("audit_auditevent: 0 rows checked, head seq 0 hash 0000")
    assert lines[2] == "OK"


def test_valid_chains_print_rows_per_table_and_ok(tree):
    # given
    make_rows(tree)
    change_head = ObjectChange.objects.get(seq=3).hash
    event_head = AuditEvent.objects.get(seq=2).hash

    # when
    output = verify("--batch-size", "2")

    # then
    assert output.splitlines() == [
        f"audit_objectchange: 3 rows checked, head seq 3 hash {change_head}",
        f"audit_auditevent: 2 rows checked, head seq 2 hash {event_head}",
        "OK",
    ]


@pytest.mark.parametrize(("tamper", "message"), [
    pytest.param(
        lambda: raw_sql("UPDATE audit_objectchange SET object_repr = %s WHERE seq = 2", ["伪造"]),
        "audit_objectchange is broken at seq 2: content altered", id="content_altered_case",
    ),
    pytest.param(
        lambda: raw_sql("DELETE FROM audit_objectchange WHERE seq = %s", [2]),
        "audit_objectchange is broken at seq 2: row missing", id="row_missing_case",
    ),
    pytest.param(
        lambda: raw_sql("UPDATE audit_auditevent SET prev_hash = %s WHERE seq = 2", ["f" * 64]),
        "audit_auditevent is broken at seq 2: link broken", id="link_broken_case",
    ),
])
def test_broken_chain_is_named_and_exits_1(tree, tamper, message):
    # given
    make_rows(tree)
    tamper()

    # when
    with pytest.raises(CommandError) as excinfo:
        verify()

    # then
    assert excinfo.value.returncode == 1
    assert str(excinfo.value) == message


def test_both_broken_chains_are_reported(tree):
    # given
    make_rows(tree)
    raw_sql("UPDATE audit_objectchange SET object_repr = %s WHERE seq = 3", ["伪造"])
    raw_sql("DELETE FROM audit_auditevent WHERE seq = %s", [1])

    # when
    with pytest.raises(CommandError) as excinfo:
        verify()

    # then
    assert str(excinfo.value) == (
        "audit_objectchange is broken at seq 3: content altered; audit_auditevent is broken at seq 1: row missing"
    )


def test_command_line_exit_status(tree, capsys):
    # given
    make_rows(tree)
    raw_sql("UPDATE audit_objectchange SET object_repr = %s WHERE seq = 2", ["伪造"])

    # when
    with pytest.raises(SystemExit) as excinfo:
        execute_from_command_line(["minzheng", "audit", "verify"])

    # then
    assert excinfo.value.code == 1
    captured = capsys.readouterr()
    assert "audit_objectchange: 1 row verified before the break" in captured.out
    assert "audit_auditevent: 2 rows checked" in captured.out
    assert "audit_objectchange is broken at seq 2: content altered" in captured.err
