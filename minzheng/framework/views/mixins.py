"""Permission and scoping for every HTML view, applied once here (house style P4)."""

from django.core.exceptions import PermissionDenied

from minzheng.framework.permissions import get_permission_for_model


class ObjectPermissionMixin:
    """Checks the model permission, then replaces ``queryset`` with its restricted version.

    Attributes:
        queryset: the base queryset of a scoped model.
        action: "view", "add", "change", "delete" or a registered custom action.
    """

    queryset = None
    action = "view"

    @property
    def model(self):
        return self.queryset.model

    def get_required_permission(self) -> str:
        return get_permission_for_model(self.model, self.action)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.get_required_permission()):
            raise PermissionDenied
        self.queryset = self.queryset.restrict(request.user, self.action)
        return super().dispatch(request, *args, **kwargs)

    def get_extra_context(self, request, instance=None) -> dict:
        """Extra template context; override instead of templates computing things."""
        return {}

    def base_context(self) -> dict:
        opts = self.model._meta
        return {"model": self.model, "verbose_name": opts.verbose_name, "verbose_name_plural": opts.verbose_name_plural}
