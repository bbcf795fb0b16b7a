"""Change-record and business-event pages and API (read-only): generated suites, data only.

Audit rows carry a ``division_path`` string rather than a foreign key; scoping follows it.
The API suites live here too: ``audit/tests/test_api.py`` belongs to another change.
"""

from django.apps import apps

from minzheng.audit.models import AuditEvent, ObjectChange
from minzheng.audit.services import record_change, record_event
from minzheng.audit.views import ObjectChangelogView
from minzheng.framework.models import TrackedModel
from minzheng.framework.registry import registry
from minzheng.framework.testing.api import APIViewTestCases
from minzheng.framework.testing.views import ViewTestCases


def changes(tree):
    return [
        record_change(division, "update", actor=None, before={"remarks": ""}, after={"remarks": "核对"})
        for division in (tree.hp_street, tree.hp_community, tree.hx_street)
    ]


def events(tree):
    return [
        record_event(code, actor=None, subject=division, payload={"note": code})
        for code, division in (("test.division.alpha", tree.hp_street), ("test.division.beta", tree.hp_community),
                               ("test.division.gamma", tree.hx_street))
    ]


class ObjectChangeViewTestCase(ViewTestCases.ReadOnlyObjectViewTestCase):
    model = ObjectChange
    sort_column = "seq"

    @classmethod
    def create_objects(cls, tree):
        return changes(tree)


class AuditEventViewTestCase(ViewTestCases.ReadOnlyObjectViewTestCase):
    model = AuditEvent
    sort_column = "seq"

    @classmethod
    def create_objects(cls, tree):
        return events(tree)


class ObjectChangeAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = ObjectChange

    @classmethod
    def create_objects(cls, tree):
        return changes(tree)


class AuditEventAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = AuditEvent

    @classmethod
    def create_objects(cls, tree):
        return events(tree)


def test_every_tracked_model_has_a_changelog_tab():
    tracked = [model for model in apps.get_models() if issubclass(model, TrackedModel)]
    assert tracked
    for model in tracked:
        entry = registry["views"][model].get("changelog")
        assert entry is not None and entry["view"] is ObjectChangelogView and entry["detail"], model
