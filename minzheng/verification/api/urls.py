from minzheng.framework.api.routers import Router
from minzheng.verification.api import views

app_name = "verification-api"
router = Router()
router.register("snapshots", views.SourceSnapshotViewSet)
router.register("records", views.SourceRecordViewSet)
router.register("consents", views.ConsentViewSet)
router.register("rule-sets", views.EligibilityRuleSetViewSet)
router.register("reports", views.VerificationViewSet)
router.register("access-logs", views.AccessLogViewSet)
router.register("batch-reviews", views.BatchReviewViewSet)
router.register("batch-findings", views.BatchFindingViewSet)
urlpatterns = router.urls
