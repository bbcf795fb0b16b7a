from minzheng.divisions import filtersets, forms, tables
from minzheng.divisions.models import Division, DivisionChange
from minzheng.framework.urls import register_model_view
from minzheng.framework.views import ObjectDeleteView, ObjectEditView, ObjectListView, ObjectView

# Division


@register_model_view(Division, "list")
class DivisionListView(ObjectListView):
    queryset = Division.objects.select_related("parent")
    filterset = filtersets.DivisionFilterSet
    table = tables.DivisionTable


@register_model_view(Division)
class DivisionView(ObjectView):
    queryset = Division.objects.select_related("parent")
    fields = ("code", "name", "level", "kind", "parent", "urban_rural_class", "valid_from", "valid_to", "is_demo",
              "remarks")


@register_model_view(Division, "add")
@register_model_view(Division, "edit")
class DivisionEditView(ObjectEditView):
    queryset = Division.objects.all()
    form = forms.DivisionForm


@register_model_view(Division, "delete")
class DivisionDeleteView(ObjectDeleteView):
    queryset = Division.objects.all()


# DivisionChange


@register_model_view(DivisionChange, "list")
class DivisionChangeListView(ObjectListView):
    queryset = DivisionChange.objects.all()
    filterset = filtersets.DivisionChangeFilterSet
    table = tables.DivisionChangeTable


@register_model_view(DivisionChange)
class DivisionChangeView(ObjectView):
    queryset = DivisionChange.objects.prefetch_related("sources", "targets")
    fields = ("date", "date_confirmed", "kind", "description", "document", "remarks")


@register_model_view(DivisionChange, "add")
@register_model_view(DivisionChange, "edit")
class DivisionChangeEditView(ObjectEditView):
    queryset = DivisionChange.objects.all()
    form = forms.DivisionChangeForm


@register_model_view(DivisionChange, "delete")
class DivisionChangeDeleteView(ObjectDeleteView):
    queryset = DivisionChange.objects.all()
