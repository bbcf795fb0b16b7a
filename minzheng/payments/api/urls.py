from minzheng.framework.api.routers import Router
from minzheng.payments.api import views

app_name = "payments-api"
router = Router()
router.register("payment-rolls", views.PaymentRollViewSet)
router.register("payment-entries", views.PaymentEntryViewSet)
router.register("payment-adjustments", views.PaymentAdjustmentViewSet)
router.register("payee-accounts", views.PayeeAccountViewSet)
urlpatterns = router.urls
