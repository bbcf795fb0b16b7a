from rest_framework.routers import DefaultRouter


class Router(DefaultRouter):
    """Per-app router; routes are plural kebab-case."""

    include_format_suffixes = False
