from django.contrib import messages
from django.db.models import Count, Q, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django_tables2 import RequestConfig

from minzheng.framework.exceptions import DomainError
from minzheng.framework.export import FORMATS, export_table
from minzheng.framework.htmx import htmx_partial
from minzheng.framework.permissions import get_permission_for_model
from minzheng.framework.urls import register_model_view
from minzheng.framework.views import (
    ObjectActionView,
    ObjectDeleteView,
    ObjectEditView,
    ObjectListView,
    ObjectPermissionMixin,
    ObjectView,
)
from minzheng.payments import filtersets, forms, services, tables
from minzheng.payments.choices import RollStatus
from minzheng.payments.models import PayeeAccount, PaymentAdjustment, PaymentEntry, PaymentRoll

ROLLS = PaymentRoll.objects.select_related("program", "division")
ENTRIES = PaymentEntry.objects.select_related("roll", "case")

# PaymentRoll


@register_model_view(PaymentRoll, "list")
class PaymentRollListView(ObjectListView):
    queryset = ROLLS
    filterset = filtersets.PaymentRollFilterSet
    table = tables.PaymentRollTable


def roll_summary(roll: PaymentRoll) -> dict:
    """Counts and sums of the roll's entries by kind, and what needs attention."""
    by_kind = roll.entries.order_by().values("kind").annotate(count=Count("pk"), amount=Sum("amount"))
    attention = roll.entries.aggregate(recovery=Count("pk", filter=Q(recovery=True)),
                                       no_account=Count("pk", filter=Q(account="")))
    labels = dict(PaymentEntry._meta.get_field("kind").choices)
    return {"by_kind": [{**row, "label": labels[row["kind"]]} for row in by_kind], **attention}


@register_model_view(PaymentRoll)
class PaymentRollView(ObjectView):
    """The roll, its totals by kind, the buttons its status allows, and its entries page by page."""

    queryset = ROLLS
    template_name = "payments/paymentroll.html"
    fields = ("program", "division", "month", "status", "entry_count", "total_amount", "cutoff", "generated_at",
              "generated_by", "approved_at", "approved_by", "locked_at", "locked_by", "remarks")

    def get(self, request, **kwargs):
        roll = self.get_object(**kwargs)
        table = tables.PaymentEntryTable(roll.entries.restrict(request.user, "view").select_related("roll", "case"),
                                         user=request.user, exclude=("month",))
        if request.GET.get("export") in FORMATS:
            RequestConfig(request, paginate=False).configure(table)
            return export_table(table, request.GET["export"], f"roll-{roll.pk}-entries")
        RequestConfig(request, paginate={"per_page": 50}).configure(table)
        if htmx_partial(request):
            return TemplateResponse(request, "htmx/table.html", {"table": table})
        self.entries = table
        return super().get(request, **kwargs)

    def get_extra_context(self, request, instance=None):
        may_change = request.user.has_perm(get_permission_for_model(PaymentRoll, "change"))
        step = {RollStatus.DRAFT: "approve", RollStatus.APPROVED: "lock"}.get(instance.status)
        return {"entries": self.entries, "summary": roll_summary(instance), "can_change": False,
                "can_delete": False, "next_step": step if may_change else None,
                "bank_file": may_change and instance.status != RollStatus.DRAFT,
                "actions": []}


@register_model_view(PaymentRoll, "add")
class PaymentRollGenerateView(ObjectEditView):
    """Generate (or open, when it exists) the roll of a program, district and month."""

    queryset = PaymentRoll.objects.all()
    form = forms.GenerateRollForm

    def save(self, request, form, instance):
        return services.generate_roll(instance.program, instance.division, instance.month, actor=request.user)


class RollStepView(ObjectActionView):
    queryset = ROLLS
    form = forms.ConfirmForm


@register_model_view(PaymentRoll, "approve")
class PaymentRollApproveView(RollStepView):
    action_label = gettext_lazy("Approve the roll")

    def perform(self, request, instance, form):
        return services.approve_roll(instance, actor=request.user)


