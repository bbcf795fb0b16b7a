"""Finding people: one query builder behind the registry's search page, its API and other apps.

Every form of search is a plain, index-backed filter on ``Person`` (see the model's indexes):

=====================  =====================================  ==========================================
criterion              example                                 index
=====================  =====================================  ==========================================
``id_number``          ``12010119800101123x``, 15 digits       unique ``id_number`` (exact, normalised)
``last4`` + ``name``   ``张三 123X``                            ``(id_last4, name)``
``name``               ``张``                                   ``name`` (prefix, pattern ops)
``pinyin``             ``zs``, ``zhangsan``                     ``name_initials``, ``name_pinyin`` (prefix)
``area``               ``120101`` (the division's subtree)      ``(hukou_division, birth_date)``
``age_min/age_max``    ``60``–``80`` (birth-date bounds)         ``(hukou_division, birth_date)``, ``birth_date``
``status``             ``alive``                               —
``registry_number``    for people without an identity number   unique ``registry_number``
=====================  =====================================  ==========================================

``q`` is the one search box: it recognises an identity number (18 or 15 characters), a name (or
pinyin) with the last four characters of the number, Latin letters (pinyin or initials), Chinese
characters (a name prefix), and otherwise a registry number. Merged records are left out unless
the ``status`` asked for includes them. Criteria combine with AND.

Access control is not done here: ``search_persons`` starts from ``Person.objects.restrict(user,
"view")``, and the filterset of the pages and the API starts from the view's restricted queryset.
"""

import datetime
import re
from collections.abc import Callable, Mapping
from typing import Any

from django.db import connections
from django.db.models import Q, QuerySet
from django.utils import timezone

from minzheng.divisions.models import Division
from minzheng.registry.choices import PersonStatus
from minzheng.registry.idcard import upgrade_15
from minzheng.registry.models import Person

__all__ = [
    "CRITERIA",
    "age_bounds",
    "age_on",
    "born_by",
    "by_age_max",
    "by_age_min",
    "by_id_number",
    "by_last4",
    "by_name",
    "by_pinyin",
    "by_query",
    "by_registry_number",
    "by_status",
    "filter_persons",
    "in_area",
    "normalize_id_number",
    "search_persons",
    "without_merged",
]

ID_NUMBER = re.compile(r"^(\d{17}[\dX]|\d{15})$")
LAST4 = r"\d{3}[\dXx]"
NAME_THEN_LAST4 = re.compile(rf"^(?P<name>[^\W\d_]+)(?P<last4>{LAST4})$")
LAST4_THEN_NAME = re.compile(rf"^(?P<last4>{LAST4})(?P<name>[^\W\d_]+)$")
LATIN = re.compile(r"^[A-Za-z]+$")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def normalize_id_number(text: str) -> str:
    """The stored form of a typed identity number: upper-case ``X``, a 15-digit number upgraded to 18.

    Nothing is validated: a mistyped number is looked up as typed and simply finds no one.
    """
    number = re.sub(r"\s+", "", str(text)).upper()
    return upgrade_15(number) if len(number) == 15 and number.isdigit() else number


def _prefix(queryset: QuerySet, field: str, prefix: str) -> QuerySet:
    """``field`` starts with ``prefix``, in a form each database answers from the field's index.

    PostgreSQL plans ``LIKE 'p%'`` on a ``varchar_pattern_ops`` index. SQLite's LIKE ignores case and
    so never uses an index; the equivalent range ``p <= field < p'`` (``p'``: the prefix with its last
    character incremented; SQLite compares text by code point) is added for it.
    """
    condition = Q(**{f"{field}__startswith": prefix})
    if prefix and connections[queryset.db].vendor == "sqlite":
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        condition &= Q(**{f"{field}__gte": prefix, f"{field}__lt": upper})
    return condition


def by_id_number(queryset: QuerySet, value: str) -> QuerySet:
    return queryset.filter(id_number=normalize_id_number(value))


def by_registry_number(queryset: QuerySet, value: str) -> QuerySet:
    return queryset.filter(registry_number=value.strip())


def by_name(queryset: QuerySet, value: str) -> QuerySet:
    """Names starting with ``value`` (a whole name is its own prefix)."""
    return queryset.filter(_prefix(queryset, "name", value.strip()))


def by_last4(queryset: QuerySet, value: str) -> QuerySet:
    """The last four characters of the identity number (combine with a name: the index is (last4, name))."""
    return queryset.filter(id_last4=value.strip().upper())


VOWEL = re.compile(r"[aeiouv]")


def by_pinyin(queryset: QuerySet, value: str) -> QuerySet:
    """Pinyin initials (``zs`` finds 张三 and 张帅) or the start of the full pinyin (``zhangs``)."""
    text = re.sub(r"\s+", "", value).lower()
    if not VOWEL.search(text):
        # No vowel: only initials can match (every full-pinyin syllable has one), and one index range
        # scan is much cheaper than the OR with the full pinyin.
        return queryset.filter(_prefix(queryset, "name_initials", text))
    return queryset.filter(_prefix(queryset, "name_initials", text) | _prefix(queryset, "name_pinyin", text))


