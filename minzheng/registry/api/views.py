from minzheng.framework.api.viewsets import BaseModelViewSet, ReadOnlyModelViewSet
from minzheng.registry import filtersets, services
from minzheng.registry.api import serializers
from minzheng.registry.models import DuplicateCandidate, Household, LifeEvent, Membership, Person


class PersonViewSet(BaseModelViewSet):
    queryset = Person.objects.select_related("hukou_division")
    serializer_class = serializers.PersonSerializer
    filterset_class = filtersets.PersonFilterSet

    def perform_create(self, serializer):
        person = Person(**serializer.validated_data)
        serializer.instance = services.register_person(person, actor=self.request.user)


class HouseholdViewSet(BaseModelViewSet):
    queryset = Household.objects.select_related("division")
    serializer_class = serializers.HouseholdSerializer
    filterset_class = filtersets.HouseholdFilterSet

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("remarks", None)
        serializer.instance = services.create_household(data.pop("head"), **data, actor=self.request.user)


# Memberships, life events and duplicates change only through the registry services.


class MembershipViewSet(ReadOnlyModelViewSet):
    queryset = Membership.objects.select_related("household", "person")
    serializer_class = serializers.MembershipSerializer
    filterset_class = filtersets.MembershipFilterSet


class LifeEventViewSet(ReadOnlyModelViewSet):
    queryset = LifeEvent.objects.select_related("person")
    serializer_class = serializers.LifeEventSerializer
    filterset_class = filtersets.LifeEventFilterSet


class DuplicateCandidateViewSet(ReadOnlyModelViewSet):
    queryset = DuplicateCandidate.objects.select_related("person", "other")
    serializer_class = serializers.DuplicateCandidateSerializer
    filterset_class = filtersets.DuplicateCandidateFilterSet
