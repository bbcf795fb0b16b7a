"""Business operations on one object: a small form whose valid input is handed to a service (house style B1).

A domain view sets ``queryset``, ``action`` (the permission action needed), ``form`` (an
``ActionForm``) and ``action_label`` (the button on the object's page), and implements ``perform``,
which calls the service and returns the object to show next. A ``DomainError`` from the service
becomes a form error; nothing is written then, because services are atomic.
"""

from django.contrib import messages
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import View

from minzheng.framework.exceptions import DomainError
from minzheng.framework.htmx import htmx_partial, htmx_redirect
from minzheng.framework.permissions import get_permission_for_model
from minzheng.framework.registry import registry
from minzheng.framework.urls import model_url
from minzheng.framework.views.mixins import ObjectPermissionMixin

__all__ = ["ObjectActionView", "object_actions"]


def object_actions(instance, user) -> list[dict]:
    """The buttons of an object's page: its registered action views that ``user`` may use."""
    actions = []
    for name, entry in registry["views"][type(instance)].items():
        view = entry["view"]
        label = getattr(view, "action_label", None)
        available = getattr(view, "is_available", None)
        if not (entry["detail"] and label) or (available is not None and not available(instance)):
            continue
        if user.has_perm(get_permission_for_model(instance, view.action)):
            actions.append({"name": name, "label": label, "url": model_url(instance, name)})
    return actions


class ObjectActionView(ObjectPermissionMixin, View):
    """GET shows the operation's form, POST runs it through ``perform`` and returns to the object's page."""

    form = None
    action = "change"
    action_label = ""
    template_name = "generic/object_action.html"

    @classmethod
    def is_available(cls, instance) -> bool:
        """Whether the operation applies to ``instance`` in its present state (its button is shown only then);
        by default, whenever ``queryset`` holds it."""
        return cls.queryset.filter(pk=instance.pk).exists()

    def perform(self, request, instance, form) -> models.Model:
        """Call the service with the valid ``form``'s data; return the object to show afterwards."""
        raise NotImplementedError

    def render(self, request, form, instance):
        context = {**self.base_context(), "object": instance, "form": form, "title": self.action_label,
                   **self.get_extra_context(request, instance)}
        return TemplateResponse(request, self.template_name, context)

    def get(self, request, pk):
        instance = get_object_or_404(self.queryset, pk=pk)
        return self.render(request, self.form(instance=instance, user=request.user), instance)

    def post(self, request, pk):
        instance = get_object_or_404(self.queryset, pk=pk)
        form = self.form(request.POST, instance=instance, user=request.user)
        if form.is_valid():
            try:
                result = self.perform(request, instance, form)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("%(action)s: done.") % {"action": self.action_label})
                url = result.get_absolute_url()
                return htmx_redirect(url) if htmx_partial(request) else redirect(url)
        return self.render(request, form, instance)
