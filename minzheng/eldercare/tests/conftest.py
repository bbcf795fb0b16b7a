"""The assessment tests read the rule-table messages in English (the msgids); the pages show them in Chinese."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield
