"""The residents and households registry: people, households, memberships, life events, duplicates.

Every domain refers to people through ``Person`` and to families through ``Household``. A person
is scoped by the division of his or her household registration (户籍地), a household by its own
division. Membership history is kept: a member leaves by getting an ``end_date``; a person has at
most one current membership.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minzheng.framework.models import BaseModel, RecordModel
from minzheng.framework.privacy import SensitiveField, mask_id_number
from minzheng.registry import idcard
from minzheng.registry.choices import (
    DisabilityCategory,
    DisabilityGrade,
    DuplicateStatus,
    HouseholdKind,
    LifeEventKind,
    MaritalStatus,
    PersonStatus,
    Relation,
    Sex,
)
from minzheng.registry.names import pinyin_forms

__all__ = ["DuplicateCandidate", "Household", "LifeEvent", "Membership", "NumberSequence", "Person"]

PATTERN_OPS = ["varchar_pattern_ops"]


class Person(RecordModel):
    """A resident known to the bureau, identified by the resident identity number or a registry number."""

    id_number = models.CharField(_("identity number"), max_length=18, null=True, blank=True, unique=True)
    registry_number = models.CharField(
        _("registry number"), max_length=20, null=True, blank=True, unique=True,
        help_text=_("Given to people without an identity number (foundlings, unidentified people)."),
    )
    id_last4 = models.CharField(_("last four characters"), max_length=4, blank=True, editable=False)
    name = models.CharField(_("name"), max_length=50)
    name_pinyin = models.CharField(_("name in pinyin"), max_length=200, blank=True, editable=False)
    name_initials = models.CharField(_("pinyin initials"), max_length=50, blank=True, editable=False)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True,
                           help_text=_("Taken from the identity number when left empty."))
    birth_date = models.DateField(_("birth date"), blank=True,
                                  help_text=_("Taken from the identity number when left empty."))
    ethnicity = models.CharField(_("ethnicity"), max_length=20, blank=True)
    marital_status = models.CharField(_("marital status"), max_length=10, choices=MaritalStatus.choices,
                                      blank=True)
    hukou_division = models.ForeignKey(
        "divisions.Division", verbose_name=_("household registration (户籍地)"), on_delete=models.PROTECT,
        related_name="registered_persons",
    )
    residence_division = models.ForeignKey(
        "divisions.Division", verbose_name=_("residence (居住地)"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="resident_persons",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    disability_category = models.CharField(_("disability category"), max_length=20,
                                           choices=DisabilityCategory.choices, blank=True)
    disability_grade = models.PositiveSmallIntegerField(_("disability grade"), choices=DisabilityGrade.choices,
                                                        null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=PersonStatus.choices, default=PersonStatus.ALIVE)
    death_date = models.DateField(_("date of death"), null=True, blank=True)
    status_date = models.DateField(_("status since"), null=True, blank=True)
    merged_into = models.ForeignKey("self", verbose_name=_("merged into"), on_delete=models.PROTECT, null=True,
                                    blank=True, related_name="merged_records", editable=False)

    area_lookup = "hukou_division"
    search_fields = ("name",)
    lazy_choices = True  # millions of people: forms pick them with a search box
    sensitive_fields = {"id_number": SensitiveField(mask_id_number, reveal="id")}

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["name", "pk"]
        permissions = [("view_full_id_person", _("Can see full identity numbers"))]
        indexes = [
            models.Index(fields=["name"], name="registry_person_name", opclasses=PATTERN_OPS),
            # Covering (PostgreSQL): counting and ordering thousands of matches of common initials
            # reads the index only (see docs/benchmarks.md).
            models.Index(fields=["name_initials"], name="registry_person_initials", opclasses=PATTERN_OPS,
                         include=["name", "hukou_division", "status"]),
            models.Index(fields=["name_pinyin"], name="registry_person_pinyin", opclasses=PATTERN_OPS,
                         include=["name", "hukou_division", "status"]),
            models.Index(fields=["id_last4", "name"], name="registry_person_last4_name", opclasses=PATTERN_OPS * 2),
            models.Index(fields=["hukou_division", "birth_date"], name="registry_person_division_birth"),
            models.Index(fields=["birth_date"], name="registry_person_birth"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(id_number__isnull=False) | Q(registry_number__isnull=False),
                name="%(app_label)s_%(class)s_identified",
                violation_error_message=_("A person needs an identity number or a registry number."),
            ),
            models.CheckConstraint(
                condition=Q(sex__in=Sex.values),
                name="%(app_label)s_%(class)s_sex",
                violation_error_message=_("The sex must be male or female."),
            ),
            models.CheckConstraint(
                condition=~Q(status=PersonStatus.DECEASED) | Q(death_date__isnull=False),
                name="%(app_label)s_%(class)s_death_date",
                violation_error_message=_("A deceased person needs a date of death."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean_fields(self, exclude=None):
        # Blanks around a pasted number would otherwise fail the length check before clean() normalises it.
        if isinstance(self.id_number, str):
            self.id_number = self.id_number.strip() or None
        super().clean_fields(exclude=exclude)

    def clean(self):
        """Normalise the identity number and check what it encodes against the entered birth date and sex.

        A 15-digit or lower-case-x number is stored in its 18-character upper-case form. An empty
        birth date or sex is taken from the number; an entered one that differs is a field error.
        A deceased person needs a date of death, which cannot precede the birth date.
        """
        super().clean()
        errors: dict[str, list] = {}
        if self.id_number:
            self._clean_id_number(errors)
        for field in ("birth_date", "sex"):
            if not getattr(self, field) and field not in errors:
                errors[field] = [_("Required when there is no valid identity number.")]
        today = timezone.localdate()
        if isinstance(self.birth_date, datetime.date) and self.birth_date > today and "birth_date" not in errors:
            errors["birth_date"] = [_("The birth date cannot be in the future.")]
        if self.status == PersonStatus.DECEASED and not self.death_date:
            errors["death_date"] = [_("A deceased person needs a date of death.")]
        elif self.death_date and ((self.birth_date and self.death_date < self.birth_date) or self.death_date > today):
            errors["death_date"] = [_("The date of death must lie between the birth date and today.")]
        if errors:
            raise ValidationError(errors)

    def _clean_id_number(self, errors: dict) -> None:
        info = idcard.parse(self.id_number, local_names=idcard.local_division_names([self.id_number.strip()[:6]]))
        if not info.valid:
            errors["id_number"] = [info.error]
            return
        self.id_number = info.normalized
        if not self.birth_date:
            self.birth_date = info.birth_date
        elif self.birth_date != info.birth_date:
            errors["birth_date"] = [_("The identity number says %(date)s.") % {"date": info.birth_date.isoformat()}]
        if not self.sex:
            self.sex = info.sex
        elif self.sex != info.sex:
            errors["sex"] = [_("The identity number says %(sex)s.") % {"sex": Sex(info.sex).label}]

    def fill_derived_fields(self) -> None:
        """Search keys derived from the name and the identity number; bulk writers must call it too."""
        self.name_pinyin, self.name_initials = pinyin_forms(self.name)
        self.id_last4 = (self.id_number or "")[-4:]

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        super().save(*args, **kwargs)


class Household(RecordModel):
    """A registered household (户): its members, urban or rural, where it is registered."""

    number = models.CharField(_("household number"), max_length=30, unique=True)
    kind = models.CharField(_("urban or rural"), max_length=10, choices=HouseholdKind.choices)
    division = models.ForeignKey("divisions.Division", verbose_name=_("division"), on_delete=models.PROTECT,
                                 related_name="households")
    address = models.CharField(_("address"), max_length=200, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)

    area_lookup = "division"
    search_fields = ("number", "address")
    lazy_choices = True

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["number"]

    def __str__(self):
        return self.number


class Membership(RecordModel):
    """A person's membership of a household over a period; current while ``end_date`` is empty."""

    household = models.ForeignKey(Household, verbose_name=_("household"), on_delete=models.PROTECT,
                                  related_name="memberships")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="memberships")
    relation = models.CharField(_("relation to the head"), max_length=12, choices=Relation.choices)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    end_reason = models.CharField(_("reason for leaving"), max_length=100, blank=True)

    area_lookup = "household__division"
    search_fields = ("person__name", "household__number")

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        ordering = ["household", "-end_date", "start_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(end_date__isnull=True),
                name="%(app_label)s_%(class)s_one_current_household",
                violation_error_message=_("This person already belongs to a household."),
            ),
            models.UniqueConstraint(
                fields=["household"], condition=Q(end_date__isnull=True, relation=Relation.HEAD),
                name="%(app_label)s_%(class)s_one_head",
                violation_error_message=_("This household already has a head."),
            ),
        ]

    def __str__(self):
        return f"{self.household} · {self.person} · {self.get_relation_display()}"


