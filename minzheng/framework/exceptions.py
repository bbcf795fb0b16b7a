"""The one exception base for domain rules, mapped to form errors in HTML and 400 JSON in the API."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A business rule refused the operation.

    Args:
        message: what went wrong, in words for the user (translated).
        code: a stable machine-readable code, e.g. ``divisions.code_unknown``.
        field: the input field at fault, when there is one.
    """

    default_code = "invalid"

    def __init__(self, message, *, code: str | None = None, field: str | None = None, errors: dict | None = None):
        super().__init__(str(message))
        self.message = message
        self.code = code or self.default_code
        self.field = field
        self.errors = errors or ({field: [message]} if field else {})


class PermissionsViolation(DomainError):
    """A write would leave the object outside the actor's area or permission; the transaction is rolled back."""

    default_code = "permission_denied"

    def __init__(self, message=None, **kwargs):
        super().__init__(message or _("This change would place the record outside your area."), **kwargs)
