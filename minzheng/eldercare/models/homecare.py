"""Home-care services (虚拟养老): registered providers with their catalogue and prices, and the service orders a
call centre takes, dispatches and follows up."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minzheng.eldercare.choices import (
    OrderChannel,
    OrderStatus,
    PriceUnit,
    ProviderKind,
    ProviderStatus,
    Satisfaction,
    ServiceCategory,
)
from minzheng.framework.models import RecordModel

__all__ = ["OPEN_ORDER_STATUSES", "Provider", "ProviderService", "ServiceOrder"]

MONEY = {"max_digits": 10, "decimal_places": 2}
#: Orders still being worked on.
OPEN_ORDER_STATUSES = (OrderStatus.RECEIVED, OrderStatus.DISPATCHED, OrderStatus.VISITED)


class Provider(RecordModel):
    """A registered home-care service provider, serving the division it is registered in and below."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind of provider"), max_length=12, choices=ProviderKind.choices)
    division = models.ForeignKey("divisions.Division", verbose_name=_("area served"), on_delete=models.PROTECT,
                                 related_name="+", help_text=_("The district (or the city) it is registered to serve."))
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    contact = models.CharField(_("contact person"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    registered_on = models.DateField(_("registered on"))
    status = models.CharField(_("status"), max_length=10, choices=ProviderStatus.choices,
                              default=ProviderStatus.ACTIVE)

    area_lookup = "division"
    search_fields = ("name", "contact", "credit_code")

    class Meta:
        verbose_name = _("home-care provider")
        verbose_name_plural = _("home-care providers")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class ProviderService(RecordModel):
    """A service in a provider's catalogue, with its price."""

    provider = models.ForeignKey(Provider, verbose_name=_("provider"), on_delete=models.PROTECT,
                                 related_name="services")
    category = models.CharField(_("category"), max_length=15, choices=ServiceCategory.choices)
    name = models.CharField(_("service"), max_length=100)
    unit = models.CharField(_("priced"), max_length=8, choices=PriceUnit.choices)
    price = models.DecimalField(_("price (yuan)"), validators=[MinValueValidator(0)], **MONEY)
    is_active = models.BooleanField(_("offered"), default=True)

    area_lookup = "provider__division"
    search_fields = ("name", "provider__name")

    class Meta:
        verbose_name = _("catalogue service")
        verbose_name_plural = _("service catalogue")
        ordering = ["provider__name", "category", "name"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "name"], name="%(app_label)s_%(class)s_unique",
                                    violation_error_message=_("The provider already offers a service of this name.")),
            models.CheckConstraint(condition=Q(price__gte=0), name="%(app_label)s_%(class)s_price",
                                   violation_error_message=_("The price cannot be negative.")),
        ]

    def __str__(self):
        return f"{self.provider} · {self.name}（{self.price}/{self.get_unit_display()}）"


class ServiceOrder(RecordModel):
    """One request for home care: taken by the call centre, dispatched to a provider, visited, completed, and
    closed with the elder's satisfaction (or cancelled). Every step is a service (``services.homecare``)."""

    number = models.CharField(_("order number"), max_length=30, unique=True, editable=False)
    person = models.ForeignKey("registry.Person", verbose_name=_("elder"), on_delete=models.PROTECT,
                               related_name="service_orders")
    division = models.ForeignKey("divisions.Division", verbose_name=_("division"), on_delete=models.PROTECT,
                                 related_name="+", editable=False)
    channel = models.CharField(_("received through"), max_length=8, choices=OrderChannel.choices,
                               default=OrderChannel.PHONE)
    category = models.CharField(_("service requested"), max_length=15, choices=ServiceCategory.choices)
    request = models.TextField(_("request"), help_text=_("What the elder asked for, when and where."))
    contact_phone = models.CharField(_("call-back phone"), max_length=30, blank=True)
    received_at = models.DateTimeField(_("received at"), editable=False)
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("taken by"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="+", editable=False)
    status = models.CharField(_("status"), max_length=10, choices=OrderStatus.choices, default=OrderStatus.RECEIVED,
                              editable=False)
    provider = models.ForeignKey(Provider, verbose_name=_("provider"), on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="orders", editable=False)
    service = models.ForeignKey(ProviderService, verbose_name=_("service"), on_delete=models.PROTECT, null=True,
                                blank=True, related_name="orders", editable=False)
    dispatched_at = models.DateTimeField(_("dispatched at"), null=True, blank=True, editable=False)
    visited_at = models.DateTimeField(_("visited at"), null=True, blank=True, editable=False)
    visit_note = models.TextField(_("visit record"), blank=True, editable=False)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True, editable=False)
    quantity = models.DecimalField(_("quantity"), max_digits=6, decimal_places=2, null=True, blank=True,
                                   editable=False)
    amount = models.DecimalField(_("amount (yuan)"), null=True, blank=True, editable=False, **MONEY)
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction"), choices=Satisfaction.choices, null=True,
                                                    blank=True, editable=False)
    feedback = models.TextField(_("elder's feedback"), blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True, editable=False)

    area_lookup = "division"
    search_fields = ("number", "person__name", "request")

    class Meta:
        verbose_name = _("home-care order")
        verbose_name_plural = _("home-care orders")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["status", "received_at"], name="eldercare_order_status")]

    def __str__(self):
        return f"{self.number} · {self.person}"

    def clean(self):
        super().clean()
        if self.person_id and self.person.death_date is not None:
            raise ValidationError({"person": _("This person has died.")}, code="deceased")
