from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from minzheng.core import views as core_views

API_APPS = ["accounts", "divisions", "audit", "jobs", "registry", "approvals", "assistance", "payments", "verification",
            "plans", "indicators", "statistics", "portal", "eldercare", "marriage"]
UI_APPS = ["accounts", "divisions", "audit", "jobs", "registry", "approvals", "assistance", "payments", "verification",
           "plans", "indicators", "statistics", "portal", "eldercare", "marriage"]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("jsi18n/", login_not_required(JavaScriptCatalog.as_view()), name="javascript-catalog"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    *[path(f"api/{app}/", include(f"minzheng.{app}.api.urls")) for app in API_APPS],
    *[path(f"{app}/", include(f"minzheng.{app}.urls")) for app in UI_APPS],
]
