from django.urls import path

from minzheng.accounts import views
from minzheng.accounts.models import RoleAssignment
from minzheng.framework.urls import get_model_urls

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    *get_model_urls(RoleAssignment),
]
