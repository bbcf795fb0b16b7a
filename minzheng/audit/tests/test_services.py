"""record_change through framework.services (L2, L4) and record_event (L1), with actor and request id (L3)."""

import datetime
import decimal
import enum
import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from minzheng.audit.choices import ChangeAction
from minzheng.audit.models import AuditEvent, ObjectChange
from minzheng.audit.services import record_event
from minzheng.divisions.choices import Kind, Level
from minzheng.divisions.models import Division
from minzheng.framework import context
from minzheng.framework.exceptions import PermissionsViolation
from minzheng.framework.services import delete_object, save_object
from minzheng.framework.urls import model_url

REQUEST_ID = uuid.UUID("8a3c2f7e-0b6d-4c1e-9f2a-5d4e3c2b1a09")


class TestEvent(enum.StrEnum):
    __test__ = False

    APPROVED = "assistance.application.approved"


def _new_street(parent: Division, code: str = "120101002000", name: str = "新兴街道") -> Division:
    return Division(code=code, name=name, level=Level.STREET, kind=Kind.SUBDISTRICT, parent=parent)


def _only_change() -> ObjectChange:
    changes = list(ObjectChange.objects.all())
    assert len(changes) == 1
    return changes[0]


def test_save_object_create_writes_one_change_with_after_snapshot(hp_admin, tree):
    # given
    street = _new_street(tree.heping)

    # when
    with context.activity(hp_admin, REQUEST_ID):
        save_object(street, actor=hp_admin)

    # then
    change = _only_change()
    assert change.action == ChangeAction.CREATE
    assert change.content_type == ContentType.objects.get_for_model(Division)
    assert change.object_id == str(street.pk)
    assert change.object_repr == "新兴街道（120101002000）"
    assert change.before is None
    assert change.after == street.snapshot()
    assert change.after["name"] == "新兴街道"
    assert change.after["parent_id"] == tree.heping.pk
    assert change.division_path == "120000/120101/120101002000/"
    assert change.actor == hp_admin
    assert change.actor_name == "hp_admin"
    assert change.request_id == REQUEST_ID


def test_save_object_update_records_before_and_after(hp_admin, tree):
    # given
    street = tree.hp_street
    old_name = street.name
    street.name = "劝业场新街道"

    # when
    with context.activity(hp_admin, REQUEST_ID):
        save_object(street, actor=hp_admin)

    # then
    change = _only_change()
    assert change.action == ChangeAction.UPDATE
    assert change.before["name"] == old_name
    assert change.after["name"] == "劝业场新街道"
    assert change.changed_fields() == [("name", old_name, "劝业场新街道")]
    assert change.request_id == REQUEST_ID


def test_delete_object_records_before_snapshot_and_no_after(hp_admin, tree):
    # given
    community = tree.hp_community
    snapshot, pk = community.snapshot(), community.pk

    # when
    with context.activity(hp_admin, REQUEST_ID):
        delete_object(community, actor=hp_admin)

    # then
    change = _only_change()
    assert change.action == ChangeAction.DELETE
    assert change.object_id == str(pk)
    assert change.before == snapshot
    assert change.after is None
    assert not Division.objects.filter(pk=pk).exists()


def test_each_write_appends_exactly_one_change(hp_admin, tree):
    # given
    street = _new_street(tree.heping)

    # when
    save_object(street, actor=hp_admin)
    street.name = "新兴街道二"
    save_object(street, actor=hp_admin)
    delete_object(street, actor=hp_admin)

    # then
    actions = list(ObjectChange.objects.order_by("seq").values_list("seq", "action"))
    assert actions == [(1, ChangeAction.CREATE), (2, ChangeAction.UPDATE), (3, ChangeAction.DELETE)]


def _create_outside(hp_admin, tree):
    save_object(_new_street(tree.hexi, code="120103002000"), actor=hp_admin)


def _update_outside(hp_admin, tree):
    tree.hx_street.name = "改名街道"
    save_object(tree.hx_street, actor=hp_admin)


def _move_outside(hp_admin, tree):
    tree.hp_community.parent = tree.hx_street
    save_object(tree.hp_community, actor=hp_admin)


def _delete_outside(hp_admin, tree):
    delete_object(tree.hx_community, actor=hp_admin)


@pytest.mark.parametrize("write", [
    pytest.param(_create_outside, id="create_in_other_district_case"),
    pytest.param(_update_outside, id="update_in_other_district_case"),
    pytest.param(_move_outside, id="move_into_other_district_case"),
    pytest.param(_delete_outside, id="delete_in_other_district_case"),
])
def test_permissions_violation_leaves_neither_record_nor_change(hp_admin, tree, write):
    # given
    before = list(Division.objects.order_by("pk").values_list("pk", "name", "parent_id"))

    # when
    with pytest.raises(PermissionsViolation):
        write(hp_admin, tree)

    # then
    assert list(Division.objects.order_by("pk").values_list("pk", "name", "parent_id")) == before
    assert ObjectChange.objects.count() == 0


def test_exception_after_the_write_rolls_back_record_and_change(hp_admin, tree):
    # given
    street = _new_street(tree.heping)

    # when
    with pytest.raises(RuntimeError), transaction.atomic():
        save_object(street, actor=hp_admin)
        assert ObjectChange.objects.count() == 1
        raise RuntimeError("later step failed")

    # then
    assert not Division.objects.filter(code="120101002000").exists()
    assert ObjectChange.objects.count() == 0


def test_rolled_back_change_leaves_no_gap_in_the_chain(hp_admin, tree):
    # given
    with pytest.raises(RuntimeError), transaction.atomic():
        save_object(_new_street(tree.heping), actor=hp_admin)
        raise RuntimeError

    # when
    save_object(_new_street(tree.heping, code="120101003000", name="小白楼街道"), actor=hp_admin)

    # then
    change = _only_change()
    assert change.seq == 1
    assert change.object_repr == "小白楼街道（120101003000）"


def test_record_event_writes_code_subject_and_payload(hx_approver, tree):
    # given
    payload = {"amount": decimal.Decimal("1250.50"), "month": datetime.date(2025, 3, 1), "members": [1, 2]}

    # when
    with context.activity(hx_approver, REQUEST_ID):
        event = record_event(TestEvent.APPROVED, actor=hx_approver, subject=tree.hx_street, payload=payload)

    # then
    stored = AuditEvent.objects.get()
    assert stored.pk == event.pk
    assert stored.seq == 1
    assert stored.code == "assistance.application.approved"
    assert stored.content_type == ContentType.objects.get_for_model(Division)
    assert stored.object_id == str(tree.hx_street.pk)
    assert stored.object_repr == "大营门街道（120103001000）"
    assert stored.payload == {"amount": "1250.50", "month": "2025-03-01", "members": [1, 2]}
    assert stored.division_path == "120000/120103/120103001000/"
    assert stored.actor == hx_approver
    assert stored.actor_name == "hx_approver"
    assert stored.request_id == REQUEST_ID
    assert ObjectChange.objects.count() == 0


def test_record_event_without_subject(db):
    # when
    record_event("system.setup.completed", actor=None, payload={"roles": 5})

    # then
    event = AuditEvent.objects.get()
    assert (event.code, event.content_type, event.object_id) == ("system.setup.completed", None, "")
    assert event.object_repr == ""
    assert event.payload == {"roles": 5}
    assert event.division_path == ""


def test_actor_falls_back_to_the_context_user(hp_admin, tree):
    # when
    with context.activity(hp_admin, REQUEST_ID):
        record_event("tests.thing.done", actor=None)

    # then
    event = AuditEvent.objects.get()
    assert event.actor == hp_admin
    assert event.actor_name == "hp_admin"
    assert event.request_id == REQUEST_ID


def test_explicit_actor_wins_over_the_context_user(hp_admin, city_admin, tree):
    # when
    with context.activity(city_admin, REQUEST_ID):
        record_event("tests.thing.done", actor=hp_admin)

    # then
    assert AuditEvent.objects.get().actor == hp_admin


def test_outside_any_activity_there_is_no_actor_or_request_id(db):
    # when
    record_event("tests.thing.done", actor=None)

    # then
    event = AuditEvent.objects.get()
    assert (event.actor, event.actor_name, event.request_id) == (None, "", None)


def test_a_request_stamps_its_request_id_and_user_on_its_change(client, hp_admin, tree):
    # given
    client.force_login(hp_admin)
    community = tree.hp_community

    # when
    response = client.post(model_url(community, "delete"))

    # then
    assert response.status_code == 302
    change = _only_change()
    assert change.action == ChangeAction.DELETE
    assert str(change.request_id) == response["X-Request-ID"]
    assert change.actor == hp_admin
