"""The ``reveal`` view of every model declaring sensitive fields: one field in full, logged (framework.privacy)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.views import View

from minzheng.framework.htmx import htmx_partial
from minzheng.framework.privacy import is_sensitive, reveal, reveal_action, sensitive_fields
from minzheng.framework.registry import registry
from minzheng.framework.urls import register_model_view
from minzheng.framework.views.mixins import ObjectPermissionMixin

__all__ = ["ObjectRevealView", "register_reveal_views"]


class ObjectRevealView(ObjectPermissionMixin, View):
    """POST ``field``: that sensitive field of the object in full, after writing the access-log event.

    403 without the reveal permission, 404 for a record outside the area where it is held. Answers
    htmx with the value as a fragment replacing the masked one, other requests with a small page.
    """

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        self.field = request.POST.get("field", "")
        if request.method == "POST" and not is_sensitive(self.model, self.field):
            raise Http404
        if request.method == "POST":
            self.action = reveal_action(self.model, self.field)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, pk):
        instance = get_object_or_404(self.queryset, pk=pk)
        value = reveal(instance, self.field, actor=request.user)
        context = {**self.base_context(), "object": instance, "value": value,
                   "label": instance._meta.get_field(self.field).verbose_name}
        template = "privacy/revealed.html" if htmx_partial(request) else "privacy/revealed_page.html"
        response = TemplateResponse(request, template, context)
        add_never_cache_headers(response)  # no copy of the full value in any cache
        return response


def register_reveal_views() -> None:
    """Give every model with a detail page and declared sensitive fields a ``reveal`` view."""
    for model, views in list(registry["views"].items()):
        if "" in views and "reveal" not in views and sensitive_fields(model):
            register_model_view(model, "reveal", queryset=model._default_manager.all())(ObjectRevealView)
