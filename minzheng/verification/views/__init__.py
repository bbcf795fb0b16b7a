"""Pages of the verification app, one module per area; importing the package registers every view."""

from minzheng.verification.views import batch, consents, reports, sources  # noqa: F401
