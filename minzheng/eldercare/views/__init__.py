"""Pages of the elderly-care app, one module per area; importing the package registers every view."""

from minzheng.eldercare.views import (  # noqa: F401
    assessments,
    community,
    homecare,
    institutions,
    reference,
    statistics,
    subsidies,
)
