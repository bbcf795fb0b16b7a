from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EldercareConfig(AppConfig):
    name = "minzheng.eldercare"
    label = "eldercare"
    verbose_name = _("Elderly care")

    def ready(self):
        # The subsidies' approval step re-checks eligibility (a step guard registered at import).
        from minzheng.eldercare.services import subsidies  # noqa: F401
