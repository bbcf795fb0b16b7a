from minzheng.accounts.api import views
from minzheng.framework.api.routers import Router

app_name = "accounts-api"
router = Router()
router.register("role-assignments", views.RoleAssignmentViewSet)
urlpatterns = router.urls
