from minzheng.divisions.api import views
from minzheng.framework.api.routers import Router

app_name = "divisions-api"
router = Router()
router.register("divisions", views.DivisionViewSet)
router.register("division-changes", views.DivisionChangeViewSet)
urlpatterns = router.urls
