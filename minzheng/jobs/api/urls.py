from minzheng.framework.api.routers import Router
from minzheng.jobs.api import views

app_name = "jobs-api"
router = Router()
router.register("jobs", views.JobViewSet)
urlpatterns = router.urls
