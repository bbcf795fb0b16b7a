from django.utils.translation import gettext_lazy as _

from minzheng.framework.urls import register_model_view
from minzheng.framework.views import ObjectActionView, ObjectDeleteView, ObjectEditView, ObjectListView, ObjectView
from minzheng.registry import filtersets, forms, services, tables
from minzheng.registry.models import DuplicateCandidate, Household, LifeEvent, Membership, Person
from minzheng.registry.panels import person_panels

# Person


@register_model_view(Person, "list")
class PersonListView(ObjectListView):
    queryset = Person.objects.select_related("hukou_division")
    filterset = filtersets.PersonFilterSet
    table = tables.PersonTable
    template_name = "registry/person_list.html"
    search_first = True


@register_model_view(Person)
class PersonView(ObjectView):
    """一人一档: the panels every app contributes about the person (registry.panels)."""

    queryset = Person.objects.select_related("hukou_division", "residence_division", "merged_into")
    template_name = "registry/person.html"

    def get_extra_context(self, request, instance=None):
        return {"panels": person_panels(instance, request)}


@register_model_view(Person, "add")
@register_model_view(Person, "edit")
class PersonEditView(ObjectEditView):
    queryset = Person.objects.all()
    form = forms.PersonForm

    def save(self, request, form, instance):
        if instance.pk is None:  # a registry number when there is no identity number; duplicates flagged
            return services.register_person(instance, actor=request.user)
        return super().save(request, form, instance)


@register_model_view(Person, "delete")
class PersonDeleteView(ObjectDeleteView):
    queryset = Person.objects.all()


@register_model_view(Person, "record_event", route="<int:pk>/record-event/")
class PersonRecordEventView(ObjectActionView):
    queryset = Person.objects.all()
    form = forms.RecordLifeEventForm
    action_label = _("Record a life event")

    def perform(self, request, person, form):
        data = form.cleaned_data
        event = services.record_life_event(person, data["kind"], data["date"], actor=request.user,
                                           details=form.details())
        return event.person


# Household


@register_model_view(Household, "list")
class HouseholdListView(ObjectListView):
    queryset = Household.objects.select_related("division")
    filterset = filtersets.HouseholdFilterSet
    table = tables.HouseholdTable


@register_model_view(Household)
class HouseholdView(ObjectView):
    """The household with its current members (relation to the head) and its former members."""

    queryset = Household.objects.select_related("division")
    fields = ("number", "kind", "division", "address", "dissolved_on", "remarks")
    template_name = "registry/household.html"

    def get_extra_context(self, request, instance=None):
        memberships = instance.memberships.restrict(request.user, "view").select_related("person")
        return {"members": memberships.filter(end_date__isnull=True).order_by("start_date", "pk"),
                "former": memberships.filter(end_date__isnull=False).order_by("-end_date", "-pk")}


@register_model_view(Household, "add")
@register_model_view(Household, "edit")
class HouseholdEditView(ObjectEditView):
    queryset = Household.objects.all()
    form = forms.HouseholdForm

    def save(self, request, form, instance):
        if instance.pk is None:  # a household is registered together with its head
            return services.create_household(form.cleaned_data["head"], number=instance.number, kind=instance.kind,
                                             division=instance.division, address=instance.address,
                                             actor=request.user)
        return super().save(request, form, instance)


@register_model_view(Household, "delete")
class HouseholdDeleteView(ObjectDeleteView):
    queryset = Household.objects.all()


# Household changes: each calls its service (registry.services), which checks the rules and writes the events.


@register_model_view(Household, "add_member", route="<int:pk>/add-member/")
class HouseholdAddMemberView(ObjectActionView):
    queryset = Household.objects.all()
    form = forms.AddMemberForm
    action_label = _("Add a member")

    def perform(self, request, household, form):
        data = form.cleaned_data
        services.add_member(household, data["person"], relation=data["relation"], date=data["date"],
                            actor=request.user)
        return household


@register_model_view(Household, "remove_member", route="<int:pk>/remove-member/")
class HouseholdRemoveMemberView(ObjectActionView):
    queryset = Household.objects.all()
    form = forms.RemoveMemberForm
    action_label = _("Remove a member")

    def perform(self, request, household, form):
        data = form.cleaned_data
        services.remove_member(household, data["person"], reason=data["reason"], date=data["date"],
                               new_head=data["new_head"], actor=request.user)
        return household


