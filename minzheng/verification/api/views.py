from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from minzheng.audit.services import record_event
from minzheng.framework.api.viewsets import BaseModelViewSet, ReadOnlyModelViewSet
from minzheng.framework.exceptions import DomainError
from minzheng.verification import filtersets
from minzheng.verification.annual import start_batch_review
from minzheng.verification.api import serializers
from minzheng.verification.consents import record_consent, revoke_consent
from minzheng.verification.events import VerificationEvent
from minzheng.verification.jobs import start_load
from minzheng.verification.models import (
    AccessLog,
    BatchFinding,
    BatchReview,
    Consent,
    EligibilityRuleSet,
    SourceRecord,
    SourceSnapshot,
    Verification,
)
from minzheng.verification.reading import read_source
from minzheng.verification.services import ensure_may_load
from minzheng.verification.verify import verify_household


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


class ConsentViewSet(BaseModelViewSet):
    """Consents of the caller's area; a recorded consent is never edited or deleted, only revoked."""

    queryset = Consent.objects.select_related("household", "person")
    serializer_class = serializers.ConsentSerializer
    filterset_class = filtersets.ConsentFilterSet
    http_method_names = ["get", "post", "head", "options"]
    action_permissions = {"revoke": "change"}

    def perform_create(self, serializer):
        serializer.instance = record_consent(Consent(**serializer.validated_data), actor=self.request.user)

    @extend_schema(request=serializers.RevokeSerializer, responses=serializers.ConsentSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        data = serializers.RevokeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        consent = revoke_consent(self.get_object(), actor=request.user, on=data.validated_data["on"])
        return Response(self.get_serializer(consent).data)


class EligibilityRuleSetViewSet(BaseModelViewSet):
    queryset = EligibilityRuleSet.objects.select_related("program", "division")
    serializer_class = serializers.EligibilityRuleSetSerializer
    filterset_class = filtersets.EligibilityRuleSetFilterSet


class VerificationViewSet(ReadOnlyModelViewSet):
    """Reports of the caller's area; ``POST`` requests one (refused without every adult's consent)."""

    queryset = Verification.objects.select_related("household", "program", "case")
    serializer_class = serializers.VerificationSerializer
    filterset_class = filtersets.VerificationFilterSet
    action_permissions = {"create": "add"}

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        record_event(VerificationEvent.REPORT_VIEWED, actor=request.user, subject=self.get_object())
        return response

    @extend_schema(request=serializers.VerificationRequestSerializer,
                   responses={201: serializers.VerificationSerializer})
    def create(self, request, *args, **kwargs):
        data = serializers.VerificationRequestSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        report = verify_household(actor=request.user, **data.validated_data)
        return Response(self.get_serializer(report).data, status=status.HTTP_201_CREATED)


class AccessLogViewSet(ReadOnlyModelViewSet):
    queryset = AccessLog.objects.all()
    serializer_class = serializers.AccessLogSerializer
    filterset_class = filtersets.AccessLogFilterSet


class BatchReviewViewSet(ReadOnlyModelViewSet):
    """Batch reviews (city-wide); ``POST start/`` queues one (a role granted at the city)."""

    queryset = BatchReview.objects.all()
    serializer_class = serializers.BatchReviewSerializer
    filterset_class = filtersets.BatchReviewFilterSet
    action_permissions = {"start": "add"}

    @extend_schema(request=None, responses={202: serializers.BatchReviewSerializer})
    @action(detail=False, methods=["post"])
    def start(self, request):
        batch = start_batch_review(actor=request.user)
        return Response(self.get_serializer(batch).data, status=status.HTTP_202_ACCEPTED)


class BatchFindingViewSet(ReadOnlyModelViewSet):
    queryset = BatchFinding.objects.select_related("case", "division")
    serializer_class = serializers.BatchFindingSerializer
    filterset_class = filtersets.BatchFindingFilterSet
