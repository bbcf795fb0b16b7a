import datetime

import pytest
from django.db import models
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from minzheng.audit.models import AuditEvent, ObjectChange
from minzheng.framework.exceptions import DomainError, PermissionsViolation
from minzheng.framework.services import save_object
from minzheng.registry.choices import LifeEventKind, MaritalStatus, PersonStatus, Relation
from minzheng.registry.events import RegistryEvent
from minzheng.registry.lifeevents import (
    first_day_of_next_month,
    handlers_for,
    register_life_event_handler,
    unregister_life_event_handler,
)
from minzheng.registry.models import LifeEvent, Membership, Person
from minzheng.registry.services import change_head, record_life_event
from minzheng.registry.tests.factories import make_household, make_person, temporary_model

DIED = datetime.date(2024, 3, 15)


@pytest.fixture
def handlers():
    """Register handlers for one test only."""
    registered = []

    def register(kind, fn):
        register_life_event_handler(kind, fn)
        registered.append((kind, fn))
        return fn

    yield register
    for kind, fn in registered:
        unregister_life_event_handler(kind, fn)


@pytest.fixture
def couple(tree):
    husband = make_person(tree.hp_community, name="周强", birth_date=datetime.date(1950, 2, 3))
    wife = make_person(tree.hp_community, name="吴敏", sex="2", birth_date=datetime.date(1952, 4, 5))
    household = make_household(husband, members=[(wife, Relation.SPOUSE)])
    return husband, wife, household


def fresh(person: Person) -> Person:
    return Person.objects.get(pk=person.pk)


def audit_counts() -> tuple[int, int]:
    return ObjectChange.objects.count(), AuditEvent.objects.count()


# first_day_of_next_month


@pytest.mark.parametrize(("date", "expected"), [
    (datetime.date(2024, 3, 15), datetime.date(2024, 4, 1)),
    (datetime.date(2024, 1, 31), datetime.date(2024, 2, 1)),
    (datetime.date(2024, 2, 29), datetime.date(2024, 3, 1)),
    (datetime.date(2024, 12, 1), datetime.date(2025, 1, 1)),
    (datetime.date(2024, 12, 31), datetime.date(2025, 1, 1)),
])
def test_first_day_of_next_month(date, expected):
    assert first_day_of_next_month(date) == expected


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2999, 11, 30)))
def test_first_day_of_next_month_is_the_first_day_after_the_month(date):
    result = first_day_of_next_month(date)

    assert result.day == 1 and result > date
    assert (result - datetime.timedelta(days=1)).month == date.month


# What each event does to the person


def test_death_of_a_member_ends_the_membership(couple, hp_worker):
    husband, wife, household = couple

    event = record_life_event(wife, LifeEventKind.DEATH, DIED, actor=hp_worker, details={"place": "医院"})

    wife = fresh(wife)
    assert (wife.status, wife.death_date, wife.status_date) == (PersonStatus.DECEASED, DIED, DIED)
    ended = Membership.objects.get(person=wife)
    assert ended.end_date == DIED
    assert (event.kind, event.date, event.details) == (LifeEventKind.DEATH, DIED, {"place": "医院"})
    [recorded] = AuditEvent.objects.filter(code=RegistryEvent.LIFE_EVENT_RECORDED)
    assert (recorded.object_id, recorded.actor) == (str(event.pk), hp_worker)
    assert recorded.payload == {"person": wife.pk, "kind": "death", "date": "2024-03-15", "details": {"place": "医院"}}


def test_death_of_the_head_keeps_him_head_until_a_new_head_is_named(couple, hp_worker):
    husband, wife, household = couple

    record_life_event(husband, LifeEventKind.DEATH, DIED, actor=hp_worker)

    assert fresh(husband).status == PersonStatus.DECEASED
    head = Membership.objects.get(person=husband)
    assert (head.relation, head.end_date) == (Relation.HEAD, None)

    change_head(household, wife, actor=hp_worker)

    head.refresh_from_db()
    assert head.end_date == DIED
    assert Membership.objects.get(person=wife, end_date__isnull=True).relation == Relation.HEAD


def test_move_within_the_city_changes_the_residence(couple, tree, hp_worker):
    husband, wife, household = couple

    record_life_event(wife, LifeEventKind.MOVE, DIED, actor=hp_worker, details={"residence_division": "120103001001"})

    wife = fresh(wife)
    assert (wife.status, wife.residence_division) == (PersonStatus.ALIVE, tree.hx_community)
    assert Membership.objects.get(person=wife).end_date is None


def test_move_away_ends_the_membership(couple, hp_worker):
    husband, wife, household = couple

    record_life_event(wife, LifeEventKind.MOVE, DIED, actor=hp_worker)

    wife = fresh(wife)
    assert (wife.status, wife.status_date) == (PersonStatus.MOVED_AWAY, DIED)
    assert Membership.objects.get(person=wife).end_date == DIED


def test_move_to_an_unknown_division_is_refused(couple, hp_worker):
    with pytest.raises(DomainError) as raised:
        record_life_event(couple[1], LifeEventKind.MOVE, DIED, actor=hp_worker, details={"residence_division": "9"})

    assert (raised.value.code, raised.value.field) == ("registry.event_details", "details")
    assert not LifeEvent.objects.exists()


@pytest.mark.parametrize(("kind", "status"), [(LifeEventKind.MARRIAGE, MaritalStatus.MARRIED),
                                              (LifeEventKind.DIVORCE, MaritalStatus.DIVORCED)])
def test_marriage_and_divorce_set_the_marital_status(tree, hp_worker, kind, status):
    person = make_person(tree.hp_community)

    record_life_event(person, kind, DIED, actor=hp_worker)

    assert fresh(person).marital_status == status


