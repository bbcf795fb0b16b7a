"""Demo records in every state the registry knows: life events of each kind, and possible
duplicates that are open, dismissed and merged — all written through the registry's services, so
the demo also carries their audit events. Idempotent: nothing is added once any life event exists."""

import datetime

from django.db import transaction

from minzheng.divisions.models import Division
from minzheng.registry import services
from minzheng.registry.choices import LifeEventKind, MaritalStatus, PersonStatus, Relation, Sex
from minzheng.registry.models import DuplicateCandidate, LifeEvent, Person

__all__ = ["create_demo_cases"]

EVENT_DATE = datetime.date(2026, 3, 16)
#: Unidentified people registered twice each (name, birth date, sex): an open, a dismissed and a merged pair.
UNIDENTIFIED = [("无名氏甲", datetime.date(1960, 1, 1), Sex.MALE), ("无名氏乙", datetime.date(1975, 6, 1), Sex.FEMALE),
                ("无名氏丙", datetime.date(1982, 9, 1), Sex.MALE)]


def _members(relation: str, born_before: datetime.date, count: int, offset: int = 0) -> list[Person]:
    return list(Person.objects.filter(
        status=PersonStatus.ALIVE, id_number__isnull=False, birth_date__lt=born_before,
        memberships__end_date__isnull=True, memberships__relation=relation,
    ).order_by("id_number")[offset:offset + count])


def _life_events(actor) -> None:
    adult = datetime.date(1990, 1, 1)
    for person in _members(Relation.PARENT, datetime.date(1950, 1, 1), 2):
        services.record_life_event(person, LifeEventKind.DEATH, EVENT_DATE, actor=actor)
    mover, away = _members(Relation.CHILD, adult, 2, offset=5)
    target = Division.objects.current().filter(level="community", code__startswith="120103").order_by("code").first()
    services.record_life_event(mover, LifeEventKind.MOVE, EVENT_DATE, actor=actor,
                               details={"residence_division": target.code})
    services.record_life_event(away, LifeEventKind.MOVE, EVENT_DATE, actor=actor)
    single = Person.objects.filter(pk__in=[p.pk for p in _members(Relation.CHILD, adult, 10, offset=10)]).exclude(
        marital_status=MaritalStatus.MARRIED).first()
    if single is not None:
        services.record_life_event(single, LifeEventKind.MARRIAGE, EVENT_DATE, actor=actor)
    spouse = _members(Relation.SPOUSE, adult, 1, offset=3)
    if spouse:
        services.record_life_event(spouse[0], LifeEventKind.DIVORCE, EVENT_DATE, actor=actor)


def _duplicates(actor) -> None:
    community = Division.objects.current().filter(level="community", code__startswith="120101").order_by("code").first()
    pairs = []
    for name, born, sex in UNIDENTIFIED:
        for _copy in range(2):
            services.register_person(Person(name=name, birth_date=born, sex=sex, hukou_division=community),
                                     actor=actor)
        pairs.append(DuplicateCandidate.objects.filter(person__name=name).get())
    services.dismiss_duplicate(pairs[1], actor=actor)
    services.merge_persons(pairs[2].person, pairs[2].other, actor=actor)


def create_demo_cases(*, actor) -> bool:
    """Add the demo life events and duplicate pairs once; returns whether anything was added."""
    if LifeEvent.objects.exists():
        return False
    with transaction.atomic():
        _life_events(actor)
        _duplicates(actor)
    return True
