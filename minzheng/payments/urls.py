from minzheng.framework.urls import get_model_urls
from minzheng.payments.models import PayeeAccount, PaymentAdjustment, PaymentEntry, PaymentRoll

app_name = "payments"
urlpatterns = [
    *get_model_urls(PaymentRoll),
    *get_model_urls(PaymentEntry),
    *get_model_urls(PaymentAdjustment),
    *get_model_urls(PayeeAccount),
]
