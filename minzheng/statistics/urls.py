from django.urls import path

from minzheng.statistics import views

app_name = "statistics"
urlpatterns = [
    path("assistance/", views.AssistanceStatisticsView.as_view(), name="assistance"),
]