def _name_or_pinyin(queryset: QuerySet, text: str) -> QuerySet:
    return by_pinyin(queryset, text) if LATIN.match(text) else by_name(queryset, text)


def by_query(queryset: QuerySet, value: str) -> QuerySet:
    """The one search box: work out what was typed and search by it (see the module docstring)."""
    text = re.sub(r"\s+", "", value)
    if not text:
        return queryset
    if ID_NUMBER.match(text.upper()):
        return by_id_number(queryset, text)
    match = NAME_THEN_LAST4.match(text) or LAST4_THEN_NAME.match(text)
    if match:
        return _name_or_pinyin(by_last4(queryset, match["last4"]), match["name"])
    if LATIN.match(text):
        return by_pinyin(queryset, text)
    if HAN.search(text):
        return by_name(queryset, text)
    return by_registry_number(queryset, text)


def in_area(queryset: QuerySet, code: str) -> QuerySet:
    """People registered (户籍地) inside the division with this code and below; an unknown code finds no one.

    Written as ``hukou_division IN (subtree)`` so that the ``(hukou_division, birth_date)`` index
    serves it, with an age range as well.
    """
    division = Division.objects.filter(code=str(code).strip()).order_by("-valid_from").first()
    if division is None:
        return queryset.none()
    return queryset.filter(hukou_division__in=Division.objects.filter(path__startswith=division.path).values("pk"))


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    """Whole years of age on ``day``: one more from the birthday on (born 29 February: from 1 March in other
    years). The one age computation of the project's people."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def born_by(day: datetime.date, years: int) -> datetime.date:
    """The latest birth date of someone ``years`` old or older on ``day`` (29 February maps to the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def age_bounds(age_min: int | None = None, age_max: int | None = None, *, today: datetime.date | None = None
               ) -> tuple[datetime.date | None, datetime.date | None]:
    """``(earliest, latest)`` birth dates of people aged ``age_min`` to ``age_max`` (in whole years) ``today``.

    Someone is ``n`` from their ``n``-th birthday on; a person born on 29 February is a year older on
    1 March in other years.
    """
    today = today or timezone.localdate()
    latest = born_by(today, int(age_min)) if age_min not in (None, "") else None
    earliest = None
    if age_max not in (None, ""):
        earliest = born_by(today, int(age_max) + 1) + datetime.timedelta(days=1)
    return earliest, latest


def by_age_min(queryset: QuerySet, value) -> QuerySet:
    return queryset.filter(birth_date__lte=age_bounds(age_min=value)[1])


def by_age_max(queryset: QuerySet, value) -> QuerySet:
    return queryset.filter(birth_date__gte=age_bounds(age_max=value)[0])


def _statuses(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def by_status(queryset: QuerySet, value) -> QuerySet:
    return queryset.filter(status__in=_statuses(value))


def without_merged(queryset: QuerySet) -> QuerySet:
    """Leave out records merged into another one (they remain reachable from the record they joined).

    ``merge_persons`` sets the status; testing ``merged_into IS NULL`` instead would tempt a planner
    without statistics into the foreign key's index, which nearly every row matches.
    """
    return queryset.exclude(status=PersonStatus.MERGED)


#: Search parameter -> ``filter(queryset, value)``; the parameters of the pages, the API and ``search_persons``.
CRITERIA: dict[str, Callable[[QuerySet, Any], QuerySet]] = {
    "q": by_query,
    "id_number": by_id_number,
    "registry_number": by_registry_number,
    "name": by_name,
    "last4": by_last4,
    "pinyin": by_pinyin,
    "area": in_area,
    "age_min": by_age_min,
    "age_max": by_age_max,
    "status": by_status,
}


def filter_persons(queryset: QuerySet, params: Mapping[str, Any]) -> QuerySet:
    """``queryset`` narrowed by every non-empty parameter of ``CRITERIA`` in ``params``; merged records left
    out unless ``status`` asks for them. Unknown parameters are ignored."""
    for name, criterion in CRITERIA.items():
        value = params.get(name)
        if value not in (None, "", [], ()):
            queryset = criterion(queryset, value)
    if PersonStatus.MERGED not in _statuses(params.get("status") or []):
        queryset = without_merged(queryset)
    return queryset


def search_persons(user, params: Mapping[str, Any]) -> QuerySet:
    """The people ``user`` may view that match ``params`` (see ``CRITERIA``), in name order.

    Args:
        user: the person searching; nothing outside their area is ever considered.
        params: search parameters as typed (strings) or already cleaned (numbers, lists).
    """
    return filter_persons(Person.objects.restrict(user, "view"), params)
