"""One way to answer htmx requests everywhere (house style H2)."""

from django.http import HttpResponse


def htmx_partial(request) -> bool:
    """True when the request asks for a fragment rather than a whole page."""
    return bool(getattr(request, "htmx", False)) and not request.htmx.boosted


def htmx_redirect(url: str) -> HttpResponse:
    response = HttpResponse(status=204)
    response["HX-Location"] = url
    return response
