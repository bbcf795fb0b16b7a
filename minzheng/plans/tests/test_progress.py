"""Tracking: the traffic light on its boundaries, a live indicator value that follows the registry, progress
reports and who may make them, assignment, overdue items and completion."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from minzheng.audit.models import ObjectChange
from minzheng.framework.exceptions import DomainError
from minzheng.framework.registry import registry
from minzheng.indicators.registry import register_indicator
from minzheng.plans import progress, services
from minzheng.plans.choices import Binding, ItemStatus, Light, TaskStatus
from minzheng.plans.models import Item, ProgressReport
from minzheng.plans.tests import factories as f
from minzheng.registry.models import Person
from minzheng.registry.tests.factories import make_person

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2014, 7, 2)  # day 183 of 365: 0.5014 of the year elapsed


def persons_registered(*, user=None, division=None, period_start=None, period_end=None):
    """A test indicator: persons registered in the division's subtree (as ``user`` may see them)."""
    queryset = Person.objects.restrict(user, "view") if user is not None else Person.objects.all()
    if division is not None:
        queryset = queryset.filter(hukou_division__path__startswith=division.path)
    return queryset.count()


@pytest.fixture
def test_indicator():
    indicator = register_indicator("plans_test.persons", name="登记人数", unit="人", description="测试指标",
                                   compute=persons_registered, keywords=("登记人口",))
    yield indicator
    registry["indicators"].pop("plans_test.persons", None)


@pytest.mark.parametrize(("actual", "light"), [
    ("100", Light.DONE), ("120", Light.DONE), ("50.14", Light.GREEN), ("50.13", Light.YELLOW),
    ("35.14", Light.YELLOW), ("35.13", Light.RED), ("0", Light.RED)])
def test_the_light_compares_the_share_reached_with_the_year_elapsed(actual, light):
    plan = f.plan()
    target = f.target(f.item(plan, 1, "推进美丽社区建设"), 100)
    assert progress.elapsed_share(2014, TODAY).quantize(Decimal("0.0001")) == Decimal("0.5014")
    ProgressReport.objects.create(target=target, value=Decimal(actual), reported_on=TODAY)
    assert progress.target_state(target, today=TODAY).light == light


def test_no_report_no_light_and_upper_limits():
    plan = f.plan()
    target = f.target(f.item(plan, 1, "控制"), 10, comparator="<=")
    assert progress.target_state(target, today=TODAY).light == Light.NONE
    ProgressReport.objects.create(target=target, value=10, reported_on=TODAY)
    assert progress.target_state(target, today=TODAY).light == Light.DONE
    ProgressReport.objects.create(target=target, value=11, reported_on=TODAY)
    assert progress.target_state(target, today=TODAY).light == Light.RED


def test_elapsed_share_at_the_year_ends():
    assert progress.elapsed_share(2014, datetime.date(2013, 12, 31)) == 0
    assert progress.elapsed_share(2014, datetime.date(2014, 1, 1)) == Decimal(1) / 365
    assert progress.elapsed_share(2014, datetime.date(2014, 12, 31)) == 1


def test_a_bound_target_shows_a_live_value_that_follows_the_registry(test_indicator, tree, city_admin):
    target = f.target(f.item(f.plan(), 1, "人口登记"), 3, subject="登记人口", unit_name="人")
    services.confirm_binding(target, indicator="plans_test.persons", division=tree.heping, actor=city_admin)
    target.refresh_from_db()
    assert (target.binding, target.indicator_year, target.confirmed_by) == (Binding.CONFIRMED, 2014, city_admin)
    assert progress.target_state(target, today=TODAY).actual == 0
    make_person(tree.hp_community, name="甲")
    make_person(tree.hx_community, name="乙")  # another district: not counted
    assert progress.target_state(target, today=TODAY).actual == 1
    make_person(tree.hp_community, name="丙")
    make_person(tree.hp_community, name="丁")
    state = progress.target_state(target, today=TODAY)
    assert (state.actual, state.source, state.light) == (3, "indicator", Light.DONE)


