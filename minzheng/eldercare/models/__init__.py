"""Elderly-care models: the rules as dated data; institutions with their establishment, beds, occupancy and
inspections; community service centres; ability assessments; home-care providers and orders; accident
insurance; the light registries of associations and awards; the rules of the elderly-care subsidies."""

from minzheng.eldercare.models.assessments import Assessment, AssessmentQuerySet
from minzheng.eldercare.models.community import ElderlyAssociation, HonourAward, ServiceCentre
from minzheng.eldercare.models.homecare import Provider, ProviderService, ServiceOrder
from minzheng.eldercare.models.institutions import (
    BedBlock,
    Establishment,
    Inspection,
    InspectionFinding,
    Institution,
    OccupancyReport,
)
from minzheng.eldercare.models.insurance import InsurancePolicy
from minzheng.eldercare.models.parameters import AssessmentRuleTable, EstablishmentRuleSet
from minzheng.eldercare.models.subsidies import SubsidyRuleSet

__all__ = ["Assessment", "AssessmentQuerySet", "AssessmentRuleTable", "BedBlock", "ElderlyAssociation",
           "Establishment", "EstablishmentRuleSet", "HonourAward", "Inspection", "InspectionFinding", "Institution",
           "InsurancePolicy", "OccupancyReport", "Provider", "ProviderService", "ServiceCentre", "ServiceOrder",
           "SubsidyRuleSet"]
