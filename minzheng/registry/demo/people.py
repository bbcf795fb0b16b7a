"""The seeded stream of demo households: who lives together, their names, ages and numbers.

See ``registry.demo`` for what the data looks like; this module makes unsaved model instances and
reads the divisions it needs, nothing else.
"""

import datetime
import json
import random
from bisect import bisect
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from minzheng.divisions.choices import Level
from minzheng.divisions.models import Division
from minzheng.registry.bulk import Builder
from minzheng.registry.choices import HouseholdKind, MaritalStatus, PersonStatus, Relation, Sex
from minzheng.registry.idcard import SEQUENCES_PER_SEX, generate_id_number
from minzheng.registry.models import Household, Membership, Person

__all__ = ["DEMO_DATE", "DEMO_FILE", "Generator", "Place", "household_number_prefix", "places", "retired_codes"]

DEMO_FILE = Path(__file__).resolve().parent.parent / "data" / "demo_people.json"
#: The demo's "today": ages, deaths and moves are relative to it, so a seed always gives the same data.
DEMO_DATE = datetime.date(2025, 12, 31)
MALE, FEMALE = Sex.MALE.value, Sex.FEMALE.value
_DEMO_REMARK = "演示数据"


def household_number_prefix(seed: int) -> str:
    """The 户号 prefix of a seed's households ("YS" for 演示, then the seed)."""
    return f"YS{seed}-"


# Household composition by the head's age: (age limit, ((kind, cumulative probability), …)).
_KINDS = (
    (30, (("single", 0.35), ("couple", 0.65), ("children1", 1.0))),
    (50, (("single", 0.08), ("single_parent", 0.13), ("couple", 0.21), ("children1", 0.60), ("children2", 0.76),
          ("with_parent", 0.88), ("with_parents", 0.95), ("with_sibling", 1.0))),
    (65, (("single", 0.08), ("couple", 0.33), ("children1", 0.60), ("three_gen", 0.80), ("three_gen_in_law", 1.0))),
    (200, (("single", 0.28), ("couple", 0.68), ("children1", 0.80), ("three_gen", 0.95), ("with_sibling", 1.0))),
)


class _Weighted:
    """Draws from ``[(value, weight), …]`` with one ``random()`` call."""

    def __init__(self, pairs):
        self.values = [value for value, _weight in pairs]
        self.cumulative = list(accumulate(weight for _value, weight in pairs))

    def draw(self, rng: random.Random):
        return self.values[bisect(self.cumulative, rng.random() * self.cumulative[-1])]


@dataclass
class _Member:
    relation: str
    age: int
    sex: str
    marital: str = MaritalStatus.SINGLE
    surname: str = ""


@dataclass
class Place:
    """A demo community and what the generator needs about it."""

    division: Division
    district_code: str
    kind: str
    address_stem: str


