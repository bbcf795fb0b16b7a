from django.urls import path

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
from minzheng.eldercare.views.statistics import EldercareStatisticsView
from minzheng.eldercare.views.subsidies import SubsidyApplyView
from minzheng.framework.urls import get_model_urls

app_name = "eldercare"
urlpatterns = [
    path("statistics/", EldercareStatisticsView.as_view(), name="statistics"),
    path("subsidies/apply/", SubsidyApplyView.as_view(), name="subsidy_apply"),
    *get_model_urls(SubsidyRuleSet),
    *get_model_urls(EstablishmentRuleSet),
    *get_model_urls(AssessmentRuleTable),
    *get_model_urls(Institution),
    *get_model_urls(Establishment),
    *get_model_urls(BedBlock),
    *get_model_urls(OccupancyReport),
    *get_model_urls(Inspection),
    *get_model_urls(InspectionFinding),
    *get_model_urls(ServiceCentre),
    *get_model_urls(Assessment),
    *get_model_urls(Provider),
    *get_model_urls(ProviderService),
    *get_model_urls(ServiceOrder),
    *get_model_urls(InsurancePolicy),
    *get_model_urls(ElderlyAssociation),
    *get_model_urls(HonourAward),
]
