"""The audit trail: a generic change log and named business events, both append-only and hash-chained.

Every row stores ``seq`` (1, 2, 3, … without gaps), the previous row's hash and its own hash,
which covers the previous hash and the row's content. Editing, deleting or inserting a row
anywhere breaks the chain from that row on; ``minzheng audit verify`` finds the first break.
"""

import datetime
import hashlib
import json

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from minzheng.audit.choices import ChangeAction
from minzheng.framework.models import BaseModel, ScopedQuerySet

__all__ = ["GENESIS", "AppendOnlyError", "AppendOnlyQuerySet", "AuditEvent", "ChainedRecord", "ObjectChange"]

#: The ``prev_hash`` of the first row of every chain.
GENESIS = "0" * 64


class AppendOnlyError(Exception):
    """An attempt to change or delete an audit row through the ORM."""


class AppendOnlyQuerySet(ScopedQuerySet):
    """Scoped reads as usual; bulk writes that would bypass the chain raise ``AppendOnlyError``."""

    def update(self, **kwargs):
        raise AppendOnlyError("audit rows are append-only")

    def delete(self):
        raise AppendOnlyError("audit rows are append-only")

    def bulk_create(self, *args, **kwargs):
        raise AppendOnlyError("audit rows are appended one by one through audit.services")

    def bulk_update(self, *args, **kwargs):
        raise AppendOnlyError("audit rows are append-only")


class ChainedRecord(BaseModel):
    """Base of the append-only, hash-chained audit tables."""

    seq = models.PositiveBigIntegerField(_("sequence"), unique=True, editable=False)
    time = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    actor_name = models.CharField(_("actor name"), max_length=150, blank=True)
    request_id = models.UUIDField(_("request id"), null=True, blank=True, db_index=True)
    division_path = models.CharField(_("division path"), max_length=255, blank=True, db_index=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64, editable=False)
    hash = models.CharField(_("hash"), max_length=64, editable=False)

    #: Fields covered by the hash, besides seq, time, actor, request id and division path.
    hashed_fields: tuple[str, ...] = ()

    objects = models.Manager.from_queryset(AppendOnlyQuerySet)()

    class Meta:
        abstract = True
        ordering = ["-seq"]

    def content(self) -> dict:
        """The values the hash covers, as JSON-ready Python values (the same before and after a round trip)."""
        data = {
            "seq": self.seq,
            "time": self.time.astimezone(datetime.UTC).isoformat(),
            "actor_id": self.actor_id,
            "actor_name": self.actor_name,
            "request_id": str(self.request_id) if self.request_id else None,
            "division_path": self.division_path,
        }
        for name in self.hashed_fields:
            data[name] = getattr(self, name)
        return data

    def compute_hash(self) -> str:
        """SHA-256 of the previous row's hash followed by this row's canonical JSON content."""
        payload = json.dumps(self.content(), sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
        return hashlib.sha256((self.prev_hash + payload).encode()).hexdigest()

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("audit rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit rows are append-only")


class ObjectChange(ChainedRecord):
    """One create, update or delete of a tracked record, with its before and after values."""

    action = models.CharField(_("action"), max_length=10, choices=ChangeAction.choices)
    content_type = models.ForeignKey(ContentType, verbose_name=_("object type"), on_delete=models.PROTECT,
                                     related_name="+")
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=200)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    hashed_fields = ("action", "content_type_id", "object_id", "object_repr", "before", "after")
    area_path = "division_path"
    search_fields = ("object_repr", "actor_name")

    class Meta(ChainedRecord.Meta):
        verbose_name = _("change record")
        verbose_name_plural = _("change records")
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_change_object")]

    def __str__(self):
        return f"#{self.seq} {self.get_action_display()} {self.object_repr}"

    def changed_fields(self) -> list[tuple[str, object, object]]:
        before, after = self.before or {}, self.after or {}
        keys = sorted(set(before) | set(after))
        return [(key, before.get(key), after.get(key)) for key in keys if before.get(key) != after.get(key)]


class AuditEvent(ChainedRecord):
    """A named business milestone (``app.subject.verb``) written by a domain service."""

    code = models.CharField(_("event"), max_length=100, db_index=True)
    content_type = models.ForeignKey(ContentType, verbose_name=_("subject type"), on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")
    object_id = models.CharField(_("subject id"), max_length=64, blank=True)
    object_repr = models.CharField(_("subject"), max_length=200, blank=True)
    payload = models.JSONField(_("details"), default=dict, blank=True)

    hashed_fields = ("code", "content_type_id", "object_id", "object_repr", "payload")
    area_path = "division_path"
    search_fields = ("code", "object_repr", "actor_name")

    class Meta(ChainedRecord.Meta):
        verbose_name = _("business event")
        verbose_name_plural = _("business events")
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_event_object")]

    def __str__(self):
        return f"#{self.seq} {self.code} {self.object_repr}"
