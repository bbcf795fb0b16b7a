from minzheng.approvals.models import ApprovalFlow, ApprovalRequest, ApprovalStep, Holiday, StepDelegation
from minzheng.framework.urls import get_model_urls

app_name = "approvals"
urlpatterns = [
    *get_model_urls(ApprovalRequest),
    *get_model_urls(ApprovalFlow),
    *get_model_urls(ApprovalStep),
    *get_model_urls(StepDelegation),
    *get_model_urls(Holiday),
]
