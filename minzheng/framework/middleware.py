from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as BaseLoginRequiredMiddleware
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from rest_framework.views import APIView

from minzheng.framework.context import activity


class RequestContextMiddleware:
    """Gives every request an id and binds the user, so audit rows can be grouped by request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user if getattr(request, "user", None) and request.user.is_authenticated else None
        with activity(user) as rid:
            request.id = rid
            response = self.get_response(request)
            response["X-Request-ID"] = str(rid)
            return response


class LoginRequiredMiddleware(BaseLoginRequiredMiddleware):
    """Django's login-by-default, except API views, which answer 401/403 as JSON themselves."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        view_class = getattr(view_func, "cls", None)
        if view_class is not None and issubclass(view_class, APIView):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class LanguageMiddleware(LocaleMiddleware):
    """Chinese first: the language is the user's explicit choice (the language cookie) or the default.

    The browser's Accept-Language is deliberately ignored: staff machines are often set to English
    while the bureau's working language is Chinese.
    """

    def process_request(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()
