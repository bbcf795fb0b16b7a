"""Fixtures of the marriage registry tests: offices in 和平区 and 河西区, clerks, a couple, the notifier."""

import datetime

import pytest
from django.core.cache import cache

from minzheng.marriage.choices import Service
from minzheng.marriage.notifications import MemoryNotifier
from minzheng.marriage.tests.factories import make_office, person_id
from minzheng.registry.choices import MaritalStatus
from minzheng.registry.tests.factories import make_person

#: A Monday in the booking window of the tests that pin "today" (the office is open on it).
TODAY = datetime.date(2026, 11, 16)


@pytest.fixture(autouse=True)
def outbox(settings):
    """Confirmations go to ``MemoryNotifier.outbox``; the booking limit starts fresh."""
    settings.MINZHENG_MARRIAGE_NOTIFIER = "minzheng.marriage.notifications.MemoryNotifier"
    MemoryNotifier.outbox = []
    cache.clear()
    yield MemoryNotifier.outbox
    cache.clear()


@pytest.fixture
def office(tree):
    return make_office(tree.heping, templates=((Service.MARRIAGE, 2), (Service.DIVORCE, 1), (Service.REISSUE, 1)))


@pytest.fixture
def hexi_office(tree):
    return make_office(tree.hexi)


@pytest.fixture
def clerk(make_user, tree):
    return make_user("marriage_clerk", tree.heping, username="hp_clerk")


@pytest.fixture
def hexi_clerk(make_user, tree):
    return make_user("marriage_clerk", tree.hexi, username="hx_clerk")


@pytest.fixture
def couple(tree):
    """张伟 (1990, man) and 李娜 (1993, woman), both registered in 和平区, never married."""
    groom = make_person(tree.hp_community, name="张伟", birth_date=datetime.date(1990, 3, 2), sex="1",
                        id_number=person_id("1", datetime.date(1990, 3, 2)), marital_status=MaritalStatus.SINGLE)
    bride = make_person(tree.hp_community, name="李娜", birth_date=datetime.date(1993, 8, 9), sex="2",
                        id_number=person_id("2", datetime.date(1993, 8, 9)), marital_status=MaritalStatus.SINGLE)
    return groom, bride
