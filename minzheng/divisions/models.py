"""The administrative division tree: 市 → 区/县 → 街道/乡镇 → 社区/村.

Each unit carries its official code (6-digit GB/T 2260 at county level and above, 12-digit
statistical code below) and a materialized ``path`` of codes, so a subtree is one prefix
query and the ancestors are the prefixes of a path (house style P6).

History: a unit is valid from ``valid_from`` until ``valid_to`` (exclusive). When a unit is
retired into another (塘沽区 into 滨海新区, 宁河县 becoming 宁河区), a ``DivisionChange``
records it with its approval document, and the retired unit is moved *under* its successor in
the path. Records made under the old unit keep pointing to it, users of the successor's area
still reach them, and ``ancestor_as_of`` rolls statistics up by the tree of any date.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minzheng.divisions.choices import ChangeKind, Kind, Level, UrbanRuralClass
from minzheng.framework.models import RecordModel, ScopedQuerySet

__all__ = ["Division", "DivisionChange", "DivisionQuerySet", "ancestor_paths_of"]

PATH_SEPARATOR = "/"


def ancestor_paths_of(path: str) -> list[str]:
    """Paths of the unit at ``path`` and of every unit above it, outermost first."""
    parts = path.rstrip(PATH_SEPARATOR).split(PATH_SEPARATOR)
    return [PATH_SEPARATOR.join(parts[: i + 1]) + PATH_SEPARATOR for i in range(len(parts))]


class DivisionQuerySet(ScopedQuerySet):
    def valid_on(self, date: datetime.date) -> "DivisionQuerySet":
        """Units in existence on ``date``."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=date)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=date)
        )

    def current(self) -> "DivisionQuerySet":
        return self.filter(valid_to__isnull=True)

    def subtree(self, division: "Division") -> "DivisionQuerySet":
        return self.filter(path__startswith=division.path)

    def rewrite_paths(self, old_prefix: str, new_prefix: str, depth_delta: int, **extra) -> int:
        """Replace the path prefix ``old_prefix`` by ``new_prefix`` in one set-based UPDATE (plus ``extra``)."""
        return self.filter(path__startswith=old_prefix).update(
            path=Concat(Value(new_prefix), Substr("path", len(old_prefix) + 1), output_field=models.CharField()),
            depth=F("depth") + depth_delta,
            updated_at=timezone.now(),
            **extra,
        )

    def ancestors_of(self, division: "Division") -> "DivisionQuerySet":
        return self.filter(path__in=division.ancestor_paths()).order_by("depth")


class Division(RecordModel):
    """An administrative unit: the city, a district or county, a street or township, a community or village."""

    code = models.CharField(_("code"), max_length=12, db_index=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    path = models.CharField(_("path"), max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    urban_rural_class = models.CharField(
        _("urban-rural class"), max_length=3, choices=UrbanRuralClass.choices, blank=True
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True, help_text=_("First day no longer valid."))
    is_demo = models.BooleanField(_("demo data"), default=False, help_text=_("Plausible but invented unit."))

    area_lookup = ""
    search_fields = ("code", "name")
    lazy_choices = True  # thousands of units: forms pick them with a search box

    objects = models.Manager.from_queryset(DivisionQuerySet)()

    class Meta:
        verbose_name = _("division")
        verbose_name_plural = _("divisions")
        ordering = ["path"]
        indexes = [models.Index(fields=["path"], name="divisions_path_prefix", opclasses=["varchar_pattern_ops"])]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "valid_from"],
                name="%(app_label)s_%(class)s_code_from_unique",
                violation_error_message=_("A division with this code and start date already exists."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True)
                | Q(valid_to__gt=models.F("valid_from")),
                name="%(app_label)s_%(class)s_valid_range",
                violation_error_message=_("The end date must be after the start date."),
            ),
        ]

    def __str__(self):
        return f"{self.name}（{self.code}）"

    def build_path(self) -> str:
        prefix = self.parent.path if self.parent_id else ""
        return f"{prefix}{self.code}{PATH_SEPARATOR}"

    def refresh_path(self) -> None:
        """Recompute ``path`` and ``depth`` from the parent; ``save()`` does it, ``bulk_create`` callers must."""
        self.path = self.build_path()
        self.depth = self.path.count(PATH_SEPARATOR) - 1

    def _stored_path(self) -> str | None:
        return Division.objects.filter(pk=self.pk).values_list("path", flat=True).first() if self.pk else None

    def clean(self):
        """A unit cannot sit under itself or its own subtree, nor take the place of another unit."""
        super().clean()
        stored = self._stored_path()
        if self.parent_id and stored and self.parent.path.startswith(stored):
            raise ValidationError({"parent": _("A division cannot be placed under itself or its own subtree.")},
                                  code="cycle")
        if self.code and Division.objects.filter(path=self.build_path()).exclude(pk=self.pk).exists():
            raise ValidationError({"code": _("Another division with this code already sits under this parent.")},
                                  code="duplicate")

    def save(self, *args, **kwargs):
        """Save, keeping the materialized path of the whole subtree consistent with ``parent`` and ``code``."""
        stored = self._stored_path()
        self.refresh_path()
        super().save(*args, **kwargs)
        if stored and stored != self.path:
            # Descendants follow in one UPDATE; this unit's own row is already right.
            Division.objects.exclude(pk=self.pk).rewrite_paths(stored, self.path, self.depth - stored.count("/") + 1)

    def ancestor_paths(self) -> list[str]:
        """Paths of this unit and every unit above it, outermost first."""
        return ancestor_paths_of(self.path)

    def is_valid_on(self, date: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= date) and (self.valid_to is None or self.valid_to > date)

    @property
    def is_current(self) -> bool:
        return self.valid_to is None

    @property
    def county_code(self) -> str:
        return self.code[:6]


class DivisionChange(RecordModel):
    """A dated change of the tree (renaming, county to district, merger), with its approval document."""

    date = models.DateField(_("effective date"))
    date_confirmed = models.BooleanField(
        _("date confirmed"), default=False,
        help_text=_("Unticked when only the year is known and the date is the end-of-year list's."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ChangeKind.choices)
    document = models.CharField(_("approval document"), max_length=100, blank=True)
    sources = models.ManyToManyField(Division, verbose_name=_("retired units"), related_name="changes_out", blank=True)
    targets = models.ManyToManyField(Division, verbose_name=_("resulting units"), related_name="changes_in", blank=True)
    description = models.CharField(_("description"), max_length=255)

    area_lookup = None
    search_fields = ("document", "description")

    class Meta:
        verbose_name = _("division change")
        verbose_name_plural = _("division changes")
        ordering = ["-date", "pk"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.description}"
