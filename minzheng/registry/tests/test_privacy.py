"""Identity numbers are masked everywhere; the full number only on request, with the permission, logged."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from django.urls import reverse

from minzheng.accounts.models import RoleAssignment
from minzheng.audit.models import AuditEvent
from minzheng.framework.privacy import MaskedColumn, mask_id_number, mask_value
from minzheng.framework.tables import BaseTable
from minzheng.framework.testing.utils import export_rows
from minzheng.framework.urls import model_url
from minzheng.registry.models import Membership, Person
from minzheng.registry.tests.factories import make_household, make_person

EVENT = "privacy.person.id_revealed"


@pytest.fixture
def zhang(tree):
    return make_person(tree.hp_community, name="张三", birth_date=datetime.date(1980, 5, 17))


@pytest.fixture
def wang(tree):
    """A person of 河西区."""
    return make_person(tree.hx_community, name="王五", birth_date=datetime.date(1990, 8, 9))


def role(make_user, division, codenames, username):
    """A user holding, within ``division``, a role made of exactly these registry permissions (and divisions)."""
    group = Group.objects.create(name=f"test-{username}")
    group.permissions.set(Permission.objects.filter(
        Q(content_type__app_label="registry", codename__in=codenames) | Q(codename="view_division")))
    user = make_user(None, username=username)
    RoleAssignment.objects.create(user=user, role=group, division=division)
    return user


@pytest.fixture
def revealer(make_user, tree):
    return role(make_user, tree.heping, ["view_person", "view_full_id_person", "view_household", "view_membership"],
                "revealer")


@pytest.fixture
def viewer(make_user, tree):
    """May see 和平区's people, but not their full numbers."""
    return role(make_user, tree.heping, ["view_person", "change_person"], "viewer")


@pytest.fixture
def hexi_revealer(make_user, tree):
    return role(make_user, tree.hexi, ["view_person", "view_full_id_person"], "hexi_revealer")


def masked(person) -> str:
    number = person.id_number
    return f"{number[:6]}********{number[-4:]}"


def events():
    return list(AuditEvent.objects.filter(code=EVENT).order_by("seq"))


def api_detail(person) -> str:
    return reverse("registry-api:person-detail", kwargs={"pk": person.pk})


def reveal_page(client, person, **headers):
    return client.post(model_url(person, "reveal"), {"field": "id_number"}, **headers)


# The mask


@pytest.mark.parametrize(("number", "shown"), [
    ("12010119800517123X", "120101********123X"),
    ("120101800517123", "120101*****7123"),
    ("MZ000000000012", "MZ0000****0012"),
    ("1234567", "*****67"),
])
def test_mask_keeps_the_address_code_and_the_last_four(number, shown):
    assert mask_id_number(number) == shown


def test_empty_values_stay_empty(zhang):
    assert mask_value(Person, "id_number", None) is None
    assert mask_value(Person, "id_number", "") == ""
    assert mask_value(Person, "name", "张三") == "张三"  # not a sensitive field


# Masked by default: pages, exports, API


def test_search_results_are_masked(login_as, viewer, revealer, zhang):
    for user in (viewer, revealer):  # the permission does not unmask lists
        page = login_as(user).get(model_url(Person, "list"), {"q": "张三"}).content.decode()
        assert masked(zhang) in page and zhang.id_number not in page


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_are_masked(login_as, revealer, zhang, fmt):
    rows = export_rows(login_as(revealer).get(model_url(Person, "list"), {"q": "zs", "export": fmt}))
    assert [row[1] for row in rows[1:]] == [masked(zhang)]
    assert zhang.id_number not in repr(rows)


def test_detail_page_is_masked_with_a_button_for_those_who_may_reveal(login_as, viewer, revealer, zhang):
    page = login_as(revealer).get(zhang.get_absolute_url()).content.decode()
    assert masked(zhang) in page and zhang.id_number not in page
    assert model_url(zhang, "reveal") in page
    page = login_as(viewer).get(zhang.get_absolute_url()).content.decode()
    assert masked(zhang) in page and zhang.id_number not in page
    assert model_url(zhang, "reveal") not in page
    assert events() == []


def test_household_pages_mask_the_members(login_as, revealer, zhang, tree):
    other = make_person(tree.hp_community, name="李梅", sex="2")
    home = make_household(zhang, members=[(other, "spouse")])
    client = login_as(revealer)
    for url in (home.get_absolute_url(), zhang.get_absolute_url(), model_url(Membership, "list")):
        page = client.get(url).content.decode()
        assert zhang.id_number not in page and other.id_number not in page, url


def test_api_list_and_detail_are_masked(api_as, revealer, zhang):
    client = api_as(revealer)
    body = client.get(reverse("registry-api:person-list"), {"q": "张三"}).json()
    assert [row["id_number"] for row in body["results"]] == [masked(zhang)]
    assert client.get(api_detail(zhang)).json()["id_number"] == masked(zhang)
    membership = make_household(zhang).memberships.get()
    nested = client.get(reverse("registry-api:membership-detail", kwargs={"pk": membership.pk})).json()
    assert nested["person"]["id_number"] == masked(zhang)
    assert events() == []


