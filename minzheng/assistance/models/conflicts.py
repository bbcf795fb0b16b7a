"""The close-relatives register (近亲属备案): case-handling staff and committee members with their declared
close relatives, and the filings made when a case involves one of those relatives.

"The same area" is the district: a caseworker is in the area of a case when both divisions lie in
the same district or county, i.e. their paths share the district-level prefix (``area_prefix``).
A division retired into a successor sits under the successor in the tree, so its cases and staff
count as the successor's. A record held at the city itself is in no district, so it matches no
district's cases.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minzheng.assistance.choices import CaseworkerRole, Kinship
from minzheng.divisions.models import ancestor_paths_of
from minzheng.framework.exceptions import DomainError
from minzheng.framework.models import RecordModel, ScopedQuerySet
from minzheng.framework.privacy import SensitiveField, mask_id_number
from minzheng.registry import idcard

__all__ = ["CaseworkerQuerySet", "CaseworkerRecord", "ConflictFiling", "DeclaredRelative", "area_prefix",
           "normalize_id"]

FULL_HOME_VISIT = 100
ID_NUMBER = {"id_number": SensitiveField(mask_id_number, reveal="id")}


def area_prefix(path: str) -> str:
    """The path prefix shared by everything in the same district as the unit at ``path``.

    The district's own path for a unit at or below district level; the city's path for the city.
    """
    paths = ancestor_paths_of(path)
    return paths[1] if len(paths) > 1 else paths[0]


def normalize_id(raw: str) -> str:
    """An identity number in its stored form (18 characters, upper-case X).

    Raises:
        ValidationError: on ``id_number``, with the reason.
    """
    try:
        return idcard.normalize_id_number(raw, local_names=idcard.local_division_names([raw.strip()[:6]]))
    except DomainError as exc:
        raise ValidationError({"id_number": exc.message}, code="id_invalid") from exc


class _IdentifiedRecord(RecordModel):
    """A name and identity number, copied from the registry's person when one is linked."""

    name = models.CharField(_("name"), max_length=50, blank=True)
    id_number = models.CharField(_("identity number"), max_length=18, blank=True)
    person = models.ForeignKey("registry.Person", verbose_name=_("person in the registry"), on_delete=models.PROTECT,
                               null=True, blank=True, related_name="+")

    sensitive_fields = ID_NUMBER

    class Meta:
        abstract = True

    def fill_identity(self) -> None:
        """Copy the name and identity number from the linked person where empty; keep the number in its stored
        form (18 characters, upper-case X). Called by ``clean`` and ``save``."""
        if self.person_id:
            self.name = self.name or self.person.name
            self.id_number = self.id_number or self.person.id_number or ""
        if self.id_number:
            info = idcard.parse(self.id_number)
            if info.valid:
                self.id_number = info.normalized

    def clean(self):
        """The name and a valid identity number are required, typed or taken from the linked person."""
        super().clean()
        self.fill_identity()
        errors = {}
        if not self.name:
            errors["name"] = _("Enter the name or link the person in the registry.")
        if not self.id_number:
            errors["id_number"] = _("Enter the identity number or link a person in the registry who has one.")
        else:
            try:
                self.id_number = normalize_id(self.id_number)
            except ValidationError as exc:
                errors.update(exc.message_dict)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.fill_identity()
        super().save(*args, **kwargs)


class CaseworkerQuerySet(ScopedQuerySet):
    def active_on(self, date: datetime.date) -> "CaseworkerQuerySet":
        """Records of people in office on ``date``."""
        return self.filter(active_from__lte=date).filter(Q(active_until__isnull=True) | Q(active_until__gt=date))

    def in_same_area(self, division) -> "CaseworkerQuerySet":
        """Records whose division lies in the same district as ``division`` (see ``area_prefix``)."""
        return self.filter(division__path__startswith=area_prefix(division.path))


