"""Test support: generated view and API suites, pytest fixtures and helpers (house style T1, T6).

Import the suites from their modules (``views.ViewTestCases``, ``api.APIViewTestCases``); each
keeps its mixins inside one outer class so that pytest does not collect them.
"""
