"""Pages of the registry: generated suites, data only; the person list is search-first."""

import datetime

import pytest
from django.conf import settings
from django.db.models import Max
from django.utils import translation

from minzheng.audit.models import AuditEvent
from minzheng.framework.testing.utils import last_change_seq, new_changes
from minzheng.framework.testing.views import ViewTestCases
from minzheng.framework.urls import model_url
from minzheng.registry.choices import DuplicateStatus, HouseholdKind, LifeEventKind, PersonStatus, Relation, Sex
from minzheng.registry.events import RegistryEvent
from minzheng.registry.idcard import generate_id_number
from minzheng.registry.models import DuplicateCandidate, Household, LifeEvent, Membership, Person
from minzheng.registry.tests.factories import make_household, make_person


def three_persons(tree) -> list[Person]:
    """张三 and 李四 in 和平区, 王五 in 河西区."""
    return [
        make_person(tree.hp_community, name="张三", birth_date=datetime.date(1980, 5, 17)),
        make_person(tree.hp_street, name="李四", birth_date=datetime.date(1975, 2, 3), sex=Sex.FEMALE),
        make_person(tree.hx_community, name="王五", birth_date=datetime.date(1990, 8, 9)),
    ]


def household(number: str, division, address: str = "") -> Household:
    return Household.objects.create(number=number, kind=HouseholdKind.URBAN, division=division, address=address)


def three_memberships(tree) -> list[Membership]:
    """The heads of three households: two in 和平区, one in 河西区."""
    heads = three_persons(tree)
    numbers = ("HP-0001", "HP-0002", "HX-0001")
    return [make_household(head, number=number).memberships.get() for head, number in zip(heads, numbers, strict=True)]


class PersonViewTestCase(ViewTestCases.PrimaryObjectViewTestCase):
    model = Person
    list_params = {"status": PersonStatus.ALIVE}  # search first: a criterion every test person meets

    @classmethod
    def create_objects(cls, tree):
        return three_persons(tree)

    @staticmethod
    def form_data(tree):
        born = datetime.date(1992, 3, 4)
        return {"id_number": generate_id_number("120101", born, Sex.FEMALE, 321), "name": "赵敏", "sex": Sex.FEMALE,
                "birth_date": born, "ethnicity": "汉族", "marital_status": "", "hukou_division": tree.hp_community,
                "residence_division": None, "address": "和平区南京路1号", "phone": "022-12345678",
                "disability_category": "", "disability_grade": None, "remarks": "测试"}


class HouseholdViewTestCase(
    ViewTestCases.GetObjectViewTestCase,
    ViewTestCases.GetObjectChangelogViewTestCase,
    ViewTestCases.EditObjectViewTestCase,
    ViewTestCases.DeleteObjectViewTestCase,
    ViewTestCases.ListObjectsViewTestCase,
):
    """A new household is registered with its head (a service): see test_household_is_registered_with_its_head."""

    model = Household

    @classmethod
    def create_objects(cls, tree):
        return [household("HP-0001", tree.hp_community, "和平区甲路1号"), household("HP-0002", tree.hp_street),
                household("HX-0001", tree.hx_community, "河西区乙路2号")]

    @staticmethod
    def form_data(tree):
        return {"number": "HP-0009", "kind": HouseholdKind.RURAL, "division": tree.hp_community,
                "address": "和平区丙路3号", "remarks": "核对"}


class MembershipViewTestCase(ViewTestCases.ServiceObjectViewTestCase):
    model = Membership
    search_field = "person__name"  # the search box finds the members by the person search

    @classmethod
    def create_objects(cls, tree):
        return three_memberships(tree)

    form_data = {"start_date": datetime.date(2019, 12, 1), "end_reason": "", "remarks": "户籍核对"}


class LifeEventViewTestCase(ViewTestCases.ServiceObjectViewTestCase):
    model = LifeEvent
    search_field = "person__name"

    @classmethod
    def create_objects(cls, tree):
        people = three_persons(tree)
        return [LifeEvent.objects.create(person=person, kind=LifeEventKind.MARRIAGE, date=datetime.date(2020, 1, day))
                for day, person in enumerate(people, start=1)]

    form_data = {"remarks": "已核对结婚证"}


