from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "minzheng.audit"
    label = "audit"
    verbose_name = _("Audit")

    def ready(self):
        from minzheng.audit import services, views
        from minzheng.framework.registry import registry

        registry["hooks"]["record_change"] = services.record_change
        registry["hooks"]["record_event"] = services.record_event  # framework.privacy's access log
        views.register_changelog_views()
