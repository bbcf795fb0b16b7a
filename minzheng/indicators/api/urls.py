from django.urls import path

from minzheng.indicators.api import views

app_name = "indicators-api"
urlpatterns = [
    path("", views.IndicatorListAPIView.as_view(), name="indicator-list"),
    path("<str:code>/", views.IndicatorAPIView.as_view(), name="indicator-detail"),
]
