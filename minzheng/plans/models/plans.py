"""A work plan (工作要点) as imported from its notice, and the units responsible for its items.

Plans and units are the bureau's own records, city-wide (``area_lookup = None``): every holder of the view
permission reads them; who may report on an item is decided by the units it is assigned to.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from minzheng.framework.models import LookupModel, RecordModel
from minzheng.plans.choices import ItemStatus, TaskStatus, UnitKind

__all__ = ["Chapter", "Item", "Plan", "Task", "Unit"]


class Unit(LookupModel):
    """A responsible unit: a division of the city bureau (处室) or a district bureau, with its members."""

    kind = models.CharField(_("kind"), max_length=10, choices=UnitKind.choices)
    division = models.ForeignKey("divisions.Division", verbose_name=_("division served"), on_delete=models.PROTECT,
                                 related_name="+", help_text=_("The city for a bureau division, the district for a "
                                                               "district bureau: the area of its live figures."))
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("members"), blank=True,
                                     related_name="plan_units")

    area_lookup = None

    class Meta:
        verbose_name = _("responsible unit")
        verbose_name_plural = _("responsible units")
        ordering = ["kind", "code"]


class Plan(RecordModel):
    """One imported work-plan notice: its header fields, title and year; the full text is kept."""

    title = models.CharField(_("title"), max_length=300)
    notice_title = models.CharField(_("notice"), max_length=300, blank=True)
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    doc_number = models.CharField(_("document number"), max_length=100, blank=True)
    published = models.DateField(_("published on"), null=True, blank=True)
    effective = models.DateField(_("in force from"), null=True, blank=True)
    level = models.CharField(_("legal level"), max_length=100, blank=True)
    validity = models.CharField(_("validity"), max_length=100, blank=True)
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    file_name = models.CharField(_("file name"), max_length=255, blank=True, editable=False)
    text = models.TextField(_("text of the notice"), editable=False)

    area_lookup = None
    search_fields = ("title", "doc_number", "issuer")

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        ordering = ["-year", "-pk"]

    def __str__(self):
        return self.title


class Chapter(RecordModel):
    plan = models.ForeignKey(Plan, verbose_name=_("work plan"), on_delete=models.CASCADE, related_name="chapters")
    number = models.PositiveSmallIntegerField(_("number"))
    label = models.CharField(_("label"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=500)

    area_lookup = None
    search_fields = ("title",)

    class Meta:
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="%(app_label)s_%(class)s_number")]

    def __str__(self):
        return f"{self.label}、{self.title}" if self.label else self.title


class Item(RecordModel):
    """A numbered work item, assigned to responsible units with a lead, due by a date."""

    plan = models.ForeignKey(Plan, verbose_name=_("work plan"), on_delete=models.CASCADE, related_name="items")
    chapter = models.ForeignKey(Chapter, verbose_name=_("chapter"), on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("number"))
    label = models.CharField(_("label"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=500)
    text = models.TextField(_("text"), blank=True)
    units = models.ManyToManyField(Unit, verbose_name=_("responsible units"), blank=True, related_name="items")
    lead = models.ForeignKey(Unit, verbose_name=_("lead unit"), on_delete=models.PROTECT, null=True, blank=True,
                             related_name="led_items")
    due_on = models.DateField(pgettext_lazy("work plan", "due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=ItemStatus.choices, default=ItemStatus.OPEN)
    completed_on = models.DateField(_("completed on"), null=True, blank=True, editable=False)

    area_lookup = None
    search_fields = ("title", "text")

    class Meta:
        verbose_name = _("work item")
        permissions = [("report_item", _("Can report on work items"))]
        verbose_name_plural = _("work items")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="%(app_label)s_%(class)s_number")]

    def __str__(self):
        return f"（{self.label}）{self.title}" if self.label else self.title


class Task(RecordModel):
    """One task sentence of an item, with its state."""

    item = models.ForeignKey(Item, verbose_name=_("work item"), on_delete=models.CASCADE, related_name="tasks")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("task"))
    status = models.CharField(_("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED)

    area_lookup = None
    search_fields = ("text",)

    class Meta:
        verbose_name = _("task")
        permissions = [("report_task", _("Can report on tasks"))]
        verbose_name_plural = _("tasks")
        ordering = ["item", "number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="%(app_label)s_%(class)s_number")]

    def __str__(self):
        return self.text[:60]
