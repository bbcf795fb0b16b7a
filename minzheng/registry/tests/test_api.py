"""The registry API: generated suites, data only. Memberships, life events and duplicates are read-only
(they change through the registry services); people and households are plain records."""

import datetime

from django.urls import reverse

from minzheng.framework.testing.api import APIViewTestCases
from minzheng.registry.choices import HouseholdKind, Sex
from minzheng.registry.idcard import generate_id_number
from minzheng.registry.models import DuplicateCandidate, Household, LifeEvent, Membership, Person
from minzheng.registry.tests.factories import make_person
from minzheng.registry.tests.test_views import (
    DuplicateCandidateViewTestCase,
    LifeEventViewTestCase,
    household,
    three_memberships,
    three_persons,
)


class PersonAPITestCase(APIViewTestCases.APIViewTestCase):
    model = Person
    api_update_data = {"address": "和平区新华路9号", "phone": "13900000000", "remarks": "接口修改"}

    @classmethod
    def create_objects(cls, tree):
        return three_persons(tree)

    @staticmethod
    def api_create_data(tree):
        born = datetime.date(1992, 3, 4)
        return {"id_number": generate_id_number("120101", born, Sex.FEMALE, 321), "name": "赵敏", "sex": Sex.FEMALE,
                "birth_date": born, "hukou_division": tree.hp_community, "ethnicity": "汉族"}


class HouseholdAPITestCase(
    APIViewTestCases.GetObjectViewTestCase,
    APIViewTestCases.ListObjectsViewTestCase,
    APIViewTestCases.UpdateObjectViewTestCase,
    APIViewTestCases.DeleteObjectViewTestCase,
):
    """A new household is registered with its head (a service): see test_creating_a_household_needs_its_head."""

    model = Household
    api_update_data = {"address": "和平区丁路4号", "remarks": "接口修改"}

    @classmethod
    def create_objects(cls, tree):
        return [household("HP-0001", tree.hp_community, "和平区甲路1号"), household("HP-0002", tree.hp_street),
                household("HX-0001", tree.hx_community, "河西区乙路2号")]

    @staticmethod
    def api_create_data(tree):
        return {"number": "HP-0009", "kind": HouseholdKind.RURAL, "division": tree.hp_community,
                "address": "和平区丙路3号"}


class MembershipAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = Membership
    search_field = "person__name"

    @classmethod
    def create_objects(cls, tree):
        return three_memberships(tree)


class LifeEventAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = LifeEvent
    search_field = "person__name"
    create_objects = LifeEventViewTestCase.create_objects


class DuplicateCandidateAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = DuplicateCandidate
    search_field = "person__name"
    create_objects = DuplicateCandidateViewTestCase.create_objects


def test_creating_a_person_without_identity_number_issues_a_registry_number(api_as, hp_admin, tree):
    data = {"name": "无名氏", "sex": Sex.MALE, "birth_date": "1970-01-01", "hukou_division": tree.hp_community.pk}
    response = api_as(hp_admin).post(reverse("registry-api:person-list"), data, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["registry_number"].startswith("MZ")
    assert Person.objects.get(pk=response.json()["id"]).id_number is None


def test_memberships_filter_by_household_and_current(api_as, hp_admin, tree):
    memberships = three_memberships(tree)
    url = reverse("registry-api:membership-list")
    body = api_as(hp_admin).get(url, {"household_id": memberships[0].household_id, "current": "true"}).json()
    assert [row["id"] for row in body["results"]] == [memberships[0].pk]
    assert body["results"][0]["household"]["number"] == "HP-0001"


def test_creating_a_household_needs_its_head(api_as, make_user, hp_admin, tree):
    url = reverse("registry-api:household-list")
    head = make_person(tree.hp_community, name="张三")
    data = {"number": "HP-0009", "kind": HouseholdKind.URBAN, "division": tree.hp_community.pk}
    response = api_as(hp_admin).post(url, data, format="json")
    assert (response.status_code, list(response.json()["errors"])) == (400, ["head"])
    hexi_admin = make_user("city_admin", tree.hexi, username="hexi-admin")
    response = api_as(hexi_admin).post(url, {**data, "head": head.pk}, format="json")
    assert response.status_code == 400 and "head" in response.json()["errors"]
    assert not Household.objects.exists()
    response = api_as(hp_admin).post(url, {**data, "head": head.pk}, format="json")
    assert response.status_code == 201, response.json()
    assert "head" not in response.json()
    household = Household.objects.get(pk=response.json()["id"])
    assert household.memberships.get().person == head
