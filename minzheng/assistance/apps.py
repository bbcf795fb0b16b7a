from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "minzheng.assistance"
    label = "assistance"
    verbose_name = _("Social assistance")

    def ready(self):
        from minzheng.assistance import benefits, medical, procedure, reviews, temporary  # noqa: F401  (hooks)
