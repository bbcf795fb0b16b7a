"""Applying a recorded change from the page or the API, by a city-level user only."""

import datetime

from minzheng.audit.models import AuditEvent
from minzheng.divisions.choices import ChangeKind
from minzheng.divisions.models import Division, DivisionChange
from minzheng.framework.testing.utils import last_change_seq, new_changes
from minzheng.framework.urls import model_url

DATE = datetime.date(2021, 6, 30)


def merge_hexi_into_heping(tree):
    change = DivisionChange.objects.create(date=DATE, kind=ChangeKind.MERGE, description="河西区并入和平区")
    change.sources.set([tree.hexi])
    change.targets.set([tree.heping])
    return change


def test_page_apply_moves_the_subtree_and_logs_an_event(login_as, city_admin, tree):
    change = merge_hexi_into_heping(tree)
    response = login_as(city_admin).post(model_url(change, "apply"))
    assert response.status_code == 302
    community = Division.objects.get(pk=tree.hx_community.pk)
    assert community.path == "120000/120101/120103/120103001000/120103001001/"
    assert Division.objects.get(pk=tree.hexi.pk).valid_to == DATE
    assert AuditEvent.objects.filter(code="divisions.change.applied").count() == 1


def test_api_apply_is_idempotent(api_as, city_admin, tree):
    change = merge_hexi_into_heping(tree)
    client = api_as(city_admin)
    url = f"/api/divisions/division-changes/{change.pk}/apply/"
    assert client.post(url).status_code == 200
    since = last_change_seq()
    assert client.post(url).status_code == 200
    assert new_changes(since) == []
    assert Division.objects.get(pk=tree.hexi.pk).parent_id == tree.heping.pk


def test_a_district_user_cannot_apply(api_as, login_as, hp_admin, tree):
    change = merge_hexi_into_heping(tree)
    assert login_as(hp_admin).post(model_url(change, "apply")).status_code == 404
    assert api_as(hp_admin).post(f"/api/divisions/division-changes/{change.pk}/apply/").status_code == 404
    assert Division.objects.get(pk=tree.hexi.pk).valid_to is None
    assert Division.objects.get(pk=tree.hx_community.pk).path == "120000/120103/120103001000/120103001001/"


def test_impossible_dates_are_refused_with_the_field(api_as, city_admin, tree):
    Division.objects.filter(pk=tree.heping.pk).update(valid_to=datetime.date(2020, 1, 1))
    change = merge_hexi_into_heping(tree)
    response = api_as(city_admin).post(f"/api/divisions/division-changes/{change.pk}/apply/")
    assert response.status_code == 400
    assert response.json()["code"] == "divisions.change_dates"
    assert "date" in response.json()["errors"]
    assert Division.objects.get(pk=tree.hexi.pk).valid_to is None
