"""Authentication backend adding the permissions of a user's area roles."""

from django.contrib.auth.backends import ModelBackend


class RoleBackend(ModelBackend):
    """``has_perm(perm)`` is true when a role assignment anywhere grants ``perm``.

    With an object, the object must also lie inside the area of an assignment granting it.
    """

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous:
            return set()
        if not hasattr(user_obj, "_all_perm_cache"):
            user_obj._all_perm_cache = super().get_all_permissions(user_obj) | user_obj.role_permissions()
        return user_obj._all_perm_cache

    def has_perm(self, user_obj, perm, obj=None):
        if not user_obj.is_active:
            return False
        if perm not in self.get_all_permissions(user_obj) and not user_obj.is_superuser:
            return False
        if obj is None:
            return True
        action = perm.split(".", 1)[1].split("_", 1)[0]
        return type(obj).objects.restrict(user_obj, action).filter(pk=obj.pk).exists()
