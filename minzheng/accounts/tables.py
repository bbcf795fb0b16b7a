import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from minzheng.accounts.models import RoleAssignment
from minzheng.framework.tables import BaseTable, LinkColumn

__all__ = ["RoleAssignmentTable"]


class RoleAssignmentTable(BaseTable):
    user = LinkColumn(verbose_name=_("user"), order_by=("user__username",))
    role = tables.Column(verbose_name=_("role"), order_by=("role__name",))
    division = tables.Column(verbose_name=_("division"), order_by=("division__path",))

    class Meta(BaseTable.Meta):
        model = RoleAssignment
        fields = ("user", "role", "division", "created_at")
