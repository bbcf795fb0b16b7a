import django_filters
from django.utils.translation import gettext_lazy as _

from minzheng.approvals.choices import DayKind, Decision, ObjectionStatus, RequestStatus, StepKind
from minzheng.approvals.models import (
    ApprovalDecision,
    ApprovalFlow,
    ApprovalRequest,
    ApprovalStep,
    Holiday,
    Objection,
    StepDelegation,
)
from minzheng.divisions.choices import Level
from minzheng.framework.filtersets import BaseFilterSet, TrackedFilterSet

__all__ = ["ApprovalDecisionFilterSet", "ApprovalFlowFilterSet", "ApprovalRequestFilterSet",
           "ApprovalStepFilterSet", "HolidayFilterSet", "ObjectionFilterSet", "StepDelegationFilterSet"]


class HolidayFilterSet(TrackedFilterSet):
    kind = django_filters.ChoiceFilter(choices=DayKind.choices, label=_("Kind"))
    year = django_filters.NumberFilter(field_name="date", lookup_expr="year", label=_("Year"))
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("From"))
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("To"))

    class Meta:
        model = Holiday
        fields = ["source"]


class ApprovalFlowFilterSet(TrackedFilterSet):
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = ApprovalFlow
        fields = ["code"]


class ApprovalStepFilterSet(TrackedFilterSet):
    flow_id = django_filters.NumberFilter(field_name="flow", label=_("Flow id"))
    role_id = django_filters.NumberFilter(field_name="role", label=_("Role id"))
    level = django_filters.ChoiceFilter(choices=Level.choices, label=_("Level"))
    kind = django_filters.ChoiceFilter(choices=StepKind.choices, label=_("Kind"))
    optional = django_filters.BooleanFilter(label=_("Optional"))

    class Meta:
        model = ApprovalStep
        fields = ["code"]


class StepDelegationFilterSet(TrackedFilterSet):
    flow_id = django_filters.NumberFilter(field_name="flow", label=_("Flow id"))
    step_id = django_filters.NumberFilter(field_name="step", label=_("Step id"))
    delegate_level = django_filters.ChoiceFilter(choices=Level.choices, label=_("Decided at level"))
    skip = django_filters.BooleanFilter(label=_("Skip the step"))

    class Meta:
        model = StepDelegation
        fields = []


class ApprovalRequestFilterSet(BaseFilterSet):
    status = django_filters.MultipleChoiceFilter(choices=RequestStatus.choices, label=_("Status"))
    flow_id = django_filters.NumberFilter(field_name="flow", label=_("Flow id"))
    current_step_id = django_filters.NumberFilter(field_name="current_step", label=_("Current step id"))
    deadline_before = django_filters.DateFilter(field_name="deadline", lookup_expr="lt", label=_("Deadline before"))
    started_after = django_filters.DateFilter(field_name="started_at", lookup_expr="date__gte",
                                              label=_("Started from"))
    started_before = django_filters.DateFilter(field_name="started_at", lookup_expr="date__lte",
                                               label=_("Started to"))

    class Meta:
        model = ApprovalRequest
        fields = ["object_id"]


class ApprovalDecisionFilterSet(BaseFilterSet):
    request_id = django_filters.NumberFilter(field_name="request", label=_("Request id"))
    decision = django_filters.ChoiceFilter(choices=Decision.choices, label=_("Decision"))

    class Meta:
        model = ApprovalDecision
        fields = []


class ObjectionFilterSet(BaseFilterSet):
    request_id = django_filters.NumberFilter(field_name="request", label=_("Request id"))
    status = django_filters.ChoiceFilter(choices=ObjectionStatus.choices, label=_("Status"))

    class Meta:
        model = Objection
        fields = []
