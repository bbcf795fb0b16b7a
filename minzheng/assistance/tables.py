import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from minzheng.assistance.models import (
    CalculationRuleSet,
    CaseworkerRecord,
    ConflictFiling,
    DeclaredRelative,
    MedicalClaim,
    Program,
    Recalculation,
    RecalculationItem,
    Standard,
)
from minzheng.framework.tables import BaseTable, LinkColumn

__all__ = [
    "CalculationRuleSetTable",
    "CaseworkerRecordTable",
    "ConflictFilingTable",
    "DeclaredRelativeTable",
    "MedicalClaimTable",
    "ProgramTable",
    "RecalculationItemTable",
    "RecalculationTable",
    "StandardTable",
]


class ProgramTable(BaseTable):
    code = LinkColumn(verbose_name=_("code"))

    class Meta(BaseTable.Meta):
        model = Program
        fields = ("code", "name", "kind", "legal_basis", "is_active")


class StandardTable(BaseTable):
    program = LinkColumn(verbose_name=_("program"), accessor="program__name", order_by=("program__code",))
    division = tables.Column(verbose_name=_("division"), accessor="division__name", order_by=("division__path",))

    class Meta(BaseTable.Meta):
        model = Standard
        fields = ("program", "area_type", "division", "effective_from", "effective_until", "amount", "is_sample",
                  "source_document")


class CalculationRuleSetTable(BaseTable):
    program = LinkColumn(verbose_name=_("program"), accessor="program__name", order_by=("program__code",))
    division = tables.Column(verbose_name=_("division"), accessor="division__name", order_by=("division__path",))

    class Meta(BaseTable.Meta):
        model = CalculationRuleSet
        fields = ("program", "division", "effective_from", "effective_until", "is_sample", "source_document")


class CaseworkerRecordTable(BaseTable):
    name = LinkColumn(verbose_name=_("name"))
    division = tables.Column(verbose_name=_("division"), accessor="division__name", order_by=("division__path",))

    class Meta(BaseTable.Meta):
        model = CaseworkerRecord
        fields = ("name", "id_number", "role", "position", "division", "active_from", "active_until")


class DeclaredRelativeTable(BaseTable):
    name = LinkColumn(verbose_name=_("name"))
    caseworker = tables.Column(verbose_name=_("caseworker"), accessor="caseworker__name",
                               order_by=("caseworker__name",))

    class Meta(BaseTable.Meta):
        model = DeclaredRelative
        fields = ("name", "id_number", "relation", "caseworker")


class ConflictFilingTable(BaseTable):
    filed_on = LinkColumn(verbose_name=_("filed on"))
    caseworker = tables.Column(verbose_name=_("caseworker"), accessor="caseworker__name",
                               order_by=("caseworker__name",))
    relative = tables.Column(verbose_name=_("relative"), accessor="relative__name", order_by=("relative__name",))
    division = tables.Column(verbose_name=_("division of the case"), accessor="division__name",
                             order_by=("division__path",))

    class Meta(BaseTable.Meta):
        model = ConflictFiling
        fields = ("filed_on", "case_reference", "caseworker", "relative", "division", "home_visit_rate")


# 医疗救助 claims and recalculations


class MedicalClaimTable(BaseTable):
    case = LinkColumn(verbose_name=_("case number"), accessor="case__number", order_by=("case__number",))
    patient = tables.Column(verbose_name=_("patient"), accessor="patient__name", order_by=("patient__name",))
    status = tables.Column(verbose_name=_("status"), accessor="case__status", order_by=("case__status",))

    class Meta(BaseTable.Meta):
        model = MedicalClaim
        fields = ("case", "patient", "category", "hospital", "settled_on", "total_cost", "status", "paid_before",
                  "amount")

    def render_status(self, record):
        return record.case.get_status_display()


class RecalculationTable(BaseTable):
    effective = LinkColumn(verbose_name=_("from month"))
    program = tables.Column(verbose_name=_("program"), accessor="program__name", order_by=("program__code",))
    division = tables.Column(verbose_name=_("district"), accessor="division__name", order_by=("division__path",))

    class Meta(BaseTable.Meta):
        model = Recalculation
        fields = ("effective", "program", "division", "trigger", "status", "created_at", "decided_at")


class RecalculationItemTable(BaseTable):
    case = tables.Column(verbose_name=_("case"), accessor="case__number", order_by=("case__number",),
                         linkify=lambda record: record.case.get_absolute_url())
    difference = tables.Column(verbose_name=_("difference"), accessor="new_amount", orderable=False)

    class Meta(BaseTable.Meta):
        model = RecalculationItem
        fields = ("case", "old_amount", "new_amount", "difference", "remarks")

    def render_difference(self, record):
        difference = record.new_amount - record.old_amount
        return f"+{difference}" if difference > 0 else str(difference)

    def value_difference(self, record):
        return str(record.new_amount - record.old_amount)
