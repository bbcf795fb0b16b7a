from minzheng.framework.api.routers import Router
from minzheng.plans.api import views

app_name = "plans-api"
router = Router()
router.register("units", views.UnitViewSet)
router.register("plans", views.PlanViewSet)
router.register("items", views.ItemViewSet)
router.register("tasks", views.TaskViewSet)
router.register("targets", views.TargetViewSet)
router.register("progress-reports", views.ProgressReportViewSet)
urlpatterns = router.urls