class DuplicateCandidateViewTestCase(ViewTestCases.ReadOnlyObjectViewTestCase):
    model = DuplicateCandidate
    search_field = "person__name"

    @classmethod
    def create_objects(cls, tree):
        candidates = []
        for division, name in ((tree.hp_community, "孙一"), (tree.hp_street, "周二"), (tree.hx_community, "吴三")):
            pair = [make_person(division, name=name, with_id=False) for _ in range(2)]
            candidates.append(DuplicateCandidate.objects.create(person=pair[0], other=pair[1],
                                                                status=DuplicateStatus.OPEN))
        return candidates


def test_relation_labels_show_on_the_household_page(login_as, hp_admin, tree):
    head = make_person(tree.hp_community, name="张三")
    spouse = make_person(tree.hp_community, name="李梅", sex=Sex.FEMALE)
    home = make_household(head, members=[(spouse, Relation.SPOUSE)])
    page = login_as(hp_admin).get(home.get_absolute_url()).content.decode()
    with translation.override(settings.LANGUAGE_CODE):
        labels = [str(Relation.HEAD.label), str(Relation.SPOUSE.label)]
    assert all(label in page for label in labels) and "李梅" in page


# Household changes, life events and duplicates: small action views calling the registry services


def action(client, instance, name, data=None):
    return client.post(model_url(instance, name), data or {})


def current(household) -> dict[str, str]:
    return {m.person.name: m.relation for m in household.memberships.filter(end_date__isnull=True)}


def codes(since: int) -> list[str]:
    return list(AuditEvent.objects.filter(seq__gt=since).order_by("seq").values_list("code", flat=True))


def last_event_seq() -> int:
    return AuditEvent.objects.aggregate(seq=Max("seq"))["seq"] or 0


@pytest.fixture
def family(tree):
    head = make_person(tree.hp_community, name="张三")
    spouse = make_person(tree.hp_community, name="李梅", sex=Sex.FEMALE)
    return make_household(head, number="HP-0001", members=[(spouse, Relation.SPOUSE)])


def test_household_page_offers_the_changes(login_as, hp_admin, family):
    page = login_as(hp_admin).get(family.get_absolute_url()).content.decode()
    for name in ("add_member", "remove_member", "transfer_member", "change_head", "split", "merge"):
        assert model_url(family, name) in page, name
    assert login_as(hp_admin).get(model_url(family, "add_member")).status_code == 200


def test_household_is_registered_with_its_head(login_as, make_user, hp_admin, tree):
    head = make_person(tree.hp_community, name="张三")
    data = {"number": "HP-0009", "kind": HouseholdKind.URBAN, "division": tree.hp_community.pk, "head": head.pk,
            "address": "和平区丙路3号"}
    since, changes = last_event_seq(), last_change_seq()
    hexi_admin = make_user("city_admin", tree.hexi, username="hexi-admin")
    response = login_as(hexi_admin).post(model_url(Household, "add"), data)
    assert {"head", "division"} <= set(response.context["form"].errors)
    assert login_as(make_user("city_leader", tree.heping, username="reader")).post(
        model_url(Household, "add"), data).status_code == 403
    assert (codes(since), new_changes(changes)) == ([], [])
    response = login_as(hp_admin).post(model_url(Household, "add"), data)
    home = Household.objects.get(number="HP-0009")
    assert (response.status_code, response.url) == (302, home.get_absolute_url())
    assert current(home) == {"张三": Relation.HEAD}
    assert codes(since) == [RegistryEvent.HOUSEHOLD_CREATED]
    assert {change.content_type.model for change in new_changes(changes)} == {"household", "membership"}


def test_add_member(login_as, hp_admin, family, tree):
    child = make_person(tree.hp_community, name="张小", birth_date=datetime.date(2010, 1, 1))
    since = last_event_seq()
    response = action(login_as(hp_admin), family, "add_member", {"person": child.pk, "relation": Relation.CHILD})
    assert (response.status_code, response.url) == (302, family.get_absolute_url())
    assert current(family) == {"张三": Relation.HEAD, "李梅": Relation.SPOUSE, "张小": Relation.CHILD}
    assert codes(since) == [RegistryEvent.MEMBER_ADDED]


def test_a_refused_change_is_a_form_error_and_writes_nothing(login_as, hp_admin, family, tree):
    other = make_person(tree.hp_community, name="王二")
    make_household(other, number="HP-0002")
    since, changes = last_event_seq(), last_change_seq()
    response = action(login_as(hp_admin), family, "add_member", {"person": other.pk, "relation": Relation.OTHER})
    assert response.status_code == 200 and response.context["form"].errors
    assert current(family) == {"张三": Relation.HEAD, "李梅": Relation.SPOUSE}
    assert (codes(since), new_changes(changes)) == ([], [])


