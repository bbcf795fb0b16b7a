from django.urls import path

from minzheng.eldercare.api import views
from minzheng.framework.api.routers import Router

app_name = "eldercare-api"
router = Router()
router.register("establishment-rule-sets", views.EstablishmentRuleSetViewSet)
router.register("subsidy-rule-sets", views.SubsidyRuleSetViewSet)
router.register("assessment-rule-tables", views.AssessmentRuleTableViewSet)
router.register("institutions", views.InstitutionViewSet)
router.register("establishments", views.EstablishmentViewSet)
router.register("bed-blocks", views.BedBlockViewSet)
router.register("occupancy-reports", views.OccupancyReportViewSet)
router.register("inspections", views.InspectionViewSet)
router.register("inspection-findings", views.InspectionFindingViewSet)
router.register("service-centres", views.ServiceCentreViewSet)
router.register("assessments", views.AssessmentViewSet)
router.register("providers", views.ProviderViewSet)
router.register("provider-services", views.ProviderServiceViewSet)
router.register("service-orders", views.ServiceOrderViewSet)
router.register("insurance-policies", views.InsurancePolicyViewSet)
router.register("elderly-associations", views.ElderlyAssociationViewSet)
router.register("honour-awards", views.HonourAwardViewSet)
urlpatterns = [
    path("statistics/", views.EldercareStatisticsAPIView.as_view(), name="statistics"),
    *router.urls,
]
