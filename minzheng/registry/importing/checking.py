"""Checking every row of a person file before anything is written.

Three passes, each only over the rows still good:

1. each row alone: name, numbers (``idcard.parse``), sex and birth date against the number,
   dates, coded values, lengths; then numbers repeated in the file;
2. against the database, in batches: division codes known and inside the importer's area,
   existing people matched by identity number or registry number (and inside the area);
3. households: one head per 户号 in the file, a head for a new household, members registered
   where their household is, no silent change of head, no silent transfer between households.

The outcome is a ``Plan``: the good rows, ready to write, and every bad row with its line,
column, value and reason.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from minzheng.divisions.models import Division
from minzheng.framework.permissions import get_permission_for_model
from minzheng.registry import idcard
from minzheng.registry.choices import HouseholdKind, PersonStatus, Relation, Sex
from minzheng.registry.importing import lookups
from minzheng.registry.importing.columns import ENUM_VALUES, parse_date
from minzheng.registry.importing.reading import RawRow, Table
from minzheng.registry.importing.rows import Entry, RowError
from minzheng.registry.models import Household, Person

__all__ = ["Plan", "check_table"]

_NAME = re.compile(r"^[\u3400-\u9fff\uf900-\ufaffA-Za-z·•．. ]+$")
_PHONE = re.compile(r"^[0-9+\-() ]{3,30}$")
_CODE = re.compile(r"^\d{6}(\d{6})?$")
_LIMITS = {"name": 50, "registry_number": 20, "ethnicity": 20, "address": 200, "household_number": 30}


@dataclass
class Plan:
    """The good rows (file order) and the bad rows' errors (by line), plus what was found stored."""

    rows: int = 0
    entries: list[Entry] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    households: dict[str, Household] = field(default_factory=dict)
    memberships: dict[int, lookups.Current] = field(default_factory=dict)
    heads: dict[int, int] = field(default_factory=dict)

    @property
    def bad_lines(self) -> set[int]:
        return {error.line for error in self.errors}


class _Area:
    """Where the actor may add or change people and households; no actor (the system) may do so anywhere."""

    def __init__(self, actor):
        self.unrestricted = actor is None or actor.is_superuser
        self.paths = {}
        if not self.unrestricted:
            for model in (Person, Household):
                for action in ("add", "change"):
                    perm = get_permission_for_model(model, action)
                    self.paths[perm] = actor.area_paths(perm)

    def allows(self, model, action: str, path: str) -> bool:
        """True when ``path`` (a division's materialized path) lies where the actor may ``action`` ``model``."""
        if self.unrestricted:
            return True
        return any(path.startswith(granted) for granted in self.paths[get_permission_for_model(model, action)])


