from minzheng.divisions.models import Division, DivisionChange
from minzheng.framework.urls import get_model_urls

app_name = "divisions"
urlpatterns = [
    *get_model_urls(Division),
    *get_model_urls(DivisionChange),
]
