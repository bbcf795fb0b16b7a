"""pytest fixtures for every app's tests.

``tree`` builds 天津市 (120000) with 和平区 (120101) and 河西区 (120103), one street in each
and one community under each street. ``make_user(role, division)`` creates a user holding a
seeded role there. Named users: ``hp_admin`` (city admin in 和平区 only), ``hp_worker``,
``hx_approver``, ``city_admin``.

Hand-written view tests do not use the bare ``client`` (house style T6): ``login_as`` and
``api_as`` return a page or API client logged in as a given user, or as a new user holding a
role in a division; ``anon_client`` and ``anon_api`` are the anonymous principal.
"""

import itertools
import sqlite3
from contextlib import closing

import pytest
from django.db import connection, connections
from django.test import Client
from rest_framework.test import APIClient

from minzheng.accounts.models import User
from minzheng.accounts.services import seed_roles
from minzheng.framework.testing.utils import build_tree, create_user

__all__ = [
    "file_database",
    "anon_api",
    "anon_client",
    "api_as",
    "build_tree",
    "city_admin",
    "hp_admin",
    "hp_worker",
    "hx_approver",
    "login_as",
    "make_user",
    "roles",
    "tree",
]


@pytest.fixture
def tree(db):
    return build_tree()


@pytest.fixture
def roles(db):
    seed_roles()


@pytest.fixture
def make_user(db, roles):
    counter = itertools.count(1)

    def make(role_code: str | None, division=None, *, username: str | None = None, **extra) -> User:
        return create_user(role_code, division, username=username or f"user{next(counter)}", **extra)

    return make


def _logged_in(client_class, make_user):
    def login(user_or_role: User | str | None, division=None, *, enforce_csrf_checks=False, **extra):
        user = user_or_role if isinstance(user_or_role, User) else make_user(user_or_role, division, **extra)
        client = client_class(enforce_csrf_checks=enforce_csrf_checks)
        client.force_login(user)
        client.user = user
        return client

    return login


@pytest.fixture
def login_as(make_user):
    """``login_as(hp_admin)`` or ``login_as("city_admin", tree.heping)``: a page client logged in as that user.

    ``login_as(None)`` is a user holding no role; ``enforce_csrf_checks=True`` makes the client check CSRF.
    """
    return _logged_in(Client, make_user)


@pytest.fixture
def api_as(make_user):
    """Like ``login_as``, for the API (DRF's APIClient, session-authenticated)."""
    return _logged_in(APIClient, make_user)


@pytest.fixture
def anon_client(db):
    return Client()


@pytest.fixture
def anon_api(db):
    return APIClient()


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


@pytest.fixture
def file_database(transactional_db, tmp_path, monkeypatch):
    """On SQLite, run the test against a file copy of the test database; on PostgreSQL, change nothing.

    The SQLite test database lives in memory with a shared cache, where a second writer fails at
    once with "database table is locked" instead of waiting for the lock. Production uses a file
    (WAL, ``BEGIN IMMEDIATE``, a busy timeout), where writers queue; the copy behaves the same.
    Every thread that connects during the test gets the file; it is dropped afterwards.
    """
    if connection.vendor != "sqlite":
        yield
        return
    path = tmp_path / "test.sqlite3"
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as target:
        connection.connection.backup(target)
    in_memory = connections["default"]
    monkeypatch.setitem(connections.settings, "default", {**in_memory.settings_dict, "NAME": str(path)})
    on_file = connections.create_connection("default")
    connections["default"] = on_file
    try:
        yield
    finally:
        on_file.close()
        connections["default"] = in_memory
