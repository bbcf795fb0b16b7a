from django.contrib.contenttypes.models import ContentType
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from minzheng.audit import filtersets, tables
from minzheng.audit.models import AuditEvent, ObjectChange
from minzheng.framework.urls import register_model_view
from minzheng.framework.views import ObjectListView, ObjectView
from minzheng.framework.views.generic import object_tabs
from minzheng.framework.views.mixins import ObjectPermissionMixin
from minzheng.jobs.services import enqueue_job


@register_model_view(ObjectChange, "list")
class ObjectChangeListView(ObjectListView):
    queryset = ObjectChange.objects.select_related("content_type")
    filterset = filtersets.ObjectChangeFilterSet
    table = tables.ObjectChangeTable


@register_model_view(ObjectChange)
class ObjectChangeView(ObjectView):
    queryset = ObjectChange.objects.select_related("content_type")
    template_name = "audit/objectchange.html"


@register_model_view(AuditEvent, "list")
class AuditEventListView(ObjectListView):
    queryset = AuditEvent.objects.select_related("content_type")
    filterset = filtersets.AuditEventFilterSet
    table = tables.AuditEventTable


@register_model_view(AuditEvent)
class AuditEventView(ObjectView):
    queryset = AuditEvent.objects.select_related("content_type")
    fields = ("seq", "time", "actor_name", "request_id", "code", "object_repr", "payload", "hash")


class ObjectChangelogView(ObjectPermissionMixin, View):
    """The 变更记录 tab of any tracked object: its change records, newest first.

    Registered for every TrackedModel by ``register_changelog_views``; the object itself must be
    visible to the user (404 otherwise), so the tab reveals nothing outside the user's area.
    """

    tab_label = _("Change records")
    base_model = None

    def get(self, request, pk):
        instance = get_object_or_404(self.queryset, pk=pk)
        changes = ObjectChange.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=str(pk)
        ).order_by("-seq")[:200]
        context = {**self.base_context(), "object": instance, "changes": changes,
                   "tabs": object_tabs(instance, request.user), "active_tab": "changelog"}
        return TemplateResponse(request, "audit/object_changelog.html", context)


def register_changelog_views() -> None:
    """Give every TrackedModel a 变更记录 tab."""
    from django.apps import apps

    from minzheng.framework.models import TrackedModel

    for model in apps.get_models():
        if issubclass(model, TrackedModel):
            register_model_view(model, "changelog", queryset=model.objects.all())(ObjectChangelogView)


class VerifyChainView(ObjectPermissionMixin, View):
    """Start the ``audit.verify_chain`` job (POST) and show its page; GET explains and offers the button.

    One job per user and minute: pressing the button again within the minute opens the same job.
    """

    queryset = ObjectChange.objects.all()
    action = "view"
    template_name = "audit/verify.html"

    def get(self, request):
        return TemplateResponse(request, self.template_name, self.base_context())

    def post(self, request):
        key = f"audit.verify_chain:{request.user.pk}:{timezone.now():%Y%m%d%H%M}"
        job = enqueue_job("audit.verify_chain", actor=request.user, key=key)
        return redirect(job.get_absolute_url())
