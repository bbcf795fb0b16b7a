"""The elderly-care indicators: beds and centres for a district and a year, meal coverage on a small tree,
insurance coverage, scoping by the reader's area, the API, and the work plan's suggestions."""

import datetime
from decimal import Decimal

import pytest

from minzheng.divisions.choices import Kind, Level
from minzheng.divisions.models import Division
from minzheng.eldercare.choices import BedChange, BedKind, CentreKind
from minzheng.eldercare.tests import factories as f
from minzheng.indicators.registry import get_indicator
from minzheng.plans.services import suggest_indicator
from minzheng.registry.choices import PersonStatus

DAY = datetime.date
YEAR_2014 = {"period_start": DAY(2014, 1, 1), "period_end": DAY(2014, 12, 31)}


def value(code: str, **kwargs):
    return get_indicator(code).compute(**{**YEAR_2014, **kwargs})


@pytest.fixture
def beds(tree):
    """河西区: blocks on each side of 2014 and a removal; 和平区: 100 added in 2014."""
    hexi = f.institution(tree.hx_street, "河西区康乐养老院")
    hexi_too = f.institution(tree.hx_community, "大营门颐养院")
    f.bed_block(hexi, 50, DAY(2013, 12, 31))
    f.bed_block(hexi, 30, DAY(2014, 1, 1), BedKind.SELF_CARE)
    f.bed_block(hexi_too, 20, DAY(2014, 12, 31))
    f.bed_block(hexi, 10, DAY(2014, 6, 1), change=BedChange.REMOVED)
    f.bed_block(hexi, 40, DAY(2015, 1, 1))
    f.bed_block(f.institution(tree.hp_street), 100, DAY(2014, 5, 1))


def test_beds_added_in_hexi_in_2014(tree, beds):
    assert value("eldercare.beds_added", division=tree.hexi) == 50
    assert value("eldercare.beds_added", division=tree.heping) == 100
    assert value("eldercare.beds_added") == 150
    assert value("eldercare.beds_added", division=tree.hexi, period_start=DAY(2014, 1, 2)) == 20


def test_beds_on_the_last_day(tree, beds):
    assert value("eldercare.beds_total", division=tree.hexi) == 90  # 50 + 30 + 20 − 10
    assert value("eldercare.beds_total", division=tree.hexi, period_end=DAY(2015, 1, 1)) == 130


def test_a_reader_sees_only_the_beds_of_the_area(tree, beds, hx_approver):
    assert value("eldercare.beds_added", user=hx_approver) == 50
    assert value("eldercare.beds_added", user=hx_approver, division=tree.heping) == 0


def test_centres_opened_in_hexi_in_2014(tree):
    for kind, on in ((CentreKind.DAYCARE, DAY(2013, 12, 31)), (CentreKind.DAYCARE, DAY(2014, 1, 1)),
                     (CentreKind.DAYCARE, DAY(2014, 12, 31)), (CentreKind.DAYCARE, DAY(2015, 1, 1)),
                     (CentreKind.MEAL_CENTRE, DAY(2014, 7, 1)), (CentreKind.MEAL_POINT, DAY(2014, 3, 1))):
        f.centre(tree.hx_community, kind, on, name=f"{kind}-{on}")
    f.centre(tree.hp_community, CentreKind.DAYCARE, DAY(2014, 3, 1), name="劝业场日间照料中心")

    assert value("eldercare.daycare_added", division=tree.hexi) == 2
    assert value("eldercare.mealcentre_added", division=tree.hexi) == 1
    assert value("eldercare.mealpoint_added", division=tree.hexi) == 1
    assert value("eldercare.daycare_added") == 3


def _community(street, code: str, name: str, **extra) -> Division:
    return Division.objects.create(code=code, name=name, level=Level.COMMUNITY, kind=Kind.COMMUNITY, parent=street,
                                   **extra)


