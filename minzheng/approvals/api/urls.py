from minzheng.approvals.api import views
from minzheng.framework.api.routers import Router

app_name = "approvals-api"
router = Router()
router.register("approval-requests", views.ApprovalRequestViewSet)
router.register("approval-decisions", views.ApprovalDecisionViewSet)
router.register("objections", views.ObjectionViewSet)
router.register("approval-flows", views.ApprovalFlowViewSet)
router.register("approval-steps", views.ApprovalStepViewSet)
router.register("step-delegations", views.StepDelegationViewSet)
router.register("holidays", views.HolidayViewSet)
urlpatterns = router.urls
