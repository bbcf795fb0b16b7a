from minzheng.accounts.models import RoleAssignment
from minzheng.framework.forms import BaseModelForm

__all__ = ["RoleAssignmentForm"]


class RoleAssignmentForm(BaseModelForm):
    class Meta:
        model = RoleAssignment
        fields = ["user", "role", "division"]
