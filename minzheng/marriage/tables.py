"""Tables of the registry's list pages; identity numbers and phones are masked (``framework.privacy``)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from minzheng.framework.tables import BaseTable, LinkColumn
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

__all__ = ["AdoptionApplicationTable", "AdoptionAssessmentTable", "AppointmentTable", "CertificateTable",
           "DivorceApplicationTable", "MarriageRegistrationTable", "OfficeDayTable", "RegistryOfficeTable",
           "SlotTable", "SlotTemplateTable", "StandardCheckTable", "StandardItemTable", "StatisticsTable"]


class RegistryOfficeTable(BaseTable):
    name = LinkColumn(verbose_name=_("name"))

    class Meta(BaseTable.Meta):
        model = RegistryOffice
        fields = ("name", "code", "division", "grade", "opens_at", "closes_at", "booking_days", "is_active")


class StandardItemTable(BaseTable):
    name = LinkColumn(verbose_name=_("name"))

    class Meta(BaseTable.Meta):
        model = StandardItem
        fields = ("name", "code", "grade", "is_active")


class StandardCheckTable(BaseTable):
    item = LinkColumn(verbose_name=_("standard item"))

    class Meta(BaseTable.Meta):
        model = StandardCheck
        fields = ("item", "office", "met", "checked_on")


class SlotTemplateTable(BaseTable):
    starts_at = LinkColumn(verbose_name=_("starts at"))

    class Meta(BaseTable.Meta):
        model = SlotTemplate
        fields = ("starts_at", "ends_at", "office", "service", "capacity")


class OfficeDayTable(BaseTable):
    date = LinkColumn(verbose_name=_("date"))

    class Meta(BaseTable.Meta):
        model = OfficeDay
        fields = ("date", "office", "is_open", "reason")


class SlotTable(BaseTable):
    date = LinkColumn(verbose_name=_("date"))
    remaining = tables.Column(verbose_name=_("free"), orderable=False, empty_values=())

    class Meta(BaseTable.Meta):
        model = Slot
        fields = ("date", "starts_at", "ends_at", "office", "service", "capacity", "booked", "remaining")


class AppointmentTable(BaseTable):
    number = LinkColumn(verbose_name=_("appointment number"))

    class Meta(BaseTable.Meta):
        model = Appointment
        fields = ("number", "date", "starts_at", "office", "service", "party_a_name", "party_a_id_number",
                  "party_b_name", "party_b_id_number", "status")


class MarriageRegistrationTable(BaseTable):
    party_a_name = LinkColumn(verbose_name=_("party A"))

    class Meta(BaseTable.Meta):
        model = MarriageRegistration
        fields = ("party_a_name", "party_b_name", "registered_on", "office", "status", "certificate_number",
                  "party_a_id_number", "party_b_id_number")


class DivorceApplicationTable(BaseTable):
    party_a_name = LinkColumn(verbose_name=_("party A"))

    class Meta(BaseTable.Meta):
        model = DivorceApplication
        fields = ("party_a_name", "party_b_name", "applied_on", "office", "status", "cooling_off_last_day",
                  "first_day", "last_day", "certificate_number")


class CertificateTable(BaseTable):
    number = LinkColumn(verbose_name=_("certificate number"))

    class Meta(BaseTable.Meta):
        model = Certificate
        fields = ("number", "kind", "holders", "issued_on", "office", "replaces")


class AdoptionApplicationTable(BaseTable):
    summary = LinkColumn(verbose_name=_("adopters and children"))

    class Meta(BaseTable.Meta):
        model = AdoptionApplication
        fields = ("summary", "received_on", "office", "status", "review_last_day", "decided_on",
                  "certificate_number")


class AdoptionAssessmentTable(BaseTable):
    application = LinkColumn(verbose_name=_("adoption application"))

    class Meta(BaseTable.Meta):
        model = AdoptionAssessment
        fields = ("application", "assessor", "assessed_on", "outcome")


class StatisticsTable(BaseTable):
    """The statistics' cells as rows (office, month, figures), for CSV and XLSX."""

    office = tables.Column(verbose_name=_("Registry office"))
    month = tables.Column(verbose_name=_("Month"))
    marriages = tables.Column(verbose_name=_("Marriages registered"))
    refusals = tables.Column(verbose_name=_("Marriages refused"))
    divorce_applications = tables.Column(verbose_name=_("Divorce applications received"))
    divorces = tables.Column(verbose_name=_("Divorces registered"))
    withdrawn = tables.Column(verbose_name=_("Divorce applications withdrawn"))
    lapsed = tables.Column(verbose_name=_("Divorce applications lapsed"))
    appointments = tables.Column(verbose_name=_("Appointments"))
    no_shows = tables.Column(verbose_name=_("No-shows"))
    adoptions = tables.Column(verbose_name=_("Adoptions registered"))
