from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarriageConfig(AppConfig):
    name = "minzheng.marriage"
    label = "marriage"
    verbose_name = _("Marriage and adoption registry")

    def ready(self):
        from minzheng.marriage import lifeevents  # noqa: F401  (registers the registry handlers)
