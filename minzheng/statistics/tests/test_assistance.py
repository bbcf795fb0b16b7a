"""The figures of the assistance report, computed in SQL by division, program and month."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from minzheng.indicators.periods import months_between
from minzheng.statistics.assistance import Figures, assistance_report, assistance_statistics

Q1 = months_between(datetime.date(2014, 1, 1), datetime.date(2014, 3, 1))
JAN, FEB, MAR = Q1


def test_the_city_report_has_a_row_per_district(cases, city_admin, tree):
    report = assistance_report(city_admin, division=None, months=Q1)
    assert report.division == tree.city
    by_unit = dict(report.by_unit())
    # March: 和平区 3 cases of 3 + 2 + 1 members (the 2-member case ended in April), 河西区 one of 4
    assert by_unit[tree.heping] == Figures(3, 6, Decimal("4300.00"))  # 1800 + 1200 + 300 + 1000 grant (Feb)
    assert by_unit[tree.hexi] == Figures(1, 4, Decimal("1600.00"))
    assert report.summary() == Figures(4, 10, Decimal("5900.00"))


def test_months_and_programs(cases, city_admin):
    report = assistance_report(city_admin, division=None, months=Q1)
    assert dict(report.by_month()) == {JAN: Figures(2, 5, Decimal("1000.00")),
                                       FEB: Figures(4, 14, Decimal("2800.00")),  # + 河西 and the grant
                                       MAR: Figures(4, 10, Decimal("2100.00"))}
    by_program = {program.code: figures for program, figures in report.by_program()}
    assert by_program["temporary"] == Figures(0, 0, Decimal("1000.00"))  # granted in February, not March
    assert by_program["dibao_urban"] == Figures(4, 10, Decimal("4900.00"))


def test_a_street_report_has_a_row_per_community(cases, city_admin, tree, second_community):
    report = assistance_report(city_admin, division=tree.hp_street, months=Q1)
    assert report.units == [tree.hp_community, second_community]
    assert dict(report.by_unit())[second_community] == Figures(1, 1, Decimal("300.00"))


def test_a_community_report_is_about_itself(cases, city_admin, tree):
    report = assistance_report(city_admin, division=tree.hx_community, months=Q1)
    assert report.units == [tree.hx_community]
    assert report.summary() == Figures(1, 4, Decimal("1600.00"))


def test_a_heping_user_starts_at_heping_and_sees_no_hexi_case(cases, hp_admin, tree):
    report = assistance_report(hp_admin, division=None, months=Q1)
    assert report.division == tree.heping
    assert report.units == [tree.hp_street]
    assert report.summary() == Figures(3, 6, Decimal("4300.00"))
    # Even asked for the city's districts directly, the hexi rows stay empty for this user.
    forced = assistance_statistics(hp_admin, division=tree.city, units=[tree.heping, tree.hexi], months=Q1)
    assert dict(forced.by_unit())[tree.hexi] == Figures()


def test_one_program_only(cases, city_admin):
    report = assistance_report(city_admin, division=None, months=Q1, program=cases["temporary"])
    assert [program.code for program in report.programs] == ["temporary"]
    assert report.summary() == Figures(0, 0, Decimal("1000.00"))


def test_rows_hold_every_month_of_each_series(cases, city_admin, tree):
    rows = assistance_report(city_admin, division=None, months=Q1).rows()
    assert [(row.division.code, row.program.code, row.month) for row in rows] == [
        ("120101", "dibao_urban", JAN), ("120101", "dibao_urban", FEB), ("120101", "dibao_urban", MAR),
        ("120101", "temporary", JAN), ("120101", "temporary", FEB), ("120101", "temporary", MAR),
        ("120103", "dibao_urban", JAN), ("120103", "dibao_urban", FEB), ("120103", "dibao_urban", MAR)]
    assert rows[6].figures == Figures()


def test_queries_do_not_grow_with_months_or_divisions(cases, city_admin, tree):
    year = months_between(datetime.date(2014, 1, 1), datetime.date(2014, 12, 1))
    city_admin.area_paths("assistance.view_benefitperiod")  # the role cache, loaded once per request anyway
    with CaptureQueriesContext(connection) as short:
        assistance_statistics(city_admin, division=tree.city, units=[tree.heping], months=Q1)
    with CaptureQueriesContext(connection) as long:
        assistance_statistics(city_admin, division=tree.city, units=[tree.heping, tree.hexi], months=year)
    assert len(long) == len(short) <= 4  # periods, grants, programs (+ the role cache)


def test_a_user_of_two_districts_gets_a_row_for_each(cases, make_user, tree):
    from minzheng.accounts.models import RoleAssignment
    from minzheng.accounts.services import role_group

    user = make_user("district_approver", tree.heping)
    RoleAssignment.objects.create(user=user, role=role_group("district_approver"), division=tree.hexi)
    report = assistance_report(user, division=None, months=Q1)
    assert report.division is None
    assert report.units == [tree.heping, tree.hexi]
    assert report.summary() == Figures(4, 10, Decimal("5900.00"))
