from minzheng.accounts import filtersets
from minzheng.accounts.api import serializers
from minzheng.accounts.models import RoleAssignment
from minzheng.framework.api.viewsets import BaseModelViewSet


class RoleAssignmentViewSet(BaseModelViewSet):
    queryset = RoleAssignment.objects.select_related("user", "role", "division")
    serializer_class = serializers.RoleAssignmentSerializer
    filterset_class = filtersets.RoleAssignmentFilterSet
