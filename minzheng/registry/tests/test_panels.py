"""The person page (一人一档) is assembled from registered panels, each shown to those who may see it."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured

from minzheng.accounts.models import RoleAssignment
from minzheng.registry import panels
from minzheng.registry.choices import DuplicateStatus, LifeEventKind, Relation
from minzheng.registry.models import DuplicateCandidate, LifeEvent
from minzheng.registry.tests.factories import make_household, make_person

REGISTRY_PANELS = ["basic", "household", "memberships", "life_events", "duplicates"]


@pytest.fixture
def isolated_panels(monkeypatch):
    """Panels registered by a test disappear after it."""
    monkeypatch.setattr(panels, "_panels", dict(panels._panels))


@pytest.fixture
def zhang(tree):
    return make_person(tree.hp_community, name="张三")


def page_panels(client, person) -> list[str]:
    response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    return [panel["name"] for panel in response.context["panels"]]


def test_the_registry_contributes_its_panels_in_order(login_as, hp_admin, zhang):
    assert page_panels(login_as(hp_admin), zhang) == REGISTRY_PANELS


def test_a_panel_needs_its_permission(login_as, make_user, tree, zhang):
    group = Group.objects.create(name="只看人员")
    group.permissions.set(Permission.objects.filter(content_type__app_label="registry", codename="view_person"))
    user = make_user(None, username="person-only")
    RoleAssignment.objects.create(user=user, role=group, division=tree.heping)
    assert page_panels(login_as(user), zhang) == ["basic"]


def test_household_panel_lists_the_members_with_their_relation(login_as, hp_admin, tree, zhang):
    spouse = make_person(tree.hp_community, name="李梅", sex="2")
    make_household(zhang, number="HP-0001", members=[(spouse, Relation.SPOUSE)])
    response = login_as(hp_admin).get(spouse.get_absolute_url())
    household = next(panel for panel in response.context["panels"] if panel["name"] == "household")
    assert "HP-0001" in household["html"] and "张三" in household["html"] and "李梅" in household["html"]
    assert zhang.id_number not in household["html"] and spouse.id_number not in household["html"]


def test_history_events_and_duplicates_panels(login_as, hp_admin, tree, zhang):
    make_household(zhang, number="HP-0001")
    LifeEvent.objects.create(person=zhang, kind=LifeEventKind.MARRIAGE, date=datetime.date(2010, 10, 1),
                             remarks="结婚登记")
    twin = make_person(tree.hp_community, name="张三", with_id=False)
    DuplicateCandidate.objects.create(person=zhang, other=twin, status=DuplicateStatus.OPEN)
    response = login_as(hp_admin).get(zhang.get_absolute_url())
    html = {panel["name"]: panel["html"] for panel in response.context["panels"]}
    assert "HP-0001" in html["memberships"]
    assert "结婚登记" in html["life_events"]
    assert DuplicateCandidate.objects.get().get_absolute_url() in html["duplicates"]


def test_panels_show_nothing_outside_the_users_area(login_as, hp_admin, city_admin, tree):
    """A pair whose first record is of 河西区 belongs to 河西区: the 和平区 page of the second does not show it."""
    hexi = make_person(tree.hx_community, name="李四", with_id=False)
    mine = make_person(tree.hp_community, name="李四", with_id=False)
    candidate = DuplicateCandidate.objects.create(person=hexi, other=mine)

    def duplicates_panel(user) -> str:
        response = login_as(user).get(mine.get_absolute_url())
        return next(panel["html"] for panel in response.context["panels"] if panel["name"] == "duplicates")

    assert candidate.get_absolute_url() not in duplicates_panel(hp_admin)
    assert candidate.get_absolute_url() in duplicates_panel(city_admin)


def test_another_app_adds_a_panel(login_as, hp_admin, zhang, isolated_panels):
    seen = []

    def benefits(person, user):
        seen.append((person, user))
        return {"rows": [("低保", "2024-01 起")]}

    panels.register_person_panel("assistance", title="救助", template="registry/panels/basic.html",
                                 context_fn=benefits, permission="registry.view_person", order=25)
    names = page_panels(login_as(hp_admin), zhang)
    assert names == ["basic", "household", "assistance", "memberships", "life_events", "duplicates"]
    assert seen == [(zhang, hp_admin)]


def test_a_panel_the_user_may_not_see_is_not_computed(login_as, hp_admin, zhang, isolated_panels):
    def forbidden(person, user):
        raise AssertionError("computed for a user without the permission")

    panels.register_person_panel("secret", title="机密", template="registry/panels/basic.html",
                                 context_fn=forbidden, permission="registry.no_such_permission")
    assert "secret" not in page_panels(login_as(hp_admin), zhang)


def test_panel_names_are_unique(isolated_panels):
    with pytest.raises(ImproperlyConfigured):
        panels.register_person_panel("basic", title="重复", template="x.html", context_fn=dict)
