"""Fixtures of the assistance procedure tests: seeded programs and flows, sample standards and rules in
the test city, a 和平区 household, and the people who handle its case at each level."""

import datetime
from decimal import Decimal

import pytest

from minzheng.approvals.holidays import seed_holidays
from minzheng.assistance import flows
from minzheng.assistance.models import Program
from minzheng.assistance.services import seed_programs
from minzheng.assistance.tests import factories
from minzheng.registry.choices import Relation
from minzheng.registry.tests.factories import make_household, make_person


@pytest.fixture
def assistance(db, roles, tree):
    """Programs, flows, holidays, a 低保 standard of 700 and rules from 2014 at the city."""
    seed_holidays()
    seed_programs()
    flows.seed_flows()
    dibao = Program.objects.get(code="dibao_urban")
    factories.standard(dibao, tree.city, "2014-01-01", "700")
    factories.rule_set(dibao, tree.city, "2014-01-01")
    temporary = Program.objects.get(code="temporary")
    factories.rule_set(temporary, tree.city, "2014-01-01", {"street_approval_limit": "1000"})
    return dibao


@pytest.fixture
def household(tree):
    """王建国's household of three in 劝业场示范社区 (和平区)."""
    head = make_person(tree.hp_community, name="王建国", birth_date=datetime.date(1960, 3, 1))
    spouse = make_person(tree.hp_community, name="李秀兰", birth_date=datetime.date(1962, 7, 9), sex="2")
    child = make_person(tree.hp_community, name="王小明", birth_date=datetime.date(2015, 9, 1))
    return make_household(head, tree.hp_community, members=[(spouse, Relation.SPOUSE), (child, Relation.CHILD)])


@pytest.fixture
def staff(make_user, tree):
    """Who handles a 和平区 case, each a different user, and the wrong-area and wrong-role users."""
    return {
        "worker": make_user("community_worker", tree.hp_community, username="hp_community_worker"),
        "officer": make_user("street_officer", tree.hp_street, username="hp_officer_a"),
        "officer2": make_user("street_officer", tree.hp_street, username="hp_officer_b"),
        "officer3": make_user("street_officer", tree.hp_street, username="hp_officer_c"),
        "officer4": make_user("street_officer", tree.hp_street, username="hp_officer_d"),
        "approver": make_user("district_approver", tree.heping, username="hp_approver"),
        "hx_officer": make_user("street_officer", tree.hx_street, username="hx_officer"),
        "hx_approver": make_user("district_approver", tree.hexi, username="hx_approver"),
    }


@pytest.fixture
def documents():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"application_document": SimpleUploadedFile("申请书.pdf", b"%PDF-1.4 application"),
            "authorisation_document": SimpleUploadedFile("授权书.pdf", b"%PDF-1.4 authorisation")}


INCOME = Decimal("900.00")
