"""Pages of home care (虚拟养老): providers, their catalogue, and orders through each step."""

from django.utils.translation import gettext_lazy as _

from minzheng.eldercare import filtersets, forms, tables
from minzheng.eldercare.choices import OrderStatus
from minzheng.eldercare.models import Provider, ProviderService, ServiceOrder
from minzheng.eldercare.services import homecare
from minzheng.framework.urls import register_model_view
from minzheng.framework.views import ObjectActionView, ObjectEditView, ObjectListView, ObjectView, register_crud

register_crud(Provider, queryset=Provider.objects.select_related("division"), table=tables.ProviderTable,
              filterset=filtersets.ProviderFilterSet, form=forms.ProviderForm,
              fields=("name", "kind", "division", "credit_code", "contact", "phone", "address", "registered_on",
                      "status", "remarks"),
              extra_context=lambda view, request, instance: {"services": instance.services.order_by("category",
                                                                                                       "name")})

register_crud(ProviderService, queryset=ProviderService.objects.select_related("provider"),
              table=tables.ProviderServiceTable, filterset=filtersets.ProviderServiceFilterSet,
              form=forms.ProviderServiceForm, fields=("provider", "category", "name", "unit", "price", "is_active",
                                                      "remarks"))

ORDERS = ServiceOrder.objects.select_related("person", "division", "provider", "service")


@register_model_view(ServiceOrder, "list")
class ServiceOrderListView(ObjectListView):
    queryset = ORDERS
    table = tables.ServiceOrderTable
    filterset = filtersets.ServiceOrderFilterSet


@register_model_view(ServiceOrder)
class ServiceOrderView(ObjectView):
    queryset = ORDERS
    fields = ("number", "person", "division", "channel", "category", "request", "contact_phone", "received_at",
              "taken_by", "status", "provider", "service", "dispatched_at", "visited_at", "visit_note", "completed_at",
              "quantity", "amount", "satisfaction", "feedback", "closed_at", "cancelled_at", "cancel_reason",
              "remarks")

    def get_extra_context(self, request, instance=None):
        return {"can_delete": False}


class ServiceOrderAddView(ObjectEditView):
    """The call centre takes a request."""

    queryset = ServiceOrder.objects.all()
    form = forms.ServiceOrderForm

    def save(self, request, form, instance):
        return homecare.take_order(instance, actor=request.user)


register_model_view(ServiceOrder, "add")(ServiceOrderAddView)


@register_model_view(ServiceOrder, "edit")
class ServiceOrderEditView(ObjectEditView):
    """Correct the request's text, phone and remarks (the steps are operations)."""

    queryset = ServiceOrder.objects.all()
    form = forms.ServiceOrderEditForm


def _step(name: str, states: tuple, form, label, perform) -> None:
    view = type(f"ServiceOrder{name.title()}View", (ObjectActionView,), {
        "queryset": ServiceOrder.objects.filter(status__in=states), "form": form, "action_label": label,
        "perform": lambda self, request, order, form: perform(order, request.user, form.cleaned_data)})
    register_model_view(ServiceOrder, name, route=f"<int:pk>/{name}/")(view)


_step("dispatch", (OrderStatus.RECEIVED,), forms.DispatchForm, _("Dispatch a provider"),
      lambda order, user, data: homecare.dispatch_order(order, provider=data["provider"], service=data["service"],
                                                        at=data["at"], actor=user))
_step("visit", (OrderStatus.DISPATCHED,), forms.VisitForm, _("Record the visit"),
      lambda order, user, data: homecare.record_visit(order, note=data["note"], at=data["at"], actor=user))
_step("complete", (OrderStatus.VISITED,), forms.CompleteForm, _("Record the completion"),
      lambda order, user, data: homecare.complete_order(order, quantity=data["quantity"], at=data["at"],
                                                        actor=user))
_step("rate", (OrderStatus.COMPLETED,), forms.SatisfactionForm, _("Record the elder's satisfaction"),
      lambda order, user, data: homecare.record_satisfaction(order, satisfaction=data["satisfaction"],
                                                             feedback=data["feedback"], actor=user))
_step("cancel", (OrderStatus.RECEIVED, OrderStatus.DISPATCHED), forms.CancelForm, _("Cancel the order"),
      lambda order, user, data: homecare.cancel_order(order, reason=data["reason"], actor=user))
