"""Related fields whose choices are limited to the requesting user's area (forged ids → not found)."""

from rest_framework import serializers

from minzheng.framework.models import ScopedQuerySet


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A primary-key field that only accepts objects the requesting user may view."""

    default_error_messages = {
        "does_not_exist": "对象 {pk_value} 不存在。",
        "incorrect_type": "应为整数主键，收到 {data_type}。",
    }

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        if isinstance(queryset, ScopedQuerySet) and request is not None:
            return queryset.restrict(request.user, "view")
        return queryset
