import django_filters
from django.utils.translation import gettext_lazy as _

from minzheng.framework.filtersets import BaseFilterSet, TrackedFilterSet
from minzheng.verification.choices import BatchStatus, FindingKind, Outcome, SnapshotStatus, SourceKind
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

__all__ = ["AccessLogFilterSet", "BatchFindingFilterSet", "BatchReviewFilterSet", "ConsentFilterSet",
           "EligibilityRuleSetFilterSet", "SourceRecordFilterSet", "SourceSnapshotFilterSet", "VerificationFilterSet"]


class SourceSnapshotFilterSet(BaseFilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=SourceKind.choices, label=_("Source"))
    status = django_filters.MultipleChoiceFilter(choices=SnapshotStatus.choices, label=_("Status"))

    class Meta:
        model = SourceSnapshot
        fields = []


class SourceRecordFilterSet(BaseFilterSet):
    snapshot_id = django_filters.NumberFilter(field_name="snapshot", label=_("Snapshot"))
    kind = django_filters.ChoiceFilter(field_name="snapshot__kind", choices=SourceKind.choices, label=_("Source"))
    id_number = django_filters.CharFilter(method="filter_id_number", label=_("Identity number"))

    class Meta:
        model = SourceRecord
        fields = []

    def filter_id_number(self, queryset, name, value):
        return queryset.filter(id_number=value.strip().upper())


class ConsentFilterSet(TrackedFilterSet):
    household_id = django_filters.NumberFilter(field_name="household", label=_("Household id"))
    person_id = django_filters.NumberFilter(field_name="person", label=_("Person id"))
    valid_on = django_filters.DateFilter(method="filter_valid_on", label=_("Valid on"))

    class Meta:
        model = Consent
        fields = ["signed_on"]

    def filter_valid_on(self, queryset, name, value):
        return queryset.valid_on(value)


class EligibilityRuleSetFilterSet(TrackedFilterSet):
    program_id = django_filters.NumberFilter(field_name="program", label=_("Program id"))

    class Meta:
        model = EligibilityRuleSet
        fields = ["effective_from"]


class VerificationFilterSet(TrackedFilterSet):
    household_id = django_filters.NumberFilter(field_name="household", label=_("Household id"))
    case_id = django_filters.NumberFilter(field_name="case", label=_("Case id"))
    program_id = django_filters.NumberFilter(field_name="program", label=_("Program id"))
    outcome = django_filters.MultipleChoiceFilter(choices=Outcome.choices, label=_("Outcome"))

    class Meta:
        model = Verification
        fields = ["requested_on"]


class AccessLogFilterSet(BaseFilterSet):
    person_id = django_filters.NumberFilter(field_name="person", label=_("Person id"))
    verification_id = django_filters.NumberFilter(field_name="verification", label=_("Report id"))
    batch_id = django_filters.NumberFilter(field_name="batch", label=_("Batch review id"))
    requested_by_id = django_filters.NumberFilter(field_name="requested_by", label=_("Requested by (user id)"))

    class Meta:
        model = AccessLog
        fields = []


class BatchReviewFilterSet(TrackedFilterSet):
    status = django_filters.MultipleChoiceFilter(choices=BatchStatus.choices, label=_("Status"))

    class Meta:
        model = BatchReview
        fields = ["as_of"]


class BatchFindingFilterSet(TrackedFilterSet):
    batch_id = django_filters.NumberFilter(field_name="batch", label=_("Batch review id"))
    case_id = django_filters.NumberFilter(field_name="case", label=_("Case id"))
    kind = django_filters.MultipleChoiceFilter(choices=FindingKind.choices, label=_("Finding"))

    class Meta:
        model = BatchFinding
        fields = []
