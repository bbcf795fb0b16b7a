from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from minzheng.approvals import filtersets, services
from minzheng.approvals.api import serializers
from minzheng.approvals.models import (
    ApprovalDecision,
    ApprovalFlow,
    ApprovalRequest,
    ApprovalStep,
    Holiday,
    Objection,
    StepDelegation,
)
from minzheng.framework.api.viewsets import BaseModelViewSet, ReadOnlyModelViewSet


class HolidayViewSet(BaseModelViewSet):
    queryset = Holiday.objects.all()
    serializer_class = serializers.HolidaySerializer
    filterset_class = filtersets.HolidayFilterSet


class ApprovalFlowViewSet(BaseModelViewSet):
    queryset = ApprovalFlow.objects.all()
    serializer_class = serializers.ApprovalFlowSerializer
    filterset_class = filtersets.ApprovalFlowFilterSet


class ApprovalStepViewSet(BaseModelViewSet):
    queryset = ApprovalStep.objects.select_related("flow", "role")
    serializer_class = serializers.ApprovalStepSerializer
    filterset_class = filtersets.ApprovalStepFilterSet


class StepDelegationViewSet(BaseModelViewSet):
    queryset = StepDelegation.objects.select_related("flow", "step", "division", "role")
    serializer_class = serializers.StepDelegationSerializer
    filterset_class = filtersets.StepDelegationFilterSet


class ApprovalRequestViewSet(ReadOnlyModelViewSet):
    """Requests are read here and moved only through the actions, which call the approvals services."""

    queryset = ApprovalRequest.objects.select_related("flow", "division", "current_step", "content_type")
    serializer_class = serializers.ApprovalRequestSerializer
    filterset_class = filtersets.ApprovalRequestFilterSet
    # Deciding needs only a visible request: the service checks the step's role, level and recusal.
    action_permissions = {"decide": "view", "object": "record_objection", "resolve_objection": "view",
                          "overdue": "view"}

    def _answer(self, approval):
        approval = self.get_queryset().get(pk=approval.pk)
        return Response(serializers.ApprovalRequestSerializer(approval, context=self.get_serializer_context()).data)

    @extend_schema(request=serializers.DecideSerializer, responses=serializers.ApprovalRequestSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Decide the current step: approve, reject (with a reason), return one step, or comment."""
        data = self._input(serializers.DecideSerializer)
        return self._answer(services.decide(self.get_object(), actor=request.user, **data))

    @extend_schema(request=serializers.ObjectionInputSerializer, responses=serializers.ObjectionSerializer)
    @action(detail=True, methods=["post"])
    def object(self, request, pk=None):
        """Record an objection to the public notice that is the current step."""
        data = self._input(serializers.ObjectionInputSerializer)
        objection = services.receive_objection(self.get_object(), actor=request.user, **data)
        return Response(serializers.ObjectionSerializer(objection, context=self.get_serializer_context()).data,
                        status=201)

    @extend_schema(request=serializers.ResolveObjectionSerializer, responses=serializers.ObjectionSerializer)
    @action(detail=True, methods=["post"], url_path="resolve-objection")
    def resolve_objection(self, request, pk=None):
        """Uphold or dismiss an open objection of this request."""
        data = self._input(serializers.ResolveObjectionSerializer)
        objection = get_object_or_404(self.get_object().objections.all(), pk=data.pop("objection"))
        objection = services.resolve_objection(objection, actor=request.user, **data)
        return Response(serializers.ObjectionSerializer(objection, context=self.get_serializer_context()).data)

    @extend_schema(responses=serializers.ApprovalRequestSerializer(many=True))
    @action(detail=False, methods=["get"])
    def overdue(self, request):
        """督办: requests of the caller's area whose current step is past its deadline."""
        queryset = services.overdue(self.filter_queryset(self.get_queryset())).order_by("deadline", "pk")
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


class ApprovalDecisionViewSet(ReadOnlyModelViewSet):
    queryset = ApprovalDecision.objects.select_related("request", "step", "actor", "next_step")
    serializer_class = serializers.ApprovalDecisionSerializer
    filterset_class = filtersets.ApprovalDecisionFilterSet


class ObjectionViewSet(ReadOnlyModelViewSet):
    queryset = Objection.objects.select_related("request", "step")
    serializer_class = serializers.ObjectionSerializer
    filterset_class = filtersets.ObjectionFilterSet
