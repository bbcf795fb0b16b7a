from minzheng.accounts.models import RoleAssignment
from minzheng.framework.api.serializers import BaseModelSerializer

__all__ = ["RoleAssignmentSerializer"]


class RoleAssignmentSerializer(BaseModelSerializer):
    class Meta:
        model = RoleAssignment
        fields = ["id", "display", "user", "role", "division", "created_at", "updated_at"]
