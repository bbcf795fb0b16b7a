"""Per-request (or per-job) context: request id and acting user, read by the audit log."""

import uuid
from contextlib import contextmanager
from contextvars import ContextVar

request_id: ContextVar[uuid.UUID | None] = ContextVar("request_id", default=None)
current_user: ContextVar[object | None] = ContextVar("current_user", default=None)


@contextmanager
def activity(user=None, rid: uuid.UUID | None = None):
    """Bind a user and a request id for the duration of a block (requests, jobs, commands)."""
    rid_token = request_id.set(rid or uuid.uuid4())
    user_token = current_user.set(user)
    try:
        yield request_id.get()
    finally:
        request_id.reset(rid_token)
        current_user.reset(user_token)
