"""Helpers for the plan parser tests: the test documents live in ``data/``; the bureau's 2014 plan, which the
demo imports too, in the package's ``data/``."""

from pathlib import Path

import pytest

from minzheng.plans.parsing import PlanDocument, parse_plan, read_plan_file

DATA = Path(__file__).parent / "data"
PACKAGE_DATA = Path(__file__).parent.parent / "data"


@pytest.fixture
def parse_data():
    """Parse a document of ``data/`` by file name."""

    def parse(name: str) -> PlanDocument:
        path = DATA / name if (DATA / name).exists() else PACKAGE_DATA / name
        return parse_plan(read_plan_file(path))

    return parse
