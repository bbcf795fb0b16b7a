from django.urls import path

from minzheng.framework.urls import get_model_urls
from minzheng.verification.models import (
    AccessLog,
    BatchFinding,
    BatchReview,
    Consent,
    EligibilityRuleSet,
    SourceRecord,
    SourceSnapshot,
    Verification,
)
from minzheng.verification.views.sources import LoadErrorReportView

app_name = "verification"
urlpatterns = [
    *get_model_urls(SourceSnapshot),
    *get_model_urls(SourceRecord),
    *get_model_urls(Consent),
    *get_model_urls(EligibilityRuleSet),
    *get_model_urls(Verification),
    *get_model_urls(AccessLog),
    *get_model_urls(BatchReview),
    *get_model_urls(BatchFinding),
    path("loads/<int:job_id>/errors/", LoadErrorReportView.as_view(), name="load_errors"),
]
