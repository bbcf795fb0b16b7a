from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from minzheng.framework.api.serializers import BaseModelSerializer
from minzheng.verification.choices import SourceKind
from minzheng.verification.models import SourceRecord, SourceSnapshot

__all__ = ["SnapshotUploadSerializer", "SourceRecordSerializer", "SourceSnapshotSerializer"]


class SourceSnapshotSerializer(BaseModelSerializer):
    class Meta:
        model = SourceSnapshot
        fields = ["id", "display", "kind", "label", "as_of", "status", "file_name", "row_count", "rejected_count",
                  "loaded_at", "loaded_by", "superseded_at"]


class SourceRecordSerializer(BaseModelSerializer):
    """A row of a snapshot; ``id_number`` is masked unless revealed (``?reveal=id_number``, logged)."""

    class Meta:
        model = SourceRecord
        fields = ["id", "display", "snapshot", "id_number", "name", "amount", "quantity", "category", "period",
                  "reference"]


class SnapshotUploadSerializer(serializers.Serializer):
    """``POST snapshots/upload/`` (multipart): the file is loaded by a job; the answer names the job."""

    kind = serializers.ChoiceField(choices=SourceKind.choices)
    as_of = serializers.DateField()
    label = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    file = serializers.FileField(help_text=_("xlsx or CSV, see docs/verification.md"))
