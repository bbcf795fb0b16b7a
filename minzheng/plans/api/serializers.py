from rest_framework import serializers

from minzheng.divisions.models import Division
from minzheng.framework.api.serializers import BaseModelSerializer
from minzheng.plans.choices import ItemStatus, TaskStatus
from minzheng.plans.models import Chapter, Item, Plan, ProgressReport, Target, Task, Unit

__all__ = ["AssignSerializer", "BindingSerializer", "ItemSerializer", "PlanSerializer", "ProgressInputSerializer",
           "ProgressReportSerializer", "StatusSerializer", "TargetSerializer", "TaskSerializer", "UnitSerializer"]

TRACKED = ["remarks", "created_at", "updated_at"]


class UnitSerializer(BaseModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "display", "code", "name", "kind", "division", "members", "is_active", "created_at",
                  "updated_at"]


class ChapterSerializer(BaseModelSerializer):
    class Meta:
        model = Chapter
        fields = ["id", "number", "label", "title"]
        read_only_fields = fields


class PlanSerializer(BaseModelSerializer):
    chapters = ChapterSerializer(many=True, read_only=True)

    class Meta:
        model = Plan
        fields = ["id", "display", "title", "notice_title", "issuer", "doc_number", "published", "effective", "level",
                  "validity", "topic", "year", "file_name", "chapters", *TRACKED]
        read_only_fields = fields


class ItemSerializer(BaseModelSerializer):
    class Meta:
        model = Item
        fields = ["id", "display", "plan", "chapter", "number", "label", "title", "text", "units", "lead", "due_on",
                  "status", "completed_on", *TRACKED]
        read_only_fields = fields


class TaskSerializer(BaseModelSerializer):
    class Meta:
        model = Task
        fields = ["id", "display", "item", "number", "text", "status", *TRACKED]
        read_only_fields = fields


class TargetSerializer(BaseModelSerializer):
    actual = serializers.SerializerMethodField()
    light = serializers.SerializerMethodField()

    class Meta:
        model = Target
        fields = ["id", "display", "item", "task", "number", "value", "unit", "subject", "comparator", "qualifier",
                  "quote", "binding", "indicator", "indicator_division", "indicator_year", "confirmed_by", "actual",
                  "light", *TRACKED]
        read_only_fields = fields

    def _state(self, target):
        from minzheng.plans.progress import target_state

        request = self.context.get("request")
        return target_state(target, user=request.user if request else None)

    def get_actual(self, target) -> str | None:
        actual = self._state(target).actual
        return None if actual is None else str(actual)

    def get_light(self, target) -> str:
        return self._state(target).light


class ProgressReportSerializer(BaseModelSerializer):
    class Meta:
        model = ProgressReport
        fields = ["id", "display", "target", "value", "reported_on", "unit", "reporter", "evidence", *TRACKED]
        read_only_fields = fields


class AssignSerializer(serializers.Serializer):
    units = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all(), many=True)
    lead = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all(), required=False, allow_null=True,
                                              default=None)
    due_on = serializers.DateField(required=False, allow_null=True, default=None)


class BindingSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    division = serializers.PrimaryKeyRelatedField(queryset=Division.objects.all(), required=False, allow_null=True,
                                                  default=None)
    year = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=2000, max_value=2100)


class ProgressInputSerializer(serializers.Serializer):
    value = serializers.DecimalField(max_digits=16, decimal_places=2, min_value=0)
    reported_on = serializers.DateField()
    evidence = serializers.FileField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class StatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[*ItemStatus.choices, *TaskStatus.choices])
