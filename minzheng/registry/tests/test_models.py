import datetime
import threading

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from minzheng.audit.models import AuditEvent, ObjectChange
from minzheng.framework.exceptions import DomainError, PermissionsViolation
from minzheng.registry.choices import PersonStatus
from minzheng.registry.events import RegistryEvent
from minzheng.registry.idcard import generate_id_number
from minzheng.registry.models import NumberSequence, Person
from minzheng.registry.services import (
    assign_registry_number,
    link_id_number,
    register_person,
    reserve_registry_numbers,
)
from minzheng.registry.tests.factories import make_person

BORN = datetime.date(1971, 7, 12)
LEGACY = "412727710712706"
UPGRADED = "41272719710712706X"


def new_person(tree, **values) -> Person:
    return Person(**{"name": "李四", "hukou_division": tree.hp_community, **values})


def errors_of(person: Person, **kwargs) -> dict:
    with pytest.raises(ValidationError) as raised:
        person.full_clean(**kwargs)
    return raised.value.message_dict


# Person.clean


def test_clean_normalises_the_number_and_derives_birth_date_and_sex(tree):
    person = new_person(tree, id_number=f" {LEGACY} ")

    person.full_clean()

    assert (person.id_number, person.birth_date, person.sex) == (UPGRADED, BORN, "2")


def test_clean_accepts_the_birth_date_and_sex_the_number_encodes(tree):
    person = new_person(tree, id_number=UPGRADED.lower(), birth_date=BORN, sex="2")

    person.full_clean()

    assert person.id_number == UPGRADED


def test_clean_refuses_a_birth_date_and_sex_the_number_contradicts(tree):
    person = new_person(tree, id_number=UPGRADED, birth_date=datetime.date(1971, 7, 13), sex="1")

    errors = errors_of(person)

    assert set(errors) == {"birth_date", "sex"}


def test_clean_refuses_an_invalid_number_on_its_field(tree):
    person = new_person(tree, id_number="41272719710712706Y", birth_date=BORN, sex="2")

    assert set(errors_of(person)) == {"id_number"}


def test_clean_needs_birth_date_and_sex_without_a_number(tree):
    assert set(errors_of(new_person(tree), exclude=["registry_number"])) == {"birth_date", "sex"}


def test_clean_refuses_a_future_birth_date(tree):
    person = new_person(tree, birth_date=timezone.localdate() + datetime.timedelta(days=2), sex="1")

    assert set(errors_of(person, exclude=["registry_number"])) == {"birth_date"}


def test_clean_needs_a_date_of_death_for_a_deceased_person(tree):
    person = new_person(tree, id_number=UPGRADED, status=PersonStatus.DECEASED)

    assert set(errors_of(person)) == {"death_date"}


def test_clean_refuses_a_death_before_birth(tree):
    person = new_person(tree, id_number=UPGRADED, status=PersonStatus.DECEASED, death_date=datetime.date(1970, 1, 1))

    assert set(errors_of(person)) == {"death_date"}


def test_clean_refuses_a_number_someone_else_has(tree):
    make_person(tree.hp_community, id_number=UPGRADED, birth_date=BORN, sex="2")

    assert set(errors_of(new_person(tree, id_number=LEGACY))) == {"id_number"}


# Database constraints


def test_the_database_needs_an_identity_or_registry_number(tree):
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(name="王五", birth_date=BORN, sex="1", hukou_division=tree.heping)


def test_the_database_needs_a_date_of_death(tree):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_person(tree.heping, status=PersonStatus.DECEASED)


def test_the_database_needs_a_sex(tree):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_person(tree.heping, sex="", id_number="", registry_number="T1")


# Registry numbers


def test_registry_numbers_are_consecutive(db):
    assert assign_registry_number() == "MZ000000000001"
    assert reserve_registry_numbers(3) == ["MZ000000000002", "MZ000000000003", "MZ000000000004"]
    assert reserve_registry_numbers(0) == []
    assert NumberSequence.objects.get().last_value == 4


def test_a_rolled_back_transaction_gives_its_registry_number_back(db):
    assign_registry_number()
    with pytest.raises(RuntimeError), transaction.atomic():
        assign_registry_number()
        raise RuntimeError

    assert assign_registry_number() == "MZ000000000002"


