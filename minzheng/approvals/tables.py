import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from minzheng.approvals.models import ApprovalFlow, ApprovalRequest, ApprovalStep, Holiday, StepDelegation
from minzheng.framework.tables import BaseTable, LinkColumn

__all__ = ["ApprovalFlowTable", "ApprovalRequestTable", "ApprovalStepTable", "HolidayTable", "StepDelegationTable"]


class HolidayTable(BaseTable):
    date = LinkColumn(verbose_name=_("date"))

    class Meta(BaseTable.Meta):
        model = Holiday
        fields = ("date", "kind", "name", "source")


class ApprovalFlowTable(BaseTable):
    code = LinkColumn(verbose_name=_("code"))

    class Meta(BaseTable.Meta):
        model = ApprovalFlow
        fields = ("code", "name", "is_active")


class ApprovalStepTable(BaseTable):
    name = LinkColumn(verbose_name=_("name"))
    flow = tables.Column(verbose_name=_("flow"), accessor="flow__name", order_by=("flow__code",))
    role = tables.Column(verbose_name=_("role"), accessor="role__name")

    class Meta(BaseTable.Meta):
        model = ApprovalStep
        fields = ("name", "flow", "order", "role", "level", "kind", "deadline_workdays", "notice_days", "optional")


class StepDelegationTable(BaseTable):
    step = LinkColumn(verbose_name=_("step"), accessor="step__name", order_by=("step__order",))
    flow = tables.Column(verbose_name=_("flow"), accessor="flow__name", order_by=("flow__code",))
    division = tables.Column(verbose_name=_("division"), accessor="division__name", order_by=("division__path",))
    role = tables.Column(verbose_name=_("decided by role"), accessor="role__name", default="—")

    class Meta(BaseTable.Meta):
        model = StepDelegation
        fields = ("step", "flow", "division", "delegate_level", "role", "skip")


class ApprovalRequestTable(BaseTable):
    subject_repr = LinkColumn(verbose_name=_("subject"))
    flow = tables.Column(verbose_name=_("flow"), accessor="flow__name", order_by=("flow__code",))
    division = tables.Column(verbose_name=_("division"), accessor="division__name", order_by=("division__path",))
    current_step = tables.Column(verbose_name=_("current step"), accessor="current_step__name", default="—",
                                 order_by=("current_step__order",))

    class Meta(BaseTable.Meta):
        model = ApprovalRequest
        fields = ("subject_repr", "flow", "division", "status", "current_step", "deadline", "started_at")
