import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from minzheng.framework.tables import BaseTable, LinkColumn
from minzheng.payments.models import PayeeAccount, PaymentAdjustment, PaymentEntry, PaymentRoll

__all__ = ["PayeeAccountTable", "PaymentAdjustmentTable", "PaymentEntryTable", "PaymentRollTable"]


class MonthLinkColumn(LinkColumn):
    """A month shown as 2026-11, linking to the row."""

    def render(self, value, record):
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), f"{value:%Y-%m}")

    def value(self, value):
        return f"{value:%Y-%m}"


class PaymentRollTable(BaseTable):
    month = MonthLinkColumn(verbose_name=_("month"))
    program = tables.Column(verbose_name=_("program"), accessor="program__name", order_by=("program__code",))
    division = tables.Column(verbose_name=_("district"), accessor="division__name", order_by=("division__path",))

    class Meta(BaseTable.Meta):
        model = PaymentRoll
        fields = ("month", "program", "division", "status", "entry_count", "total_amount", "generated_at",
                  "approved_at", "locked_at")


class PaymentEntryTable(BaseTable):
    name = LinkColumn(verbose_name=_("name"))
    month = tables.Column(verbose_name=_("month"), accessor="roll__month", order_by=("roll__month",))
    case = tables.Column(verbose_name=_("case"), accessor="case__number", order_by=("case__number",))

    class Meta(BaseTable.Meta):
        model = PaymentEntry
        fields = ("name", "id_number", "month", "case", "kind", "amount", "bank_name", "account", "recovery")

    def render_month(self, value):
        return f"{value:%Y-%m}"

    def value_month(self, value):
        return f"{value:%Y-%m}"


class PaymentAdjustmentTable(BaseTable):
    case = LinkColumn(verbose_name=_("case"), accessor="case__number", order_by=("case__number",))
    adjusts = tables.Column(verbose_name=_("corrects entry"), accessor="adjusts_id")
    paid = tables.BooleanColumn(verbose_name=_("paid in a roll"))

    class Meta(BaseTable.Meta):
        model = PaymentAdjustment
        fields = ("case", "amount", "reason", "adjusts", "paid", "created_at")


class PayeeAccountTable(BaseTable):
    person = LinkColumn(verbose_name=_("person"), accessor="person__name", order_by=("person__name",))

    class Meta(BaseTable.Meta):
        model = PayeeAccount
        fields = ("person", "bank_name", "account_number")
