"""Demo residents: valid numbers, plausible people and households, deterministic and idempotent."""

from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from minzheng.divisions.demo import create_demo_divisions
from minzheng.divisions.models import Division
from minzheng.framework.exceptions import DomainError
from minzheng.registry.choices import HouseholdKind, PersonStatus, Relation, Sex
from minzheng.registry.demo import DEMO_DATE, create_demo_persons, household_number_prefix
from minzheng.registry.idcard import parse
from minzheng.registry.models import Household, Membership, Person
from minzheng.registry.names import pinyin_forms

PERSONS = 4000


def age(person: Person) -> int:
    born = person.birth_date
    return DEMO_DATE.year - born.year - ((DEMO_DATE.month, DEMO_DATE.day) < (born.month, born.day))


@pytest.fixture
def demo(db):
    create_demo_divisions()
    report = create_demo_persons(PERSONS, seed=3)
    persons = list(Person.objects.select_related("hukou_division"))
    return report, persons


def test_the_demo_writes_whole_households_up_to_the_persons_asked_for(demo):
    report, persons = demo

    assert report.persons == len(persons) == Membership.objects.count()
    assert PERSONS <= report.persons < PERSONS + 6
    assert set(Household.objects.values_list("number", flat=True)) == {
        f"{household_number_prefix(3)}{index:07d}" for index in range(1, report.households + 1)}


def test_every_identity_number_is_valid_and_agrees_with_sex_and_birth_date(demo):
    _report, persons = demo

    for person in persons:
        info = parse(person.id_number, today=DEMO_DATE)
        assert info.valid, person.id_number
        assert (info.sex, info.birth_date) == (person.sex, person.birth_date)
        assert (person.name_pinyin, person.name_initials) == pinyin_forms(person.name)
        assert person.id_last4 == person.id_number[-4:]


def test_older_people_of_changed_districts_carry_the_retired_codes(demo):
    _report, persons = demo
    retired = {unit.code: unit.valid_to for unit in Division.objects.filter(valid_to__isnull=False)}

    used = Counter(person.id_number[:6] for person in persons if person.id_number[:6] in retired)

    assert set(used) >= {"120107", "120221"}
    assert all(person.birth_date < retired[person.id_number[:6]] for person in persons
               if person.id_number[:6] in retired)


def test_ages_sexes_names_and_ethnicities_are_plausible(demo):
    _report, persons = demo
    ages = [age(person) for person in persons]
    males = sum(person.sex == Sex.MALE for person in persons)
    surnames = Counter(person.name[0] for person in persons)
    ethnicities = Counter(person.ethnicity for person in persons)

    assert 0.10 <= sum(a >= 60 for a in ages) / len(ages) <= 0.22
    assert 0.45 <= sum(25 <= a < 60 for a in ages) / len(ages) <= 0.65
    assert 0.97 <= males / (len(persons) - males) <= 1.10
    assert {name for name, _count in surnames.most_common(5)} >= {"王", "张", "李"}
    assert ethnicities.most_common(1)[0][0] == "汉族"
    assert 0.9 <= ethnicities["汉族"] / len(persons) < 1
    assert all(2 <= len(person.name) <= 4 for person in persons)


def test_households_have_one_head_realistic_sizes_and_age_consistent_relations(demo):
    report, _persons = demo
    members = Membership.objects.select_related("person", "household__division")
    by_household: dict[int, list[Membership]] = {}
    for membership in members:
        by_household.setdefault(membership.household_id, []).append(membership)

    sizes = [len(group) for group in by_household.values()]
    assert (min(sizes), max(sizes)) == (1, 6)
    assert 2.5 <= PERSONS / report.households <= 3.1
    for group in by_household.values():
        heads = [m for m in group if m.relation == Relation.HEAD]
        assert len(heads) == 1 and heads[0].end_date is None
        head_age = age(heads[0].person)
        for membership in group:
            gap = head_age - age(membership.person)
            if membership.relation == Relation.CHILD:
                assert gap >= 21
            elif membership.relation == Relation.PARENT:
                assert gap <= -21
            elif membership.relation == Relation.GRANDCHILD:
                assert gap >= 42


