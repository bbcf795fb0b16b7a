"""Users and their area-scoped roles.

A role is a Django ``Group`` carrying permissions. ``RoleAssignment(user, role, division)``
grants that role within the division and everything below it (house style P2).
"""

from django.contrib.auth.models import AbstractUser, Group
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minzheng.framework.exceptions import DomainError
from minzheng.framework.models import ScopedQuerySet, TrackedModel

__all__ = ["RoleAssignment", "User"]


class UserQuerySet(ScopedQuerySet):
    def restrict(self, user, action: str = "view") -> "UserQuerySet":
        """Staff whose roles lie inside the area where ``user`` may see role assignments, plus staff
        without any role yet (new accounts waiting for one). Users are not area records themselves."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        paths = user.area_paths("accounts.view_roleassignment")
        if not paths:
            return self.filter(pk=user.pk)
        inside = Q()
        for path in paths:
            inside |= Q(role_assignments__division__path__startswith=path)
        visible = self.model.objects.filter(inside).values("pk")
        return self.filter(Q(pk__in=visible) | Q(role_assignments__isnull=True) | Q(pk=user.pk)).distinct()


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A staff member or administrator of a bureau, street or community office."""

    objects = UserManager()

    @classmethod
    def area_path_field(cls) -> str:
        """Staff reach divisions through their role assignments (see UserQuerySet.restrict)."""
        return "role_assignments__division__path"

    full_name = models.CharField(_("full name"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    def _role_cache(self) -> dict[str, set[str]]:
        """perm -> division paths where a role grants it; loaded once per user object (request)."""
        cache = getattr(self, "_area_perm_cache", None)
        if cache is None:
            cache = {}
            rows = RoleAssignment.objects.filter(user=self, role__permissions__isnull=False).values_list(
                "division__path", "role__permissions__content_type__app_label", "role__permissions__codename"
            )
            for path, app_label, codename in rows:
                cache.setdefault(f"{app_label}.{codename}", set()).add(path)
            self._area_perm_cache = cache
        return cache

    def area_paths(self, perm: str) -> list[str]:
        """Materialized paths of the divisions where this user holds ``perm``, outermost first.

        A path nested in another granted path is dropped: the outer prefix already covers it.
        """
        paths = sorted(self._role_cache().get(perm, ()))
        kept: list[str] = []
        for path in paths:
            if not any(path.startswith(outer) for outer in kept):
                kept.append(path)
        return kept

    def role_permissions(self) -> set[str]:
        return set(self._role_cache())


class RoleAssignment(TrackedModel):
    """A user holds a role within a division and all divisions below it."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_assignments")
    role = models.ForeignKey(Group, verbose_name=_("role"), on_delete=models.PROTECT, related_name="assignments")
    division = models.ForeignKey(
        "divisions.Division", verbose_name=_("division"), on_delete=models.PROTECT, related_name="role_assignments"
    )

    area_lookup = "division"
    search_fields = ("user__username", "user__full_name", "role__name", "division__name")

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["user__username", "division__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "division"],
                name="%(app_label)s_%(class)s_unique",
                violation_error_message=_("This user already holds this role in this division."),
            )
        ]

    def __str__(self):
        return f"{self.user.display_name} · {self.role.name} · {self.division.name}"

    def validate_actor(self, actor) -> None:
        """Nobody grants more than they hold: every permission of the role, in this division."""
        if actor is None or actor.is_superuser:
            return
        for perm in self.role.permissions.select_related("content_type"):
            label = f"{perm.content_type.app_label}.{perm.codename}"
            if not any(self.division.path.startswith(path) for path in actor.area_paths(label)):
                raise DomainError(
                    _("You can only grant a role whose permissions you hold yourself in that division."),
                    code="accounts.grant_exceeds_own", field="role",
                )
