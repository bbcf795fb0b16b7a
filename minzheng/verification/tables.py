import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from minzheng.framework.tables import BaseTable, LinkColumn
from minzheng.verification.models import SourceRecord, SourceSnapshot

__all__ = ["SourceRecordTable", "SourceSnapshotTable"]


class SourceSnapshotTable(BaseTable):
    as_of = LinkColumn(verbose_name=_("as of"))

    class Meta(BaseTable.Meta):
        model = SourceSnapshot
        fields = ("as_of", "kind", "status", "label", "file_name", "row_count", "rejected_count", "loaded_at",
                  "superseded_at")


class SourceRecordTable(BaseTable):
    name = LinkColumn(verbose_name=_("name"))
    kind = tables.Column(verbose_name=_("source"), accessor="snapshot__kind", orderable=False)

    class Meta(BaseTable.Meta):
        model = SourceRecord
        fields = ("name", "id_number", "kind", "amount", "quantity", "category", "period", "reference")

    def render_kind(self, record):
        return record.snapshot.get_kind_display()
