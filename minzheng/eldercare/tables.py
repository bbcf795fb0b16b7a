"""Tables of the elderly-care list pages (and their CSV/XLSX exports)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from minzheng.eldercare.models import (
    Assessment,
    AssessmentRuleTable,
    BedBlock,
    ElderlyAssociation,
    Establishment,
    EstablishmentRuleSet,
    HonourAward,
    Inspection,
    InspectionFinding,
    Institution,
    InsurancePolicy,
    OccupancyReport,
    Provider,
    ProviderService,
    ServiceCentre,
    ServiceOrder,
    SubsidyRuleSet,
)
from minzheng.framework.tables import BaseTable, LinkColumn

__all__ = ["AssessmentRuleTableTable", "AssessmentTable", "BedBlockTable", "ElderlyAssociationTable",
           "EstablishmentRuleSetTable", "EstablishmentTable", "HonourAwardTable", "InspectionFindingTable",
           "InspectionTable", "InstitutionTable", "InsurancePolicyTable", "OccupancyReportTable",
           "ProviderServiceTable", "ProviderTable", "ServiceCentreTable", "ServiceOrderTable", "SubsidyRuleSetTable"]


class EstablishmentRuleSetTable(BaseTable):
    name = LinkColumn(verbose_name=_("name"))

    class Meta(BaseTable.Meta):
        model = EstablishmentRuleSet
        fields = ("name", "procedure", "effective_from", "effective_until", "min_beds", "decision_workdays",
                  "confirmation")


class AssessmentRuleTableTable(BaseTable):
    code = LinkColumn(verbose_name=_("standard"))

    class Meta(BaseTable.Meta):
        model = AssessmentRuleTable
        fields = ("code", "title", "effective_from", "effective_until", "confirmation")


class InstitutionTable(BaseTable):
    name = LinkColumn(verbose_name=_("name"))

    class Meta(BaseTable.Meta):
        model = Institution
        fields = ("name", "division", "ownership", "operator", "status", "opened_on")


class EstablishmentTable(BaseTable):
    institution = LinkColumn(verbose_name=_("institution"))

    class Meta(BaseTable.Meta):
        model = Establishment
        fields = ("institution", "procedure", "received_on", "beds_declared", "status", "decision_due", "decided_on")


class BedBlockTable(BaseTable):
    on = LinkColumn(verbose_name=_("on"))

    class Meta(BaseTable.Meta):
        model = BedBlock
        fields = ("on", "institution", "institution__division", "kind", "change", "beds")


class OccupancyReportTable(BaseTable):
    as_of = LinkColumn(verbose_name=_("as of"))
    rate = tables.Column(verbose_name=_("occupancy"), empty_values=(), orderable=False)

    class Meta(BaseTable.Meta):
        model = OccupancyReport
        fields = ("as_of", "institution", "occupied", "rate")

    def render_rate(self, record):
        rate = record.rate
        return "—" if rate is None else f"{rate:.1%}"

    def value_rate(self, record):
        return self.render_rate(record)


class InspectionTable(BaseTable):
    inspected_on = LinkColumn(verbose_name=_("inspected on"))

    class Meta(BaseTable.Meta):
        model = Inspection
        fields = ("inspected_on", "institution", "kind", "conclusion", "inspectors")


class InspectionFindingTable(BaseTable):
    description = LinkColumn(verbose_name=_("problem"))
    institution = tables.Column(verbose_name=_("institution"), accessor="inspection__institution")

    class Meta(BaseTable.Meta):
        model = InspectionFinding
        fields = ("description", "institution", "category", "rectification_due", "status", "rectified_on")


class ServiceCentreTable(BaseTable):
    name = LinkColumn(verbose_name=_("name"))

    class Meta(BaseTable.Meta):
        model = ServiceCentre
        fields = ("name", "kind", "division", "operating_model", "operator", "opened_on", "closed_on")


class AssessmentTable(BaseTable):
    person = LinkColumn(verbose_name=_("person assessed"))

    class Meta(BaseTable.Meta):
        model = Assessment
        fields = ("person", "person__id_number", "assessed_on", "reason", "level_name", "status", "due_on",
                  "division")


class ProviderTable(BaseTable):
    name = LinkColumn(verbose_name=_("name"))

    class Meta(BaseTable.Meta):
        model = Provider
        fields = ("name", "kind", "division", "phone", "status", "registered_on")


class ProviderServiceTable(BaseTable):
    name = LinkColumn(verbose_name=_("service"))

    class Meta(BaseTable.Meta):
        model = ProviderService
        fields = ("name", "provider", "category", "price", "unit", "is_active")


class ServiceOrderTable(BaseTable):
    number = LinkColumn(verbose_name=_("order number"))

    class Meta(BaseTable.Meta):
        model = ServiceOrder
        fields = ("number", "person", "category", "received_at", "status", "provider", "satisfaction")


class InsurancePolicyTable(BaseTable):
    policy_number = LinkColumn(verbose_name=_("policy number"))

    class Meta(BaseTable.Meta):
        model = InsurancePolicy
        fields = ("policy_number", "person", "person__id_number", "year", "insurer", "insured_from", "insured_until",
                  "premium", "paid_by")


class ElderlyAssociationTable(BaseTable):
    name = LinkColumn(verbose_name=_("name"))

    class Meta(BaseTable.Meta):
        model = ElderlyAssociation
        fields = ("name", "division", "founded_on", "chair", "members", "dissolved_on")


class HonourAwardTable(BaseTable):
    awardee = LinkColumn(verbose_name=_("awarded to"))

    class Meta(BaseTable.Meta):
        model = HonourAward
        fields = ("awardee", "awardee_kind", "division", "year", "level", "awarded_by")


class SubsidyRuleSetTable(BaseTable):
    program = LinkColumn(verbose_name=_("program"))

    class Meta(BaseTable.Meta):
        model = SubsidyRuleSet
        fields = ("program", "division", "effective_from", "effective_until", "min_age", "flat_amount",
                  "income_limit_multiple", "rural_only", "is_sample")
