"""pytest fixtures for every app's tests.

``tree`` builds 天津市 (120000) with 和平区 (120101) and 河西区 (120103), one street in each
and one community under each street. ``make_user(role, division)`` creates a user holding a
seeded role there. Named users: ``hp_admin`` (city admin in 和平区 only), ``hp_worker``,
``hx_approver``, ``city_admin``.
"""

from types import SimpleNamespace

import pytest

from minzheng.accounts.models import RoleAssignment, User
from minzheng.accounts.services import role_group, seed_roles
from minzheng.divisions.choices import Kind, Level
from minzheng.divisions.models import Division

__all__ = ["city_admin", "hp_admin", "hp_worker", "hx_approver", "make_user", "roles", "tree"]


def _division(code, name, level, kind, parent=None):
    return Division.objects.create(code=code, name=name, level=level, kind=kind, parent=parent)


def build_tree() -> SimpleNamespace:
    city = _division("120000", "天津市", Level.CITY, Kind.MUNICIPALITY)
    heping = _division("120101", "和平区", Level.DISTRICT, Kind.DISTRICT, city)
    hexi = _division("120103", "河西区", Level.DISTRICT, Kind.DISTRICT, city)
    hp_street = _division("120101001000", "劝业场街道", Level.STREET, Kind.SUBDISTRICT, heping)
    hx_street = _division("120103001000", "大营门街道", Level.STREET, Kind.SUBDISTRICT, hexi)
    hp_community = _division("120101001001", "劝业场示范社区", Level.COMMUNITY, Kind.COMMUNITY, hp_street)
    hx_community = _division("120103001001", "大营门示范社区", Level.COMMUNITY, Kind.COMMUNITY, hx_street)
    return SimpleNamespace(city=city, heping=heping, hexi=hexi, hp_street=hp_street, hx_street=hx_street,
                           hp_community=hp_community, hx_community=hx_community)


@pytest.fixture
def tree(db):
    return build_tree()


@pytest.fixture
def roles(db):
    seed_roles()


@pytest.fixture
def make_user(db, roles):
    counter = iter(range(1, 10_000))

    def make(role_code: str | None, division=None, *, username: str | None = None, **extra) -> User:
        user = User.objects.create_user(username=username or f"user{next(counter)}", password="pw-123456", **extra)
        if role_code is not None:
            RoleAssignment.objects.create(user=user, role=role_group(role_code), division=division)
        return user

    return make


@pytest.fixture
def hp_admin(make_user, tree):
    """Holds the city administrator role, but only within 和平区."""
    return make_user("city_admin", tree.heping, username="hp_admin")


@pytest.fixture
def hp_worker(make_user, tree):
    return make_user("community_worker", tree.hp_community, username="hp_worker")


@pytest.fixture
def hx_approver(make_user, tree):
    return make_user("district_approver", tree.hexi, username="hx_approver")


@pytest.fixture
def city_admin(make_user, tree):
    return make_user("city_admin", tree.city, username="city_admin")
