"""A role can be granted only by someone who holds all of its permissions in that division."""

import pytest

from minzheng.accounts.models import RoleAssignment
from minzheng.accounts.services import assign_role, role_group
from minzheng.framework.exceptions import DomainError
from minzheng.framework.testing.utils import last_change_seq, new_changes


def test_city_admin_grants_any_role_in_the_city(city_admin, make_user, tree):
    user = make_user(None)
    assignment = assign_role(user, role_group("district_approver"), tree.hexi, actor=city_admin)
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_a_role_with_permissions_the_granter_lacks_is_refused(make_user, tree):
    # given a district approver of 和平区 who may add role assignments but holds no division-delete permission
    granter = make_user("district_approver", tree.heping)
    granter.role_assignments.first().role.permissions.add(
        *role_group("city_admin").permissions.filter(codename="add_roleassignment"))
    user = make_user(None)
    since, before = last_change_seq(), RoleAssignment.objects.count()
    # when they try to grant the city administrator role
    with pytest.raises(DomainError) as refused:
        assign_role(user, role_group("city_admin"), tree.heping, actor=granter)
    # then nothing is granted or logged
    assert refused.value.code == "accounts.grant_exceeds_own"
    assert refused.value.field == "role"
    assert RoleAssignment.objects.count() == before
    assert new_changes(since) == []


def test_the_form_shows_the_refusal_on_the_role_field(login_as, make_user, tree):
    granter = make_user("district_approver", tree.heping)
    granter.role_assignments.first().role.permissions.add(
        *role_group("city_admin").permissions.filter(codename="add_roleassignment"))
    user = make_user(None)
    response = login_as(granter).post("/accounts/roleassignments/add/", {
        "user": user.pk, "role": role_group("city_admin").pk, "division": tree.heping.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["role"]
    assert not RoleAssignment.objects.filter(user=user).exists()


def test_user_choices_show_only_staff_of_the_area(login_as, api_as, hp_admin, hx_approver, make_user, tree):
    newcomer = make_user(None, username="newcomer")
    form = login_as(hp_admin).get("/accounts/roleassignments/add/").context["form"]
    choices = set(form.fields["user"].queryset)
    assert hp_admin in choices and newcomer in choices
    assert hx_approver not in choices
    response = api_as(hp_admin).post("/api/accounts/role-assignments/", {
        "user": hx_approver.pk, "role": role_group("community_worker").pk, "division": tree.heping.pk}, format="json")
    assert response.status_code == 400
    assert "user" in response.json()["errors"]
    assert not RoleAssignment.objects.filter(user=hx_approver, division=tree.heping).exists()
