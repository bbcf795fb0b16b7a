"""Pages and API of source snapshots and records: generated suites (city-wide, read-only data)."""

import datetime
from decimal import Decimal

from minzheng.framework.testing.api import APIViewTestCases
from minzheng.framework.testing.views import ViewTestCases
from minzheng.verification.choices import SnapshotStatus, SourceKind
from minzheng.verification.models import SourceRecord, SourceSnapshot
from minzheng.verification.tests.factories import id_number, make_snapshot


def three_snapshots(tree):
    return [
        make_snapshot(SourceKind.WAGES, label="人社工资甲"),
        make_snapshot(SourceKind.WAGES, as_of=datetime.date(2026, 9, 30), status=SnapshotStatus.SUPERSEDED,
                      label="人社工资乙"),
        make_snapshot(SourceKind.VEHICLE, label="车辆登记丙"),
    ]


def three_records(tree):
    snapshot = make_snapshot(records=[(id_number(1), "张三明", Decimal("3200.00")),
                                      (id_number(3), "李四光", Decimal("4100.50")),
                                      (id_number(5), "王五福", Decimal("0.00"))])
    return list(SourceRecord.objects.filter(snapshot=snapshot).order_by("pk"))


class SourceSnapshotViewTestCase(ViewTestCases.ReadOnlyObjectViewTestCase):
    model = SourceSnapshot
    sort_column = "as_of"

    @classmethod
    def create_objects(cls, tree):
        return three_snapshots(tree)


class SourceRecordViewTestCase(ViewTestCases.ReadOnlyObjectViewTestCase):
    model = SourceRecord
    sort_column = "amount"
    list_params = {"kind": SourceKind.WAGES}  # the list opens on its search form

    @classmethod
    def create_objects(cls, tree):
        return three_records(tree)


class SourceSnapshotAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = SourceSnapshot

    @classmethod
    def create_objects(cls, tree):
        return three_snapshots(tree)


class SourceRecordAPITestCase(APIViewTestCases.ReadOnlyAPIViewTestCase):
    model = SourceRecord

    @classmethod
    def create_objects(cls, tree):
        return three_records(tree)