class CaseworkerRecord(_IdentifiedRecord):
    """A person who handles assistance cases or sits on a village or residents' committee, in the register."""

    role = models.CharField(_("office"), max_length=20, choices=CaseworkerRole.choices)
    position = models.CharField(_("position"), max_length=100, blank=True)
    division = models.ForeignKey("divisions.Division", verbose_name=_("division"), on_delete=models.PROTECT,
                                 related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user account"), on_delete=models.PROTECT,
                             null=True, blank=True, related_name="caseworker_records",
                             help_text=_("Link the account so that the person is kept out of deciding cases of "
                                         "relatives."))
    active_from = models.DateField(_("in office from"))
    active_until = models.DateField(_("in office until"), null=True, blank=True,
                                    help_text=_("First day no longer in office; empty while in office."))

    area_lookup = "division"
    search_fields = ("name", "position")

    objects = models.Manager.from_queryset(CaseworkerQuerySet)()

    class Meta:
        verbose_name = _("caseworker record")
        verbose_name_plural = _("caseworker records")
        ordering = ["division__path", "name", "pk"]
        permissions = [("view_full_id_caseworkerrecord", _("Can see full identity numbers"))]
        constraints = [
            models.UniqueConstraint(
                fields=["id_number", "division", "role", "active_from"],
                name="%(app_label)s_%(class)s_unique_start",
                violation_error_message=_("This person is already registered in this office from this date."),
            ),
            models.CheckConstraint(
                condition=Q(active_until__isnull=True) | Q(active_until__gt=models.F("active_from")),
                name="%(app_label)s_%(class)s_period",
                violation_error_message=_("The end date must be after the start date."),
            ),
        ]

    def __str__(self):
        return f"{self.name} · {self.get_role_display()}"

    def is_active_on(self, date: datetime.date) -> bool:
        return self.active_from <= date and (self.active_until is None or self.active_until > date)


class DeclaredRelative(_IdentifiedRecord):
    """A close relative (近亲属) that a registered caseworker has declared."""

    caseworker = models.ForeignKey(CaseworkerRecord, verbose_name=_("caseworker"), on_delete=models.PROTECT,
                                   related_name="relatives")
    relation = models.CharField(_("relation"), max_length=20, choices=Kinship.choices)

    area_lookup = "caseworker__division"
    search_fields = ("name", "caseworker__name")

    class Meta:
        verbose_name = _("declared relative")
        verbose_name_plural = _("declared relatives")
        ordering = ["caseworker__name", "caseworker", "relation", "pk"]
        permissions = [("view_full_id_declaredrelative", _("Can see full identity numbers"))]
        constraints = [
            models.UniqueConstraint(
                fields=["caseworker", "id_number"],
                name="%(app_label)s_%(class)s_unique",
                violation_error_message=_("This relative is already declared for this caseworker."),
            ),
        ]

    def __str__(self):
        return f"{self.caseworker.name} · {self.get_relation_display()} · {self.name}"


def _today() -> datetime.date:
    return timezone.localdate()


class ConflictFiling(RecordModel):
    """A 备案 record: a case involves a declared relative of a caseworker of its area.

    The case then needs home visits to every household (100%), and the caseworker takes no part in
    deciding it.
    """

    caseworker = models.ForeignKey(CaseworkerRecord, verbose_name=_("caseworker"), on_delete=models.PROTECT,
                                   related_name="filings")
    relative = models.ForeignKey(DeclaredRelative, verbose_name=_("relative"), on_delete=models.PROTECT,
                                 related_name="filings")
    division = models.ForeignKey("divisions.Division", verbose_name=_("division of the case"),
                                 on_delete=models.PROTECT, related_name="+")
    case_reference = models.CharField(_("case reference"), max_length=50, blank=True,
                                      help_text=_("The application's number."))
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("filed by"), on_delete=models.PROTECT,
                                 related_name="+", editable=False)
    filed_on = models.DateField(_("filed on"), default=_today)
    note = models.TextField(_("note"), blank=True)
    home_visit_rate = models.PositiveSmallIntegerField(
        _("home-visit rate (%)"), default=FULL_HOME_VISIT, editable=False,
        help_text=_("Every household of such a case is visited at home."),
    )

    area_lookup = "division"
    search_fields = ("case_reference", "caseworker__name", "relative__name")

    class Meta:
        verbose_name = _("close-relative filing")
        verbose_name_plural = _("close-relative filings")
        ordering = ["-filed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(home_visit_rate=FULL_HOME_VISIT),
                name="%(app_label)s_%(class)s_full_home_visit",
                violation_error_message=_("A case involving a relative of a caseworker needs home visits to every "
                                          "household (100%)."),
            ),
        ]

    def __str__(self):
        return f"{self.case_reference or self.division.name} · {self.caseworker.name} · {self.relative.name}"

    def clean(self):
        """The relative must be the caseworker's, and the caseworker of the case's area."""
        super().clean()
        if self.relative_id and self.caseworker_id and self.relative.caseworker_id != self.caseworker_id:
            raise ValidationError({"relative": _("This relative was declared by another caseworker.")},
                                  code="relative")
        if self.caseworker_id and self.division_id and area_prefix(self.caseworker.division.path) != area_prefix(
                self.division.path):
            raise ValidationError({"division": _("The caseworker works in another district.")}, code="area")
