import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from minzheng.audit.models import AuditEvent, ObjectChange
from minzheng.framework.exceptions import DomainError, PermissionsViolation
from minzheng.registry.choices import HouseholdKind, PersonStatus, Relation
from minzheng.registry.events import RegistryEvent
from minzheng.registry.models import Household, Membership
from minzheng.registry.services import (
    add_member,
    change_head,
    create_household,
    merge_households,
    remove_member,
    split_household,
    transfer_member,
)
from minzheng.registry.tests.factories import make_household, make_person

DAY = datetime.date(2024, 3, 1)
START = datetime.date(2020, 1, 1)


@pytest.fixture
def family(tree):
    """和平区: 张建国 heads a household with his wife 王丽 and their son 张伟."""
    head = make_person(tree.hp_community, name="张建国", birth_date=datetime.date(1960, 1, 2))
    wife = make_person(tree.hp_community, name="王丽", sex="2", birth_date=datetime.date(1962, 3, 4))
    son = make_person(tree.hp_community, name="张伟", birth_date=datetime.date(1988, 5, 6))
    household = make_household(head, members=[(wife, Relation.SPOUSE), (son, Relation.CHILD)])
    return type("Family", (), {"head": head, "wife": wife, "son": son, "household": household})


def current(household) -> dict[str, str]:
    """The household's current members: name -> relation."""
    rows = Membership.objects.filter(household=household, end_date__isnull=True).select_related("person")
    return {m.person.name: m.relation for m in rows}


def events(code) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(code=code).order_by("seq"))


class Unchanged:
    """Snapshot of the registry tables and the audit trail, to assert that a refused operation wrote nothing."""

    def __init__(self):
        self.state = self.read()

    @staticmethod
    def read():
        return (list(Membership.objects.order_by("pk").values()), list(Household.objects.order_by("pk").values()),
                ObjectChange.objects.count(), AuditEvent.objects.count())

    def check(self):
        assert self.read() == self.state


# create_household


def test_create_household_with_its_head(tree, hp_worker):
    head = make_person(tree.hp_community, name="赵六")

    household = create_household(head, number="120101-0001", kind=HouseholdKind.URBAN, division=tree.hp_community,
                                 address="和平路1号", actor=hp_worker, date=DAY)

    assert current(household) == {"赵六": Relation.HEAD}
    assert Membership.objects.get(household=household).start_date == DAY
    [event] = events(RegistryEvent.HOUSEHOLD_CREATED)
    assert event.payload == {"number": "120101-0001", "head": head.pk, "date": "2024-03-01"}
    assert ObjectChange.objects.filter(action="create").count() == 2


def test_create_household_refuses_a_taken_number(family, hp_worker, tree):
    head = make_person(tree.hp_community, name="赵六")

    with pytest.raises(DomainError) as raised:
        create_household(head, number=family.household.number, kind=HouseholdKind.URBAN, division=tree.hp_community,
                         actor=hp_worker)

    assert (raised.value.code, raised.value.field) == ("registry.household_invalid", "number")


def test_create_household_refuses_a_head_who_belongs_to_a_household(family, hp_worker, tree):
    unchanged = Unchanged()

    with pytest.raises(DomainError) as raised:
        create_household(family.son, number="N2", kind=HouseholdKind.URBAN, division=tree.hp_community,
                         actor=hp_worker)

    assert (raised.value.code, raised.value.field) == ("registry.one_household", "head")
    unchanged.check()


def test_create_household_in_another_district_is_refused(tree, make_user):
    head = make_person(tree.hp_community, name="赵六")
    unchanged = Unchanged()

    with pytest.raises(PermissionsViolation):
        create_household(head, number="N1", kind=HouseholdKind.URBAN, division=tree.hx_community,
                         actor=make_user("city_admin", tree.heping))

    unchanged.check()


# add_member


def test_add_member(family, tree, hp_worker):
    grandchild = make_person(tree.hp_community, name="张小宝", birth_date=datetime.date(2015, 1, 1))

    membership = add_member(family.household, grandchild, relation=Relation.GRANDCHILD, actor=hp_worker, date=DAY)

    assert (membership.relation, membership.start_date) == (Relation.GRANDCHILD, DAY)
    assert current(family.household)["张小宝"] == Relation.GRANDCHILD
    [event] = events(RegistryEvent.MEMBER_ADDED)
    assert event.payload == {"person": grandchild.pk, "relation": "grandchild", "date": "2024-03-01"}


