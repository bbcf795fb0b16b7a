from django.contrib.auth.middleware import LoginRequiredMiddleware as BaseLoginRequiredMiddleware
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
