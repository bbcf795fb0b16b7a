"""The statistics of elderly care: figures by division for a period, charts, export, API, and the area."""

import datetime

import pytest

from minzheng.eldercare.choices import AssessmentStatus, BedChange, CentreKind
from minzheng.eldercare.statistics import eldercare_report
from minzheng.eldercare.tests import factories as f
from minzheng.framework.testing.utils import export_rows

DAY = datetime.date
URL = "/eldercare/statistics/"
YEAR = {"from": "2014-01-01", "to": "2014-12-31"}


@pytest.fixture
def figures(tree, reference):
    home = f.institution(tree.hp_street, "和平区福寿养老院", opened_on=DAY(2013, 1, 1))
    f.bed_block(home, 100, DAY(2013, 6, 1))
    f.bed_block(home, 50, DAY(2014, 6, 1))
    f.bed_block(home, 10, DAY(2014, 9, 1), change=BedChange.REMOVED)
    f.occupancy(home, 70, DAY(2014, 12, 1))
    hexi = f.institution(tree.hx_street, "河西区康乐养老院", opened_on=DAY(2014, 3, 1))
    f.bed_block(hexi, 60, DAY(2014, 3, 1))
    f.occupancy(hexi, 30, DAY(2014, 11, 30))
    f.centre(tree.hp_community, CentreKind.DAYCARE, DAY(2014, 4, 1), "劝业场日间照料中心")
    f.centre(tree.hp_community, CentreKind.MEAL_POINT, DAY(2013, 4, 1), "劝业场助餐点")
    f.centre(tree.hx_community, CentreKind.MEAL_CENTRE, DAY(2014, 4, 1), "河西区配餐中心")
    for grades, division in (((0, 0, 0, 0), tree.hp_community), ((2, 0, 0, 0), tree.hp_community),
                             ((3, 0, 0, 0), tree.hx_community)):
        f.stored_assessment(f.elder(division, f"老人{grades}"), grades, DAY(2014, 9, 1),
                            status=AssessmentStatus.CONFIRMED)
    f.stored_assessment(f.elder(tree.hp_community, "未确认"), (1, 0, 0, 0), DAY(2014, 9, 1))


def test_the_figures_of_each_district(tree, figures):
    report = eldercare_report(None, division=tree.city, start=DAY(2014, 1, 1), end=DAY(2014, 12, 31))

    heping, hexi = (report.figures[tree.heping.pk], report.figures[tree.hexi.pk])
    assert (heping.institutions, heping.beds, heping.beds_added, heping.occupied) == (1, 140, 50, 70)
    assert str(heping.occupancy) == "50.0"
    assert (heping.daycare, heping.daycare_added, heping.meal_points, heping.meal_coverage) == (1, 1, 1, 100)
    assert heping.assessments == [1, 0, 1, 0]
    assert (hexi.institutions, hexi.beds, hexi.meal_centres_added, hexi.assessments) == (1, 60, 1, [0, 0, 0, 1])
    assert report.by_level() == [("能力完好", 1), ("轻度失能", 0), ("中度失能", 1), ("重度失能", 1)]


def test_the_page_shows_the_districts_of_the_area_with_charts(tree, figures, login_as, hp_admin):
    page = login_as("city_admin", tree.city).get(URL, YEAR)

    assert page.status_code == 200 and [unit.name for unit, _ in page.context["by_unit"]] == ["和平区", "河西区"]
    assert page.content.decode().count("<svg") == 5
    own = login_as(hp_admin).get(URL, YEAR)
    assert [unit.name for unit, _ in own.context["by_unit"]] == ["劝业场街道"]
    assert own.context["total"].beds == 140


def test_another_district_is_not_found(tree, figures, login_as, hp_admin, api_as):
    assert login_as(hp_admin).get(URL, {**YEAR, "division": tree.hexi.pk}).status_code == 404
    assert api_as(hp_admin).get("/api/eldercare/statistics/", {"division": tree.hexi.pk}).status_code == 404
    assert login_as("care_call_centre", tree.heping).get(URL).status_code == 403


def test_the_export_and_the_api(tree, figures, login_as, api_as):
    rows = export_rows(login_as("city_admin", tree.city).get(URL, {**YEAR, "export": "csv"}))

    assert len(rows[0]) == 13 + 4 and rows[0][-1].endswith("重度失能")  # a column per level of the table
    assert [row[1] for row in rows[1:]] == ["和平区", "河西区"]
    assert rows[1][-4:] == ["1", "0", "1", "0"]
    body = api_as("city_admin", tree.city).get("/api/eldercare/statistics/", YEAR).json()
    assert body["total"]["beds"] == 200 and body["levels"][0] == "能力完好"
    assert [row["division"]["name"] for row in body["divisions"]] == ["和平区", "河西区"]
