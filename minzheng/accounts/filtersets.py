import django_filters
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from minzheng.accounts.models import RoleAssignment
from minzheng.framework.filtersets import TrackedFilterSet

__all__ = ["RoleAssignmentFilterSet"]


class RoleAssignmentFilterSet(TrackedFilterSet):
    role_id = django_filters.ModelChoiceFilter(field_name="role", queryset=Group.objects.all(), label=_("Role"))
    user_id = django_filters.NumberFilter(field_name="user", label=_("User id"))
    division_id = django_filters.NumberFilter(field_name="division", label=_("Division id"))

    class Meta:
        model = RoleAssignment
        fields = []
