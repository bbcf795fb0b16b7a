from django.urls import path

from minzheng.audit.models import AuditEvent, ObjectChange
from minzheng.audit.views import VerifyChainView
from minzheng.framework.urls import get_model_urls

app_name = "audit"
urlpatterns = [
    path("verify/", VerifyChainView.as_view(), name="verify"),
    *get_model_urls(ObjectChange),
    *get_model_urls(AuditEvent),
]
