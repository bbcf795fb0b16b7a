import django_filters
from django.utils.translation import gettext_lazy as _

from minzheng.framework.filtersets import BaseFilterSet
from minzheng.jobs.choices import JobStatus
from minzheng.jobs.models import Job

__all__ = ["JobFilterSet"]


class JobFilterSet(BaseFilterSet):
    status = django_filters.MultipleChoiceFilter(choices=JobStatus.choices, label=_("Status"))
    name = django_filters.CharFilter(lookup_expr="startswith", label=_("Job"))
    requested_by_id = django_filters.NumberFilter(field_name="requested_by", label=_("Requested by (id)"))

    class Meta:
        model = Job
        fields = []