def test_edit_form_does_not_send_the_number(login_as, viewer, zhang):
    client = login_as(viewer)
    page = client.get(model_url(zhang, "edit")).content.decode()
    assert zhang.id_number not in page and masked(zhang) in page
    form = client.get(model_url(zhang, "edit")).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(hukou_division=zhang.hukou_division_id, address="和平区新地址8号")
    assert client.post(model_url(zhang, "edit"), data).status_code == 302
    zhang.refresh_from_db()
    assert (zhang.id_number, zhang.address) == (Person.objects.get(pk=zhang.pk).id_number, "和平区新地址8号")
    assert zhang.id_number.startswith("120101")


def test_api_update_sending_the_masked_number_back_keeps_the_stored_one(api_as, viewer, zhang):
    number = zhang.id_number
    response = api_as(viewer).patch(api_detail(zhang), {"id_number": masked(zhang), "phone": "13800000000"},
                                    format="json")
    assert response.status_code == 200, response.json()
    zhang.refresh_from_db()
    assert (zhang.id_number, zhang.phone) == (number, "13800000000")


# Revealing: with the permission, within the area, logged once


def test_reveal_on_the_page_shows_the_number_and_logs_it_once(login_as, revealer, zhang):
    response = reveal_page(login_as(revealer), zhang, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert zhang.id_number in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    [event] = events()
    assert (event.actor_id, event.object_id, event.payload) == (revealer.pk, str(zhang.pk), {"field": "id_number"})
    assert event.content_type.model_class() is Person and event.division_path == zhang.hukou_division.path


def test_reveal_without_htmx_renders_a_page(login_as, revealer, zhang):
    response = reveal_page(login_as(revealer), zhang)
    assert response.status_code == 200 and zhang.id_number in response.content.decode()
    assert len(events()) == 1


def test_reveal_through_the_api_shows_the_number_and_logs_it_once(api_as, revealer, zhang):
    response = api_as(revealer).get(api_detail(zhang), {"reveal": "id_number"})
    assert response.status_code == 200
    assert response.json()["id_number"] == zhang.id_number
    assert "no-store" in response["Cache-Control"]
    [event] = events()
    assert (event.actor_id, event.object_id, event.payload) == (revealer.pk, str(zhang.pk), {"field": "id_number"})


def test_each_full_view_is_logged(login_as, api_as, revealer, zhang):
    reveal_page(login_as(revealer), zhang)
    api_as(revealer).get(api_detail(zhang), {"reveal": "id_number"})
    assert [event.actor_id for event in events()] == [revealer.pk, revealer.pk]


def test_reveal_without_the_permission_is_refused_and_not_logged(login_as, api_as, viewer, zhang):
    assert reveal_page(login_as(viewer), zhang).status_code == 403
    response = api_as(viewer).get(api_detail(zhang), {"reveal": "id_number"})
    assert (response.status_code, response.json()["code"]) == (403, "permission_denied")
    assert zhang.id_number not in response.content.decode()
    assert events() == []


def test_reveal_in_another_district_is_not_found_and_not_logged(login_as, api_as, hexi_revealer, zhang, wang):
    assert reveal_page(login_as(hexi_revealer), zhang).status_code == 404
    response = api_as(hexi_revealer).get(api_detail(zhang), {"reveal": "id_number"})
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    assert events() == []
    # Control: the same user reveals a person of 河西区.
    assert reveal_page(login_as(hexi_revealer), wang).status_code == 200
    assert len(events()) == 1


def test_anonymous_reveal_is_refused(anon_client, anon_api, zhang):
    assert reveal_page(anon_client, zhang).status_code == 302
    assert anon_api.get(api_detail(zhang), {"reveal": "id_number"}).status_code in (401, 403)
    assert events() == []


def test_only_sensitive_fields_can_be_revealed(login_as, api_as, revealer, zhang):
    assert login_as(revealer).post(model_url(zhang, "reveal"), {"field": "name"}).status_code == 404
    assert login_as(revealer).get(model_url(zhang, "reveal"), {"field": "id_number"}).status_code == 405
    response = api_as(revealer).get(api_detail(zhang), {"reveal": "phone"})
    assert (response.status_code, list(response.json()["errors"])) == (400, ["reveal"])
    assert events() == []


# The mechanism is generic: declared fields are masked wherever a table shows them


def test_a_table_column_on_a_sensitive_field_is_masked_through_relations(zhang):
    class MemberTable(BaseTable):
        class Meta(BaseTable.Meta):
            model = Membership
            fields = ("person__name", "person__id_number")

    assert isinstance(MemberTable.base_columns["person__id_number"], MaskedColumn)
    make_household(zhang)
    rows = list(MemberTable(Membership.objects.all()).export_rows())
    assert rows[1] == ["张三", masked(zhang)]


def test_a_plain_column_on_a_sensitive_field_is_refused():
    import django_tables2 as tables

    class LeakyTable(BaseTable):
        number = tables.Column(accessor="id_number")

        class Meta(BaseTable.Meta):
            model = Person
            fields = ("name",)

    with pytest.raises(ImproperlyConfigured, match="MaskedColumn"):
        LeakyTable(Person.objects.none())
