from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from minzheng.assistance.models import AssistanceCase, Program
from minzheng.framework.api.fields import ScopedPrimaryKeyRelatedField
from minzheng.framework.api.serializers import BaseModelSerializer
from minzheng.registry.models import Household
from minzheng.verification.choices import INCOME_KINDS, SourceKind
from minzheng.verification.models import (
    AccessLog,
    BatchFinding,
    BatchReview,
    Consent,
    EligibilityRuleSet,
    SourceRecord,
    SourceSnapshot,
    Verification,
)

__all__ = ["AccessLogSerializer", "BatchFindingSerializer", "BatchReviewSerializer", "ConsentSerializer",
           "EligibilityRuleSetSerializer", "RevokeSerializer", "SnapshotUploadSerializer", "SourceRecordSerializer",
           "SourceSnapshotSerializer", "VerificationRequestSerializer", "VerificationSerializer"]


class SourceSnapshotSerializer(BaseModelSerializer):
    class Meta:
        model = SourceSnapshot
        fields = ["id", "display", "kind", "label", "as_of", "status", "file_name", "row_count", "rejected_count",
                  "loaded_at", "loaded_by", "superseded_at"]


class SourceRecordSerializer(BaseModelSerializer):
    """A row of a snapshot; ``id_number`` is masked unless revealed (``?reveal=id_number``, logged)."""

    class Meta:
        model = SourceRecord
        fields = ["id", "display", "snapshot", "id_number", "name", "amount", "quantity", "category", "period",
                  "reference"]


class SnapshotUploadSerializer(serializers.Serializer):
    """``POST snapshots/upload/`` (multipart): the file is loaded by a job; the answer names the job."""

    kind = serializers.ChoiceField(choices=SourceKind.choices)
    as_of = serializers.DateField()
    label = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    file = serializers.FileField(help_text=_("xlsx or CSV, see docs/verification.md"))


class ConsentSerializer(BaseModelSerializer):
    class Meta:
        model = Consent
        fields = ["id", "display", "household", "person", "signed_on", "valid_until", "revoked_on", "document",
                  "remarks", "created_at", "updated_at"]
        read_only_fields = ["revoked_on"]


class RevokeSerializer(serializers.Serializer):
    on = serializers.DateField(required=False, allow_null=True, default=None)


class EligibilityRuleSetSerializer(BaseModelSerializer):
    income_sources = serializers.ListField(child=serializers.ChoiceField(choices=INCOME_KINDS), min_length=1)

    class Meta:
        model = EligibilityRuleSet
        fields = ["id", "display", "program", "division", "effective_from", "effective_until", "income_sources",
                  "income_months", "review_margin", "max_properties", "max_area_per_person", "check_vehicles",
                  "allowed_vehicle_types", "deposit_multiple", "business_outcome", "max_source_age_days",
                  "income_tolerance", "is_sample", "source_document", "remarks", "created_at", "updated_at"]


class VerificationSerializer(BaseModelSerializer):
    """A report; the incomes are masked unless revealed (``?reveal=income``, logged)."""

    class Meta:
        model = Verification
        fields = ["id", "display", "number", "household", "division", "program", "case", "purpose", "requested_by",
                  "requested_on", "outcome", "member_count", "household_income", "per_capita_income",
                  "standard_amount", "rule_set", "findings", "members", "snapshots", "created_at"]
        read_only_fields = fields


class VerificationRequestSerializer(serializers.Serializer):
    household = ScopedPrimaryKeyRelatedField(queryset=Household.objects.all())
    program = serializers.PrimaryKeyRelatedField(queryset=Program.objects.filter(is_active=True))
    case = ScopedPrimaryKeyRelatedField(queryset=AssistanceCase.objects.all(), required=False, allow_null=True,
                                        default=None)
    purpose = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class AccessLogSerializer(BaseModelSerializer):
    class Meta:
        model = AccessLog
        fields = ["id", "display", "accessed_at", "person", "id_number", "division", "purpose", "requested_by",
                  "sources", "verification", "batch", "person_count"]
        read_only_fields = fields


class BatchReviewSerializer(BaseModelSerializer):
    class Meta:
        model = BatchReview
        fields = ["id", "display", "as_of", "status", "started_by", "created_at", "finished_at", "job", "snapshots",
                  "checked", "ineligible", "needs_review", "amount_changes", "tasks_opened", "error"]
        read_only_fields = fields


class BatchFindingSerializer(BaseModelSerializer):
    class Meta:
        model = BatchFinding
        fields = ["id", "display", "batch", "case", "division", "kind", "outcome", "reasons", "member_count",
                  "household_income", "recorded_income", "task"]
        read_only_fields = fields
