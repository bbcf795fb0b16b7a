from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "minzheng.payments"
    label = "payments"
    verbose_name = _("Assistance payments")

    def ready(self):
        # Registered after the assistance app's handler (INSTALLED_APPS order): the benefit is stopped
        # first, then the payments already made for later months are flagged.
        from minzheng.payments import handlers  # noqa: F401