@pytest.mark.parametrize(("case", "setup", "relation", "code"), [
    ("deceased", lambda p: {"status": PersonStatus.DECEASED, "death_date": DAY}, Relation.CHILD,
     "registry.person_deceased"),
    ("merged", lambda p: {"status": PersonStatus.MERGED}, Relation.CHILD, "registry.person_merged"),
    ("second head", lambda p: {}, Relation.HEAD, "registry.relation_invalid"),
])
def test_add_member_refusals(family, tree, hp_worker, case, setup, relation, code):
    person = make_person(tree.hp_community, name="钱七")
    type(person).objects.filter(pk=person.pk).update(**setup(person))
    unchanged = Unchanged()

    with pytest.raises(DomainError) as raised:
        add_member(family.household, person, relation=relation, actor=hp_worker)

    assert raised.value.code == code
    unchanged.check()


def test_a_person_belongs_to_one_household_at_a_time(family, tree, hp_worker):
    other = make_household(make_person(tree.hp_community, name="孙八"))
    unchanged = Unchanged()

    with pytest.raises(DomainError) as raised:
        add_member(other, family.son, relation=Relation.OTHER, actor=hp_worker)

    assert (raised.value.code, raised.value.field) == ("registry.one_household", "person")
    unchanged.check()


def test_the_database_allows_one_current_household_and_one_head(family, tree):
    other = make_household(make_person(tree.hp_community, name="孙八"))

    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(household=other, person=family.son, relation=Relation.OTHER, start_date=DAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(person=family.wife).update(relation=Relation.HEAD)


def test_a_concurrent_second_household_is_a_domain_error(family, tree, hp_worker, monkeypatch):
    """The check before the insert can race; the constraint's IntegrityError then becomes a DomainError."""
    from minzheng.registry import households

    other = make_household(make_person(tree.hp_community, name="孙八"))
    monkeypatch.setattr(households, "current_membership", lambda person: None)

    with pytest.raises(DomainError) as raised:
        add_member(other, family.son, relation=Relation.OTHER, actor=hp_worker)

    assert raised.value.code == "registry.one_household"
    assert current(other) == {"孙八": Relation.HEAD}


def test_add_member_to_a_household_of_another_district_is_not_found(family, make_user, tree):
    person = make_person(tree.hx_community, name="钱七")
    unchanged = Unchanged()

    with pytest.raises(PermissionsViolation):
        add_member(family.household, person, relation=Relation.OTHER,
                   actor=make_user("community_worker", tree.hx_community))

    unchanged.check()


def test_add_member_needs_a_role_with_the_permission(family, make_user, tree):
    person = make_person(tree.hp_community, name="钱七")
    unchanged = Unchanged()

    with pytest.raises(PermissionsViolation):
        add_member(family.household, person, relation=Relation.OTHER, actor=make_user(None))

    unchanged.check()


# remove_member


def test_remove_member_keeps_the_history(family, hp_worker):
    membership = remove_member(family.household, family.son, reason="参军", actor=hp_worker, date=DAY)

    assert (membership.end_date, membership.end_reason) == (DAY, "参军")
    assert current(family.household) == {"张建国": Relation.HEAD, "王丽": Relation.SPOUSE}
    assert Membership.objects.filter(person=family.son).count() == 1
    [event] = events(RegistryEvent.MEMBER_REMOVED)
    assert event.payload == {"person": family.son.pk, "reason": "参军", "date": "2024-03-01", "new_head": None}


def test_remove_member_needs_a_reason(family, hp_worker):
    with pytest.raises(DomainError) as raised:
        remove_member(family.household, family.son, reason=" ", actor=hp_worker)

    assert (raised.value.code, raised.value.field) == ("registry.reason_required", "reason")


def test_removing_the_head_needs_a_new_head(family, hp_worker):
    unchanged = Unchanged()

    with pytest.raises(DomainError) as raised:
        remove_member(family.household, family.head, reason="迁出", actor=hp_worker)

    assert (raised.value.code, raised.value.field) == ("registry.head_required", "new_head")
    unchanged.check()


def test_removing_the_head_with_a_new_head(family, hp_worker):
    remove_member(family.household, family.head, reason="迁出", actor=hp_worker, date=DAY, new_head=family.wife)

    assert current(family.household) == {"王丽": Relation.HEAD, "张伟": Relation.CHILD}


def test_removing_the_last_member_dissolves_the_household(tree, hp_worker):
    household = make_household(make_person(tree.hp_community, name="孤老"))

    remove_member(household, household.memberships.get().person, reason="入住养老院", actor=hp_worker, date=DAY)

    household.refresh_from_db()
    assert (household.dissolved_on, current(household)) == (DAY, {})


def test_remove_member_who_is_not_a_member(family, tree, hp_worker):
    with pytest.raises(DomainError) as raised:
        remove_member(family.household, make_person(tree.hp_community, name="路人"), reason="x", actor=hp_worker)

    assert raised.value.code == "registry.not_a_member"


def test_remove_member_before_joining_is_refused(family, hp_worker):
    with pytest.raises(DomainError) as raised:
        remove_member(family.household, family.son, reason="x", actor=hp_worker, date=START - datetime.timedelta(1))

    assert raised.value.code == "registry.membership_dates"


def test_dates_in_the_future_are_refused(family, hp_worker):
    with pytest.raises(DomainError) as raised:
        remove_member(family.household, family.son, reason="x", actor=hp_worker,
                      date=timezone.localdate() + datetime.timedelta(days=3))

    assert raised.value.code == "registry.date_future"


# transfer_member


def test_transfer_member_keeps_both_memberships(family, tree, hp_worker):
    other = make_household(make_person(tree.hp_community, name="李芳", sex="2"))

    transfer_member(family.son, other, relation=Relation.SPOUSE, actor=hp_worker, date=DAY)

    assert current(family.household) == {"张建国": Relation.HEAD, "王丽": Relation.SPOUSE}
    assert current(other) == {"李芳": Relation.HEAD, "张伟": Relation.SPOUSE}
    history = list(Membership.objects.filter(person=family.son).order_by("start_date")
                   .values_list("household__number", "start_date", "end_date"))
    assert history == [(family.household.number, START, DAY), (other.number, DAY, None)]
    [event] = events(RegistryEvent.MEMBER_TRANSFERRED)
    assert event.payload == {"person": family.son.pk, "from": family.household.number, "to": other.number,
                             "relation": "spouse", "date": "2024-03-01"}


def test_transferring_the_head_needs_a_new_head(family, tree, hp_worker):
    other = make_household(make_person(tree.hp_community, name="李芳", sex="2"))
    unchanged = Unchanged()

    with pytest.raises(DomainError) as raised:
        transfer_member(family.head, other, relation=Relation.OTHER, actor=hp_worker)

    assert raised.value.code == "registry.head_required"
    unchanged.check()

    transfer_member(family.head, other, relation=Relation.OTHER, actor=hp_worker, new_head=family.son)
    assert current(family.household) == {"王丽": Relation.SPOUSE, "张伟": Relation.HEAD}


def test_transfer_into_the_same_household_is_refused(family, hp_worker):
    with pytest.raises(DomainError) as raised:
        transfer_member(family.son, family.household, relation=Relation.CHILD, actor=hp_worker)

    assert raised.value.code == "registry.same_household"


def test_transfer_needs_both_households_in_the_area(family, tree, make_user):
    hexi = make_household(make_person(tree.hx_community, name="河西户主"))
    unchanged = Unchanged()

    with pytest.raises(PermissionsViolation):
        transfer_member(family.son, hexi, relation=Relation.OTHER, actor=make_user("street_officer", tree.hp_street))

    unchanged.check()


def test_transfer_across_districts_by_a_city_role(family, tree, city_admin):
    hexi = make_household(make_person(tree.hx_community, name="河西户主"))

    transfer_member(family.son, hexi, relation=Relation.OTHER, actor=city_admin)

    assert "张伟" in current(hexi)


# change_head


def test_change_head(family, hp_worker):
    change_head(family.household, family.son, actor=hp_worker, date=DAY, old_head_relation=Relation.PARENT,
                relations={family.wife: Relation.PARENT})

    assert current(family.household) == {"张建国": Relation.PARENT, "王丽": Relation.PARENT, "张伟": Relation.HEAD}
    [event] = events(RegistryEvent.HEAD_CHANGED)
    assert event.payload == {"old_head": family.head.pk, "new_head": family.son.pk, "date": "2024-03-01"}


def test_change_head_after_the_head_died_ends_his_membership_at_the_date_of_death(family, hp_worker):
    died = datetime.date(2023, 11, 5)
    type(family.head).objects.filter(pk=family.head.pk).update(status=PersonStatus.DECEASED, death_date=died)

    change_head(family.household, family.wife, actor=hp_worker)

    ended = Membership.objects.get(person=family.head)
    assert (ended.relation, ended.end_date) == (Relation.HEAD, died)
    assert current(family.household) == {"王丽": Relation.HEAD, "张伟": Relation.CHILD}


@pytest.mark.parametrize(("case", "who", "code"), [("already head", "head", "registry.already_head"),
                                                   ("not a member", None, "registry.not_a_member")])
def test_change_head_refusals(family, tree, hp_worker, case, who, code):
    person = getattr(family, who) if who else make_person(tree.hp_community, name="路人")
    unchanged = Unchanged()

    with pytest.raises(DomainError) as raised:
        change_head(family.household, person, actor=hp_worker)

    assert raised.value.code == code
    unchanged.check()


def test_a_deceased_member_cannot_become_head(family, hp_worker):
    type(family.son).objects.filter(pk=family.son.pk).update(status=PersonStatus.DECEASED, death_date=DAY)

    with pytest.raises(DomainError) as raised:
        change_head(family.household, family.son, actor=hp_worker)

    assert raised.value.code == "registry.head_inactive"


def test_change_head_in_another_district_is_not_found(family, make_user, tree):
    unchanged = Unchanged()

    with pytest.raises(PermissionsViolation):
        change_head(family.household, family.son, actor=make_user("district_approver", tree.hexi))

    unchanged.check()


# split_household


def test_split_household(family, tree, hp_worker):
    daughter_in_law = make_person(tree.hp_community, name="刘娜", sex="2")
    add_member(family.household, daughter_in_law, relation=Relation.OTHER, actor=hp_worker, date=START)

    new = split_household(family.household, [family.son, daughter_in_law], new_head=family.son, number="N-2",
                          actor=hp_worker, date=DAY, relations={daughter_in_law: Relation.SPOUSE})

    assert (new.kind, new.division) == (family.household.kind, family.household.division)
    assert current(new) == {"张伟": Relation.HEAD, "刘娜": Relation.SPOUSE}
    assert current(family.household) == {"张建国": Relation.HEAD, "王丽": Relation.SPOUSE}
    assert Membership.objects.filter(person=family.son).count() == 2
    [event] = events(RegistryEvent.HOUSEHOLD_SPLIT)
    assert event.payload == {"from": family.household.number, "to": "N-2", "members": [family.son.pk,
                                                                                      daughter_in_law.pk],
                             "head": family.son.pk, "date": "2024-03-01"}


def test_splitting_off_the_head_needs_a_remaining_head(family, hp_worker):
    unchanged = Unchanged()
    with pytest.raises(DomainError) as raised:
        split_household(family.household, [family.head], new_head=family.head, number="N-2", actor=hp_worker)
    assert (raised.value.code, raised.value.field) == ("registry.head_required", "remaining_head")
    unchanged.check()

    split_household(family.household, [family.head], new_head=family.head, number="N-2", actor=hp_worker,
                    remaining_head=family.wife)

    assert current(family.household) == {"王丽": Relation.HEAD, "张伟": Relation.CHILD}


def test_split_must_leave_someone(family, hp_worker):
    with pytest.raises(DomainError) as raised:
        split_household(family.household, [family.head, family.wife, family.son], new_head=family.son, number="N-2",
                        actor=hp_worker, remaining_head=family.wife)

    assert raised.value.code == "registry.split_all"
    assert not Household.objects.filter(number="N-2").exists()


def test_split_into_another_district_is_refused(family, tree, hp_worker):
    unchanged = Unchanged()

    with pytest.raises(PermissionsViolation):
        split_household(family.household, [family.son], new_head=family.son, number="N-2", division=tree.hexi,
                        actor=hp_worker)

    unchanged.check()


# merge_households


def test_merge_households(family, tree, hp_worker):
    widow = make_person(tree.hp_community, name="张母", sex="2", birth_date=datetime.date(1935, 1, 1))
    source = make_household(widow)

    merge_households(family.household, source, actor=hp_worker, date=DAY, relations={widow: Relation.PARENT})

    source.refresh_from_db()
    assert source.dissolved_on == DAY
    assert current(source) == {}
    assert current(family.household)["张母"] == Relation.PARENT
    [event] = events(RegistryEvent.HOUSEHOLDS_MERGED)
    assert event.payload == {"source": source.number, "target": family.household.number, "members": [widow.pk],
                             "date": "2024-03-01"}

    with pytest.raises(DomainError) as raised:
        add_member(source, make_person(tree.hp_community, name="新人"), relation=Relation.OTHER, actor=hp_worker)
    assert raised.value.code == "registry.household_dissolved"


def test_merge_leaves_a_deceased_head_behind(family, tree, hp_worker):
    died = datetime.date(2023, 12, 1)
    old = make_person(tree.hp_community, name="张父", birth_date=datetime.date(1930, 1, 1),
                      status=PersonStatus.DECEASED, death_date=died)
    source = make_household(old)

    merge_households(family.household, source, actor=hp_worker, date=DAY)

    assert Membership.objects.get(person=old).end_date == died
    assert "张父" not in current(family.household)


def test_merge_into_itself_is_refused(family, hp_worker):
    with pytest.raises(DomainError) as raised:
        merge_households(family.household, family.household, actor=hp_worker)

    assert raised.value.code == "registry.same_household"


def test_merge_needs_both_households_in_the_area(family, tree, hp_worker):
    hexi = make_household(make_person(tree.hx_community, name="河西户主"))
    unchanged = Unchanged()

    with pytest.raises(PermissionsViolation):
        merge_households(family.household, hexi, actor=hp_worker)

    unchanged.check()
