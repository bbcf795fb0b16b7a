"""Shared fixtures for every app's tests (see framework/testing/fixtures.py)."""

from minzheng.framework.testing.fixtures import *  # noqa: F403