def test_concurrent_callers_get_distinct_consecutive_numbers(file_database):
    drawn, barrier = [], threading.Barrier(6)

    def draw():
        barrier.wait()
        try:
            for _ in range(5):
                with transaction.atomic():
                    drawn.extend(reserve_registry_numbers(2))
        finally:
            connection.close()

    threads = [threading.Thread(target=draw) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(drawn) == [f"MZ{n:012d}" for n in range(1, 61)]


# register_person


def test_register_person_gives_a_registry_number_without_an_identity_number(tree, hp_worker):
    person = register_person(new_person(tree, birth_date=BORN, sex="1"), actor=hp_worker)

    assert (person.id_number, person.registry_number) == (None, "MZ000000000001")
    assert ObjectChange.objects.filter(object_id=str(person.pk), action="create").count() == 1
    event = AuditEvent.objects.get(code=RegistryEvent.PERSON_REGISTERED)
    assert (event.object_id, event.actor, event.payload) == (
        str(person.pk), hp_worker, {"id_number": False, "registry_number": "MZ000000000001"})


def test_register_person_with_an_identity_number_gets_no_registry_number(tree, hp_worker):
    person = register_person(new_person(tree, id_number=LEGACY), actor=hp_worker)

    person.refresh_from_db()
    assert (person.id_number, person.registry_number, person.birth_date, person.sex) == (UPGRADED, None, BORN, "2")
    assert not NumberSequence.objects.exists()


def test_register_person_reports_every_field_error(tree, hp_worker):
    with pytest.raises(DomainError) as raised:
        register_person(new_person(tree, id_number=UPGRADED, birth_date=datetime.date(1971, 7, 13), sex="1"),
                        actor=hp_worker)

    assert raised.value.code == "registry.person_invalid"
    assert set(raised.value.errors) == {"birth_date", "sex"}
    assert not Person.objects.exists()


def test_register_person_outside_the_area_writes_nothing(tree, make_user):
    hexi_worker = make_user("community_worker", tree.hx_community)
    changes, events = ObjectChange.objects.count(), AuditEvent.objects.count()

    with pytest.raises(PermissionsViolation):
        register_person(new_person(tree, birth_date=BORN, sex="1"), actor=hexi_worker)

    assert not Person.objects.exists()
    assert (ObjectChange.objects.count(), AuditEvent.objects.count()) == (changes, events)
    assert NumberSequence.objects.filter(last_value__gt=0).count() == 0


# link_id_number


def test_link_id_number_keeps_the_registry_number(tree, hp_worker):
    person = make_person(tree.hp_community, with_id=False, birth_date=BORN, sex="2", registry_number="MZ000000000009")

    link_id_number(person, LEGACY, actor=hp_worker)

    person.refresh_from_db()
    assert (person.id_number, person.registry_number) == (UPGRADED, "MZ000000000009")
    event = AuditEvent.objects.get(code=RegistryEvent.PERSON_ID_NUMBER_LINKED)
    assert event.payload == {"registry_number": "MZ000000000009"}


@pytest.mark.parametrize(("case", "number", "code"), [
    ("invalid", "41272719710712706Y", "registry.id_invalid"),
    ("other birth date", generate_id_number("120101", datetime.date(1971, 7, 13), "2", 3), "registry.id_mismatch"),
    ("other sex", generate_id_number("120101", BORN, "1", 3), "registry.id_mismatch"),
])
def test_link_id_number_refusals(tree, hp_worker, case, number, code):
    person = make_person(tree.hp_community, with_id=False, birth_date=BORN, sex="2")
    events = AuditEvent.objects.count()

    with pytest.raises(DomainError) as raised:
        link_id_number(person, number, actor=hp_worker)

    assert (raised.value.code, raised.value.field) == (code, "id_number")
    person.refresh_from_db()
    assert person.id_number is None
    assert AuditEvent.objects.count() == events


def test_link_id_number_refuses_a_number_in_use(tree, hp_worker):
    make_person(tree.hp_community, id_number=UPGRADED, birth_date=BORN, sex="2")
    person = make_person(tree.hp_community, with_id=False, birth_date=BORN, sex="2")

    with pytest.raises(DomainError) as raised:
        link_id_number(person, LEGACY, actor=hp_worker)

    assert raised.value.code == "registry.id_in_use"


def test_link_id_number_refuses_a_person_with_a_number(tree, hp_worker):
    person = make_person(tree.hp_community, birth_date=BORN, sex="2")

    with pytest.raises(DomainError) as raised:
        link_id_number(person, LEGACY, actor=hp_worker)

    assert raised.value.code == "registry.id_already_set"


def test_link_id_number_outside_the_area_is_not_found(tree, make_user):
    person = make_person(tree.hp_community, with_id=False, birth_date=BORN, sex="2")

    with pytest.raises(PermissionsViolation):
        link_id_number(person, LEGACY, actor=make_user("community_worker", tree.hx_community))

    person.refresh_from_db()
    assert person.id_number is None


# Roles


@pytest.mark.parametrize(("role", "granted"), [("community_worker", False), ("street_officer", True),
                                               ("district_approver", True), ("city_admin", True),
                                               ("city_leader", False)])
def test_who_sees_full_identity_numbers(tree, make_user, role, granted):
    user = make_user(role, tree.heping)

    assert bool(user.area_paths("registry.view_full_id_person")) is granted
    assert Permission.objects.filter(codename="view_full_id_person", content_type__app_label="registry").exists()


@pytest.mark.parametrize(("role", "perm", "granted"), [
    ("community_worker", "registry.change_household", True),
    ("community_worker", "registry.delete_person", False),
    ("community_worker", "registry.change_duplicatecandidate", False),
    ("street_officer", "registry.delete_person", True),
    ("street_officer", "registry.change_duplicatecandidate", True),
    ("city_leader", "registry.view_person", True),
    ("city_leader", "registry.change_person", False),
])
def test_registry_permissions_of_the_roles(tree, make_user, role, perm, granted):
    assert bool(make_user(role, tree.heping).area_paths(perm)) is granted
