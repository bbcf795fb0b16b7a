"""Cases of two programs in both districts' communities, paid in 2014 (see ``cases``)."""

import pytest

from minzheng.assistance.choices import CaseStatus
from minzheng.divisions.choices import Kind, Level
from minzheng.divisions.models import Division
from minzheng.indicators.tests.factories import make_case, pay, programs


@pytest.fixture
def second_community(tree):
    """A second community of 劝业场街道."""
    return Division.objects.create(code="120101001002", name="劝业场第二社区", level=Level.COMMUNITY,
                                   kind=Kind.COMMUNITY, parent=tree.hp_street)


@pytest.fixture
def cases(tree, roles, second_community):
    """和平区: 3 members at 600 from 2014-01 (running), 2 at 400 in 2014-01..03, 1 at 300 from 2014-03 in the
    second community, a 临时救助 grant of 1000 to 5 members approved 2014-02-10;
    河西区: 4 members at 800 from 2014-02."""
    program = programs()
    dibao, temporary = program["dibao_urban"], program["temporary"]
    pay(make_case(tree.hp_community, dibao, members=3), "2014-01", "600")
    pay(make_case(tree.hp_community, dibao, members=2, status=CaseStatus.ENDED), "2014-01", "400", ends="2014-04")
    pay(make_case(second_community, dibao, members=1), "2014-03", "300")
    make_case(tree.hp_community, temporary, members=5, status=CaseStatus.GRANTED, approved_on="2014-02-10",
              amount="1000")
    pay(make_case(tree.hx_community, dibao, members=4), "2014-02", "800")
    return program
