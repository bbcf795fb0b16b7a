from django.urls import path

from minzheng.framework.urls import get_model_urls
from minzheng.verification.models import SourceRecord, SourceSnapshot
from minzheng.verification.views import LoadErrorReportView

app_name = "verification"
urlpatterns = [
    *get_model_urls(SourceSnapshot),
    *get_model_urls(SourceRecord),
    path("loads/<int:job_id>/errors/", LoadErrorReportView.as_view(), name="load_errors"),
]