@pytest.mark.parametrize(("case", "kind", "date", "code"), [
    ("unknown kind", "birth", DIED, "registry.event_kind"),
    ("future", LifeEventKind.MARRIAGE, timezone.localdate() + datetime.timedelta(days=2), "registry.event_date"),
    ("before birth", LifeEventKind.MARRIAGE, datetime.date(1949, 1, 1), "registry.event_date"),
])
def test_life_event_refusals(couple, hp_worker, case, kind, date, code):
    before = audit_counts()

    with pytest.raises(DomainError) as raised:
        record_life_event(couple[0], kind, date, actor=hp_worker)

    assert raised.value.code == code
    assert (LifeEvent.objects.count(), audit_counts()) == (0, before)


def test_no_events_after_death(couple, hp_worker):
    record_life_event(couple[1], LifeEventKind.DEATH, DIED, actor=hp_worker)

    with pytest.raises(DomainError) as raised:
        record_life_event(couple[1], LifeEventKind.MARRIAGE, DIED, actor=hp_worker)

    assert raised.value.code == "registry.person_inactive"


def test_life_event_outside_the_area_is_not_found(couple, tree, make_user):
    before = audit_counts()

    with pytest.raises(PermissionsViolation):
        record_life_event(couple[1], LifeEventKind.DEATH, DIED, actor=make_user("street_officer", tree.hx_street))

    assert fresh(couple[1]).status == PersonStatus.ALIVE
    assert (LifeEvent.objects.count(), audit_counts()) == (0, before)


def test_a_read_only_role_cannot_record_events(couple, tree, make_user):
    with pytest.raises(PermissionsViolation):
        record_life_event(couple[1], LifeEventKind.DEATH, DIED, actor=make_user("city_leader", tree.city))

    assert not LifeEvent.objects.exists()


# Handlers


def test_register_refuses_an_unknown_kind():
    with pytest.raises(ValueError):
        register_life_event_handler("birth", lambda event, *, actor: None)


def test_decorator_form_registers_once(handlers):
    def on_marriage(event, *, actor):
        pass

    decorated = register_life_event_handler(LifeEventKind.MARRIAGE)(on_marriage)
    handlers(LifeEventKind.MARRIAGE, on_marriage)  # a second registration changes nothing; removed after the test

    assert decorated is on_marriage
    assert handlers_for(LifeEventKind.MARRIAGE).count(on_marriage) == 1


def test_handlers_run_in_order_for_their_kind_only(couple, hp_worker, handlers):
    calls = []
    handlers(LifeEventKind.DEATH, lambda event, *, actor: calls.append(("first", event.kind, actor)))
    handlers(LifeEventKind.DEATH, lambda event, *, actor: calls.append(("second", event.kind, actor)))
    handlers(LifeEventKind.MARRIAGE, lambda event, *, actor: calls.append(("marriage", event.kind, actor)))

    record_life_event(couple[1], LifeEventKind.DEATH, DIED, actor=hp_worker)

    assert calls == [("first", "death", hp_worker), ("second", "death", hp_worker)]


def test_a_handler_sees_the_recorded_event_and_the_updated_person(couple, hp_worker, handlers):
    seen = []

    def check(event, *, actor):
        seen.append((LifeEvent.objects.filter(pk=event.pk).exists(), Person.objects.get(pk=event.person_id).status,
                     AuditEvent.objects.filter(code=RegistryEvent.LIFE_EVENT_RECORDED).count()))

    handlers(LifeEventKind.DEATH, check)

    record_life_event(couple[1], LifeEventKind.DEATH, DIED, actor=hp_worker)

    assert seen == [(True, PersonStatus.DECEASED, 1)]


def test_a_handler_error_rolls_everything_back(couple, hp_worker, handlers):
    husband, wife, household = couple
    before = audit_counts()

    def fail(event, *, actor):
        raise DomainError("benefit system refused", code="test.refused")

    handlers(LifeEventKind.DEATH, lambda event, *, actor: save_object(Person.objects.get(pk=husband.pk), actor=actor))
    handlers(LifeEventKind.DEATH, fail)

    with pytest.raises(DomainError):
        record_life_event(wife, LifeEventKind.DEATH, DIED, actor=hp_worker)

    assert fresh(wife).status == PersonStatus.ALIVE
    assert Membership.objects.get(person=wife).end_date is None
    assert (LifeEvent.objects.count(), audit_counts()) == (0, before)


@pytest.mark.django_db(transaction=True)
def test_a_handler_ends_a_benefit_from_the_next_month_after_a_death(tree, hp_worker, handlers):
    """What an assistance app will do: a death ends the person's benefit at the start of the next month."""
    fields = {"person": models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+"),
              "monthly_amount": models.DecimalField(max_digits=8, decimal_places=2),
              "ends_on": models.DateField(null=True)}
    with temporary_model(fields) as Benefit:
        person = make_person(tree.hp_community, name="低保对象")
        other = make_person(tree.hp_community, name="其他对象")
        benefit = Benefit.objects.create(person=person, monthly_amount="1000.00")
        untouched = Benefit.objects.create(person=other, monthly_amount="1000.00")

        def end_benefits(event, *, actor):
            Benefit.objects.filter(person=event.person, ends_on__isnull=True).update(
                ends_on=first_day_of_next_month(event.date))

        handlers(LifeEventKind.DEATH, end_benefits)

        record_life_event(person, LifeEventKind.DEATH, DIED, actor=hp_worker)

        benefit.refresh_from_db()
        untouched.refresh_from_db()
        assert (benefit.ends_on, untouched.ends_on) == (datetime.date(2024, 4, 1), None)