@register_model_view(PaymentRoll, "lock")
class PaymentRollLockView(RollStepView):
    action_label = gettext_lazy("Lock the roll (paid)")

    def perform(self, request, instance, form):
        return services.lock_roll(instance, actor=request.user)


@register_model_view(PaymentRoll, "bank_file", route="<int:pk>/bank-file/")
class PaymentRollBankFileView(ObjectPermissionMixin, View):
    """``?format=csv`` or ``xlsx``: the bank file of an approved or locked roll (an audit event)."""

    queryset = PaymentRoll.objects.all()
    action = "change"

    def get(self, request, pk):
        roll = get_object_or_404(self.queryset, pk=pk)
        try:
            file = services.export_bank_file(roll, fmt=request.GET.get("format", "csv"), actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect(roll.get_absolute_url())
        response = HttpResponse(file.content, content_type=file.content_type)
        response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
        return response


# PaymentEntry


@register_model_view(PaymentEntry, "list")
class PaymentEntryListView(ObjectListView):
    queryset = ENTRIES
    filterset = filtersets.PaymentEntryFilterSet
    table = tables.PaymentEntryTable


@register_model_view(PaymentEntry)
class PaymentEntryView(ObjectView):
    queryset = ENTRIES.select_related("household", "payee", "adjusts", "adjustment")
    fields = ("roll", "case", "household", "payee", "name", "id_number", "bank_name", "account", "amount", "kind",
              "adjusts", "adjustment", "recovery", "recovery_reason")

    def get_extra_context(self, request, instance=None):
        return {"can_change": False, "can_delete": False}


# PaymentAdjustment


@register_model_view(PaymentAdjustment, "list")
class PaymentAdjustmentListView(ObjectListView):
    queryset = PaymentAdjustment.objects.select_related("case").with_payment()
    filterset = filtersets.PaymentAdjustmentFilterSet
    table = tables.PaymentAdjustmentTable


@register_model_view(PaymentAdjustment)
class PaymentAdjustmentView(ObjectView):
    queryset = PaymentAdjustment.objects.select_related("case", "adjusts")
    fields = ("case", "adjusts", "amount", "reason", "remarks")

    def get_extra_context(self, request, instance=None):
        entry = instance.applied_entries.select_related("roll__program", "roll__division").first()
        paid_in = entry.roll if entry else _("The next roll generated for the case's program and district")
        return {"can_change": False, "can_delete": False, "rows": [*self.panel_rows(instance), (_("paid in"), paid_in)]}


@register_model_view(PaymentAdjustment, "add")
class PaymentAdjustmentAddView(ObjectEditView):
    queryset = PaymentAdjustment.objects.all()
    form = forms.PaymentAdjustmentForm

    def save(self, request, form, instance):
        target = instance.adjusts if instance.adjusts_id else instance.case
        return services.add_adjustment(target, amount=instance.amount, reason=instance.reason, actor=request.user)


# PayeeAccount


@register_model_view(PayeeAccount, "list")
class PayeeAccountListView(ObjectListView):
    queryset = PayeeAccount.objects.select_related("person")
    filterset = filtersets.PayeeAccountFilterSet
    table = tables.PayeeAccountTable


@register_model_view(PayeeAccount)
class PayeeAccountView(ObjectView):
    queryset = PayeeAccount.objects.select_related("person")
    fields = ("person", "bank_name", "account_number", "remarks")


@register_model_view(PayeeAccount, "add")
@register_model_view(PayeeAccount, "edit")
class PayeeAccountEditView(ObjectEditView):
    queryset = PayeeAccount.objects.all()
    form = forms.PayeeAccountForm


@register_model_view(PayeeAccount, "delete")
class PayeeAccountDeleteView(ObjectDeleteView):
    queryset = PayeeAccount.objects.all()
