from minzheng.framework.api.routers import Router
from minzheng.registry.api import views

app_name = "registry-api"
router = Router()
router.register("persons", views.PersonViewSet)
router.register("households", views.HouseholdViewSet)
router.register("memberships", views.MembershipViewSet)
router.register("life-events", views.LifeEventViewSet)
router.register("duplicates", views.DuplicateCandidateViewSet)
urlpatterns = router.urls
