import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import models

from minzheng.audit.models import AuditEvent, ObjectChange
from minzheng.framework.exceptions import DomainError, PermissionsViolation
from minzheng.framework.services import save_object
from minzheng.registry.choices import DuplicateStatus, LifeEventKind, PersonStatus, Relation
from minzheng.registry.events import RegistryEvent
from minzheng.registry.models import DuplicateCandidate, LifeEvent, Membership, Person
from minzheng.registry.services import (
    dismiss_duplicate,
    flag_possible_duplicates,
    merge_persons,
    person_references,
    record_life_event,
    register_person,
)
from minzheng.registry.tests.factories import make_household, make_person, temporary_model

BORN = datetime.date(1990, 8, 8)


def twin(tree, **extra) -> Person:
    """Same name, birth date and 户籍地 as every other ``twin``."""
    return make_person(tree.hp_community, name="陈静", sex="2", birth_date=BORN, **extra)


def pairs() -> set[tuple[int, int, str]]:
    return set(DuplicateCandidate.objects.values_list("person_id", "other_id", "status"))


def audit_counts() -> tuple[int, int]:
    return ObjectChange.objects.count(), AuditEvent.objects.count()


# Flagging


def test_registering_a_person_without_a_number_flags_the_same_name_birth_date_and_division(tree, hp_worker):
    first = twin(tree)
    unrelated = [make_person(tree.hp_community, name="陈静", sex="2", birth_date=datetime.date(1990, 8, 9)),
                 make_person(tree.hx_community, name="陈静", sex="2", birth_date=BORN),
                 make_person(tree.hp_community, name="陈晶", sex="2", birth_date=BORN)]

    second = register_person(Person(name="陈静", sex="2", birth_date=BORN, hukou_division=tree.hp_community),
                             actor=hp_worker)

    assert pairs() == {(first.pk, second.pk, DuplicateStatus.OPEN)}
    [event] = AuditEvent.objects.filter(code=RegistryEvent.DUPLICATE_FLAGGED)
    assert (event.object_id, event.payload["others"]) == (str(second.pk), [first.pk])
    assert ObjectChange.objects.filter(content_type=ContentType.objects.get_for_model(DuplicateCandidate)).count() == 1
    assert len(unrelated) == 3


def test_two_identity_numbers_are_two_people(tree):
    first, second = twin(tree), twin(tree)

    assert flag_possible_duplicates(second) == []
    assert pairs() == set()
    assert first.id_number != second.id_number


def test_a_number_on_one_side_only_is_flagged(tree):
    with_number = twin(tree)
    without = twin(tree, with_id=False)

    flag_possible_duplicates(with_number)

    assert pairs() == {(with_number.pk, without.pk, DuplicateStatus.OPEN)}


def test_a_pair_is_flagged_once_and_not_again_after_dismissal(tree, make_user):
    first, second = twin(tree, with_id=False), twin(tree, with_id=False)
    [candidate] = flag_possible_duplicates(second)

    assert flag_possible_duplicates(first) == []
    dismiss_duplicate(candidate, actor=make_user("street_officer", tree.hp_street))
    assert flag_possible_duplicates(second) == []
    assert pairs() == {(first.pk, second.pk, DuplicateStatus.DISMISSED)}


def test_dismiss_duplicate(tree, make_user):
    officer = make_user("street_officer", tree.hp_street)
    first, second = twin(tree, with_id=False), twin(tree, with_id=False)
    [candidate] = flag_possible_duplicates(second)

    dismiss_duplicate(candidate, actor=officer)

    candidate.refresh_from_db()
    assert (candidate.status, candidate.resolved_by) == (DuplicateStatus.DISMISSED, officer)
    assert candidate.resolved_at is not None
    [event] = AuditEvent.objects.filter(code=RegistryEvent.DUPLICATE_DISMISSED)
    assert event.payload == {"person": first.pk, "other": second.pk}
    with pytest.raises(DomainError) as raised:
        dismiss_duplicate(candidate, actor=officer)
    assert raised.value.code == "registry.duplicate_resolved"


@pytest.mark.parametrize(("case", "role", "where"), [("community worker", "community_worker", "hp_community"),
                                                     ("other district", "street_officer", "hx_street")])
