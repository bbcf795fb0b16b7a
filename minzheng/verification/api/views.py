from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from minzheng.framework.api.viewsets import ReadOnlyModelViewSet
from minzheng.framework.exceptions import DomainError
from minzheng.verification import filtersets
from minzheng.verification.api import serializers
from minzheng.verification.jobs import start_load
from minzheng.verification.models import SourceRecord, SourceSnapshot
from minzheng.verification.reading import read_source
from minzheng.verification.services import ensure_may_load


class SourceSnapshotViewSet(ReadOnlyModelViewSet):
    """Snapshots, read-only; ``POST upload/`` queues the loading of a file (city-level role needed)."""

    queryset = SourceSnapshot.objects.select_related("loaded_by")
    serializer_class = serializers.SourceSnapshotSerializer
    filterset_class = filtersets.SourceSnapshotFilterSet
    action_permissions = {"upload": "add"}

    @extend_schema(request=serializers.SnapshotUploadSerializer, responses={202: None})
    @action(detail=False, methods=["post"], parser_classes=[MultiPartParser, FormParser],
            serializer_class=serializers.SnapshotUploadSerializer)
    def upload(self, request):
        ensure_may_load(request.user)  # before reading anything: the role must be granted at the city
        serializer = serializers.SnapshotUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            read_source(data["file"].read(), data["kind"], header_only=True)
        except DomainError as exc:
            raise DomainError(exc.message, code=exc.code, field="file") from exc
        data["file"].seek(0)
        job = start_load(data["file"], kind=data["kind"], as_of=data["as_of"], actor=request.user, label=data["label"])
        return Response({"job": job.pk, "status": job.status}, status=status.HTTP_202_ACCEPTED)


class SourceRecordViewSet(ReadOnlyModelViewSet):
    queryset = SourceRecord.objects.select_related("snapshot")
    serializer_class = serializers.SourceRecordSerializer
    filterset_class = filtersets.SourceRecordFilterSet
