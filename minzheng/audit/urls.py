from minzheng.audit.models import AuditEvent, ObjectChange
from minzheng.framework.urls import get_model_urls

app_name = "audit"
urlpatterns = [
    *get_model_urls(ObjectChange),
    *get_model_urls(AuditEvent),
]
