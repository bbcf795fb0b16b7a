from importlib import import_module
from importlib.util import find_spec

from django.apps import AppConfig, apps

#: Modules imported from every Minzheng app at start-up, so their decorators fill the registries.
AUTODISCOVER = ("views", "jobs", "indicators")


class FrameworkConfig(AppConfig):
    name = "minzheng.framework"
    label = "framework"

    def ready(self):
        for config in apps.get_app_configs():
            if not config.name.startswith("minzheng.") or config is self:
                continue
            for module in AUTODISCOVER:
                if find_spec(f"{config.name}.{module}") is not None:
                    import_module(f"{config.name}.{module}")
        from minzheng.framework.views.choices import register_choices_views
        from minzheng.framework.views.reveal import register_reveal_views

        register_choices_views()
        register_reveal_views()
