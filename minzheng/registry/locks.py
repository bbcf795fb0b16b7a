"""Reading registry rows for a change: within the actor's area, locked in primary-key order (house style B5)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from minzheng.framework.exceptions import PermissionsViolation

__all__ = ["locked", "visible"]


def _not_found() -> PermissionsViolation:
    return PermissionsViolation(_("Not found."))


def locked(model: type[models.Model], actor, action: str, pks: list) -> list:
    """The rows of ``model`` with ``pks`` that ``actor`` may ``action``, fresh and locked; in the order of ``pks``.

    The lock is ``FOR NO KEY UPDATE OF`` the model's own table (not the joined division rows)
    and is taken in primary-key order, so two operations on the same rows cannot deadlock.

    Raises:
        PermissionsViolation: a row is missing or outside the actor's area (to them it does not exist).
    """
    rows = (model.objects.restrict(actor, action).select_for_update(no_key=True, of=("self",))
            .filter(pk__in=pks).order_by("pk"))
    found = {row.pk: row for row in rows}
    if any(pk not in found for pk in pks):
        raise _not_found()
    return [found[pk] for pk in pks]


def visible(model: type[models.Model], actor, action: str, pk) -> None:
    """Check that ``actor`` may ``action`` the row ``pk`` of ``model``, without locking it.

    Raises:
        PermissionsViolation: it is missing or outside the actor's area.
    """
    if not model.objects.restrict(actor, action).filter(pk=pk).exists():
        raise _not_found()
