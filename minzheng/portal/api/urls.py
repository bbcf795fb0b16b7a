from django.urls import path

from minzheng.portal.api import views

app_name = "portal-api"
urlpatterns = [
    path("notices/", views.NoticeListAPIView.as_view(), name="notice-list"),
    path("notices/<int:pk>/objections/", views.ObjectionAPIView.as_view(), name="notice-objection"),
]
