from minzheng.audit.api import views
from minzheng.framework.api.routers import Router

app_name = "audit-api"
router = Router()
router.register("changes", views.ObjectChangeViewSet)
router.register("events", views.AuditEventViewSet)
urlpatterns = router.urls
