from decimal import Decimal

from rest_framework import serializers

__all__ = ["DivisionRefSerializer", "IndicatorValueSerializer"]


class DivisionRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class IndicatorValueSerializer(serializers.Serializer):
    """An ``services.IndicatorValue``: the indicator, its value (a string for amounts), division and period."""

    code = serializers.CharField(source="indicator.code")
    name = serializers.CharField(source="indicator.name")
    unit = serializers.CharField(source="indicator.unit")
    description = serializers.CharField(source="indicator.description")
    value = serializers.SerializerMethodField()
    division = DivisionRefSerializer(allow_null=True)
    period_start = serializers.DateField()
    period_end = serializers.DateField()

    def get_value(self, item) -> str | int:
        return f"{item.value:.2f}" if isinstance(item.value, Decimal) else item.value
