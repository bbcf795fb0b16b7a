"""Abstract base models. Every model inherits one; picking the base picks every other layer.

Area scoping: a model declares ``area_lookup``, the ORM path from the model to a
``divisions.Division`` ("" means the model is itself a division, ``None`` means the model is
not area-scoped and only the permission is checked). ``Model.objects.restrict(user, action)``
then keeps the rows whose division lies inside one of the divisions where the user holds a
role granting ``app.action_model``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minzheng.framework.permissions import get_permission_for_model

__all__ = ["BaseModel", "LookupModel", "RecordModel", "ScopedManager", "ScopedQuerySet", "TrackedModel"]


#: The actions that change city-wide data: only a role granted at the city holds them there.
WRITE_ACTIONS = ("add", "change", "delete")


def _is_root(path: str) -> bool:
    """True for the path of a top-level division (the city): one code and its separator."""
    return path.count("/") == 1


class ScopedQuerySet(models.QuerySet):
    """A QuerySet that knows how to limit itself to a user's area."""

    def restrict(self, user, action: str = "view") -> "ScopedQuerySet":
        """Rows of this model that ``user`` may ``action``; an empty set when none."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        perm = get_permission_for_model(self.model, action)
        paths = user.area_paths(perm)
        if not paths:
            return self.none()
        field = self.model.area_path_field()
        if field is None:
            # City-wide data: anyone holding the permission reads it (or performs a custom operation on it,
            # whose service checks who may), but only a role granted at the top of the tree (the city) may
            # add, change or delete it.
            writes = action in WRITE_ACTIONS
            return self if not writes or any(_is_root(path) for path in paths) else self.none()
        if self.model.area_path and any(_is_root(path) for path in paths):
            # Rows stamped with a path string (audit) include city-wide ones with no path.
            return self
        condition = Q()
        for path in paths:
            condition |= Q(**{f"{field}__startswith": path})
        return self.filter(condition)

    def in_division(self, division) -> "ScopedQuerySet":
        """Rows inside ``division``'s subtree (for filters and statistics, not for access control)."""
        return self.filter(**{f"{self.model.area_path_field()}__startswith": division.path})


ScopedManager = models.Manager.from_queryset(ScopedQuerySet)


class BaseModel(models.Model):
    """Root of every Minzheng model: the scoped manager and the area declaration."""

    area_lookup: str | None = None
    #: A field holding a division path string, for rows that stamp it instead of a foreign key (audit).
    area_path: str | None = None
    #: Fields searched by the list pages' ``q`` box and the API's ``q`` filter.
    search_fields: tuple[str, ...] = ()

    objects = ScopedManager()

    class Meta:
        abstract = True

    @classmethod
    def area_path_field(cls) -> str | None:
        """The ORM path of the division path string that scoping filters on, or None when unscoped."""
        if cls.area_path:
            return cls.area_path
        if cls.area_lookup is None:
            return None
        return f"{cls.area_lookup}__path" if cls.area_lookup else "path"

    def get_absolute_url(self):
        from minzheng.framework.urls import model_url

        return model_url(self, "")

    @property
    def area_division(self):
        """The division this record belongs to, following ``area_lookup``."""
        if self.area_lookup is None:
            return None
        obj = self
        for part in filter(None, self.area_lookup.split("__")):
            obj = getattr(obj, part, None)
            if obj is None:
                return None
        return obj


class TrackedModel(BaseModel):
    """A model whose every create, update and delete is written to the audit change log."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT,
        null=True, blank=True, editable=False, related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), on_delete=models.PROTECT,
        null=True, blank=True, editable=False, related_name="+",
    )

    #: Fields left out of the change log's before/after snapshots.
    audit_exclude: tuple[str, ...] = ("created_at", "updated_at", "created_by", "updated_by")

    class Meta:
        abstract = True

    def validate_actor(self, actor) -> None:
        """Rules that depend on who writes, checked by ``save_object`` before saving.

        Raise ``DomainError`` (with ``field`` when one input is at fault); the default has none.
        """

    def snapshot(self) -> dict:
        """A JSON-safe dict of the concrete field values, for the change log."""
        from minzheng.framework.serialization import serialize_instance

        return serialize_instance(self, exclude=self.audit_exclude)


class RecordModel(TrackedModel):
    """A full domain record with free-text remarks."""

    remarks = models.TextField(_("remarks"), blank=True)

    class Meta:
        abstract = True


class LookupModel(TrackedModel):
    """A reference table: a code, a name and an active flag."""

    code = models.CharField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)

    search_fields = ("code", "name")

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name
