"""Fixtures of the approvals tests: a three-step flow, the people who decide it, and the holiday table."""

import pytest

from minzheng.approvals import hooks
from minzheng.approvals.holidays import seed_holidays
from minzheng.approvals.tests.factories import make_flow


@pytest.fixture
def holidays(db):
    """The holiday table seeded from the chinese-calendar package."""
    return seed_holidays()


@pytest.fixture(autouse=True)
def clean_hooks(monkeypatch):
    """Each test registers its own callbacks and recusal checks."""
    monkeypatch.setattr(hooks, "_callbacks", {})
    monkeypatch.setattr(hooks, "_recusal_checks", {})


@pytest.fixture
def flow(db, roles, holidays):
    return make_flow()


@pytest.fixture
def hp_officer(make_user, tree):
    """街道经办员 of 劝业场街道 (和平区)."""
    return make_user("street_officer", tree.hp_street, username="hp_officer")


@pytest.fixture
def hp_approver(make_user, tree):
    """区县审批员 of 和平区."""
    return make_user("district_approver", tree.heping, username="hp_approver")
