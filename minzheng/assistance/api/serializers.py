from rest_framework import serializers

from minzheng.assistance.choices import ProgramKind, UrbanRural
from minzheng.assistance.models import (
    CalculationRuleSet,
    CaseworkerRecord,
    ConflictFiling,
    DeclaredRelative,
    Program,
    Standard,
)
from minzheng.divisions.models import Division
from minzheng.framework.api.fields import ScopedPrimaryKeyRelatedField
from minzheng.framework.api.serializers import BaseModelSerializer

__all__ = [
    "CalculationLineSerializer",
    "CalculationRuleSetSerializer",
    "CaseworkerRecordSerializer",
    "ConflictFilingSerializer",
    "DeclaredRelativeSerializer",
    "DibaoQuoteRequestSerializer",
    "DibaoQuoteSerializer",
    "MemberSerializer",
    "ProgramSerializer",
    "StandardSerializer",
]

TRACKED = ["remarks", "created_at", "updated_at"]
PARAMETER = ["program", "division", "effective_from", "effective_until", "is_sample", "source_document"]


class ProgramSerializer(BaseModelSerializer):
    class Meta:
        model = Program
        fields = ["id", "display", "code", "name", "kind", "legal_basis", "is_active", "created_at", "updated_at"]


class StandardSerializer(BaseModelSerializer):
    class Meta:
        model = Standard
        fields = ["id", "display", *PARAMETER, "area_type", "amount", *TRACKED]


class CalculationRuleSetSerializer(BaseModelSerializer):
    class Meta:
        model = CalculationRuleSet
        fields = ["id", "display", *PARAMETER, "rules", *TRACKED]


class CaseworkerRecordSerializer(BaseModelSerializer):
    class Meta:
        model = CaseworkerRecord
        fields = ["id", "display", "person", "name", "id_number", "role", "position", "division", "user",
                  "active_from", "active_until", *TRACKED]


class DeclaredRelativeSerializer(BaseModelSerializer):
    class Meta:
        model = DeclaredRelative
        fields = ["id", "display", "caseworker", "relation", "person", "name", "id_number", *TRACKED]


class ConflictFilingSerializer(BaseModelSerializer):
    class Meta:
        model = ConflictFiling
        fields = ["id", "display", "caseworker", "relative", "division", "case_reference", "filed_by", "filed_on",
                  "home_visit_rate", "note", *TRACKED]
        read_only_fields = ["filed_by", "home_visit_rate"]

    def validate(self, attrs):
        if self.instance is None:
            attrs["filed_by"] = self.context["request"].user  # the one filing it, not an input
        return super().validate(attrs)


# The 低保 calculator


class MemberSerializer(serializers.Serializer):
    age = serializers.IntegerField(min_value=0, max_value=150)
    severe_disability = serializers.BooleanField(default=False)
    serious_illness = serializers.BooleanField(default=False)


class DibaoQuoteRequestSerializer(serializers.Serializer):
    program = serializers.PrimaryKeyRelatedField(queryset=Program.objects.filter(kind=ProgramKind.DIBAO))
    area_type = serializers.ChoiceField(choices=UrbanRural.choices)
    division = ScopedPrimaryKeyRelatedField(queryset=Division.objects.all())
    date = serializers.DateField()
    household_income = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    members = MemberSerializer(many=True, allow_empty=False)


class CalculationLineSerializer(serializers.Serializer):
    label = serializers.CharField()
    formula = serializers.CharField()
    value = serializers.CharField()


class DibaoQuoteSerializer(serializers.Serializer):
    standard = serializers.IntegerField(source="standard.pk")
    standard_is_sample = serializers.BooleanField(source="standard.is_sample")
    rule_set = serializers.IntegerField(source="rule_set.pk")
    amount = serializers.DecimalField(source="calculation.amount", max_digits=12, decimal_places=2)
    eligible = serializers.BooleanField(source="calculation.eligible")
    reason = serializers.CharField(source="calculation.reason")
    lines = CalculationLineSerializer(source="calculation.lines", many=True)
