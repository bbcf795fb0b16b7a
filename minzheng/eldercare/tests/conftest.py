"""Fixtures of the elderly-care tests: the seeded rules, the assessors, and English messages (the msgids)."""

import pytest
from django.utils import translation

from minzheng.eldercare.services.reference import seed_reference


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def reference(db):
    """The establishment rule sets and the MZ/T 039-2013 table (the migration's rows, or seeded again after a
    flush by a transactional test)."""
    seed_reference()


@pytest.fixture
def assessors(make_user, tree, reference):
    """Two street officers of 劝业场街道 (和平区), who record and confirm assessments."""
    return (make_user("street_officer", tree.hp_street, username="assessor_a"),
            make_user("street_officer", tree.hp_street, username="assessor_b"))


@pytest.fixture
def hx_officer(make_user, tree):
    return make_user("street_officer", tree.hx_street, username="hx_officer")