class Generator:
    """The seeded stream of households; ``household(i)`` must be called for i = 1, 2, … in order."""

    def __init__(self, seed: int, places: list[Place], retired: dict[str, list[tuple[str, datetime.date]]]):
        data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
        self.rng = random.Random(seed)
        self.prefix = household_number_prefix(seed)
        self.places, self.retired = places, retired
        self.place_weights = _Weighted([(place, 3 if place.kind == HouseholdKind.URBAN else 1) for place in places])
        self.districts = sorted({place.district_code for place in places})
        self.surnames = _Weighted(data["surnames"])
        self.given = data["given_names"]
        self.eras = data["name_eras"]
        self.ethnicities = _Weighted(data["ethnicities"])
        bands = data["age_bands"]
        self.adult_ages = _Weighted([(start, weight) for start, weight in bands if start >= 20])
        self.categories = _Weighted(data["disability_categories"])
        self.grades = _Weighted(data["disability_grades"])
        self.mobile = data["mobile_prefixes"]
        self.landline = data["landline_prefix"]
        self.used_ids: set[str] = set()
        self.new_person, self.new_household, self.new_membership = Builder(Person), Builder(Household), Builder(
            Membership)

    # Composition

    def _head_age(self) -> int:
        return min(self.adult_ages.draw(self.rng) + self.rng.randrange(5), 100)

    def _sex(self, male_share: float = 0.515) -> str:
        return MALE if self.rng.random() < male_share else FEMALE

    def _composition(self) -> list[_Member]:
        """Relations, ages and sexes of one household, head first."""
        rng, age = self.rng, self._head_age()
        kind = self._kind(age)
        if kind == "single":
            head = _Member(Relation.HEAD, age, self._sex(0.6 if age < 60 else 0.4), self._single_status(age))
            return [head]
        if kind == "single_parent":
            head = _Member(Relation.HEAD, age, self._sex(0.3), rng.choice([MaritalStatus.DIVORCED,
                                                                          MaritalStatus.WIDOWED]))
            return [head, self._child(age)]
        head_sex = self._sex(0.8)
        spouse_age = max(20, min(100, age + (-2 if head_sex == MALE else 2) + rng.randint(-4, 4)))
        members = [_Member(Relation.HEAD, age, head_sex, MaritalStatus.MARRIED),
                   _Member(Relation.SPOUSE, spouse_age, FEMALE if head_sex == MALE else MALE, MaritalStatus.MARRIED)]
        return members + self._extra_members(kind, age)

    def _kind(self, age: int) -> str:
        draw = self.rng.random()
        bands = next(bands for limit, bands in _KINDS if age < limit)
        return next(kind for kind, upper in bands if draw < upper)

    def _extra_members(self, kind: str, age: int) -> list[_Member]:
        if kind == "couple" or (age < 22 and kind != "with_sibling"):  # too young for a child of their own
            return []
        if kind == "with_sibling":
            return [_Member(Relation.SIBLING, max(0, min(100, age + self.rng.randint(-8, 8))), self._sex(0.55),
                            self._single_status(age))]
        child = self._child(age)
        members = [child]
        if kind == "children2":
            members.append(self._child(age))
        elif kind in ("with_parent", "with_parents"):
            members.append(self._parent(age))
            if kind == "with_parents":
                father = members[-1]
                father.sex, father.marital = MALE, MaritalStatus.MARRIED
                members.append(_Member(Relation.PARENT, max(father.age - self.rng.randint(0, 4), age + 22), FEMALE,
                                       MaritalStatus.MARRIED))
        elif kind in ("three_gen", "three_gen_in_law") and child.age >= 22:
            members.extend(self._third_generation(child, in_law=kind == "three_gen_in_law"))
        return members

    def _third_generation(self, child: _Member, *, in_law: bool) -> list[_Member]:
        """The grown child's spouse (relation "other") and their children, or just a grandchild."""
        child.marital = MaritalStatus.MARRIED
        members = []
        if in_law:
            in_law_age = max(20, child.age + self.rng.randint(-4, 4))
            members.append(_Member(Relation.OTHER, in_law_age, FEMALE if child.sex == MALE else MALE,
                                   MaritalStatus.MARRIED))
        for _index in range(2 if in_law and self.rng.random() < 0.3 else 1):
            members.append(_Member(Relation.GRANDCHILD, max(0, child.age - self.rng.randint(22, 32)),
                                   self._sex(0.53)))
        return members

    def _child(self, parent_age: int) -> _Member:
        age = max(0, parent_age - self.rng.randint(22, 34))
        marital = MaritalStatus.SINGLE if age < 28 or self.rng.random() < 0.6 else MaritalStatus.DIVORCED
        return _Member(Relation.CHILD, age, self._sex(0.53), marital)

    def _parent(self, child_age: int) -> _Member:
        age = min(100, child_age + self.rng.randint(22, 34))
        return _Member(Relation.PARENT, age, self._sex(0.4), MaritalStatus.WIDOWED)

    def _single_status(self, age: int) -> str:
        draw = self.rng.random()
        if age < 28:
            return MaritalStatus.SINGLE if draw < 0.95 else MaritalStatus.DIVORCED
        if age < 60:
            return MaritalStatus.SINGLE if draw < 0.4 else (MaritalStatus.DIVORCED if draw < 0.8
                                                             else MaritalStatus.WIDOWED)
        return MaritalStatus.WIDOWED if draw < 0.75 else (MaritalStatus.DIVORCED if draw < 0.85
                                                           else MaritalStatus.SINGLE)

    # Names and numbers

    def _surnames(self, members: list[_Member]) -> None:
        """The father's surname passes to the children, the child's to the grandchildren."""
        rng = self.rng
        head, spouse = members[0], next((m for m in members if m.relation == Relation.SPOUSE), None)
        head.surname = self.surnames.draw(rng)
        if spouse is not None:
            spouse.surname = self.surnames.draw(rng)
        father = head if head.sex == MALE or spouse is None else spouse
        child_surname = head.surname
        for member in members[1:]:
            if member.relation in (Relation.CHILD, Relation.SIBLING):
                member.surname = father.surname if member.relation == Relation.CHILD else head.surname
                child_surname = member.surname
            elif member.relation == Relation.GRANDCHILD:
                member.surname = child_surname if rng.random() < 0.8 else self.surnames.draw(rng)
            elif member.relation != Relation.SPOUSE:
                member.surname = self.surnames.draw(rng)

    def _given_name(self, sex: str, birth_year: int) -> str:
        era = "old" if birth_year < self.eras["old"] else ("middle" if birth_year < self.eras["middle"] else "young")
        return self.rng.choice(self.given[sex][era])

    def _birth_date(self, age: int) -> datetime.date:
        return DEMO_DATE - datetime.timedelta(days=age * 365 + self.rng.randrange(365))

    def _address_code(self, place: Place, born: datetime.date) -> str:
        """Where the number was issued: mostly the home district, under the code valid when the person was born."""
        district = place.district_code if self.rng.random() < 0.85 else self.rng.choice(self.districts)
        older = [code for code, until in self.retired.get(district, ()) if born < until]
        return self.rng.choice(older) if older else district

    def _id_number(self, code: str, born: datetime.date, sex: str) -> str:
        while True:
            number = generate_id_number(code, born, sex, self.rng.randrange(SEQUENCES_PER_SEX))
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def _phone(self, age: int, is_head: bool) -> str:
        rng = self.rng
        if age < 16 or (not is_head and rng.random() < 0.4):
            return ""
        if is_head and rng.random() < 0.1:
            return f"{self.landline}{rng.randint(23000000, 28999999)}"
        return f"{rng.choice(self.mobile)}{rng.randrange(10**8):08d}"

    def _address(self, place: Place) -> str:
        rng = self.rng
        if place.kind == HouseholdKind.RURAL:
            return f"{place.address_stem}{rng.randint(1, 480)}号"
        building, entrance, floor, flat = rng.randint(1, 40), rng.randint(1, 6), rng.randint(1, 18), rng.randint(1, 4)
        return f"{place.address_stem}{building}号楼{entrance}门{floor}{flat:02d}"

    # Persons

    def household(self, index: int) -> tuple[Household, list[Person], list[Membership]]:
        """The ``index``-th household of the stream with its persons and memberships (unsaved, no keys)."""
        rng, place = self.rng, self.place_weights.draw(self.rng)
        members = self._composition()
        self._surnames(members)
        address = self._address(place)
        household = self.new_household(number=f"{self.prefix}{index:07d}", kind=place.kind,
                                       division_id=place.division.pk, address=address, remarks=_DEMO_REMARK)
        ethnicity = self.ethnicities.draw(rng)
        start_years = rng.randint(0, max(0, min(members[0].age - 18, 40)))
        start = DEMO_DATE - datetime.timedelta(days=start_years * 365 + rng.randrange(365))
        persons, memberships = [], []
        for member in members:
            person = self._person(member, place, address, ethnicity if rng.random() < 0.9 else None)
            membership = self.new_membership(relation=member.relation, start_date=max(start, person.birth_date))
            self._life_course(person, member, membership)
            persons.append(person)
            memberships.append(membership)
        if any(m.relation == Relation.SPOUSE and p.status == PersonStatus.DECEASED
               for p, m in zip(persons, memberships, strict=True)):
            persons[0].marital_status = MaritalStatus.WIDOWED
        return household, persons, memberships

    def renumber(self, person: Person) -> None:
        """Give ``person`` another sequence code (its number is taken by someone stored already)."""
        person.id_number = self._id_number(person.id_number[:6], person.birth_date, person.sex)
        person.fill_derived_fields()

    def _person(self, member: _Member, place: Place, address: str, ethnicity: str | None) -> Person:
        rng = self.rng
        born = self._birth_date(member.age)
        residence = place.division if rng.random() < 0.9 else self.place_weights.draw(rng).division
        person = self.new_person(
            id_number=self._id_number(self._address_code(place, born), born, member.sex),
            name=member.surname + self._given_name(member.sex, born.year), sex=member.sex, birth_date=born,
            ethnicity=ethnicity or self.ethnicities.draw(rng), marital_status=member.marital,
            hukou_division_id=place.division.pk, residence_division_id=residence.pk, address=address,
            phone=self._phone(member.age, member.relation == Relation.HEAD),
        )
        if rng.random() < (0.06 if member.age >= 60 else 0.015):
            person.disability_category = self.categories.draw(rng)
            person.disability_grade = self.grades.draw(rng)
        person.fill_derived_fields()
        return person

    def _life_course(self, person: Person, member: _Member, membership: Membership) -> None:
        """A few non-head members have died or moved away; their membership ended then."""
        rng = self.rng
        if member.relation == Relation.HEAD:
            return
        if member.age >= 60 and rng.random() < 0.05:
            person.status, reason = PersonStatus.DECEASED, "死亡"
            person.death_date = person.status_date = DEMO_DATE - datetime.timedelta(days=rng.randrange(3 * 365))
        elif 18 <= member.age <= 40 and member.relation == Relation.CHILD and rng.random() < 0.04:
            person.status, reason = PersonStatus.MOVED_AWAY, "迁出"
            person.status_date = DEMO_DATE - datetime.timedelta(days=rng.randrange(3 * 365))
        else:
            return
        membership.end_date = max(person.status_date, membership.start_date)
        membership.end_reason = reason


def places() -> list[Place]:
    """The current demo communities with their district, household kind and address stem."""
    communities = (Division.objects.current().filter(level=Level.COMMUNITY, is_demo=True)
                   .select_related("parent__parent").order_by("code"))
    found = []
    for community in communities:
        street, district = community.parent, community.parent.parent
        kind = HouseholdKind.RURAL if community.urban_rural_class.startswith("2") else HouseholdKind.URBAN
        found.append(Place(community, district.code, kind, f"天津市{district.name}{street.name}{community.name}"))
    return found


def retired_codes() -> dict[str, list[tuple[str, datetime.date]]]:
    """Current district code -> the retired district codes moved under it, with the date each stopped."""
    districts = Division.objects.filter(level=Level.DISTRICT)
    current = {unit.path: unit.code for unit in districts if unit.valid_to is None}
    retired: dict[str, list[tuple[str, datetime.date]]] = {}
    for unit in districts:
        if unit.valid_to is None:
            continue
        successor = next((code for path, code in current.items() if unit.path.startswith(path)), None)
        if successor is not None:
            retired.setdefault(successor, []).append((unit.code, unit.valid_to))
    return retired
