from minzheng.framework.urls import get_model_urls
from minzheng.jobs.models import Job

app_name = "jobs"
urlpatterns = [*get_model_urls(Job)]
