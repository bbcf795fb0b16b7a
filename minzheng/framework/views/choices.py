"""The ``choices`` view behind every lazy picker, registered for each model that has a list view."""

from django.template.response import TemplateResponse
from django.views import View

from minzheng.framework.registry import registry
from minzheng.framework.urls import register_model_view
from minzheng.framework.views.mixins import ObjectPermissionMixin

__all__ = ["ObjectChoicesView", "register_choices_views"]


class ObjectChoicesView(ObjectPermissionMixin, View):
    """At most ``limit`` objects of the user's area matching the typed text (the list's ``q`` search)."""

    filterset = None
    limit = 20

    def get(self, request):
        text = next((v for k, v in request.GET.items() if k == "q" or k.endswith("__search")), "").strip()
        objects = []
        if text:
            filterset = self.filterset({"q": text}, queryset=self.queryset, request=request)
            objects = list(filterset.qs[: self.limit])
        return TemplateResponse(request, "htmx/choices.html", {"objects": objects})


def register_choices_views() -> None:
    """Give every model with a list view a ``choices`` view using the list's queryset and filterset."""
    for model, views in list(registry["views"].items()):
        listing = views.get("list")
        if listing is None or "choices" in views:
            continue
        view = listing["view"]
        register_model_view(model, "choices", route="choices/", detail=False,
                            queryset=view.queryset, filterset=view.filterset)(ObjectChoicesView)
