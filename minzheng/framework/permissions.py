"""Permission names (Django's ``app.action_model``) and custom model actions."""

from dataclasses import dataclass

from django.db.models import Model

CRUD_ACTIONS = ("view", "add", "change", "delete")
_model_actions: dict[str, list["ModelAction"]] = {}


@dataclass(frozen=True)
class ModelAction:
    """A domain action beyond CRUD (approve, export_full, ...), granted like any permission."""

    name: str
    help_text: str = ""


def get_permission_for_model(model: type[Model] | Model, action: str) -> str:
    """Return ``app_label.action_modelname`` for a model class or instance."""
    opts = model._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


def register_model_actions(model: type[Model], actions: list[ModelAction]) -> None:
    """Declare custom actions for a model; each becomes a permission created by a data migration."""
    _model_actions.setdefault(model._meta.label_lower, []).extend(actions)


def get_model_actions(model: type[Model]) -> list[ModelAction]:
    return list(_model_actions.get(model._meta.label_lower, []))