def test_household_changes_need_the_permission_and_the_area(login_as, make_user, hp_admin, family, tree):
    child = make_person(tree.hp_community, name="张小")
    data = {"person": child.pk, "relation": Relation.CHILD}
    reader = make_user("city_leader", tree.heping, username="reader")
    hexi_admin = make_user("city_admin", tree.hexi, username="hexi-admin")
    since = last_event_seq()
    assert action(login_as(reader), family, "add_member", data).status_code == 403
    assert action(login_as(hexi_admin), family, "add_member", data).status_code == 404
    assert codes(since) == [] and "张小" not in current(family)


def test_the_person_picker_offers_no_one_outside_the_area(login_as, hp_admin, family, tree):
    stranger = make_person(tree.hx_community, name="赵六")
    form = login_as(hp_admin).get(model_url(family, "add_member")).context["form"]
    assert stranger not in form.fields["person"].queryset
    response = action(login_as(hp_admin), family, "add_member", {"person": stranger.pk, "relation": Relation.OTHER})
    assert "person" in response.context["form"].errors and "赵六" not in current(family)


def test_remove_member_and_change_head(login_as, hp_admin, family):
    client = login_as(hp_admin)
    head, spouse = (family.memberships.get(relation=r).person for r in (Relation.HEAD, Relation.SPOUSE))
    response = action(client, family, "change_head", {"new_head": spouse.pk, "old_head_relation": Relation.SPOUSE})
    assert response.status_code == 302
    assert current(family) == {"张三": Relation.SPOUSE, "李梅": Relation.HEAD}
    response = action(client, family, "remove_member", {"person": head.pk, "reason": "迁出本市"})
    assert response.status_code == 302
    assert current(family) == {"李梅": Relation.HEAD}


def test_transfer_split_and_merge(login_as, hp_admin, family, tree):
    client = login_as(hp_admin)
    lodger = make_person(tree.hp_community, name="王二")
    other = make_household(lodger, number="HP-0002", members=[(make_person(tree.hp_community, name="王妻"),
                                                                Relation.SPOUSE)])
    wife = Person.objects.get(name="王妻")
    assert action(client, family, "transfer_member", {"person": wife.pk, "relation": Relation.OTHER}).status_code == 302
    assert current(family)["王妻"] == Relation.OTHER and current(other) == {"王二": Relation.HEAD}
    response = action(client, family, "split", {"members": [wife.pk], "new_head": wife.pk, "number": "HP-0003"})
    assert response.status_code == 302
    split = Household.objects.get(number="HP-0003")
    assert response.url == split.get_absolute_url() and current(split) == {"王妻": Relation.HEAD}
    assert action(client, family, "merge", {"source": split.pk}).status_code == 302
    assert "王妻" in current(family) and Household.objects.get(pk=split.pk).dissolved_on is not None


def test_record_a_death(login_as, hp_admin, family):
    spouse = family.memberships.get(relation=Relation.SPOUSE).person
    since = last_event_seq()
    response = action(login_as(hp_admin), spouse, "record_event", {"kind": LifeEventKind.DEATH, "date": "2024-01-05"})
    assert (response.status_code, response.url) == (302, spouse.get_absolute_url())
    spouse.refresh_from_db()
    assert (spouse.status, spouse.death_date) == (PersonStatus.DECEASED, datetime.date(2024, 1, 5))
    assert RegistryEvent.LIFE_EVENT_RECORDED in codes(since)
    response = action(login_as(hp_admin), spouse, "record_event", {"kind": LifeEventKind.MARRIAGE,
                                                                   "date": "2024-02-01"})
    assert response.status_code == 200 and response.context["form"].errors  # nothing after death


def test_duplicates_are_dismissed_or_merged(login_as, hp_admin, tree):
    client = login_as(hp_admin)
    pairs = []
    for name in ("孙一", "周二"):
        first, second = (make_person(tree.hp_community, name=name, with_id=False) for _ in range(2))
        pairs.append(DuplicateCandidate.objects.create(person=first, other=second))
    dismissed, merged = pairs
    assert action(client, dismissed, "dismiss").status_code == 302
    assert DuplicateCandidate.objects.get(pk=dismissed.pk).status == DuplicateStatus.DISMISSED
    response = action(client, merged, "merge", {"keep": merged.person_id})
    assert (response.status_code, response.url) == (302, merged.person.get_absolute_url())
    removed = Person.objects.get(pk=merged.other_id)
    assert (removed.status, removed.merged_into_id) == (PersonStatus.MERGED, merged.person_id)
