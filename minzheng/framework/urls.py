"""Model view registration: ``@register_model_view(Model, "edit")`` plus ``get_model_urls``."""

from django.urls import path, reverse

from minzheng.framework.registry import registry

__all__ = ["get_model_urls", "model_url", "register_model_view"]

# name -> (route suffix, detail?)
ROUTES = {
    "list": ("", False),
    "add": ("add/", False),
    "export": ("export/", False),
    "": ("<int:pk>/", True),
    "edit": ("<int:pk>/edit/", True),
    "delete": ("<int:pk>/delete/", True),
    "changelog": ("<int:pk>/changelog/", True),
}


def register_model_view(model, name: str = "", *, route: str | None = None, detail: bool | None = None, **kwargs):
    """Class decorator registering a view for ``model`` under ``name`` (``""`` is the detail page)."""

    def wrapper(cls):
        default_route, default_detail = ROUTES.get(name, (f"<int:pk>/{name}/", True))
        registry["views"][model][name] = {
            "view": cls,
            "route": route if route is not None else default_route,
            "detail": default_detail if detail is None else detail,
            "kwargs": kwargs,
        }
        return cls

    return wrapper


def url_name(model, name: str) -> str:
    return f"{model._meta.model_name}_{name}" if name else model._meta.model_name


def get_model_urls(model) -> list:
    """All URL patterns for the views registered for ``model``, prefixed by its plural route."""
    prefix = model._meta.model_name.replace("_", "-") + "s/"
    patterns = []
    for name, entry in registry["views"][model].items():
        view = entry["view"].as_view(**entry["kwargs"])
        patterns.append(path(prefix + entry["route"], view, name=url_name(model, name)))
    return patterns


def model_url(obj_or_model, name: str = "", **kwargs) -> str:
    """Reverse ``app:model_name`` for a model class or instance (instances add their pk)."""
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    entry = registry["views"][model].get(name)
    if entry is not None and entry["detail"] and not isinstance(obj_or_model, type):
        kwargs.setdefault("pk", obj_or_model.pk)
    return reverse(f"{model._meta.app_label}:{url_name(model, name)}", kwargs=kwargs or None)
