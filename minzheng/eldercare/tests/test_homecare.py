"""Home-care orders (虚拟养老): taken, dispatched to a registered provider, visited, completed, closed with the
elder's satisfaction, or cancelled; each step refused out of order, outside the provider's area, or elsewhere."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from minzheng.audit.models import AuditEvent
from minzheng.eldercare.choices import OrderStatus, ProviderStatus, ServiceCategory
from minzheng.eldercare.events import EldercareEvent
from minzheng.eldercare.models import ServiceOrder
from minzheng.eldercare.services import homecare
from minzheng.eldercare.tests import factories as f
from minzheng.framework.exceptions import DomainError, PermissionsViolation
from minzheng.framework.testing.utils import last_change_seq, new_changes, row_state

START = datetime.datetime(2014, 9, 1, 9, 0, tzinfo=datetime.UTC)


def at(hours: float) -> datetime.datetime:
    return START + datetime.timedelta(hours=hours)


@pytest.fixture
def operator(make_user, tree):
    return make_user("care_call_centre", tree.heping, username="hp_operator")


@pytest.fixture
def meals(tree):
    return f.service(f.provider(tree.heping), "上门送餐", ServiceCategory.MEALS, "12.50")


@pytest.fixture
def order(tree, operator):
    person = f.elder(tree.hp_community)
    return homecare.take_order(ServiceOrder(person=person, category=ServiceCategory.MEALS, request="每日午餐送餐"),
                               actor=operator, received_at=START)


def test_an_order_goes_from_the_call_to_the_elders_satisfaction(order, operator, meals):
    assert order.number == f"XN1201012014{1:06d}" and order.division == order.person.hukou_division

    homecare.dispatch_order(order, provider=meals.provider, service=meals, at=at(1), actor=operator)
    homecare.record_visit(order, note="11:40送达，老人在家", at=at(3), actor=operator)
    homecare.complete_order(order, quantity=Decimal("2"), at=at(3.5), actor=operator)
    homecare.record_satisfaction(order, satisfaction=5, feedback="饭菜可口", at=at(24), actor=operator)

    order.refresh_from_db()
    assert order.status == OrderStatus.CLOSED
    assert (order.provider, order.service, order.amount, order.satisfaction) == (meals.provider, meals,
                                                                                 Decimal("25.00"), 5)
    codes = list(AuditEvent.objects.filter(object_id=str(order.pk)).order_by("seq").values_list("code", flat=True))
    assert codes == [EldercareEvent.ORDER_TAKEN, EldercareEvent.ORDER_DISPATCHED, EldercareEvent.ORDER_VISITED,
                     EldercareEvent.ORDER_COMPLETED, EldercareEvent.ORDER_RATED]


def test_orders_are_numbered_per_district_and_year(order, operator, tree):
    second = homecare.take_order(ServiceOrder(person=order.person, category=ServiceCategory.CLEANING,
                                              request="打扫卫生"), actor=operator, received_at=at(2))
    assert second.number == f"XN1201012014{2:06d}"


def test_steps_out_of_order_are_refused(order, operator, meals):
    state, since = row_state(order), last_change_seq()

    for step in (lambda: homecare.record_visit(order, note="x", at=at(1), actor=operator),
                 lambda: homecare.complete_order(order, quantity=Decimal(1), at=at(1), actor=operator),
                 lambda: homecare.record_satisfaction(order, satisfaction=4, at=at(1), actor=operator)):
        with pytest.raises(DomainError) as refused:
            step()
        assert refused.value.code == "eldercare.order_state"

    assert row_state(order) == state and new_changes(since) == []


@pytest.mark.parametrize(("case", "change", "code"), [
    ("suspended_case", {"status": ProviderStatus.SUSPENDED}, "eldercare.provider_suspended"),
])
def test_a_suspended_provider_is_not_dispatched(order, operator, meals, case, change, code):
    type(meals.provider).objects.filter(pk=meals.provider_id).update(**change)
    meals.provider.refresh_from_db()

    with pytest.raises(DomainError) as refused:
        homecare.dispatch_order(order, provider=meals.provider, service=meals, at=at(1), actor=operator)

    assert refused.value.code == code
    assert ServiceOrder.objects.get(pk=order.pk).status == OrderStatus.RECEIVED


def test_the_provider_must_serve_the_area_and_offer_the_service_requested(order, operator, meals, tree):
    hexi = f.service(f.provider(tree.hexi, "河西区颐康"), "上门送餐")
    cleaning = f.service(meals.provider, "居家保洁", ServiceCategory.CLEANING, "30.00")
    other = f.service(f.provider(tree.heping, "乐龄家政"), "送餐")

    cases = [(hexi.provider, hexi, "eldercare.provider_out_of_area"),
             (meals.provider, cleaning, "eldercare.service_category"),
             (meals.provider, other, "eldercare.service_not_offered")]
    for provider, service, code in cases:
        with pytest.raises(DomainError) as refused:
            homecare.dispatch_order(order, provider=provider, service=service, at=at(1), actor=operator)
        assert refused.value.code == code
    city_wide = f.service(f.provider(tree.city, "全市助餐平台"), "配送午餐")
    assert homecare.dispatch_order(order, provider=city_wide.provider, service=city_wide, at=at(1),
                                   actor=operator).status == OrderStatus.DISPATCHED


def test_times_must_follow_each_other(order, operator, meals):
    with pytest.raises(DomainError) as early:
        homecare.dispatch_order(order, provider=meals.provider, service=meals, at=at(-1), actor=operator)
    with pytest.raises(DomainError) as future:
        homecare.dispatch_order(order, provider=meals.provider, service=meals,
                                at=timezone.now() + datetime.timedelta(hours=1), actor=operator)
    assert (early.value.code, future.value.code) == ("eldercare.time_out_of_order", "eldercare.time_in_future")


def test_an_order_is_cancelled_until_the_visit(order, operator, meals):
    homecare.dispatch_order(order, provider=meals.provider, service=meals, at=at(1), actor=operator)
    with pytest.raises(DomainError) as unreasoned:
        homecare.cancel_order(order, reason=" ", at=at(2), actor=operator)
    assert unreasoned.value.code == "eldercare.reason_required"

    homecare.cancel_order(order, reason="老人住院", at=at(2), actor=operator)

    order.refresh_from_db()
    assert (order.status, order.cancel_reason) == (OrderStatus.CANCELLED, "老人住院")
    with pytest.raises(DomainError):
        homecare.record_visit(order, note="x", at=at(3), actor=operator)


def test_a_deceased_elder_gets_no_order(tree, operator):
    person = f.elder(tree.hp_community, status="deceased", death_date=datetime.date(2014, 1, 1))

    with pytest.raises(DomainError) as refused:
        homecare.take_order(ServiceOrder(person=person, category=ServiceCategory.MEALS, request="送餐"),
                            actor=operator)

    assert refused.value.field == "person" and not ServiceOrder.objects.exists()


def test_another_district_can_neither_take_nor_move_an_order(order, meals, make_user, tree):
    outsider = make_user("care_call_centre", tree.hexi, username="hx_operator")
    state, since = row_state(order), last_change_seq()

    with pytest.raises(PermissionsViolation):
        homecare.take_order(ServiceOrder(person=order.person, category=ServiceCategory.MEALS, request="送餐"),
                            actor=outsider)
    with pytest.raises(PermissionsViolation):
        homecare.dispatch_order(order, provider=meals.provider, service=meals, at=at(1), actor=outsider)

    assert ServiceOrder.objects.count() == 1 and row_state(order) == state and new_changes(since) == []


def test_the_order_page_offers_the_next_step_only(order, operator, meals, login_as):
    client = login_as(operator)
    page = client.get(order.get_absolute_url()).content.decode()
    assert reverse("eldercare:serviceorder_dispatch", args=[order.pk]) in page
    assert reverse("eldercare:serviceorder_visit", args=[order.pk]) not in page

    form = client.get(reverse("eldercare:serviceorder_dispatch", args=[order.pk]))
    assert list(form.context["form"].fields["service"].queryset) == [meals]
    local_time_after_the_call = "2014-09-01T20:00"
    response = client.post(reverse("eldercare:serviceorder_dispatch", args=[order.pk]),
                           {"provider": meals.provider_id, "service": meals.pk, "at": local_time_after_the_call})

    assert response.status_code == 302
    assert ServiceOrder.objects.get(pk=order.pk).status == OrderStatus.DISPATCHED
    assert client.get(reverse("eldercare:serviceorder_dispatch", args=[order.pk])).status_code == 404


def test_the_api_moves_an_order_and_refuses_another_district(order, operator, meals, api_as, make_user, tree):
    url = f"/api/eldercare/service-orders/{order.pk}/"
    client = api_as(operator)
    assert client.post(url + "dispatch/", {"provider": meals.provider_id, "service": meals.pk,
                                           "at": at(1).isoformat()}, format="json").status_code == 200
    assert client.post(url + "visit/", {"note": "送达", "at": at(2).isoformat()}, format="json").status_code == 200
    done = client.post(url + "complete/", {"quantity": "1", "at": at(2.5).isoformat()}, format="json")
    assert done.status_code == 200 and done.json()["amount"] == "12.50"
    wrong = client.post(url + "complete/", {"quantity": "1"}, format="json")
    assert wrong.status_code == 400 and wrong.json()["code"] == "eldercare.order_state"

    outsider = api_as(make_user("care_call_centre", tree.hexi, username="hx_operator"))
    state = row_state(order)
    refused = outsider.post(url + "rate/", {"satisfaction": 5}, format="json")
    assert refused.status_code == 404 and row_state(order) == state
    assert client.delete(url).status_code in (403, 405) and ServiceOrder.objects.filter(pk=order.pk).exists()