class _Checker:
    def __init__(self, table: Table, actor, today: datetime.date):
        self.table, self.actor, self.today = table, actor, today
        self.plan = Plan(rows=len(table.rows))
        self.bad: set[int] = set()
        self.head_lines: dict[str, list[int]] = defaultdict(list)
        self.local_names = lookups.local_names()

    def fail(self, line: int, key: str, value: object, reason: str) -> None:
        self.plan.errors.append(RowError(line, self.table.header(key), _text(value), str(reason)))
        self.bad.add(line)

    def good(self) -> list[Entry]:
        return [entry for entry in self.plan.entries if entry.line not in self.bad]

    # Pass 1: each row alone

    def check_rows(self) -> None:
        for raw in self.table.rows:
            entry = self._entry(raw)
            if raw.line not in self.bad:
                self.plan.entries.append(entry)
        self._repeated("id_number")
        self._repeated("registry_number")

    def _entry(self, raw: RawRow) -> Entry:
        cells, line = raw.cells, raw.line
        entry = Entry(line=line, name=_text(cells.get("name")))
        self._name(entry)
        for key in ("ethnicity", "address", "phone", "marital_status", "disability_category", "disability_grade"):
            if key in cells:
                entry.values[key] = self._value(line, key, cells[key])
        self._numbers(entry, cells)
        self._codes(entry, cells)
        self._household(entry, cells)
        self._disability(entry, cells)
        return entry

    def _disability(self, entry: Entry, cells: dict) -> None:
        category, grade = bool(entry.values.get("disability_category")), bool(entry.values.get("disability_grade"))
        if category == grade:
            return
        missing, given = (("disability_grade", "disability_category") if category
                          else ("disability_category", "disability_grade"))
        key = missing if missing in cells else given  # name a column the file has
        self.fail(entry.line, key, cells.get(key), _("A disability needs both a category and a grade."))

    def _name(self, entry: Entry) -> None:
        if not entry.name:
            self.fail(entry.line, "name", "", _("The name is empty."))
        elif len(entry.name) > _LIMITS["name"] or not _NAME.match(entry.name):
            self.fail(entry.line, "name", entry.name, _("The name may hold up to 50 Chinese or Latin letters."))

    def _value(self, line: int, key: str, value: object) -> str:
        text = _text(value)
        if key in ENUM_VALUES:
            coded = ENUM_VALUES[key].get(text.lower(), None) if text else ""
            if coded is None:
                self.fail(line, key, text, _("Unknown value %(value)s.") % {"value": text})
            return coded or ""
        if key == "phone" and text and not _PHONE.match(text):
            self.fail(line, key, text, _("A phone number holds 3 to 30 digits, spaces, +, - or brackets."))
        elif key in _LIMITS and len(text) > _LIMITS[key]:
            self.fail(line, key, text, _("Longer than %(max)d characters.") % {"max": _LIMITS[key]})
        return text

    def _numbers(self, entry: Entry, cells: dict) -> None:
        line, raw_id = entry.line, cells.get("id_number")
        entry.registry_number = self._value(line, "registry_number", cells.get("registry_number")) or None
        info = None
        if isinstance(raw_id, int | float) and not isinstance(raw_id, bool) and raw_id >= 10**15:
            # Spreadsheets keep 15 significant digits: an 18-digit number typed into a number cell is damaged.
            self.fail(line, "id_number", raw_id, _("The number is stored as a number and has lost digits; "
                                                   "format the column as text."))
        elif _text(raw_id):
            info = idcard.parse(_text(raw_id), today=self.today, local_names=self.local_names)
            if not info.valid:
                self.fail(line, "id_number", raw_id, info.error)
            entry.id_number = info.normalized
        elif not entry.registry_number:
            self.fail(line, "id_number", "", _("A person needs an identity number or a registry number."))
        self._sex_and_birth(entry, cells, info if info is not None and info.valid else None, _blank(raw_id))

    def _sex_and_birth(self, entry: Entry, cells: dict, info, without_id: bool) -> None:
        line, sex_text, birth_value = entry.line, _text(cells.get("sex")), cells.get("birth_date")
        sex = ENUM_VALUES["sex"].get(sex_text.lower()) if sex_text else None
        birth = parse_date(birth_value) if not _blank(birth_value) else None
        if sex_text and sex is None:
            self.fail(line, "sex", sex_text, _("Unknown value %(value)s.") % {"value": sex_text})
        elif info is not None and sex and sex != info.sex:
            self.fail(line, "sex", sex_text, _("The identity number says %(sex)s.") % {"sex": Sex(info.sex).label})
        if not _blank(birth_value) and birth is None:
            self.fail(line, "birth_date", birth_value, _("Not a date (write it as 1980-05-01)."))
        elif info is not None and birth and birth != info.birth_date:
            self.fail(line, "birth_date", birth_value,
                      _("The identity number says %(date)s.") % {"date": info.birth_date.isoformat()})
        elif birth and not idcard.EARLIEST_BIRTH_DATE <= birth <= self.today:
            self.fail(line, "birth_date", birth_value, _("The birth date must lie between 1900 and today."))
        entry.sex = info.sex if info is not None else (sex or "")
        entry.birth_date = info.birth_date if info is not None else birth
        if without_id and entry.registry_number:
            for key, value in (("sex", entry.sex), ("birth_date", entry.birth_date)):
                if not value and _blank(cells.get(key)):
                    self.fail(line, key, "", _("Required when there is no valid identity number."))

    def _codes(self, entry: Entry, cells: dict) -> None:
        entry.hukou_code = _code_text(cells.get("hukou_code"))
        if not entry.hukou_code:
            self.fail(entry.line, "hukou_code", "", _("The household registration code is empty."))
        elif not _CODE.match(entry.hukou_code):
            self.fail(entry.line, "hukou_code", entry.hukou_code, _("A division code has 6 or 12 digits."))
        if "residence_code" in cells:
            entry.residence_code = _code_text(cells.get("residence_code"))
            if entry.residence_code and not _CODE.match(entry.residence_code):
                self.fail(entry.line, "residence_code", entry.residence_code, _("A division code has 6 or 12 digits."))

    def _household(self, entry: Entry, cells: dict) -> None:
        line = entry.line
        entry.household_number = self._value(line, "household_number", cells.get("household_number"))
        entry.relation = self._value(line, "relation", cells.get("relation"))
        entry.household_kind = self._value(line, "household_kind", cells.get("household_kind"))
        if entry.household_number and not entry.relation and _blank(cells.get("relation")):
            self.fail(line, "relation", "", _("A household member needs the relation to the head."))
        elif entry.relation and not entry.household_number:
            self.fail(line, "household_number", "", _("A relation to the head needs a household number."))
        if entry.household_number and entry.relation == Relation.HEAD:
            self.head_lines[entry.household_number].append(line)

    def _repeated(self, key: str) -> None:
        first: dict[str, int] = {}
        for entry in self.plan.entries:
            number = getattr(entry, key)
            if number and number in first:
                self.fail(entry.line, key, number, _("Repeats line %(line)d.") % {"line": first[number]})
            elif number:
                first[number] = entry.line

    # Pass 2: against the database

    def check_stored(self, area: _Area) -> None:
        entries = self.good()
        units = lookups.divisions({entry.hukou_code for entry in entries} | {entry.residence_code for entry in entries})
        existing = lookups.existing_persons(entries)
        self.paths = lookups.paths({person.hukou_division_id for person in existing.values()})
        for entry in entries:
            entry.hukou = units.get(entry.hukou_code)
            entry.residence = units.get(entry.residence_code) if entry.residence_code else None
            if entry.hukou is None:
                self.fail(entry.line, "hukou_code", entry.hukou_code,
                          _("Unknown division code %(code)s.") % {"code": entry.hukou_code})
            if entry.residence_code and entry.residence is None:
                self.fail(entry.line, "residence_code", entry.residence_code,
                          _("Unknown division code %(code)s.") % {"code": entry.residence_code})
            if entry.line not in self.bad:
                self._match(entry, existing, area)

    def _match(self, entry: Entry, existing: dict, area: _Area) -> None:
        by_id = existing.get(("id", entry.id_number)) if entry.id_number else None
        by_registry = existing.get(("reg", entry.registry_number)) if entry.registry_number else None
        if by_id and by_registry and by_id.pk != by_registry.pk:
            self.fail(entry.line, "registry_number", entry.registry_number,
                      _("This registry number belongs to another person."))
            return
        person = by_id or by_registry
        if person is not None and by_id is None and person.id_number and entry.id_number:
            self.fail(entry.line, "id_number", entry.id_number,
                      _("The person with this registry number has another identity number."))
            return
        if person is None and not area.allows(Person, "add", entry.hukou.path):
            self.fail(entry.line, "hukou_code", entry.hukou_code, _("Outside your area."))
        elif person is not None and not (area.allows(Person, "change", self.paths[person.hukou_division_id])
                                         and area.allows(Person, "change", entry.hukou.path)):
            self.fail(entry.line, "hukou_code", entry.hukou_code, _("Outside your area."))
        elif person is not None and person.status == PersonStatus.MERGED:
            self.fail(entry.line, "id_number", entry.id_number or entry.registry_number,
                      _("This record was merged into another; import into that one."))
        entry.person = person

    # Pass 3: households

    def check_households(self, area: _Area) -> None:
        good = self.good()
        entries = [entry for entry in good if entry.household_number]
        self.plan.households = lookups.existing_households({entry.household_number for entry in entries})
        persons = [entry.person.pk for entry in good if entry.person is not None]
        self.plan.memberships = lookups.current_memberships(persons)
        self._moves(entry for entry in good if not entry.household_number)
        self.plan.heads = lookups.current_heads([unit.pk for unit in self.plan.households.values()])
        self.units = lookups.units({unit.division_id for unit in self.plan.households.values()})
        groups: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries:
            groups[entry.household_number].append(entry)
        for number, members in groups.items():
            self._check_household(number, members, area)

    def _moves(self, entries) -> None:
        """A household member registered elsewhere by a row without 户号 would leave their household behind."""
        for entry in entries:
            membership = self.plan.memberships.get(entry.person.pk) if entry.person is not None else None
            if membership is not None and entry.hukou.pk != entry.person.hukou_division_id:
                self.fail(entry.line, "hukou_code", entry.hukou_code,
                          _("This person belongs to household %(number)s; a new household registration is a move, "
                            "recorded in the registry.") % {"number": membership.household_number})

    def _check_household(self, number: str, members: list[Entry], area: _Area) -> None:
        household = self.plan.households.get(number)
        heads = [entry for entry in members if entry.relation == Relation.HEAD]
        for extra in heads[1:]:
            self.fail(extra.line, "relation", extra.relation,
                      _("Household %(number)s already has its head on line %(line)d.")
                      % {"number": number, "line": heads[0].line})
        head = heads[0] if heads else None
        if household is None and head is None:
            reason = self._headless_reason(number)
            for entry in members:
                self.fail(entry.line, "household_number", number, reason)
            return
        division = self.units[household.division_id] if household is not None else head.hukou
        allowed = (area.allows(Household, "change", division.path) if household is not None
                   else area.allows(Household, "add", division.path))
        for entry in members:
            if entry.line in self.bad:
                continue
            if not allowed:
                self.fail(entry.line, "household_number", number, _("Outside your area."))
            elif entry.hukou.pk != division.pk:
                self.fail(entry.line, "hukou_code", entry.hukou_code,
                          _("Household %(number)s is registered in %(code)s.") % {"number": number,
                                                                                    "code": division.code})
            else:
                self._check_membership(entry, household)
        if household is None and head.line in self.bad:  # a new household whose head was just refused
            for entry in members:
                if entry.line not in self.bad:
                    self.fail(entry.line, "household_number", number, self._headless_reason(number))

    def _headless_reason(self, number: str) -> str:
        if self.head_lines.get(number):
            return _("The head's row of household %(number)s (line %(line)d) has errors.") % {
                "number": number, "line": self.head_lines[number][0]}
        return _("Household %(number)s is new and has no head in the file.") % {"number": number}

    def _check_membership(self, entry: Entry, household: Household | None) -> None:
        membership = self.plan.memberships.get(entry.person.pk) if entry.person is not None else None
        if membership is not None and (household is None or membership.household_id != household.pk):
            self.fail(entry.line, "household_number", entry.household_number,
                      _("This person belongs to household %(number)s; transfer them in the registry.")
                      % {"number": membership.household_number})
            return
        if household is None:
            return
        head_id = self.plan.heads.get(household.pk)
        is_head = membership is not None and membership.relation == Relation.HEAD
        if entry.relation == Relation.HEAD and head_id is not None and head_id != getattr(entry.person, "pk", None):
            self.fail(entry.line, "relation", entry.relation,
                      _("Household %(number)s already has another head; change the head in the registry.")
                      % {"number": household.number})
        elif is_head and entry.relation != Relation.HEAD:
            self.fail(entry.line, "relation", entry.relation,
                      _("This person is the head of the household; change the head in the registry."))

    def finish(self) -> Plan:
        self.plan.entries = self.good()
        self.plan.errors.sort(key=lambda error: error.line)
        for entry in self.plan.entries:
            if entry.household_number and not entry.household_kind:
                entry.household_kind = _kind_of(entry.hukou)
        return self.plan


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: object) -> str:
    """A cell as trimmed text; whole numbers (xlsx numeric cells) without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def _code_text(value: object) -> str:
    return _text(value)


def _kind_of(division: Division) -> str:
    return HouseholdKind.RURAL if division.urban_rural_class.startswith("2") else HouseholdKind.URBAN


def check_table(table: Table, *, actor, today: datetime.date | None = None) -> Plan:
    """Check every row of ``table`` for ``actor`` (None: the system, no area limit) and plan the import."""
    checker = _Checker(table, actor, today or timezone.localdate())
    area = _Area(actor)
    checker.check_rows()
    checker.check_stored(area)
    checker.check_households(area)
    return checker.finish()
