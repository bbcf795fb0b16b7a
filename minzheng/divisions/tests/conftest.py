"""Fixtures of the divisions tests: the 天津市 reference tree and small helpers."""

import pytest

from minzheng.divisions.choices import Kind, Level
from minzheng.divisions.models import Division
from minzheng.divisions.services import load_reference


@pytest.fixture
def reference(db):
    """The reference data loaded once; returns a ``code -> Division`` lookup reading fresh rows."""
    load_reference()

    def unit(code: str) -> Division:
        return Division.objects.get(code=code)

    return unit


@pytest.fixture
def make_street(db):
    """Create a street (and optionally a community below it) under a given unit."""

    def make(parent: Division, segment: str = "100", name: str = "示例镇", *, community: bool = False) -> Division:
        street = Division.objects.create(code=f"{parent.code}{segment}000", name=name, level=Level.STREET,
                                         kind=Kind.TOWN, parent=parent)
        if community:
            Division.objects.create(code=f"{parent.code}{segment}001", name=f"{name}社区", level=Level.COMMUNITY,
                                    kind=Kind.COMMUNITY, parent=street)
        return street

    return make
