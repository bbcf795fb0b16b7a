from rest_framework import serializers

from minzheng.approvals.choices import Decision, ObjectionStatus
from minzheng.approvals.models import (
    ApprovalDecision,
    ApprovalFlow,
    ApprovalRequest,
    ApprovalStep,
    Holiday,
    Objection,
    StepDelegation,
)
from minzheng.framework.api.serializers import BaseModelSerializer

__all__ = [
    "ApprovalDecisionSerializer",
    "ApprovalFlowSerializer",
    "ApprovalRequestSerializer",
    "ApprovalStepSerializer",
    "DecideSerializer",
    "HolidaySerializer",
    "ObjectionInputSerializer",
    "ObjectionSerializer",
    "ResolveObjectionSerializer",
    "StepDelegationSerializer",
]


class HolidaySerializer(BaseModelSerializer):
    class Meta:
        model = Holiday
        fields = ["id", "display", "date", "kind", "name", "source", "remarks", "created_at", "updated_at"]


class ApprovalFlowSerializer(BaseModelSerializer):
    class Meta:
        model = ApprovalFlow
        fields = ["id", "display", "code", "name", "description", "is_active", "created_at", "updated_at"]


class ApprovalStepSerializer(BaseModelSerializer):
    class Meta:
        model = ApprovalStep
        fields = ["id", "display", "flow", "code", "name", "order", "role", "level", "kind", "deadline_workdays",
                  "notice_days", "optional", "remarks", "created_at", "updated_at"]


class StepDelegationSerializer(BaseModelSerializer):
    class Meta:
        model = StepDelegation
        fields = ["id", "display", "flow", "step", "division", "delegate_level", "role", "skip", "remarks",
                  "created_at", "updated_at"]


class ApprovalRequestSerializer(BaseModelSerializer):
    subject_type = serializers.SerializerMethodField()

    class Meta:
        model = ApprovalRequest
        fields = ["id", "display", "flow", "subject_type", "object_id", "subject_repr", "division", "status",
                  "current_step", "step_started_at", "deadline", "skipped", "started_at", "started_by",
                  "finished_at"]
        read_only_fields = fields

    def get_subject_type(self, obj) -> str:
        return f"{obj.content_type.app_label}.{obj.content_type.model}"


class ApprovalDecisionSerializer(BaseModelSerializer):
    class Meta:
        model = ApprovalDecision
        fields = ["id", "display", "request", "step", "actor", "decision", "reason", "time", "next_step"]
        read_only_fields = fields


class ObjectionSerializer(BaseModelSerializer):
    class Meta:
        model = Objection
        fields = ["id", "display", "request", "step", "received_at", "objector", "content", "status", "resolution",
                  "recorded_by", "resolved_by", "resolved_at"]
        read_only_fields = fields


class DecideSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    step_code = serializers.CharField(required=False, allow_null=True, default=None,
                                      help_text="The step the caller means to decide; refused unless it is current.")


class ObjectionInputSerializer(serializers.Serializer):
    content = serializers.CharField()
    objector = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    received_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class ResolveObjectionSerializer(serializers.Serializer):
    objection = serializers.IntegerField()
    status = serializers.ChoiceField(choices=[ObjectionStatus.UPHELD, ObjectionStatus.DISMISSED])
    resolution = serializers.CharField()
