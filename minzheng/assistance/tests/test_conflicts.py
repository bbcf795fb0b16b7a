"""The close-relatives register: conflicts in the same district only, active records only, recusal, filings."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from minzheng.assistance import services
from minzheng.assistance.choices import Kinship
from minzheng.assistance.conflicts import Conflict, find_conflicts, household_id_numbers, recusal_reason
from minzheng.assistance.events import AssistanceEvent
from minzheng.assistance.models import CaseworkerRecord, ConflictFiling, DeclaredRelative
from minzheng.assistance.tests.factories import caseworker, filing, id_number, relative
from minzheng.audit.models import AuditEvent
from minzheng.framework.exceptions import DomainError, PermissionsViolation
from minzheng.framework.testing.utils import last_change_seq, new_changes
from minzheng.registry.choices import HouseholdKind, Relation
from minzheng.registry.models import Household, Membership, Person

DAY = datetime.date
BROTHER = id_number(401, "120103", DAY(1980, 5, 5))  # a resident declared as a relative
OTHER = id_number(402, "120101", DAY(1985, 2, 2))


@pytest.fixture
def register(tree, make_user):
    """Caseworkers who all declared BROTHER: 甲 in 和平区 (linked to a user), 乙 in 河西区, 丙 in 和平区 but out of
    office since 2014, 丁 at the city level."""
    user = make_user("street_officer", tree.hp_street, username="jia")
    jia = caseworker("甲", tree.hp_street, 1, user=user)
    yi = caseworker("乙", tree.hx_community, 2)
    bing = caseworker("丙", tree.hp_community, 3, until="2014-01-01")
    ding = caseworker("丁", tree.city, 4)
    relatives = {cw.name: relative(cw, "兄弟", BROTHER) for cw in (jia, yi, bing, ding)}
    return {"jia": jia, "yi": yi, "bing": bing, "ding": ding, "user": user, "relatives": relatives}


def names(conflicts: list[Conflict]) -> list[str]:
    return [conflict.caseworker.name for conflict in conflicts]


def test_conflicts_are_found_in_the_same_district_only(tree, register):
    assert names(find_conflicts([OTHER, BROTHER], tree.hp_community, date=DAY(2015, 1, 1))) == ["甲"]
    assert names(find_conflicts([BROTHER], tree.heping, date=DAY(2015, 1, 1))) == ["甲"]
    assert names(find_conflicts([BROTHER], tree.hx_street, date=DAY(2015, 1, 1))) == ["乙"]


def test_only_caseworkers_in_office_on_the_date_count(tree, register):
    assert names(find_conflicts([BROTHER], tree.hp_community, date=DAY(2013, 12, 31))) == ["丙", "甲"]
    assert names(find_conflicts([BROTHER], tree.hp_community, date=DAY(2014, 1, 1))) == ["甲"]
    assert names(find_conflicts([BROTHER], tree.hp_community, date=DAY(2009, 12, 31))) == []


def test_a_conflict_names_the_caseworker_and_the_declared_relative(tree, register):
    (conflict,) = find_conflicts([BROTHER], tree.hp_community, date=DAY(2015, 1, 1))

    assert conflict == Conflict(caseworker=register["jia"], relative=register["relatives"]["甲"])
    assert conflict.id_number == BROTHER


@pytest.mark.parametrize("numbers", [
    pytest.param([], id="no_members_case"),
    pytest.param(["", "  "], id="blank_numbers_case"),
    pytest.param([OTHER], id="no_relative_case"),
])
def test_no_conflict(tree, register, numbers):
    assert find_conflicts(numbers, tree.hp_community, date=DAY(2015, 1, 1)) == []


def test_numbers_are_compared_in_their_stored_form(tree, make_user):
    with_x = next(id_number(seq, "120101") for seq in range(1, 500) if id_number(seq, "120101").endswith("X"))
    jia = caseworker("甲", tree.hp_street, 1)
    relative(jia, "兄弟", with_x.lower())  # stored upper-case by the model

    assert DeclaredRelative.objects.get().id_number == with_x
    assert names(find_conflicts([f" {with_x.lower()} "], tree.hp_community, date=DAY(2015, 1, 1))) == ["甲"]


def test_a_user_linked_to_a_conflicting_caseworker_must_stand_aside(tree, register, make_user):
    reason = recusal_reason(register["user"], [BROTHER], tree.hp_community, date=DAY(2015, 1, 1))

    assert reason is not None and BROTHER not in reason and "120103********" in reason
    assert recusal_reason(register["user"], [OTHER], tree.hp_community, date=DAY(2015, 1, 1)) is None
    assert recusal_reason(register["user"], [BROTHER], tree.hx_community, date=DAY(2015, 1, 1)) is None
    stranger = make_user("street_officer", tree.hp_street)
    assert recusal_reason(stranger, [BROTHER], tree.hp_community, date=DAY(2015, 1, 1)) is None
    assert recusal_reason(None, [BROTHER], tree.hp_community) is None


def test_household_members_numbers_come_from_the_registry(tree):
    household = Household.objects.create(number="H-1", kind=HouseholdKind.URBAN, division=tree.hp_community)
    for number, relation, start, end in [(BROTHER, Relation.HEAD, DAY(2000, 1, 1), None),
                                         (OTHER, Relation.SPOUSE, DAY(2000, 1, 1), DAY(2014, 6, 1))]:
        person = Person.objects.create(id_number=number, name="居民", birth_date=DAY(1980, 5, 5), sex="1",
                                       hukou_division=tree.hp_community)
        Membership.objects.create(household=household, person=person, relation=relation, start_date=start,
                                  end_date=end)

    assert sorted(household_id_numbers(household, date=DAY(2014, 5, 31))) == sorted([BROTHER, OTHER])
    assert household_id_numbers(household, date=DAY(2014, 6, 1)) == [BROTHER]


# The register's own rules


def test_a_caseworker_needs_a_name_and_a_valid_identity_number(tree):
    record = CaseworkerRecord(role="case_officer", division=tree.hp_street, active_from=DAY(2014, 1, 1),
                              id_number="120101197001011234")

    with pytest.raises(ValidationError) as caught:
        record.full_clean()

    assert set(caught.value.message_dict) == {"name", "id_number"}


def test_a_linked_person_fills_the_name_and_number(tree):
    person = Person.objects.create(id_number=OTHER, name="王五", birth_date=DAY(1985, 2, 2), sex="1",
                                   hukou_division=tree.hp_community)
    record = CaseworkerRecord(person=person, role="committee_member", division=tree.hp_community,
                              active_from=DAY(2014, 1, 1))

    record.full_clean()

    assert (record.name, record.id_number) == ("王五", OTHER)


# Filings


def test_a_filing_is_recorded_with_a_full_home_visit_and_an_event(tree, register, make_user):
    officer = make_user("street_officer", tree.hp_street)
    (conflict,) = find_conflicts([BROTHER], tree.hp_community, date=DAY(2015, 1, 1))
    since = last_change_seq()

    filed = services.file_conflict(conflict, actor=officer, division=tree.hp_community, case_reference="DB-2015-1",
                                   note="已备案", filed_on=DAY(2015, 1, 2))

    assert (filed.filed_by, filed.home_visit_rate, filed.relative.relation) == (officer, 100, Kinship.SIBLING)
    assert [(c.action, c.object_id) for c in new_changes(since)] == [("create", str(filed.pk))]
    event = AuditEvent.objects.get(code=AssistanceEvent.CONFLICT_FILED)
    assert (event.object_id, event.payload["case_reference"]) == (str(filed.pk), "DB-2015-1")


def test_a_filing_outside_the_actors_area_writes_nothing(tree, register, make_user):
    hexi_officer = make_user("street_officer", tree.hx_street)
    (conflict,) = find_conflicts([BROTHER], tree.hp_community, date=DAY(2015, 1, 1))
    since = last_change_seq()

    with pytest.raises(PermissionsViolation):
        services.file_conflict(conflict, actor=hexi_officer, division=tree.hp_community)

    assert (ConflictFiling.objects.count(), new_changes(since)) == (0, [])
    assert not AuditEvent.objects.filter(code=AssistanceEvent.CONFLICT_FILED).exists()


@pytest.mark.parametrize("case", ["other_caseworkers_relative", "other_district"])
def test_a_filing_must_hold_together(tree, register, make_user, case):
    officer = make_user("district_approver", tree.city)
    jia, yi = register["jia"], register["yi"]
    if case == "other_caseworkers_relative":
        conflict, division = Conflict(caseworker=jia, relative=register["relatives"]["乙"]), tree.hp_community
    else:
        conflict, division = Conflict(caseworker=yi, relative=register["relatives"]["乙"]), tree.hp_community

    with pytest.raises(DomainError) as caught:
        services.file_conflict(conflict, actor=officer, division=division)

    assert caught.value.code == "assistance.conflict_invalid"
    assert ConflictFiling.objects.count() == 0


def test_the_home_visit_rate_cannot_be_lowered(tree, register):
    filed = filing(register["relatives"]["甲"], tree.hp_community, register["user"], reference="DB-1")

    with pytest.raises(IntegrityError):
        ConflictFiling.objects.filter(pk=filed.pk).update(home_visit_rate=30)
