from minzheng.framework.api.routers import Router
from minzheng.verification.api import views

app_name = "verification-api"
router = Router()
router.register("snapshots", views.SourceSnapshotViewSet)
router.register("records", views.SourceRecordViewSet)
urlpatterns = router.urls
