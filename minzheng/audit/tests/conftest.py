"""Fixtures of the audit tests."""

import sqlite3
from contextlib import closing

import pytest
from django.db import connection, connections


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
