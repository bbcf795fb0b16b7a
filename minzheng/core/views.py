"""The home dashboard and the health check."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from minzheng.core.dashboard import dashboard_cards, indicator_cards


def home(request):
    """What the user's area holds, as cards, for the divisions they are assigned to."""
    context = {"cards": dashboard_cards(request.user), "indicators": indicator_cards(request.user),
               "assignments": request.user.role_assignments.select_related("role", "division")}
    return TemplateResponse(request, "core/home.html", context)


def _check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # reported, not raised: this is the health endpoint
        return {"ok": False, "error": str(exc)}
    return {"ok": True, "vendor": connection.vendor}


def _check_queue() -> dict:
    from huey.contrib.djhuey import HUEY

    try:
        pending = HUEY.pending_count()
    except Exception as exc:  # reported, not raised
        return {"ok": False, "error": str(exc)}
    return {"ok": True, "backend": type(HUEY).__name__, "pending": pending}


@login_not_required
@require_GET
def healthz(request):
    """200 when the database and the job queue answer, 503 otherwise."""
    checks = {"database": _check_database(), "jobs": _check_queue()}
    ok = all(check["ok"] for check in checks.values())
    return JsonResponse({"status": "ok" if ok else "error", **checks}, status=200 if ok else 503)
