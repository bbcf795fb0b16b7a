"""Pages of the marriage and adoption registry (registered with ``register_model_view`` on import)."""

from minzheng.marriage.views import (  # noqa: F401
    adoption,
    appointments,
    offices,
    public,
    registrations,
    statistics,
)
