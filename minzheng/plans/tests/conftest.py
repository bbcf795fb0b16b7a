"""Helpers for the plan parser tests: the test documents live in ``data/``."""

from pathlib import Path

import pytest

from minzheng.plans.parsing import PlanDocument, parse_plan, read_plan_file

DATA = Path(__file__).parent / "data"


@pytest.fixture
def parse_data():
    """Parse a document of ``data/`` by file name."""

    def parse(name: str) -> PlanDocument:
        return parse_plan(read_plan_file(DATA / name))

    return parse
