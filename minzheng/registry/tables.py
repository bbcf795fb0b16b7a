import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from minzheng.framework.tables import BaseTable, LinkColumn
from minzheng.registry.models import DuplicateCandidate, Household, LifeEvent, Membership, Person

__all__ = ["DuplicateCandidateTable", "HouseholdTable", "LifeEventTable", "MembershipTable", "PersonTable"]


class PersonTable(BaseTable):
    """People as search results: the identity number is masked (framework.privacy), also in exports."""

    name = LinkColumn(verbose_name=_("name"))
    hukou_division = tables.Column(verbose_name=_("household registration (户籍地)"),
                                   accessor="hukou_division__name", order_by=("hukou_division__path",))

    class Meta(BaseTable.Meta):
        model = Person
        fields = ("name", "id_number", "sex", "birth_date", "hukou_division", "address", "status")


class HouseholdTable(BaseTable):
    number = LinkColumn(verbose_name=_("household number"))
    division = tables.Column(verbose_name=_("division"), accessor="division__name", order_by=("division__path",))

    class Meta(BaseTable.Meta):
        model = Household
        fields = ("number", "kind", "division", "address", "dissolved_on")


class MembershipTable(BaseTable):
    household = LinkColumn(verbose_name=_("household"), accessor="household__number")
    person = tables.Column(verbose_name=_("person"), accessor="person__name")

    class Meta(BaseTable.Meta):
        model = Membership
        fields = ("household", "person", "relation", "start_date", "end_date", "end_reason")


class LifeEventTable(BaseTable):
    date = LinkColumn(verbose_name=_("date"))
    person = tables.Column(verbose_name=_("person"), accessor="person__name")

    class Meta(BaseTable.Meta):
        model = LifeEvent
        fields = ("date", "kind", "person")


class DuplicateCandidateTable(BaseTable):
    person = LinkColumn(verbose_name=_("record"), accessor="person__name")
    other = tables.Column(verbose_name=_("possible duplicate"), accessor="other__name")
    birth_date = tables.Column(verbose_name=_("birth date"), accessor="person__birth_date")

    class Meta(BaseTable.Meta):
        model = DuplicateCandidate
        fields = ("person", "other", "birth_date", "status")
