"""API errors as JSON: ``{"code": stable code, "message": Chinese text, "errors": {field: [...]}}``."""

from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from minzheng.framework.exceptions import DomainError, PermissionsViolation

CODES = {
    exceptions.ValidationError: "validation_error",
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.ParseError: "parse_error",
    exceptions.Throttled: "throttled",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.NotAcceptable: "not_acceptable",
}
MESSAGES = {
    "validation_error": gettext_lazy("The submitted data is invalid."),
    "not_authenticated": gettext_lazy("Authentication credentials were not provided."),
    "authentication_failed": gettext_lazy("Incorrect authentication credentials."),
    "permission_denied": gettext_lazy("You do not have permission to perform this action."),
    "not_found": gettext_lazy("Not found."),
}


def _flatten(detail):
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [str(item) if not isinstance(item, dict | list) else _flatten(item) for item in detail]
    return [str(detail)]


def exception_handler(exc, context):
    if isinstance(exc, PermissionsViolation):
        exc = exceptions.NotFound()
    if isinstance(exc, DomainError):
        body = {"code": exc.code, "message": str(exc.message), "errors": _flatten(exc.errors)}
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, ProtectedError):
        body = {"code": "protected", "message": _("Other records still refer to this one; it cannot be deleted."),
                "errors": {}}
        return Response(body, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code = CODES.get(type(exc), getattr(exc, "default_code", "error"))
    if isinstance(exc, exceptions.ValidationError):
        message, errors = str(MESSAGES["validation_error"]), _flatten(exc.detail)
        if not isinstance(errors, dict):
            # A view-level ValidationError("...") carries a list: errors stay {field: [...]}.
            errors = {api_settings.NON_FIELD_ERRORS_KEY: errors}
    else:
        message, errors = str(getattr(exc, "detail", "")) or str(MESSAGES.get(code, "")), {}
    response.data = {"code": code, "message": message, "errors": errors}
    return response
