"""Birth date and sex of a person in a check: the values given, or what the identity number encodes."""

import datetime

from minzheng.registry import idcard
from minzheng.registry.choices import Sex

__all__ = ["identity"]


def identity(person, on: datetime.date) -> tuple[datetime.date | None, str | None, str | None]:
    """``(birth_date, sex, reason)`` of ``person`` (anything with ``id_number``, ``birth_date`` and ``sex``).

    ``birth_date`` and ``sex`` given on the person win over the identity number, which fills in
    what is missing (``registry.idcard.parse``, with ``on`` as the latest possible birth date).
    ``reason`` is the translated error of an invalid identity number, else ``None``; an invalid
    number encodes nothing. A birth date after ``on``, or a sex that is not a ``Sex`` value, is unknown.
    """
    born, sex = person.birth_date, person.sex
    if person.id_number:
        info = idcard.parse(person.id_number, today=on)
        if not info.valid:
            return born, sex, info.error
        born, sex = born or info.birth_date, sex or info.sex
    if born is not None and born > on:
        born = None
    if sex not in Sex.values:
        sex = None
    return born, sex, None
