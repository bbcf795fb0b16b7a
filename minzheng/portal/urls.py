from django.urls import path

from minzheng.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.PortalHomeView.as_view(), name="home"),
    path("notices/", views.NoticeListView.as_view(), name="notice_list"),
    path("notices/<str:code>/", views.CommunityNoticeView.as_view(), name="notice_community"),
]
