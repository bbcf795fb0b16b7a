from django.urls import path

from minzheng.statistics.api import views

app_name = "statistics-api"
urlpatterns = [
    path("assistance/", views.AssistanceStatisticsAPIView.as_view(), name="assistance"),
]
