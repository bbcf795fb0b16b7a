"""What domains plug into the approvals engine: callbacks on completion and recusal checks, per flow code.

Callables cannot be stored in the database, so they are registered here, from the domain app's
``AppConfig.ready()`` (or passed to ``services.start``, which registers them). A request also stores
the dotted path of the callbacks registered when it started, so that a process which never
registered them (a job worker started without that domain's ``ready``) still finds them: callbacks
must therefore be module-level functions.
"""

from collections.abc import Callable
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

__all__ = [
    "ApprovalCallback",
    "RecusalCheck",
    "callback_path",
    "flow_callbacks",
    "recusal_checks",
    "register_flow_callbacks",
    "register_recusal_check",
    "register_step_guard",
    "resolve_callback",
    "step_guards",
]

CALLBACK_NAMES = ("on_approved", "on_rejected")


class ApprovalCallback(Protocol):
    """Called inside the deciding transaction with the finished request; raising rolls the decision back."""

    def __call__(self, request, *, actor) -> None: ...


#: ``fn(request, actor) -> reason | None``: a reason means the actor may not decide this request.
RecusalCheck = Callable[..., str | None]

_callbacks: dict[str, dict[str, ApprovalCallback]] = {}
_recusal_checks: dict[str, list[RecusalCheck]] = {}
#: ``guard(request, *, actor, decision, step_code) -> None``: raises ``DomainError`` when the domain's record
#: for the step is missing (e.g. no investigation recorded), whichever page or endpoint decides it.
StepGuard = Callable[..., None]
_step_guards: dict[str, list[StepGuard]] = {}


def callback_path(fn: Callable | None) -> str:
    """The dotted import path of a module-level function ("" for None).

    Raises:
        ImproperlyConfigured: ``fn`` is a lambda, a closure or a method (it could not be imported back).
    """
    if fn is None:
        return ""
    qualname = getattr(fn, "__qualname__", "")
    if not qualname or "." in qualname or "<" in qualname:
        raise ImproperlyConfigured(f"approval callbacks must be module-level functions, not {fn!r}")
    return f"{fn.__module__}.{qualname}"


def register_flow_callbacks(flow_code: str, *, on_approved: ApprovalCallback | None = None,
                            on_rejected: ApprovalCallback | None = None) -> None:
    """Declare what happens when a request of ``flow_code`` is finally approved or rejected.

    Registering the same function again is harmless; a different one for the same flow is a
    programming error.

    Raises:
        ImproperlyConfigured: another callable is already registered, or the callable is not module-level.
    """
    registered = _callbacks.setdefault(flow_code, {})
    for name, fn in (("on_approved", on_approved), ("on_rejected", on_rejected)):
        if fn is None:
            continue
        callback_path(fn)
        if registered.get(name) not in (None, fn):
            raise ImproperlyConfigured(f"flow {flow_code!r} already has another {name} callback")
        registered[name] = fn


def flow_callbacks(flow_code: str) -> dict[str, ApprovalCallback]:
    return dict(_callbacks.get(flow_code, {}))


def resolve_callback(flow_code: str, name: str, stored_path: str) -> ApprovalCallback | None:
    """The callback ``name`` of a request: the registered one, else the one stored when it started.

    Raises:
        ImproperlyConfigured: the request expects a callback that can no longer be imported.
    """
    registered = _callbacks.get(flow_code, {}).get(name)
    if registered is not None:
        return registered
    if not stored_path:
        return None
    try:
        return import_string(stored_path)
    except ImportError as exc:
        raise ImproperlyConfigured(f"the {name} callback {stored_path!r} of flow {flow_code!r} is gone") from exc


def register_recusal_check(flow_code: str, check: RecusalCheck) -> None:
    """Add ``check(request, actor) -> reason | None`` for ``flow_code``; a reason bars the actor from deciding
    (e.g. the actor is a declared close relative, 近亲属, of a household member)."""
    checks = _recusal_checks.setdefault(flow_code, [])
    if check not in checks:
        checks.append(check)


def recusal_checks(flow_code: str) -> list[RecusalCheck]:
    return list(_recusal_checks.get(flow_code, ()))


def register_step_guard(flow_code: str, guard: StepGuard) -> None:
    """Add ``guard(request, *, actor, decision, step_code)`` for ``flow_code``: ``services.decide`` calls it after
    the role and recusal checks, before anything is written, so a step cannot be decided through any page or
    endpoint without what the domain requires for it."""
    guards = _step_guards.setdefault(flow_code, [])
    if guard not in guards:
        guards.append(guard)


def step_guards(flow_code: str) -> list[StepGuard]:
    return list(_step_guards.get(flow_code, ()))
