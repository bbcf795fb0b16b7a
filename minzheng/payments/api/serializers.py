from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from minzheng.assistance.models import Program
from minzheng.divisions.choices import Level
from minzheng.divisions.models import Division
from minzheng.framework.api.fields import ScopedPrimaryKeyRelatedField
from minzheng.framework.api.serializers import BaseModelSerializer
from minzheng.payments.forms import MONTH_FORMATS
from minzheng.payments.models import PayeeAccount, PaymentAdjustment, PaymentEntry, PaymentRoll

__all__ = ["GenerateRollSerializer", "PayeeAccountSerializer", "PaymentAdjustmentSerializer",
           "PaymentEntrySerializer", "PaymentRollSerializer"]

TRACKED = ["remarks", "created_at", "updated_at"]


class PaymentRollSerializer(BaseModelSerializer):
    class Meta:
        model = PaymentRoll
        fields = ["id", "display", "program", "division", "month", "status", "entry_count", "total_amount", "cutoff",
                  "generated_at", "generated_by", "approved_at", "approved_by", "locked_at", "locked_by", *TRACKED]
        read_only_fields = fields


class GenerateRollSerializer(serializers.Serializer):
    program = serializers.PrimaryKeyRelatedField(queryset=Program.objects.filter(is_active=True))
    division = ScopedPrimaryKeyRelatedField(queryset=Division.objects.filter(level=Level.DISTRICT))
    month = serializers.DateField(input_formats=[*MONTH_FORMATS, "iso-8601"],
                                  help_text=_("The month paid: 2026-11 or any day of it."))


class PaymentEntrySerializer(BaseModelSerializer):
    class Meta:
        model = PaymentEntry
        fields = ["id", "display", "roll", "case", "household", "payee", "name", "id_number", "bank_name", "account",
                  "amount", "kind", "adjusts", "adjustment", "recovery", "recovery_reason"]
        read_only_fields = fields


class PaymentAdjustmentSerializer(BaseModelSerializer):
    applied_entry = serializers.SerializerMethodField(help_text=_("The entry that paid it; empty while pending."))

    class Meta:
        model = PaymentAdjustment
        fields = ["id", "display", "case", "adjusts", "amount", "reason", "applied_entry", *TRACKED]
        extra_kwargs = {"case": {"required": False}}

    def get_applied_entry(self, obj) -> int | None:
        if hasattr(obj, "paid_entry_id"):
            return obj.paid_entry_id
        return obj.applied_entries.values_list("pk", flat=True).first()

    def validate(self, attrs):
        if attrs.get("adjusts") is not None and attrs.get("case") is None:
            attrs["case"] = attrs["adjusts"].case
        if attrs.get("case") is None:
            raise serializers.ValidationError({"case": [_("Give the case number or the entry to correct.")]})
        return super().validate(attrs)


class PayeeAccountSerializer(BaseModelSerializer):
    class Meta:
        model = PayeeAccount
        fields = ["id", "display", "person", "bank_name", "account_number", *TRACKED]