def test_dismiss_duplicate_refusals_change_nothing(tree, make_user, case, role, where):
    [candidate] = flag_possible_duplicates(twin(tree, with_id=False)) or flag_possible_duplicates(
        twin(tree, with_id=False))
    before = audit_counts()

    with pytest.raises(PermissionsViolation):
        dismiss_duplicate(candidate, actor=make_user(role, getattr(tree, where)))

    candidate.refresh_from_db()
    assert candidate.status == DuplicateStatus.OPEN
    assert audit_counts() == before


# Merging


@pytest.fixture
def officer(tree, make_user):
    return make_user("street_officer", tree.hp_street)


@pytest.fixture
def duplicate_pair(tree, officer):
    """``keep`` has the identity number; ``remove`` is the same woman registered later without one."""
    keep = twin(tree)
    remove = twin(tree, with_id=False)
    save_object(remove, actor=officer)  # an audit trail of its own
    [candidate] = flag_possible_duplicates(remove)
    return keep, remove, candidate


def test_merge_moves_memberships_and_life_events_and_keeps_the_removed_record(tree, officer, duplicate_pair):
    keep, remove, candidate = duplicate_pair
    household = make_household(make_person(tree.hp_community, name="户主"), members=[(remove, Relation.SPOUSE)])
    record_life_event(remove, LifeEventKind.MARRIAGE, datetime.date(2015, 5, 1), actor=officer)
    trail = list(ObjectChange.objects.filter(content_type=ContentType.objects.get_for_model(Person),
                                             object_id=str(remove.pk)).values_list("pk", flat=True))

    merge_persons(keep, remove, actor=officer)

    remove.refresh_from_db()
    assert (remove.status, remove.merged_into) == (PersonStatus.MERGED, keep)
    assert set(Membership.objects.filter(household=household).values_list("person_id", "relation")) >= {
        (keep.pk, Relation.SPOUSE)}
    assert not Membership.objects.filter(person=remove).exists()
    assert LifeEvent.objects.get().person == keep
    candidate.refresh_from_db()
    assert (candidate.status, candidate.resolved_by) == (DuplicateStatus.MERGED, officer)
    # The removed record's audit trail is still there and still names it.
    still = ObjectChange.objects.filter(content_type=ContentType.objects.get_for_model(Person),
                                        object_id=str(remove.pk))
    assert set(trail) < set(still.values_list("pk", flat=True))
    [event] = AuditEvent.objects.filter(code=RegistryEvent.PERSON_MERGED)
    assert event.payload == {"kept": keep.pk, "removed": remove.pk, "candidate": candidate.pk,
                             "moved": {"registry.membership": 1, "registry.lifeevent": 1}}


def test_merge_with_two_current_households_ends_the_removed_records_membership(tree, officer, duplicate_pair):
    keep, remove, _candidate = duplicate_pair
    first = make_household(make_person(tree.hp_community, name="户主一"), members=[(keep, Relation.CHILD)])
    second = make_household(make_person(tree.hp_community, name="户主二"), members=[(remove, Relation.CHILD)])

    merge_persons(keep, remove, actor=officer)

    assert Membership.objects.get(person=keep, end_date__isnull=True).household == first
    moved = Membership.objects.get(household=second, person=keep)
    assert moved.end_date is not None


def test_merge_refuses_when_the_removed_record_heads_a_household_and_both_have_one(tree, officer, duplicate_pair):
    keep, remove, candidate = duplicate_pair
    make_household(make_person(tree.hp_community, name="户主一"), members=[(keep, Relation.CHILD)])
    make_household(remove)
    before = audit_counts()

    with pytest.raises(DomainError) as raised:
        merge_persons(keep, remove, actor=officer)

    assert raised.value.code == "registry.merge_head"
    assert Person.objects.get(pk=remove.pk).status == PersonStatus.ALIVE
    assert audit_counts() == before


def test_merge_moves_other_open_pairs_to_the_kept_record(tree, officer, duplicate_pair):
    keep, remove, candidate = duplicate_pair
    third = twin(tree, with_id=False)
    flag_possible_duplicates(third)  # flags (keep, third) and (remove, third)

    merge_persons(keep, remove, actor=officer)

    assert pairs() == {(keep.pk, remove.pk, DuplicateStatus.MERGED), (keep.pk, third.pk, DuplicateStatus.OPEN),
                       (remove.pk, third.pk, DuplicateStatus.DISMISSED)}


