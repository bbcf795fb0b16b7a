from django.urls import path

from minzheng.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.IndicatorListView.as_view(), name="indicator_list"),
]
