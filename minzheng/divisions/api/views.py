from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from minzheng.divisions import filtersets, services
from minzheng.divisions.api import serializers
from minzheng.divisions.models import Division, DivisionChange
from minzheng.framework.api.viewsets import BaseModelViewSet


class DivisionViewSet(BaseModelViewSet):
    queryset = Division.objects.select_related("parent")
    serializer_class = serializers.DivisionSerializer
    filterset_class = filtersets.DivisionFilterSet


class DivisionChangeViewSet(BaseModelViewSet):
    queryset = DivisionChange.objects.prefetch_related("sources", "targets")
    serializer_class = serializers.DivisionChangeSerializer
    filterset_class = filtersets.DivisionChangeFilterSet
    action_permissions = {"apply": "change"}

    @extend_schema(request=None, responses=serializers.DivisionChangeSerializer)
    @action(detail=True, methods=["post"])
    def apply(self, request, pk=None):
        """Give effect to the change in the division tree (idempotent)."""
        change = services.apply_change(self.get_object(), actor=request.user)
        return Response(self.get_serializer(change).data)