def test_households_are_registered_in_demo_communities_urban_or_rural_after_their_class(demo):
    for household in Household.objects.select_related("division"):
        division = household.division
        assert division.is_demo and division.level == "community"
        expected = HouseholdKind.RURAL if division.urban_rural_class.startswith("2") else HouseholdKind.URBAN
        assert household.kind == expected
    assert not Person.objects.exclude(hukou_division__is_demo=True).exists()


def test_a_few_people_died_or_moved_away_and_some_have_a_disability(demo):
    _report, persons = demo
    statuses = Counter(person.status for person in persons)
    disabled = [person for person in persons if person.disability_category]

    assert 0 < statuses[PersonStatus.DECEASED] < 0.02 * PERSONS
    assert 0 < statuses[PersonStatus.MOVED_AWAY] < 0.02 * PERSONS
    assert all(person.death_date for person in persons if person.status == PersonStatus.DECEASED)
    ended = Membership.objects.filter(person__status__in=[PersonStatus.DECEASED, PersonStatus.MOVED_AWAY])
    assert not ended.filter(end_date__isnull=True).exists()
    assert 0.01 * PERSONS < len(disabled) < 0.05 * PERSONS
    assert all(person.disability_grade in (1, 2, 3, 4) for person in disabled)


def snapshot() -> list[tuple]:
    return list(Person.objects.order_by("id_number").values_list(
        "id_number", "name", "sex", "birth_date", "ethnicity", "address", "phone", "status",
        "hukou_division__code", "memberships__household__number", "memberships__relation"))


def test_the_same_seed_gives_the_same_people_and_another_seed_others(db):
    create_demo_divisions()
    create_demo_persons(300, seed=5)
    first = snapshot()
    Membership.objects.all().delete()
    Person.objects.all().delete()
    Household.objects.all().delete()

    create_demo_persons(300, seed=5)
    assert snapshot() == first
    other = create_demo_persons(300, seed=6)
    assert len(snapshot()) == len(first) + other.persons
    assert not {row[0] for row in first} & set(Person.objects.filter(
        memberships__household__number__startswith=household_number_prefix(6)).values_list("id_number", flat=True))


def test_a_second_run_adds_nothing_and_a_larger_one_only_the_next_households(db):
    create_demo_divisions()
    first = create_demo_persons(500, seed=2)
    before = snapshot()

    again = create_demo_persons(500, seed=2)
    assert (again.persons, again.skipped_households, snapshot()) == (0, first.households, before)

    more = create_demo_persons(800, seed=2)
    assert (more.skipped_households, more.persons + first.persons) == (first.households, Person.objects.count())
    assert 800 <= Person.objects.count() < 806
    assert set(before) <= set(snapshot())


def test_numbers_taken_by_people_stored_otherwise_are_avoided(db):
    create_demo_divisions()
    create_demo_persons(200, seed=4)
    taken = snapshot()
    Membership.objects.all().delete()
    Household.objects.all().delete()
    Person.objects.update(name="别人")  # the same numbers, now other people's

    report = create_demo_persons(200, seed=4)

    assert Person.objects.count() == 2 * report.persons
    assert not set(row[0] for row in taken) & set(
        Person.objects.exclude(name="别人").values_list("id_number", flat=True))


def test_no_demo_communities_is_an_error(db):
    with pytest.raises(DomainError) as excinfo:
        create_demo_persons(10)

    assert excinfo.value.code == "registry.demo_no_communities"


def test_the_command_loads_persons_once(db, capsys):
    call_command("demo", "--persons", "120", "--seed", "9")
    call_command("demo", "--persons", "120", "--seed", "9")

    out = capsys.readouterr().out
    assert 120 <= Person.objects.count() < 126
    assert out.count("\n") == 2


def test_the_command_refuses_a_negative_count(db):
    with pytest.raises(CommandError):
        call_command("demo", "--persons", "-1")
