"""Filters of the case pages and API: cases, their records, benefits."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from minzheng.approvals.choices import RequestStatus
from minzheng.approvals.models import ApprovalRequest
from minzheng.assistance.choices import (
    BenefitChangeKind,
    CaseChannel,
    CaseStatus,
    InvestigationKind,
    ProgramKind,
    ReviewTaskSource,
    ReviewTaskStatus,
)
from minzheng.assistance.models import (
    AssistanceCase,
    BenefitChange,
    BenefitPeriod,
    BenefitReview,
    Evaluation,
    Investigation,
    ReviewTask,
)
from minzheng.framework.filtersets import TrackedFilterSet

__all__ = ["AssistanceCaseFilterSet", "BenefitChangeFilterSet", "BenefitPeriodFilterSet", "BenefitReviewFilterSet",
           "EvaluationFilterSet", "InvestigationFilterSet", "ReviewTaskFilterSet"]


class AssistanceCaseFilterSet(TrackedFilterSet):
    program_id = django_filters.NumberFilter(field_name="program", label=_("Program id"))
    kind = django_filters.MultipleChoiceFilter(choices=ProgramKind.choices, label=_("Kind of program"))
    status = django_filters.MultipleChoiceFilter(choices=CaseStatus.choices, label=_("Status"))
    channel = django_filters.ChoiceFilter(choices=CaseChannel.choices, label=_("Submitted"))
    household_id = django_filters.NumberFilter(field_name="household", label=_("Household id"))
    step = django_filters.CharFilter(method="filter_step", label=_("Current step (code)"))
    has_conflict = django_filters.BooleanFilter(method="filter_conflict", label=_("Close relative of staff"))
    urgent = django_filters.BooleanFilter(label=_("Urgent help given first"))
    review_due_by = django_filters.DateFilter(field_name="next_review_on", lookup_expr="lte", label=_("Review due by"))
    applied_from = django_filters.DateFilter(field_name="applied_on", lookup_expr="gte", label=_("Applied from"))
    applied_to = django_filters.DateFilter(field_name="applied_on", lookup_expr="lte", label=_("Applied to"))

    class Meta:
        model = AssistanceCase
        fields = ["number"]

    def filter_step(self, queryset, name, value):
        requests = ApprovalRequest.objects.filter(object_id=OuterRef("pk"), flow__code__startswith="assistance.",
                                                  status=RequestStatus.IN_PROGRESS, current_step__code=value.strip())
        return queryset.filter(Exists(requests))

    def filter_conflict(self, queryset, name, value):
        return queryset.exclude(conflicts=[]) if value else queryset.filter(conflicts=[])


class _CaseRecordFilterSet(TrackedFilterSet):
    case_id = django_filters.NumberFilter(field_name="case", label=_("Case id"))


class InvestigationFilterSet(_CaseRecordFilterSet):
    kind = django_filters.ChoiceFilter(choices=InvestigationKind.choices, label=_("Kind"))

    class Meta:
        model = Investigation
        fields = ["home_visit", "eligible"]


class EvaluationFilterSet(_CaseRecordFilterSet):
    class Meta:
        model = Evaluation
        fields = ["outcome"]


class BenefitChangeFilterSet(_CaseRecordFilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=BenefitChangeKind.choices, label=_("Kind"))

    class Meta:
        model = BenefitChange
        fields = ["effective"]


class BenefitPeriodFilterSet(_CaseRecordFilterSet):
    class Meta:
        model = BenefitPeriod
        fields = ["starts", "ends"]


class BenefitReviewFilterSet(_CaseRecordFilterSet):
    class Meta:
        model = BenefitReview
        fields = ["decision", "status"]


class ReviewTaskFilterSet(_CaseRecordFilterSet):
    source = django_filters.MultipleChoiceFilter(choices=ReviewTaskSource.choices, label=_("Because of"))
    status = django_filters.MultipleChoiceFilter(choices=ReviewTaskStatus.choices, label=_("Status"))

    class Meta:
        model = ReviewTask
        fields = ["created_on"]