@pytest.fixture
def small_tree(tree):
    """河西区: 大营门街道 with four communities (one abolished in 2014) and 下瓦房街道 with one."""
    street2 = Division.objects.create(code="120103002000", name="下瓦房街道", level=Level.STREET,
                                      kind=Kind.SUBDISTRICT, parent=tree.hexi)
    c2 = _community(tree.hx_street, "120103001002", "大营门第二社区")
    c3 = _community(tree.hx_street, "120103001003", "大营门第三社区")
    _community(tree.hx_street, "120103001009", "已撤销社区", valid_to=DAY(2014, 6, 1))
    c4 = _community(street2, "120103002001", "下瓦房社区")
    f.centre(tree.hx_community, CentreKind.MEAL_POINT, DAY(2014, 3, 1), "大营门助餐点", served=[c2])
    f.centre(c3, CentreKind.MEAL_POINT, DAY(2014, 3, 1), "第三社区助餐点（已停办）", closed_on=DAY(2014, 10, 1))
    f.centre(street2, CentreKind.MEAL_POINT, DAY(2014, 3, 1), "下瓦房街道助餐点", served=[c4])
    f.centre(c3, CentreKind.DAYCARE, DAY(2014, 3, 1), "第三社区日间照料中心")  # not a meal point
    return street2


def test_meal_coverage_on_a_small_tree(tree, small_tree):
    assert value("eldercare.meal_coverage", division=tree.hexi) == Decimal("75.0")  # 3 of 4
    assert value("eldercare.meal_coverage", division=tree.hx_street) == Decimal("66.7")  # 2 of 3
    assert value("eldercare.meal_coverage", division=small_tree) == Decimal("100.0")
    assert value("eldercare.meal_coverage", division=tree.heping) == Decimal("0.0")
    assert value("eldercare.meal_coverage") == Decimal("60.0")  # 3 of 5 in the city
    # before the third community's point closed: all four; before the fifth was abolished: four of five
    assert value("eldercare.meal_coverage", division=tree.hexi, period_end=DAY(2014, 9, 30)) == Decimal("100.0")
    assert value("eldercare.meal_coverage", division=tree.hexi, period_end=DAY(2014, 5, 31)) == Decimal("80.0")


def test_meal_coverage_of_a_reader_counts_the_area_only(tree, small_tree, hx_approver, hp_admin):
    assert value("eldercare.meal_coverage", user=hx_approver) == Decimal("75.0")
    assert value("eldercare.meal_coverage", user=hp_admin) == Decimal("0.0")


def test_insurance_coverage_of_the_elderly(tree):
    covered = [f.elder(tree.hx_community, "甲"), f.elder(tree.hx_community, "乙")]
    for person in covered:
        f.policy(person, 2014)
    f.policy(f.elder(tree.hx_community, "丙"), 2013)
    f.elder(tree.hx_community, "丁")
    f.elder(tree.hx_community, "年轻人", birth_date=DAY(1970, 1, 1))
    f.elder(tree.hx_community, "已故", status=PersonStatus.DECEASED, death_date=DAY(2014, 5, 1))
    f.policy(f.elder(tree.hp_community, "和平老人"), 2014)

    assert value("eldercare.insurance_coverage", division=tree.hexi) == Decimal("50.0")  # 2 of 4
    assert value("eldercare.insurance_coverage", division=tree.heping) == Decimal("100.0")
    assert value("eldercare.insurance_coverage") == Decimal("60.0")


def test_the_api_gives_the_value_for_a_district_and_a_year(tree, beds, api_as, city_admin, hx_approver):
    query = {"division": tree.hexi.pk, "from": "2014-01-01", "to": "2014-12-31"}

    body = api_as(city_admin).get("/api/indicators/eldercare.beds_added/", query).json()

    assert body["value"] in (50, "50") and body["code"] == "eldercare.beds_added"
    outside = api_as(hx_approver).get("/api/indicators/eldercare.beds_added/", {**query, "division": tree.heping.pk})
    assert outside.status_code == 404


@pytest.mark.parametrize(("subject", "code"), [
    ("养老机构床位", "eldercare.beds_added"),
    ("老年日间照料服务中心", "eldercare.daycare_added"),
    ("区级老年配餐中心", "eldercare.mealcentre_added"),
    ("中心城区老年配餐服务", "eldercare.meal_coverage"),
])
def test_work_plan_targets_suggest_these_indicators(subject, code):
    assert suggest_indicator(subject) == code
