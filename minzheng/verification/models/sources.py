"""Other departments' data, loaded as dated snapshots per source kind, for economic-status verification (核对).

A ``SourceSnapshot`` is one loaded file of one kind; its rows are ``SourceRecord``s. At most one
snapshot per kind is ``current`` (a partial unique constraint); loading a new one supersedes the
previous one, which stays readable for the reports made from it. The data cover the whole city
(``area_lookup = None``): whoever holds the view permission reads all of it, and only a role granted
at the city may load it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minzheng.framework.models import BaseModel
from minzheng.framework.privacy import SensitiveField, mask_id_number
from minzheng.verification.choices import SnapshotStatus, SourceKind

__all__ = ["SourceRecord", "SourceSnapshot"]


class SourceSnapshot(BaseModel):
    """One file of one source kind as of a date, with what its loading found."""

    kind = models.CharField(_("source"), max_length=20, choices=SourceKind.choices)
    label = models.CharField(_("label"), max_length=200, blank=True)
    as_of = models.DateField(_("as of"))
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)
    loaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("loaded by"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    row_count = models.PositiveIntegerField(_("rows loaded"), default=0)
    rejected_count = models.PositiveIntegerField(_("rows rejected"), default=0)
    status = models.CharField(_("status"), max_length=12, choices=SnapshotStatus.choices,
                              default=SnapshotStatus.LOADING)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)

    area_lookup = None
    search_fields = ("label", "file_name")

    class Meta:
        verbose_name = _("source snapshot")
        verbose_name_plural = _("source snapshots")
        ordering = ["-as_of", "-pk"]
        indexes = [models.Index(fields=["kind", "status"], name="verification_snapshot_kind")]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=Q(status=SnapshotStatus.CURRENT),
                name="%(app_label)s_%(class)s_one_current",
                violation_error_message=_("Only one snapshot of a source may be current."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.as_of:%Y-%m-%d}"


class SourceRecord(BaseModel):
    """One row of a snapshot: a person found in the source with an amount (income or asset value)."""

    snapshot = models.ForeignKey(SourceSnapshot, verbose_name=_("snapshot"), on_delete=models.CASCADE,
                                 related_name="records")
    id_number = models.CharField(_("identity number"), max_length=18)
    name = models.CharField(_("name"), max_length=50)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2,
                                 help_text=_("A monthly income or an asset value, as the source kind says."))
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2, null=True, blank=True,
                                   help_text=_("E.g. the floor area in m² of a property."))
    category = models.CharField(_("category"), max_length=50, blank=True,
                                help_text=_("E.g. the vehicle type or the use of a property."))
    period = models.DateField(_("month"), null=True, blank=True)
    reference = models.CharField(_("reference"), max_length=64, blank=True,
                                 help_text=_("The source's own identifier of the row."))

    area_lookup = None
    search_fields = ("name",)
    sensitive_fields = {"id_number": SensitiveField(mask_id_number, reveal="id")}

    class Meta:
        verbose_name = _("source record")
        verbose_name_plural = _("source records")
        ordering = ["snapshot", "pk"]
        permissions = [("view_full_id_sourcerecord", _("Can see full identity numbers"))]
        indexes = [models.Index(fields=["snapshot", "id_number"], name="verification_record_person")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="%(app_label)s_%(class)s_amount",
                                   violation_error_message=_("The amount may not be negative.")),
        ]

    def __str__(self):
        return self.name
