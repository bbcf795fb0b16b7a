"""Audited CRUD used by every generic view and viewset (house style B6).

Domain state changes beyond plain CRUD live in each app's ``services.py`` and call
``record_change`` / ``record_event`` from the audit app themselves.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction

from minzheng.framework.exceptions import DomainError, PermissionsViolation
from minzheng.framework.permissions import get_permission_for_model
from minzheng.framework.registry import registry

__all__ = ["delete_object", "domain_error", "ensure_holds_in", "ensure_in_area", "held_at_city", "holds_in",
           "record_change", "save_object", "user_or_none", "validated"]


def user_or_none(actor):
    """The actor as a user row to stamp on a record, or None for the system (command line, start-up, portal)."""
    return actor if getattr(actor, "pk", None) else None


def domain_error(exc: ValidationError, *, code: str) -> DomainError:
    """A model's ``ValidationError`` as the ``DomainError`` of ``code``: the first message, its field (none for
    errors of the whole record), and every error."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    field, messages = next(iter(errors.items()))
    return DomainError(messages[0], code=code, field=None if field == "__all__" else field, errors=errors)


def validated(instance: models.Model, *, code: str, exclude=None) -> models.Model:
    """``instance`` after ``full_clean``; a failure is raised as ``domain_error(..., code=code)``."""
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise domain_error(exc, code=code) from exc
    return instance


def record_change(instance: models.Model, action: str, *, actor, before: dict | None, after: dict | None) -> None:
    """Write one change-log row through the audit app's hook (installed in its AppConfig.ready)."""
    hook = registry["hooks"].get("record_change")
    if hook is not None:
        hook(instance, action, actor=actor, before=before, after=after)


def _ensure_in_scope(instance: models.Model, actor, action: str) -> None:
    if not type(instance).objects.restrict(actor, action).filter(pk=instance.pk).exists():
        raise PermissionsViolation()


def ensure_in_area(instance: models.Model, actor, action: str = "view") -> None:
    """Refuse a user acting on ``instance`` outside the area where the role holds ``action`` (a 404 for them);
    a system actor (``None``: command line, jobs, the public portal) is trusted.

    Raises:
        PermissionsViolation: nothing has been written by this check.
    """
    if user_or_none(actor) is not None:
        _ensure_in_scope(instance, actor, action)


def holds_in(actor, model: type[models.Model], action: str, division) -> bool:
    """Whether ``actor`` holds ``<app>.<action>_<model>`` in ``division`` (a role granted there or above)."""
    if not actor.is_active:
        return False
    if actor.is_superuser:
        return True
    paths = actor.area_paths(get_permission_for_model(model, action))
    return any(division.path.startswith(path) for path in paths)


def held_at_city(user, model: type[models.Model], action: str = "add") -> bool:
    """Whether ``user`` holds ``action`` on ``model`` through a role granted at the city (the root of the tree):
    city-wide work such as loading source data, a batch review, importing the work plan. ``None`` is the
    system (a command, a job)."""
    if user is None or user.is_superuser:
        return True
    paths = user.area_paths(get_permission_for_model(model, action)) if user.is_active else []
    return any(path.count("/") == 1 for path in paths)


def ensure_holds_in(actor, model: type[models.Model], action: str, division) -> None:
    """Refuse a user who may not ``action`` a ``model`` in ``division`` (before the record exists); a system
    actor (``None``) is trusted.

    Raises:
        PermissionsViolation: nothing has been written by this check.
    """
    actor = user_or_none(actor)
    if actor is not None and not holds_in(actor, model, action, division):
        raise PermissionsViolation()


@transaction.atomic
def save_object(instance: models.Model, *, actor, save_m2m=None, scoped: bool = True) -> models.Model:
    """Create or update ``instance`` on behalf of ``actor`` and log it.

    The object is re-read through ``restrict(actor, action)`` inside the transaction, before an
    update (the stored row must be within the actor's area) and after the write; if the write
    moved it outside the actor's area, everything is rolled back.

    Args:
        instance: an unsaved or modified model instance (already validated by a form or serializer).
        actor: the user doing it.
        save_m2m: the form's ``save_m2m`` when there are many-to-many fields.
        scoped: ``False`` only for a service that has checked the actor's authority over the record in its own
            terms (the write is still logged as the actor's); see ``registry.services.record_life_event``.

    Raises:
        PermissionsViolation: the stored row or the result lies outside the actor's area.
    """
    creating = instance._state.adding or instance.pk is None
    before = None
    if not creating:
        # The stored row must be the actor's to change, too: no taking a record in from another area.
        if scoped:
            _ensure_in_scope(instance, actor, "change")
        previous = type(instance).objects.select_for_update().get(pk=instance.pk)
        before = previous.snapshot() if hasattr(previous, "snapshot") else None
    if hasattr(instance, "created_by_id"):
        if creating:
            instance.created_by = actor
        instance.updated_by = actor
    instance.save()
    if save_m2m is not None:
        save_m2m()
    if scoped:
        _ensure_in_scope(instance, actor, "add" if creating else "change")
    if hasattr(instance, "validate_actor"):
        instance.validate_actor(actor)  # inside the transaction: a refusal rolls the write back
    after = instance.snapshot() if hasattr(instance, "snapshot") else None
    record_change(instance, "create" if creating else "update", actor=actor, before=before, after=after)
    return instance


@transaction.atomic
def delete_object(instance: models.Model, *, actor) -> None:
    """Delete ``instance`` on behalf of ``actor`` and log it.

    Raises:
        PermissionsViolation: the object is outside the actor's area.
        django.db.models.ProtectedError: other records still refer to it.
    """
    _ensure_in_scope(instance, actor, "delete")
    before = instance.snapshot() if hasattr(instance, "snapshot") else None
    record_change(instance, "delete", actor=actor, before=before, after=None)
    instance.delete()