def test_the_live_value_is_what_the_viewer_may_see(test_indicator, tree, city_admin, hx_approver):
    target = f.target(f.item(f.plan(), 1, "人口登记"), 3, subject="登记人口", unit_name="人")
    services.confirm_binding(target, indicator="plans_test.persons", actor=city_admin)  # the whole city
    make_person(tree.hp_community, name="甲")
    make_person(tree.hx_community, name="乙")
    assert progress.target_state(target, user=city_admin, today=TODAY).actual == 2
    assert progress.target_state(target, user=hx_approver, today=TODAY).actual == 1  # 河西区 only


def test_binding_an_unknown_indicator_or_by_a_district_is_refused(tree, city_admin, hx_approver):
    target = f.target(f.item(f.plan(), 1, "推进"), 3)
    with pytest.raises(DomainError) as refused:
        services.confirm_binding(target, indicator="nothing.here", actor=city_admin)
    assert refused.value.code == "plans.indicator_unknown"
    with pytest.raises(PermissionDenied):
        services.confirm_binding(target, indicator="assistance.recipients", actor=hx_approver)
    target.refresh_from_db()
    assert target.binding == Binding.NONE and not ObjectChange.objects.filter(object_id=str(target.pk)).exists()


@pytest.fixture
def assigned(tree, city_admin, hx_approver, make_user):
    hexi = f.unit("hexi", "河西区民政局", tree.hexi, members=[hx_approver])
    heping_user = make_user("district_approver", tree.heping)
    heping = f.unit("heping", "和平区民政局", tree.heping, members=[heping_user])
    item = f.item(f.plan(), 1, "推进美丽社区建设")
    services.assign_item(item, units=[hexi], lead=hexi, due_on=datetime.date(2014, 6, 30), actor=city_admin)
    return {"item": item, "hexi": hexi, "heping": heping, "heping_user": heping_user}


def test_members_of_a_responsible_unit_report_others_cannot(assigned, hx_approver, tree):
    target = f.target(assigned["item"], 120)
    report = services.report_progress(target, value=Decimal("40"), reported_on=TODAY, actor=hx_approver,
                                      note="已创建40个")
    assert (report.unit, report.reporter, progress.target_state(target, today=TODAY).actual) == (
        assigned["hexi"], hx_approver, Decimal("40"))
    before = ProgressReport.objects.count()
    with pytest.raises(PermissionDenied):
        services.report_progress(target, value=Decimal("90"), reported_on=TODAY, actor=assigned["heping_user"])
    with pytest.raises(PermissionDenied):
        services.set_task_status(assigned["item"].tasks.get(), status=TaskStatus.DONE, actor=assigned["heping_user"])
    assert ProgressReport.objects.count() == before
    assert assigned["item"].tasks.get().status == TaskStatus.NOT_STARTED


def test_a_report_in_the_future_is_refused(assigned, hx_approver):
    target = f.target(assigned["item"], 120)
    with pytest.raises(DomainError) as refused:
        services.report_progress(target, value=1, reported_on=datetime.date(2999, 1, 1), actor=hx_approver)
    assert refused.value.field == "reported_on" and not ProgressReport.objects.exists()


def test_the_lead_must_be_a_responsible_unit(assigned, city_admin):
    item = assigned["item"]
    with pytest.raises(DomainError) as refused:
        services.assign_item(item, units=[assigned["hexi"]], lead=assigned["heping"], due_on=None, actor=city_admin)
    assert refused.value.code == "plans.lead_not_unit"
    item.refresh_from_db()
    assert item.lead == assigned["hexi"]


def test_overdue_items_and_completion(assigned, hx_approver):
    item = assigned["item"]
    other = f.item(item.plan, 2, "深化基层协商民主", due_on=datetime.date(2014, 12, 31))
    f.target(item, 100)
    assert list(progress.overdue(Item.objects.all(), TODAY)) == [item]
    services.report_progress(item.targets.get(), value=50, reported_on=TODAY, actor=hx_approver)
    (chapter,) = progress.chapter_states(item.plan, today=TODAY)
    assert dict(chapter.items) == {item: Decimal("0.5"), other: Decimal(0)}
    assert chapter.completion == Decimal("0.25")
    services.set_item_status(item, status=ItemStatus.DONE, actor=hx_approver, on=TODAY)
    assert list(progress.overdue(Item.objects.all(), TODAY)) == []
    assert progress.chapter_states(item.plan, today=TODAY)[0].completion == Decimal("0.5")
