from django.urls import path

from minzheng.framework.urls import get_model_urls
from minzheng.plans.models import Item, Plan, ProgressReport, Target, Task, Unit
from minzheng.plans.views import MyTasksView

app_name = "plans"
urlpatterns = [
    path("mine/", MyTasksView.as_view(), name="mine"),
    *get_model_urls(Unit),
    *get_model_urls(Plan),
    *get_model_urls(Item),
    *get_model_urls(Task),
    *get_model_urls(Target),
    *get_model_urls(ProgressReport),
]
