from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.views import View
from rest_framework.authtoken.models import Token

from minzheng.accounts import filtersets, forms, tables
from minzheng.accounts.models import RoleAssignment
from minzheng.framework.urls import register_model_view
from minzheng.framework.views import ObjectDeleteView, ObjectEditView, ObjectListView, ObjectView


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class ProfileView(View):
    """The user's own page: roles, and the API token (created on request)."""

    def get(self, request):
        token = Token.objects.filter(user=request.user).first()
        return TemplateResponse(request, "accounts/profile.html", {"token": token})

    def post(self, request):
        Token.objects.filter(user=request.user).delete()
        token = Token.objects.create(user=request.user)
        return TemplateResponse(request, "accounts/profile.html", {"token": token, "new_token": True})


@register_model_view(RoleAssignment, "list")
class RoleAssignmentListView(ObjectListView):
    queryset = RoleAssignment.objects.select_related("user", "role", "division")
    filterset = filtersets.RoleAssignmentFilterSet
    table = tables.RoleAssignmentTable


@register_model_view(RoleAssignment)
class RoleAssignmentView(ObjectView):
    queryset = RoleAssignment.objects.select_related("user", "role", "division")
    fields = ("user", "role", "division")


@register_model_view(RoleAssignment, "add")
@register_model_view(RoleAssignment, "edit")
class RoleAssignmentEditView(ObjectEditView):
    queryset = RoleAssignment.objects.all()
    form = forms.RoleAssignmentForm


@register_model_view(RoleAssignment, "delete")
class RoleAssignmentDeleteView(ObjectDeleteView):
    queryset = RoleAssignment.objects.all()
