import django_filters
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from minzheng.framework.filtersets import TrackedFilterSet
from minzheng.marriage.choices import (
    AdoptionStatus,
    AppointmentStatus,
    CertificateKind,
    DivorceStatus,
    OfficeGrade,
    RegistrationStatus,
    Service,
)
from minzheng.marriage.models import (
    AdoptionApplication,
    AdoptionAssessment,
    Appointment,
    Certificate,
    DivorceApplication,
    MarriageRegistration,
    OfficeDay,
    RegistryOffice,
    Slot,
    SlotTemplate,
    StandardCheck,
    StandardItem,
)

__all__ = ["AdoptionApplicationFilterSet", "AdoptionAssessmentFilterSet", "AppointmentFilterSet",
           "CertificateFilterSet", "DivorceApplicationFilterSet", "MarriageRegistrationFilterSet",
           "OfficeDayFilterSet", "RegistryOfficeFilterSet", "SlotFilterSet", "SlotTemplateFilterSet",
           "StandardCheckFilterSet", "StandardItemFilterSet"]


def _office():
    return django_filters.NumberFilter(field_name="office", label=_("Office id"))


def _dates(field: str, label_from, label_to):
    return (django_filters.DateFilter(field_name=field, lookup_expr="gte", label=label_from),
            django_filters.DateFilter(field_name=field, lookup_expr="lte", label=label_to))


class RegistryOfficeFilterSet(TrackedFilterSet):
    grade = django_filters.ChoiceFilter(choices=OfficeGrade.choices, label=_("Grade"))
    division_id = django_filters.NumberFilter(field_name="division", label=_("Division id"))

    class Meta:
        model = RegistryOffice
        fields = ["is_active"]


class StandardItemFilterSet(TrackedFilterSet):
    grade = django_filters.ChoiceFilter(choices=OfficeGrade.choices, label=_("Required from grade"))

    class Meta:
        model = StandardItem
        fields = ["is_active"]


class StandardCheckFilterSet(TrackedFilterSet):
    office_id = _office()
    item_id = django_filters.NumberFilter(field_name="item", label=_("Item id"))

    class Meta:
        model = StandardCheck
        fields = ["met"]


class SlotTemplateFilterSet(TrackedFilterSet):
    office_id = _office()
    service = django_filters.ChoiceFilter(choices=Service.choices, label=_("Service"))

    class Meta:
        model = SlotTemplate
        fields = []


class OfficeDayFilterSet(TrackedFilterSet):
    office_id = _office()
    date_from, date_to = _dates("date", _("From"), _("To"))

    class Meta:
        model = OfficeDay
        fields = ["is_open"]


class SlotFilterSet(TrackedFilterSet):
    office_id = _office()
    service = django_filters.ChoiceFilter(choices=Service.choices, label=_("Service"))
    date = django_filters.DateFilter(label=_("Date"))
    full = django_filters.BooleanFilter(method="filter_full", label=_("Fully booked"))

    class Meta:
        model = Slot
        fields = []

    def filter_full(self, queryset, name, value):
        return queryset.filter(booked__gte=F("capacity")) if value else queryset.filter(booked__lt=F("capacity"))


class AppointmentFilterSet(TrackedFilterSet):
    office_id = _office()
    service = django_filters.ChoiceFilter(choices=Service.choices, label=_("Service"))
    status = django_filters.ChoiceFilter(choices=AppointmentStatus.choices, label=_("Status"))
    date_from, date_to = _dates("date", _("From"), _("To"))

    class Meta:
        model = Appointment
        fields = ["date"]


class MarriageRegistrationFilterSet(TrackedFilterSet):
    office_id = _office()
    status = django_filters.ChoiceFilter(choices=RegistrationStatus.choices, label=_("Outcome"))
    registered_from, registered_to = _dates("registered_on", _("From"), _("To"))

    class Meta:
        model = MarriageRegistration
        fields = []


class DivorceApplicationFilterSet(TrackedFilterSet):
    office_id = _office()
    status = django_filters.ChoiceFilter(choices=DivorceStatus.choices, label=_("Status"))
    applied_from, applied_to = _dates("applied_on", _("Received from"), _("Received to"))

    class Meta:
        model = DivorceApplication
        fields = []


class CertificateFilterSet(TrackedFilterSet):
    office_id = _office()
    kind = django_filters.ChoiceFilter(choices=CertificateKind.choices, label=_("Kind"))

    class Meta:
        model = Certificate
        fields = ["year"]


class AdoptionApplicationFilterSet(TrackedFilterSet):
    office_id = _office()
    status = django_filters.ChoiceFilter(choices=AdoptionStatus.choices, label=_("Status"))
    received_from, received_to = _dates("received_on", _("Received from"), _("Received to"))

    class Meta:
        model = AdoptionApplication
        fields = []


class AdoptionAssessmentFilterSet(TrackedFilterSet):
    application_id = django_filters.NumberFilter(field_name="application", label=_("Application id"))

    class Meta:
        model = AdoptionAssessment
        fields = ["outcome"]
