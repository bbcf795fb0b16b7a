"""Personal sensitive information: masked everywhere by default, shown in full only on request, and logged.

A model declares its sensitive fields as data, next to ``area_lookup``::

    sensitive_fields = {"id_number": SensitiveField(mask_id_number, reveal="id")}

Every layer then follows the declaration without further code:

- tables: a column on a sensitive field (declared in ``Meta.fields``, also through a relation such as
  ``person__id_number``) is a ``MaskedColumn``, in the page and in CSV/XLSX exports;
- detail pages (``ObjectView``) and the ``{% masked_field %}`` tag show the masked value, with a
  "show full" button for users who may reveal it;
- serializers (``BaseModelSerializer``) return the masked value; a masked value sent back is ignored;
- model forms never pre-fill the stored value (typing a new one replaces it, leaving it blank keeps it);
- the full value needs the permission ``<app>.view_full_<reveal>_<model>`` held *within the record's
  area*, and is given only by ``reveal()``, which writes the business event
  ``privacy.<model>.<reveal>_revealed`` (who, when, whose, which field) in the same transaction. The
  page (``<pk>/reveal/``, registered for every such model) and the API (``?reveal=<field>`` on the
  detail endpoint) both go through it.

The permission is declared in the model's ``Meta.permissions`` and granted to roles like any other.
"""

from collections.abc import Callable
from dataclasses import dataclass

import django_tables2 as tables
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models, transaction
from django_tables2.columns import library

from minzheng.framework.exceptions import PermissionsViolation
from minzheng.framework.permissions import get_permission_for_model
from minzheng.framework.registry import registry

__all__ = [
    "MaskedColumn",
    "SensitiveField",
    "can_reveal",
    "check_table_columns",
    "is_sensitive",
    "mask_id_number",
    "mask_middle",
    "mask_name",
    "mask_value",
    "reveal",
    "reveal_action",
    "reveal_event",
    "reveal_permission",
    "sensitive_fields",
]

#: The character standing for each hidden character.
MASK_CHARACTER = "*"


@dataclass(frozen=True)
class SensitiveField:
    """How one field is protected.

    Attributes:
        mask: turns the stored value into the text shown by default.
        reveal: short name of the full view, used in the permission (``view_full_<reveal>_<model>``)
            and in the access-log event code (``privacy.<model>.<reveal>_revealed``).
    """

    mask: Callable[[str], str]
    reveal: str