class LifeEvent(RecordModel):
    """A death, move, marriage or divorce, as recorded; other apps react through registered handlers."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="life_events")
    kind = models.CharField(_("event"), max_length=12, choices=LifeEventKind.choices)
    date = models.DateField(_("date"))
    details = models.JSONField(_("details"), default=dict, blank=True)

    area_lookup = "person__hukou_division"
    search_fields = ("person__name",)

    class Meta:
        verbose_name = _("life event")
        verbose_name_plural = _("life events")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.person} · {self.get_kind_display()} · {self.date:%Y-%m-%d}"


class DuplicateCandidate(RecordModel):
    """Two records that may be the same person (same name, birth date and division, no identity number)."""

    person = models.ForeignKey(Person, verbose_name=_("record"), on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(Person, verbose_name=_("possible duplicate"), on_delete=models.CASCADE,
                              related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=DuplicateStatus.choices,
                              default=DuplicateStatus.OPEN)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("resolved by"),
                                    on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    area_lookup = "person__hukou_division"
    search_fields = ("person__name",)

    class Meta:
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        ordering = ["status", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "other"], name="%(app_label)s_%(class)s_pair"),
            models.CheckConstraint(condition=Q(person__lt=models.F("other")), name="%(app_label)s_%(class)s_order"),
        ]

    def __str__(self):
        return f"{self.person} ≟ {self.other}"


class NumberSequence(BaseModel):
    """A named gap-free counter, e.g. the registry numbers of people without an identity number.

    A number is drawn by locking the row (``services.reserve_registry_numbers``); a rolled-back
    transaction gives its numbers back, so the issued numbers have no gaps.
    """

    name = models.CharField(_("name"), max_length=50, unique=True)
    last_value = models.PositiveBigIntegerField(_("last value issued"), default=0)

    area_lookup = None

    class Meta:
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}: {self.last_value}"
