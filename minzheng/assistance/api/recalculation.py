"""Recalculations in the API: read, approve, reject; and the mixin by which the standard and rule set
endpoints request a recalculation on every write."""

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from minzheng.assistance import filtersets, recalculation
from minzheng.assistance.models import Recalculation, RecalculationItem
from minzheng.framework.api.serializers import BaseModelSerializer
from minzheng.framework.api.viewsets import ReadOnlyModelViewSet

__all__ = ["ParameterViewSetMixin", "RecalculationItemSerializer", "RecalculationSerializer",
           "RecalculationViewSet"]


class RecalculationItemSerializer(BaseModelSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    difference = serializers.SerializerMethodField()

    class Meta:
        model = RecalculationItem
        fields = ["id", "case", "case_number", "old_amount", "new_amount", "difference", "calculation", "remarks"]
        read_only_fields = fields

    def get_difference(self, item) -> str:
        return str(item.new_amount - item.old_amount)


class RecalculationSerializer(BaseModelSerializer):
    items = RecalculationItemSerializer(many=True, read_only=True)

    class Meta:
        model = Recalculation
        fields = ["id", "display", "program", "division", "effective", "trigger", "status", "decided_by",
                  "decided_at", "decision_reason", "items", "created_at", "updated_at"]
        read_only_fields = fields


class RejectionSerializer(serializers.Serializer):
    reason = serializers.CharField()


class RecalculationViewSet(ReadOnlyModelViewSet):
    """Batches of the caller's area, pending first; a district approver of the batch's district decides."""

    queryset = Recalculation.objects.select_related("program", "division").prefetch_related("items__case")
    serializer_class = RecalculationSerializer
    filterset_class = filtersets.RecalculationFilterSet
    action_permissions = {"approve": "change", "reject": "change"}

    def get_queryset(self):
        return recalculation.pending_first(super().get_queryset())

    def _answer(self, batch) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=batch.pk)).data)

    @extend_schema(request=None, responses=RecalculationSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Apply every changed amount from the batch's month (skipped items carry the reason)."""
        return self._answer(recalculation.approve_recalculation(self.get_object(), actor=request.user))

    @extend_schema(request=RejectionSerializer, responses=RecalculationSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Close the batch without changing any benefit."""
        data = RejectionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._answer(recalculation.reject_recalculation(self.get_object(), actor=request.user,
                                                               reason=data.validated_data["reason"]))


class ParameterViewSetMixin:
    """On the standard and rule set viewsets: every create, update and delete requests the recalculation."""

    def perform_create(self, serializer):
        with transaction.atomic():
            super().perform_create(serializer)
            recalculation.request_recalculation(serializer.instance, actor=self.request.user, action="create")

    def perform_update(self, serializer):
        before = recalculation.coverage(serializer.instance)
        with transaction.atomic():
            super().perform_update(serializer)
            recalculation.request_recalculation(serializer.instance, actor=self.request.user, action="update",
                                                before=before)

    def perform_destroy(self, instance):
        recalculation.delete_parameter(instance, actor=self.request.user)
