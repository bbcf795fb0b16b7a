"""The public notice pages: open to anyone, masked values only, only notices under way."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from minzheng.approvals import services as approvals
from minzheng.approvals.models import ApprovalRequest, Objection
from minzheng.approvals.tests.factories import make_flow
from minzheng.framework.privacy import mask_id_number

LIST = reverse("portal:notice_list")


def community_url(division) -> str:
    return reverse("portal:notice_community", args=[division.code])


def test_anyone_reads_the_list_of_communities(anon_client, notice_case, hexi_notice_case, hidden_cases):
    response = anon_client.get(LIST)
    assert response.status_code == 200
    rows = {row.name: row.count for row in response.context["communities"]}
    assert rows == {"劝业场示范社区": 1, "大营门示范社区": 1}
    assert "和平区 · 劝业场街道" in response.content.decode()


def test_the_list_filters_by_district_street_or_community(anon_client, notice_case, hexi_notice_case, tree):
    for area, expected in [("120103", ["大营门示范社区"]), ("120101001000", ["劝业场示范社区"]),
                           ("120101001001", ["劝业场示范社区"])]:
        response = anon_client.get(LIST, {"area": area})
        assert [row.name for row in response.context["communities"]] == expected


def test_the_area_picker_offers_only_units_with_notices(anon_client, notice_case, tree):
    choices = dict(anon_client.get(LIST).context["form"].fields["area"].choices)
    assert set(choices) == {"", "120101", "120101001000", "120101001001"}
    assert anon_client.get(LIST, {"area": "120103"}).context["communities"] == []


def test_the_community_page_shows_masked_values_only(anon_client, notice_case, tree):
    response = anon_client.get(community_url(tree.hp_community))
    html = response.content.decode()
    assert response.status_code == 200
    number = notice_case.applicant.id_number
    assert "王*明" in html and mask_id_number(number) in html
    assert "王建明" not in html and number not in html
    assert "城市居民最低生活保障" in html and "1250.00" in html
    [notice] = [notice for notice, _form in response.context["rows"]]
    today = timezone.localdate()
    assert notice.household_size == 3 and notice.notice_from == today and notice.notice_until >= today


def test_cases_not_under_notice_are_never_listed(anon_client, notice_case, hidden_cases, tree):
    html = anon_client.get(community_url(tree.hp_community)).content.decode()
    for name in ("钱*示", "孙*过", "李*审"):
        assert name not in html


def test_a_notice_of_another_subject_is_not_listed(anon_client, tree, roles, db):
    from minzheng.registry.tests.factories import make_household, make_person

    flow = make_flow()
    household = make_household(make_person(tree.hp_community, name="周其他"))
    request = approvals.start(household, flow=flow, division=tree.hp_community, actor=None)
    ApprovalRequest.objects.filter(pk=request.pk).update(current_step=flow.steps.get(code="notice"))
    assert anon_client.get(LIST).context["communities"] == []


def test_an_unknown_community_is_not_found(anon_client, db):
    assert anon_client.get(reverse("portal:notice_community", args=["999999999999"])).status_code == 404


def test_the_portal_has_no_staff_navigation(login_as, hp_admin, notice_case):
    html = login_as(hp_admin).get(reverse("portal:home")).content.decode()
    assert 'class="menu-group"' not in html
    assert reverse("accounts:logout") not in html
    assert reverse("portal:notice_list") in html


# Objections


def send(client, case, **data):
    return client.post(community_url(case.division), {"notice": case.request.pk, "content": "他家有车", **data})


def test_an_anonymous_objection_is_recorded_in_the_cases_request(anon_client, notice_case):
    response = send(anon_client, notice_case, name="李四", phone="13800000000")
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert objection.request_id == notice_case.request.pk
    assert objection.recorded_by is None
    assert (objection.content, objection.objector, objection.status) == ("他家有车", "李四 13800000000", "open")


def test_an_objection_without_contact_is_anonymous(anon_client, notice_case):
    send(anon_client, notice_case)
    assert Objection.objects.get().objector == ""


def test_the_form_needs_a_csrf_token(notice_case):
    client = Client(enforce_csrf_checks=True)
    assert send(client, notice_case).status_code == 403
    page = client.get(community_url(notice_case.division))
    token = page.cookies["csrftoken"].value
    assert send(client, notice_case, csrfmiddlewaretoken=token).status_code == 302
    assert Objection.objects.count() == 1


@pytest.mark.parametrize("label", ["accepting", "ended", "approving"])
def test_an_objection_to_a_case_not_under_notice_is_refused(anon_client, notice_case, hidden_cases, label):
    response = send(anon_client, hidden_cases[label])
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert not Objection.objects.exists()


def test_an_objection_to_another_communitys_notice_is_refused_here(anon_client, notice_case, hexi_notice_case):
    response = anon_client.post(community_url(notice_case.division),
                                {"notice": hexi_notice_case.request.pk, "content": "x"})
    assert response.status_code == 400
    assert not Objection.objects.exists()


def test_an_empty_objection_is_a_field_error(anon_client, notice_case):
    response = send(anon_client, notice_case, content="  ")
    assert response.status_code == 400
    assert "content" in response.context["form"].errors
    assert not Objection.objects.exists()


def test_objections_are_limited_per_address(anon_client, notice_case, settings):
    settings.MINZHENG_PORTAL_OBJECTIONS_PER_HOUR = 2
    assert [send(anon_client, notice_case).status_code for _ in range(3)] == [302, 302, 429]
    assert Objection.objects.count() == 2
    other_address = anon_client.post(community_url(notice_case.division),
                                     {"notice": notice_case.request.pk, "content": "另一处"}, REMOTE_ADDR="10.0.0.9")
    assert other_address.status_code == 302
