"""Pages of the assistance app, one module per area; importing the package registers every view."""

from minzheng.assistance.views import cases, medical, parameters, recalculation, temporary  # noqa: F401
