"""Fixtures of the verification tests: the 低保 program with its standard and verification rules at the city,
a 和平区 household of two adults and a child, the people who verify, and consents."""

import datetime

import pytest
from django.core.files.base import ContentFile

from minzheng.assistance.models import Program, Standard
from minzheng.assistance.services import seed_programs
from minzheng.registry.choices import Relation
from minzheng.registry.tests.factories import make_household, make_person
from minzheng.verification.models import Consent
from minzheng.verification.tests.factories import eligibility_rules

TODAY = datetime.date(2026, 11, 16)


@pytest.fixture
def dibao(db, roles, tree):
    """城市低保 with a standard of 700 and the verification rules of ``eligibility_rules`` at the city."""
    seed_programs()
    program = Program.objects.get(code="dibao_urban")
    Standard.objects.create(program=program, division=tree.city, effective_from="2014-01-01", area_type="urban",
                            amount="700")
    eligibility_rules(program, tree.city)
    return program


@pytest.fixture
def family(tree):
    """王建国's household in 劝业场示范社区: two adults and a child of 11."""
    head = make_person(tree.hp_community, name="王建国", birth_date=datetime.date(1960, 3, 1))
    spouse = make_person(tree.hp_community, name="李秀兰", birth_date=datetime.date(1962, 7, 9), sex="2")
    child = make_person(tree.hp_community, name="王小明", birth_date=datetime.date(2015, 9, 1))
    return make_household(head, tree.hp_community, members=[(spouse, Relation.SPOUSE), (child, Relation.CHILD)])


def consent(household, person, *, signed_on=datetime.date(2026, 11, 1), **extra) -> Consent:
    return Consent.objects.create(household=household, person=person, signed_on=signed_on,
                                  document=ContentFile(b"%PDF-1.4 signed", name="consent.pdf"), **extra)


def members(household) -> list:
    return [membership.person for membership in household.memberships.order_by("pk")]


@pytest.fixture
def consented(family, settings, tmp_path):
    """Both adults of ``family`` signed on 2026-11-01."""
    settings.MEDIA_ROOT = tmp_path / "media"
    head, spouse, _child = members(family)
    consent(family, head)
    consent(family, spouse)
    return family


@pytest.fixture
def hp_officer(make_user, tree):
    return make_user("street_officer", tree.hp_street, username="hp_officer")


@pytest.fixture
def hx_officer(make_user, tree):
    return make_user("street_officer", tree.hx_street, username="hx_officer")