@register_model_view(Household, "transfer_member", route="<int:pk>/transfer-member/")
class HouseholdTransferMemberView(ObjectActionView):
    queryset = Household.objects.all()
    form = forms.TransferMemberForm
    action_label = _("Take in a member of another household")

    def perform(self, request, household, form):
        data = form.cleaned_data
        services.transfer_member(data["person"], household, relation=data["relation"], date=data["date"],
                                 reason=data["reason"], new_head=data["new_head"], actor=request.user)
        return household


@register_model_view(Household, "change_head", route="<int:pk>/change-head/")
class HouseholdChangeHeadView(ObjectActionView):
    queryset = Household.objects.all()
    form = forms.ChangeHeadForm
    action_label = _("Change the head")

    def perform(self, request, household, form):
        data = form.cleaned_data
        return services.change_head(household, data["new_head"], old_head_relation=data["old_head_relation"],
                                    date=data["date"], actor=request.user)


@register_model_view(Household, "split", route="<int:pk>/split/")
class HouseholdSplitView(ObjectActionView):
    queryset = Household.objects.all()
    form = forms.SplitHouseholdForm
    action_label = _("Split")

    def perform(self, request, household, form):
        data = form.cleaned_data
        return services.split_household(household, list(data["members"]), new_head=data["new_head"],
                                        number=data["number"], remaining_head=data["remaining_head"],
                                        date=data["date"], actor=request.user)


@register_model_view(Household, "merge", route="<int:pk>/merge/")
class HouseholdMergeView(ObjectActionView):
    queryset = Household.objects.all()
    form = forms.MergeHouseholdForm
    action_label = _("Merge another household into this one")

    def perform(self, request, household, form):
        return services.merge_households(household, form.cleaned_data["source"], date=form.cleaned_data["date"],
                                         actor=request.user)


# Membership: created and ended by the household services; corrected here.


@register_model_view(Membership, "list")
class MembershipListView(ObjectListView):
    queryset = Membership.objects.select_related("household", "person")
    filterset = filtersets.MembershipFilterSet
    table = tables.MembershipTable


@register_model_view(Membership)
class MembershipView(ObjectView):
    queryset = Membership.objects.select_related("household", "person")
    fields = ("household", "person", "relation", "start_date", "end_date", "end_reason", "remarks")


@register_model_view(Membership, "edit")
class MembershipEditView(ObjectEditView):
    queryset = Membership.objects.all()
    form = forms.MembershipForm


# Life events: recorded by registry.services.record_life_event; annotated here.


@register_model_view(LifeEvent, "list")
class LifeEventListView(ObjectListView):
    queryset = LifeEvent.objects.select_related("person")
    filterset = filtersets.LifeEventFilterSet
    table = tables.LifeEventTable


@register_model_view(LifeEvent)
class LifeEventView(ObjectView):
    queryset = LifeEvent.objects.select_related("person")
    fields = ("person", "kind", "date", "details", "remarks")


@register_model_view(LifeEvent, "edit")
class LifeEventEditView(ObjectEditView):
    queryset = LifeEvent.objects.all()
    form = forms.LifeEventForm


# Possible duplicates: flagged, merged and dismissed by the services.


@register_model_view(DuplicateCandidate, "list")
class DuplicateCandidateListView(ObjectListView):
    queryset = DuplicateCandidate.objects.select_related("person", "other")
    filterset = filtersets.DuplicateCandidateFilterSet
    table = tables.DuplicateCandidateTable


@register_model_view(DuplicateCandidate)
class DuplicateCandidateView(ObjectView):
    queryset = DuplicateCandidate.objects.select_related("person", "other", "resolved_by")
    fields = ("person", "other", "status", "resolved_by", "resolved_at", "remarks")


@register_model_view(DuplicateCandidate, "merge")
class DuplicateCandidateMergeView(ObjectActionView):
    queryset = DuplicateCandidate.objects.select_related("person", "other")
    form = forms.MergeDuplicateForm
    action_label = _("Merge the two records")

    def perform(self, request, candidate, form):
        keep, remove = form.chosen()
        return services.merge_persons(keep, remove, actor=request.user)


@register_model_view(DuplicateCandidate, "dismiss")
class DuplicateCandidateDismissView(ObjectActionView):
    queryset = DuplicateCandidate.objects.all()
    form = forms.ConfirmForm
    action_label = _("Not a duplicate")

    def perform(self, request, candidate, form):
        return services.dismiss_duplicate(candidate, actor=request.user)
