"""The API's base viewset: scoping in ``initial()``, writes through audited services (house style A2)."""

from django.db import transaction
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from rest_framework import viewsets
from rest_framework.exceptions import MethodNotAllowed, PermissionDenied, ValidationError
from rest_framework.response import Response

from minzheng.framework.permissions import get_permission_for_model
from minzheng.framework.privacy import is_sensitive, reveal
from minzheng.framework.services import delete_object, save_object

__all__ = ["BaseModelViewSet", "ReadOnlyModelViewSet"]

HTTP_ACTIONS = {"GET": "view", "HEAD": "view", "OPTIONS": "view", "POST": "add", "PUT": "change",
                "PATCH": "change", "DELETE": "delete"}


class ScopedViewSetMixin:
    """Maps the HTTP method to an action, checks the permission and restricts the queryset.

    ``action_permissions`` maps a custom ``@action`` to the permission action it needs
    (e.g. ``{"apply": "change"}``); other requests use the HTTP method.
    """

    action_permissions: dict[str, str] = {}

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        action = self.action_permissions.get(self.action) or HTTP_ACTIONS.get(request.method)
        if action is None:
            raise MethodNotAllowed(request.method)
        model = self.queryset.model
        if not request.user.has_perm(get_permission_for_model(model, action)):
            raise PermissionDenied
        # An object outside the area is "not found" for every method, so restrict reads by view
        # and writes by the write action.
        self.queryset = self.queryset.restrict(request.user, action)

    def get_queryset(self):
        return self.queryset.all()


class RevealMixin:
    """``GET <detail>/?reveal=<field>``: one sensitive field in full (``framework.privacy``).

    403 without the reveal permission, 404 when the record lies outside the area where it is held;
    otherwise the access-log event is written before the answer is built.
    """

    def retrieve(self, request, *args, **kwargs):
        field = request.query_params.get("reveal")
        if not field:
            return super().retrieve(request, *args, **kwargs)
        model = self.queryset.model
        if not is_sensitive(model, field):
            raise ValidationError({"reveal": [_("This field cannot be revealed.")]})
        instance = self.get_object()
        reveal(instance, field, actor=request.user)
        self.revealed = {(model._meta.label, instance.pk, field)}
        response = Response(self.get_serializer(instance).data)
        add_never_cache_headers(response)  # no copy of the full value in any cache
        return response

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "revealed": getattr(self, "revealed", set())}


def _apply(instance, data: dict, user):
    """Set plain fields on ``instance``; return a callable that sets the many-to-many ones after save.

    Members ``user`` may not see cannot be submitted, so they are kept rather than removed.
    """
    m2m_names = {f.name for f in instance._meta.many_to_many}
    for key, value in data.items():
        if key not in m2m_names:
            setattr(instance, key, value)
    m2m = {key: value for key, value in data.items() if key in m2m_names}

    def save_m2m():
        for key, value in m2m.items():
            related = getattr(instance, key)
            restrict = getattr(related.model.objects, "restrict", None)
            hidden = related.exclude(pk__in=restrict(user, "view").values("pk")) if restrict else []
            related.set([*value, *hidden])

    return save_m2m


class BaseModelViewSet(RevealMixin, ScopedViewSetMixin, viewsets.ModelViewSet):
    """Full CRUD; ``queryset``, ``serializer_class`` and ``filterset_class`` are all a subclass sets."""

    def perform_create(self, serializer):
        self._save(serializer.Meta.model(), serializer)

    def perform_update(self, serializer):
        self._save(serializer.instance, serializer)

    def _save(self, instance, serializer):
        with transaction.atomic():
            save_m2m = _apply(instance, serializer.validated_data, self.request.user)
            serializer.instance = save_object(instance, actor=self.request.user, save_m2m=save_m2m)

    def perform_destroy(self, instance):
        delete_object(instance, actor=self.request.user)


class ReadOnlyModelViewSet(RevealMixin, ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """List and retrieve only."""