def mask_middle(value: str, head: int, tail: int) -> str:
    """``value`` with all but its first ``head`` and last ``tail`` characters starred (length kept).

    A value too short to keep both ends keeps only its last third (at most ``tail`` characters).
    """
    if len(value) > head + tail:
        return value[:head] + MASK_CHARACTER * (len(value) - head - tail) + value[len(value) - tail:]
    kept = min(tail, len(value) // 3)
    return MASK_CHARACTER * (len(value) - kept) + value[len(value) - kept:]


def mask_id_number(value: str) -> str:
    """An identity number as shown by default: address code and last four, e.g. ``120101********123X``.

    A legacy 15-digit number keeps the same ends (``120101*****1234``); anything shorter keeps only a
    short tail, so that a mistyped or foreign number never shows in full.
    """
    return mask_middle(str(value).strip(), head=6, tail=4)


def mask_name(value: str) -> str:
    """A person's name as shown on public pages: first and last character kept, the rest starred.

    ``张三明`` → ``张*明``, ``欧阳小明`` → ``欧**明``; a two-character name keeps its first (``张*``), a
    one-character name is starred whole.
    """
    value = str(value).strip()
    if len(value) <= 2:
        return value[:len(value) - 1] + MASK_CHARACTER if value else ""
    return value[0] + MASK_CHARACTER * (len(value) - 2) + value[-1]


def sensitive_fields(model: type[models.Model] | models.Model) -> dict[str, SensitiveField]:
    """The model's declared sensitive fields (``{}`` when it declares none)."""
    return getattr(model, "sensitive_fields", None) or {}


def is_sensitive(model, field_name: str) -> bool:
    return field_name in sensitive_fields(model)


def mask_value(model, field_name: str, value):
    """``value`` masked when ``field_name`` is sensitive on ``model``; empty values and other fields unchanged."""
    spec = sensitive_fields(model).get(field_name)
    if spec is None or value in (None, ""):
        return value
    return spec.mask(str(value))


def _spec(model, field_name: str) -> SensitiveField:
    try:
        return sensitive_fields(model)[field_name]
    except KeyError:
        raise ImproperlyConfigured(f"{model._meta.label}.{field_name} is not a sensitive field") from None


def reveal_action(model, field_name: str) -> str:
    """The permission action that reveals ``field_name`` in full, e.g. ``view_full_id``."""
    return f"view_full_{_spec(model, field_name).reveal}"


def reveal_permission(model, field_name: str) -> str:
    """The full permission name, e.g. ``registry.view_full_id_person``."""
    return get_permission_for_model(model, reveal_action(model, field_name))


def reveal_event(model, field_name: str) -> str:
    """The access-log event code, e.g. ``privacy.person.id_revealed``."""
    return f"privacy.{model._meta.model_name}.{_spec(model, field_name).reveal}_revealed"


def can_reveal(user, instance: models.Model, field_name: str) -> bool:
    """Whether ``user`` may reveal the field of this record: the permission, held within its area."""
    if not is_sensitive(instance, field_name) or not user.has_perm(reveal_permission(instance, field_name)):
        return False
    manager = type(instance)._default_manager
    return manager.restrict(user, reveal_action(instance, field_name)).filter(pk=instance.pk).exists()


@transaction.atomic
def reveal(instance: models.Model, field_name: str, *, actor) -> str:
    """The full value of a sensitive field, for ``actor``; writes the access-log event first.

    Args:
        instance: the record, already read through the caller's restricted queryset.
        field_name: a field declared in the model's ``sensitive_fields``.
        actor: the user asking.

    Raises:
        PermissionDenied: the actor does not hold the reveal permission anywhere.
        PermissionsViolation: the record lies outside the area where the actor holds it (a 404).
        ImproperlyConfigured: the field is not sensitive, or no audit hook is installed (a full value is
            never shown without its access record).
    """
    model = type(instance)
    if not actor.has_perm(reveal_permission(model, field_name)):
        raise PermissionDenied
    if not model._default_manager.restrict(actor, reveal_action(model, field_name)).filter(pk=instance.pk).exists():
        raise PermissionsViolation
    record_event = registry["hooks"].get("record_event")
    if record_event is None:
        raise ImproperlyConfigured("privacy.reveal needs the audit app's record_event hook")
    record_event(reveal_event(model, field_name), actor=actor, subject=instance, payload={"field": field_name})
    return getattr(instance, field_name)


class MaskedColumn(tables.Column):
    """A table column showing a sensitive field masked, on the page and in exports; not sortable.

    Registered in django-tables2's column library, so a sensitive field named in a table's
    ``Meta.fields`` (also through a relation, ``person__id_number``) gets this column undeclared.
    ``mask`` is for a column over a computed value; a declared field's own mask always wins.
    """

    def __init__(self, *args, mask: Callable[[str], str] = mask_id_number, **kwargs):
        kwargs.setdefault("orderable", False)
        super().__init__(*args, **kwargs)
        self.mask = mask

    @classmethod
    def from_field(cls, field, **kwargs):
        return cls(**kwargs) if _sensitive_target(field) else None

    def render(self, value, record, bound_column):
        field = bound_column.accessor.get_field(record)
        if _sensitive_target(field):
            return mask_value(field.model, field.name, value)
        return self.mask(str(value))

    def value(self, value, record, bound_column):
        return self.render(value, record, bound_column)


def _sensitive_target(field) -> bool:
    return field is not None and is_sensitive(getattr(field, "model", None), field.name)


def check_table_columns(table) -> None:
    """Refuse a table that would show a sensitive field through a column other than ``MaskedColumn``.

    Raises:
        ImproperlyConfigured: naming the column.
    """
    model = getattr(table._meta, "model", None)
    if model is None:
        return
    for name, column in table.base_columns.items():
        if isinstance(column, MaskedColumn):
            continue
        accessor = tables.A(column.accessor or name)
        if _sensitive_target(accessor.get_field(model)):
            raise ImproperlyConfigured(f"{type(table).__name__}: column on {accessor} must be a MaskedColumn")


library.register(MaskedColumn)
