from minzheng.divisions import filtersets
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
