from minzheng.assistance.api import cases, medical, recalculation, temporary, views
from minzheng.framework.api.routers import Router

app_name = "assistance-api"
router = Router()
router.register("programs", views.ProgramViewSet)
router.register("standards", views.StandardViewSet)
router.register("calculation-rule-sets", views.CalculationRuleSetViewSet)
router.register("caseworker-records", views.CaseworkerRecordViewSet)
router.register("declared-relatives", views.DeclaredRelativeViewSet)
router.register("conflict-filings", views.ConflictFilingViewSet)
router.register("cases", cases.AssistanceCaseViewSet)
router.register("investigations", cases.InvestigationViewSet)
router.register("evaluations", cases.EvaluationViewSet)
router.register("benefit-changes", cases.BenefitChangeViewSet)
router.register("benefit-periods", cases.BenefitPeriodViewSet)
router.register("benefit-reviews", cases.BenefitReviewViewSet)
router.register("review-tasks", cases.ReviewTaskViewSet)
router.register("medical-claims", medical.MedicalClaimViewSet)
router.register("recalculations", recalculation.RecalculationViewSet)
router.register("temporary-cases", temporary.TemporaryCaseViewSet, basename="temporary-case")
urlpatterns = router.urls
