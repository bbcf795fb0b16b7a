import django_filters
from django.utils.translation import gettext_lazy as _

from minzheng.assistance.models import Program, first_of_month
from minzheng.divisions.choices import Level
from minzheng.divisions.models import Division
from minzheng.framework.filtersets import BaseFilterSet, TrackedFilterSet
from minzheng.payments.choices import EntryKind, RollStatus
from minzheng.payments.forms import MONTH_FORMATS, MonthInput
from minzheng.payments.models import PayeeAccount, PaymentAdjustment, PaymentEntry, PaymentRoll

__all__ = ["PayeeAccountFilterSet", "PaymentAdjustmentFilterSet", "PaymentEntryFilterSet", "PaymentRollFilterSet"]


class MonthFilter(django_filters.DateFilter):
    """A month typed as 2026-11 or any day of it; matches the month's first day."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", MONTH_FORMATS)
        kwargs.setdefault("widget", MonthInput())
        super().__init__(*args, **kwargs)

    def filter(self, queryset, value):
        return super().filter(queryset, first_of_month(value) if value else value)


class PaymentRollFilterSet(TrackedFilterSet):
    program_id = django_filters.ModelChoiceFilter(field_name="program", queryset=Program.objects.all(),
                                                  label=_("Program"))
    division_id = django_filters.ModelChoiceFilter(
        field_name="division", queryset=Division.objects.filter(level=Level.DISTRICT), label=_("District"))
    month = MonthFilter(label=_("Month"))
    status = django_filters.MultipleChoiceFilter(choices=RollStatus.choices, label=_("Status"))

    class Meta:
        model = PaymentRoll
        fields = []


class PaymentEntryFilterSet(BaseFilterSet):
    roll_id = django_filters.NumberFilter(field_name="roll", label=_("Roll id"))
    case_id = django_filters.NumberFilter(field_name="case", label=_("Case id"))
    household_id = django_filters.NumberFilter(field_name="household", label=_("Household id"))
    payee_id = django_filters.NumberFilter(field_name="payee", label=_("Payee id"))
    month = MonthFilter(field_name="roll__month", label=_("Month"))
    kind = django_filters.MultipleChoiceFilter(choices=EntryKind.choices, label=_("Kind"))
    recovery = django_filters.BooleanFilter(label=_("To recover"))

    class Meta:
        model = PaymentEntry
        fields = []


class PaymentAdjustmentFilterSet(TrackedFilterSet):
    case_id = django_filters.NumberFilter(field_name="case", label=_("Case id"))
    adjusts_id = django_filters.NumberFilter(field_name="adjusts", label=_("Corrected entry id"))
    pending = django_filters.BooleanFilter(field_name="applied_entries", lookup_expr="isnull",
                                           label=_("Waiting for a roll"))

    class Meta:
        model = PaymentAdjustment
        fields = []


class PayeeAccountFilterSet(TrackedFilterSet):
    person_id = django_filters.NumberFilter(field_name="person", label=_("Person id"))

    class Meta:
        model = PayeeAccount
        fields = ["bank_name"]
