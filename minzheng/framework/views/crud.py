"""The four pages of a record edited through forms (list, detail, add/edit, delete) in one call: a new model
costs data, not code."""

from minzheng.framework.urls import register_model_view
from minzheng.framework.views.generic import ObjectDeleteView, ObjectEditView, ObjectListView, ObjectView

__all__ = ["register_crud"]


def register_crud(model, *, queryset, table, filterset, form, fields=None, detail=None, extra_context=None) -> None:
    """Register list, detail, add, edit and delete views for ``model``.

    Args:
        detail: a detail view class to use instead of a plain ``ObjectView`` over ``fields``.
        extra_context: ``fn(view, request, instance) -> dict`` for the detail page.
    """
    name = model.__name__
    register_model_view(model, "list")(type(f"{name}ListView", (ObjectListView,), {
        "queryset": queryset, "table": table, "filterset": filterset}))
    if detail is None:
        attrs = {"queryset": queryset, "fields": fields}
        if extra_context is not None:
            attrs["get_extra_context"] = lambda self, request, instance=None: extra_context(self, request, instance)
        detail = type(f"{name}View", (ObjectView,), attrs)
    register_model_view(model)(detail)
    edit = type(f"{name}EditView", (ObjectEditView,), {"queryset": model.objects.all(), "form": form})
    register_model_view(model, "add")(edit)
    register_model_view(model, "edit")(edit)
    register_model_view(model, "delete")(type(f"{name}DeleteView", (ObjectDeleteView,),
                                              {"queryset": model.objects.all()}))