@pytest.mark.parametrize(("case", "arrange", "code"), [
    ("same record", lambda keep, remove: (keep, keep), "registry.merge_same"),
    ("number on the removed side", lambda keep, remove: (remove, keep), "registry.merge_keep_id"),
])
def test_merge_refusals(tree, officer, duplicate_pair, case, arrange, code):
    keep, remove, candidate = duplicate_pair
    before = audit_counts()

    with pytest.raises(DomainError) as raised:
        merge_persons(*arrange(keep, remove), actor=officer)

    assert raised.value.code == code
    assert audit_counts() == before


def test_two_identity_numbers_cannot_be_merged(tree, officer):
    with pytest.raises(DomainError) as raised:
        merge_persons(twin(tree), twin(tree), actor=officer)

    assert raised.value.code == "registry.merge_two_id_numbers"


def test_a_merged_record_cannot_be_merged_again(tree, officer, duplicate_pair):
    keep, remove, candidate = duplicate_pair
    merge_persons(keep, remove, actor=officer)

    with pytest.raises(DomainError) as raised:
        merge_persons(keep, Person.objects.get(pk=remove.pk), actor=officer)

    assert raised.value.code == "registry.person_merged"


@pytest.mark.parametrize(("case", "role", "where"), [
    ("no delete permission", "community_worker", "hp_community"),
    ("other district", "district_approver", "hexi"),
    ("read-only city role", "city_leader", "city"),
])
def test_merge_refusals_change_nothing_and_write_no_audit_row(tree, make_user, duplicate_pair, case, role, where):
    keep, remove, candidate = duplicate_pair
    make_household(make_person(tree.hp_community, name="户主"), members=[(remove, Relation.CHILD)])
    memberships = list(Membership.objects.values_list("pk", "person_id", "end_date"))
    before = audit_counts()

    with pytest.raises(PermissionsViolation):
        merge_persons(keep, remove, actor=make_user(role, getattr(tree, where)))

    assert Person.objects.get(pk=remove.pk).status == PersonStatus.ALIVE
    assert list(Membership.objects.values_list("pk", "person_id", "end_date")) == memberships
    assert DuplicateCandidate.objects.get().status == DuplicateStatus.OPEN
    assert audit_counts() == before


def test_every_reference_to_a_person_is_found():
    found = {(rel.related_model._meta.label_lower, rel.field.name) for rel in person_references()}

    assert found >= {("registry.membership", "person"), ("registry.lifeevent", "person"),
                     ("registry.duplicatecandidate", "person"), ("registry.duplicatecandidate", "other"),
                     ("registry.person", "merged_into")}


@pytest.mark.django_db(transaction=True)
def test_merge_moves_the_references_of_any_app(tree, make_user):
    """A model added later (here a role-assignment-like record of some app) follows a merge unchanged."""
    officer = make_user("street_officer", tree.hp_street)
    fields = {"person": models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+"),
              "deputy": models.ForeignKey(Person, on_delete=models.PROTECT, null=True, related_name="deputising"),
              "role": models.CharField(max_length=20)}
    with temporary_model(fields) as Assignment:
        keep, remove = twin(tree), twin(tree, with_id=False)
        other = make_person(tree.hp_community, name="别人")
        Assignment.objects.create(person=remove, role="caretaker")
        Assignment.objects.create(person=other, deputy=remove, role="guardian")
        Assignment.objects.create(person=other, role="untouched")
        [candidate] = flag_possible_duplicates(remove)

        merge_persons(keep, remove, actor=officer)

        assert set(Assignment.objects.values_list("person_id", "deputy_id", "role")) == {
            (keep.pk, None, "caretaker"), (other.pk, keep.pk, "guardian"), (other.pk, None, "untouched")}
        [event] = AuditEvent.objects.filter(code=RegistryEvent.PERSON_MERGED)
        assert event.payload["moved"] == {Assignment._meta.label_lower: 2}
        assert event.payload["candidate"] == candidate.pk
