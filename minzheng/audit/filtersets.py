import django_filters
from django.utils.translation import gettext_lazy as _

from minzheng.audit.choices import ChangeAction
from minzheng.audit.models import AuditEvent, ObjectChange
from minzheng.framework.filtersets import BaseFilterSet

__all__ = ["AuditEventFilterSet", "ObjectChangeFilterSet"]


class AuditRecordFilterSet(BaseFilterSet):
    time_after = django_filters.DateFilter(field_name="time", lookup_expr="date__gte", label=_("From"))
    time_before = django_filters.DateFilter(field_name="time", lookup_expr="date__lte", label=_("To"))
    actor_name = django_filters.CharFilter(label=_("Actor"))
    request_id = django_filters.UUIDFilter(label=_("Request id"))
    content_type_id = django_filters.NumberFilter(field_name="content_type", label=_("Object type id"))
    object_id = django_filters.CharFilter(label=_("Object id"))


class ObjectChangeFilterSet(AuditRecordFilterSet):
    action = django_filters.MultipleChoiceFilter(choices=ChangeAction.choices, label=_("Action"))

    class Meta:
        model = ObjectChange
        fields = []


class AuditEventFilterSet(AuditRecordFilterSet):
    code = django_filters.CharFilter(lookup_expr="startswith", label=_("Event"))

    class Meta:
        model = AuditEvent
        fields = []
