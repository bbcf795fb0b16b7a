"""Paid cases in 和平区 and 河西区 from 2014 (see ``paid``)."""

import pytest

from minzheng.assistance.choices import CaseStatus
from minzheng.indicators.tests.factories import make_case, pay, programs


@pytest.fixture
def paid(tree, roles):
    """和平区: A (3 members, 600 from 2014-01, running), B (2, 400 in 2014-01..03, ended since), D (suspended);
    河西区: C (4 members, 800 from 2014-02, running)."""
    dibao = programs()["dibao_urban"]
    cases = {
        "A": make_case(tree.hp_community, dibao, members=3),
        "B": make_case(tree.hp_community, dibao, members=2, status=CaseStatus.ENDED),
        "C": make_case(tree.hx_community, dibao, members=4),
        "D": make_case(tree.hp_community, dibao, members=1, status=CaseStatus.SUSPENDED),
    }
    pay(cases["A"], "2014-01", "600")
    pay(cases["B"], "2014-01", "400", ends="2014-04")
    pay(cases["C"], "2014-02", "800")
    pay(cases["D"], "2014-01", "500")
    return cases
