import django_filters
from django.utils.translation import gettext_lazy as _

from minzheng.framework.filtersets import BaseFilterSet
from minzheng.verification.choices import SnapshotStatus, SourceKind
from minzheng.verification.models import SourceRecord, SourceSnapshot

__all__ = ["SourceRecordFilterSet", "SourceSnapshotFilterSet"]


class SourceSnapshotFilterSet(BaseFilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=SourceKind.choices, label=_("Source"))
    status = django_filters.MultipleChoiceFilter(choices=SnapshotStatus.choices, label=_("Status"))

    class Meta:
        model = SourceSnapshot
        fields = []


class SourceRecordFilterSet(BaseFilterSet):
    snapshot_id = django_filters.NumberFilter(field_name="snapshot", label=_("Snapshot"))
    kind = django_filters.ChoiceFilter(field_name="snapshot__kind", choices=SourceKind.choices, label=_("Source"))
    id_number = django_filters.CharFilter(method="filter_id_number", label=_("Identity number"))

    class Meta:
        model = SourceRecord
        fields = []

    def filter_id_number(self, queryset, name, value):
        return queryset.filter(id_number=value.strip().upper())
