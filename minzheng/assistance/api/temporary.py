"""临时救助 in the API: set the grant amount (it decides who approves), 先行救助, and the urgent grants to recover."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from minzheng.assistance import case_filtersets, temporary
from minzheng.assistance.api.cases import AssistanceCaseSerializer
from minzheng.assistance.choices import ProgramKind
from minzheng.assistance.models import AssistanceCase
from minzheng.framework.api.viewsets import ReadOnlyModelViewSet

__all__ = ["TemporaryCaseViewSet"]

MONEY = {"max_digits": 12, "decimal_places": 2}


class GrantAmountSerializer(serializers.Serializer):
    amount = serializers.DecimalField(**MONEY, min_value=0)


class UrgentGrantSerializer(GrantAmountSerializer):
    reason = serializers.CharField()


class TemporaryCaseViewSet(ReadOnlyModelViewSet):
    """临时救助 cases of the caller's area; the actions' services check the step, the role and the level."""

    queryset = AssistanceCase.objects.filter(kind=ProgramKind.TEMPORARY).select_related(
        "program", "household", "applicant", "division")
    serializer_class = AssistanceCaseSerializer
    filterset_class = case_filtersets.AssistanceCaseFilterSet
    action_permissions = {"set_amount": "view", "grant_urgently": "view", "to_recover": "view"}

    def _input(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _answer(self, case) -> Response:
        return Response(self.get_serializer(AssistanceCase.objects.get(pk=case.pk)).data)

    @extend_schema(request=GrantAmountSerializer, responses=AssistanceCaseSerializer)
    @action(detail=True, methods=["post"], url_path="set-amount")
    def set_amount(self, request, pk=None):
        """Record the grant amount; up to the street limit the district step is left out, above it required."""
        return self._answer(temporary.set_grant_amount(self.get_object(), actor=request.user,
                                                       **self._input(GrantAmountSerializer)))

    @extend_schema(request=UrgentGrantSerializer, responses=AssistanceCaseSerializer)
    @action(detail=True, methods=["post"], url_path="grant-urgently")
    def grant_urgently(self, request, pk=None):
        """先行救助: grant up to the street limit at once; the procedure is completed afterwards."""
        return self._answer(temporary.grant_urgently(self.get_object(), actor=request.user,
                                                     **self._input(UrgentGrantSerializer)))

    @extend_schema(responses=AssistanceCaseSerializer(many=True))
    @action(detail=False, methods=["get"], url_path="to-recover")
    def to_recover(self, request):
        """Urgent grants the procedure then rejected: their money is to be recovered."""
        queryset = temporary.urgent_to_recover(self.filter_queryset(self.get_queryset()))
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
